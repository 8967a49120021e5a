// The cases page: the server rendered the support queue inside its provider; this registers it. A case
// chosen opens on its own page.
import '@crmkit/elements';
import './open-case.js';
