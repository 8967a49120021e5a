// The trash page: the server rendered the trash inside its provider; this registers it.
import '@crmkit/elements';
