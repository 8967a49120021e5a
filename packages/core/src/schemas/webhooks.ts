import { z } from 'zod';
import { Id, PageQuery } from './common.js';
import { Text } from './fields.js';

/**
 * Which events an endpoint receives: `customer.created`, every change of an entity
 * (`customer.*`), or everything (`*`). An endpoint with none receives every event.
 */
export const WebhookEventType = z
  .string()
  .regex(
    /^(\*|[a-z_]+\.(\*|created|updated|deleted|restored))$/,
    'Use an event type such as customer.created, customer.* or *',
  );

/** A URL a webhook is sent to: http(s), no credentials in it (the server also checks its address). */
export const WebhookUrl = Text.max(2000).refine(
  (text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  },
  { message: 'Use an https URL without user name or password, e.g. https://erp.example.com/hooks/crm' },
);

const endpointFields = {
  url: WebhookUrl,
  description: Text.max(500),
  eventTypes: z.array(WebhookEventType).max(100),
  active: z.boolean(),
};

/** `POST /webhook-endpoints`. */
export const WebhookEndpointCreate = z.strictObject({
  url: endpointFields.url,
  description: endpointFields.description.optional(),
  eventTypes: endpointFields.eventTypes.optional(),
  active: endpointFields.active.optional(),
});
export type WebhookEndpointCreate = z.input<typeof WebhookEndpointCreate>;

/** `PATCH /webhook-endpoints/{id}`: the named fields only. Turning `active` on again clears a disablement. */
export const WebhookEndpointPatch = z.strictObject({
  url: endpointFields.url.optional(),
  description: endpointFields.description.optional(),
  eventTypes: endpointFields.eventTypes.optional(),
  active: endpointFields.active.optional(),
});
export type WebhookEndpointPatch = z.input<typeof WebhookEndpointPatch>;

/** An endpoint as the API shows it: never its secret, which is shown once (on create and rotation). */
export const WebhookEndpoint = z.object({
  id: Id,
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  /** When the kit turned it off after sustained failure, and why (null when it did not). */
  disabledAt: z.iso.datetime().nullable(),
  disabledReason: z.string().nullable(),
  /** Since when every attempt has failed; null when the last one succeeded. */
  failingSince: z.iso.datetime().nullable(),
  /** Until when the secret before the last rotation still signs (null: it no longer does). */
  previousSecretExpiresAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** The answer of a create or a rotation: the endpoint and its new secret, shown this once. */
export const WebhookEndpointWithSecret = WebhookEndpoint.extend({
  secret: z.string().describe('`whsec_` and the base64 key; verify signatures with it (Standard Webhooks)'),
});
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

/** One attempt to send a delivery. */
export const WebhookAttempt = z.object({
  at: z.iso.datetime(),
  statusCode: z.number().int().nullable().describe('Null when no answer came'),
  durationMs: z.number().int(),
  response: z.string().describe('The first 1 KB of the answer'),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const WebhookDeliveryStatus = z.enum(['pending', 'delivered', 'failed']);

/** One event sent (or to be sent) to one endpoint, with its attempts, newest first. */
export const WebhookDelivery = z.object({
  id: Id,
  endpointId: Id,
  eventId: Id.describe('The `webhook-id` header, and the id `/events` gives the same change'),
  eventType: z.string(),
  status: WebhookDeliveryStatus,
  attempts: z.array(WebhookAttempt),
  nextAttemptAt: z.iso.datetime().nullable().describe('When a pending delivery is tried next'),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  replayOf: Id.nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** The query of `GET /webhook-endpoints/{id}/deliveries`. */
export const WebhookDeliveryQuery = PageQuery.extend({ status: WebhookDeliveryStatus.optional() });
