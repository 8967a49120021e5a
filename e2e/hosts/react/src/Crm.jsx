import '@crmkit/elements/provider.js';
import '@crmkit/elements/pipeline-board.js';
import '@crmkit/elements/customer-card.js';

export function Crm({ customerId }) {
  return (
    <crm-provider base-url="/api/crm">
      <crm-customer-card customer-id={customerId} />
      <crm-pipeline-board />
    </crm-provider>
  );
}
