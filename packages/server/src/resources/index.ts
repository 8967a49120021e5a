import { contactResource, customerResource } from './customers.js';
import { customFieldResource } from './custom-fields.js';
import { teamResource, userResource } from './people.js';
import { assignmentRuleResource, leadFormResource } from './lead-capture.js';
import { forecastAdjustmentResource, quotaResource } from './quotas.js';
import type { Resource } from './resource.js';
import { campaignResource, leadResource, opportunityResource, pipelineResource } from './sales.js';
import { activityResource, caseResource, orderResource, segmentResource } from './service.js';

/** Every resource of the HTTP contract, in the order of its reference. */
export const resources: Resource[] = [
  customerResource,
  contactResource,
  leadResource,
  campaignResource,
  pipelineResource,
  opportunityResource,
  activityResource,
  orderResource,
  caseResource,
  segmentResource,
  userResource,
  teamResource,
  assignmentRuleResource,
  leadFormResource,
  quotaResource,
  forecastAdjustmentResource,
  customFieldResource,
] as Resource[];
