// A customer's own page: the server rendered the card inside its provider; this registers them. A deal
// chosen on the card, or a case chosen among the customer's cases, opens on its own page.
import '@crmkit/elements';
import './open-deal.js';
import './open-case.js';
