// The change stream of an element with a client of its own (its own `base-url`), outside the one a
// `<crm-provider>` owns: the stream's code and its event-stream parser load the first time such an
// element follows changes. Each element's entry says how to load it (the part is `change-stream.ts`'s
// default export); the provider registers it, since it imports it anyway (so does the all-in-one entry).
import type { changeStreamOf } from './change-stream.js';
import { LazyPart } from './lazy-part.js';

export const ownChangeStreams = new LazyPart<typeof changeStreamOf>('the change stream');
