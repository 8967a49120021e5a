// @crmkit/elements/autoloader.js: importing it loads each crmkit element the first time its tag is in the page,
// so a page pays only for the elements it shows. It looks through the document (and the open shadow roots
// of the page's own components) once at start, and watches for elements added later. A `<crm-provider>` is
// always defined before the elements inside it upgrade. Tags it does not know are left alone.
import { Autoloader } from './autoload/autoloader.js';
import { ELEMENT_LOADERS } from './autoload/element-loaders.js';

const autoloader = new Autoloader(ELEMENT_LOADERS);
/**
 * Loads the crmkit elements under `root` now. Needed only for a shadow root the autoloader cannot have
 * seen (one a component of the page attaches after the element was added); the document is watched
 * already. Resolves once each element found has loaded (or failed, which is logged with its tag).
 */
export function discover(root: Document | Element | ShadowRoot | DocumentFragment = document): Promise<void> {
  return autoloader.discover(root);
}

/** Resolves once the elements in the page when the autoloader started have loaded (or failed). */
export const ready: Promise<void> = autoloader.start(document.documentElement);
