// The pipeline page: the server rendered the board and the funnel inside their provider; this
// registers them, and reloads the funnel after a deal moves on the board.
import type { CrmFunnelChart } from '@crmkit/elements';
import '@crmkit/elements';

const funnel = document.querySelector<CrmFunnelChart>('crm-funnel-chart');
document.addEventListener('crm-opportunity-moved', () => funnel?.reload());
