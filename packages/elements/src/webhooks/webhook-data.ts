// The kit's webhook routes as the element calls them. The typed client has no webhook methods:
// these requests go through its `request`, typed with the contract's own schemas.
import type {
  CrmClient,
  Page,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointPatch,
} from '@crmkit/core';
import type { WebhookEndpointWithSecret } from '@crmkit/core';

const endpoint = (id: string) => `/webhook-endpoints/${encodeURIComponent(id)}`;

/** Deliveries a page asks for. */
const PAGE = 10;

/** The entities whose changes an endpoint may ask for, in the order the form offers them. */
export const ENTITIES = [
  'customer',
  'contact',
  'lead',
  'opportunity',
  'activity',
  'order',
  'case',
  'campaign',
  'segment',
  'pipeline',
  'user',
  'team',
] as const;
export type WebhookEntity = (typeof ENTITIES)[number];

/** What happens to a record, as its event types name it. */
export const ACTIONS = ['created', 'updated', 'deleted', 'restored'] as const;

export function listEndpoints(client: CrmClient, signal?: AbortSignal) {
  return client.request<{ items: WebhookEndpoint[] }>('GET', '/webhook-endpoints', { signal });
}

export function createEndpoint(client: CrmClient, body: WebhookEndpointCreate) {
  return client.request<WebhookEndpointWithSecret>('POST', '/webhook-endpoints', { body });
}

/** Changes an endpoint, if it is still at the version read (else a 412 and no change). */
export function changeEndpoint(client: CrmClient, item: WebhookEndpoint, body: WebhookEndpointPatch) {
  return client.request<WebhookEndpoint>('PATCH', endpoint(item.id), { body, version: item.version });
}

/** Turns an endpoint on or off, if it is still at the version read. */
export const setActive = (client: CrmClient, item: WebhookEndpoint, active: boolean) =>
  changeEndpoint(client, item, { active });

export function deleteEndpoint(client: CrmClient, id: string) {
  return client.request<null>('DELETE', endpoint(id));
}

export function rotateSecret(client: CrmClient, id: string) {
  return client.request<WebhookEndpointWithSecret>('POST', `${endpoint(id)}/rotate-secret`);
}

/** Queues a `webhook.ping` to the endpoint. */
export function ping(client: CrmClient, id: string) {
  return client.request<WebhookDelivery>('POST', `${endpoint(id)}/ping`);
}

/** One page of an endpoint's deliveries, newest first. */
export function deliveriesPage(client: CrmClient, id: string, cursor: string | null, signal?: AbortSignal) {
  const query = { limit: PAGE, ...(cursor ? { cursor } : {}) };
  return client.request<Page<WebhookDelivery>>('GET', `${endpoint(id)}/deliveries`, { query, signal });
}

export function replay(client: CrmClient, deliveryId: string) {
  return client.request<WebhookDelivery>('POST', `/webhook-deliveries/${encodeURIComponent(deliveryId)}/replay`);
}
