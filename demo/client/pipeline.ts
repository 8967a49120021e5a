// The pipeline page: the server rendered the board and the funnel inside their provider; this
// registers them. The funnel follows the provider's change stream, so it updates itself when a deal
// moves on the board (or anywhere else). A deal opened on the board shows on its own page.
import '@crmkit/elements';
import './open-deal.js';
