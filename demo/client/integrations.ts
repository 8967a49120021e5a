// The integrations page: the server rendered the webhook endpoints and the CSV import inside their
// provider; this registers them.
import '@crmkit/elements';
