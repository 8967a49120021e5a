// The website's contact page (another site than the portal): only the lead form, which posts to the
// portal's kit across origins, as a shop or company site embeds it.
import '@crmkit/elements/lead-form.js';
