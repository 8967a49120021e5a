// A customer's own page: the server rendered the card inside its provider; this registers them.
import '@crmkit/elements';
