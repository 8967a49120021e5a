// Placing a shop order: the portal checks the form, prices it from its own catalog, and upserts
// the order into the CRM under the shop's id for it, as any shop syncing its orders would.
import type { CrmApp } from '@crmkit/server';
import type { Account } from '../auth/accounts.js';
import { messages, portalLang } from '../i18n.js';
import { MAX_QUANTITY, priceOf, PRODUCTS } from './catalog.js';

/** The system name the shop's ids go under in the CRM (`/orders/by-external-id/shop/{id}`). */
export const SHOP_SOURCE = 'shop';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The order form as sent: the customer, a quantity per product and the order's own id. */
export interface OrderForm {
  orderId: string;
  customerId: string;
  quantities: Record<string, number>;
}

/** Reads the posted form; quantities that are not whole numbers from 0 to the maximum read as invalid (NaN). */
export function readOrderForm(body: Record<string, unknown>): OrderForm {
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : '');
  const quantities: Record<string, number> = {};
  for (const p of PRODUCTS) {
    const raw = text(`qty.${p.sku}`) || '0';
    const n = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
    quantities[p.sku] = n <= MAX_QUANTITY ? n : NaN;
  }
  return { orderId: text('orderId'), customerId: text('customerId'), quantities };
}

export type PlaceResult = { placed: true; customerId: string } | { placed: false; status: 400 | 422; error: string };

/**
 * Places the order with the CRM as the signed-in user (their cookie, so the kit applies their
 * role and what they may see): created the first time, the same order again if the form is sent
 * twice (same order id).
 */
export async function placeOrder(crm: CrmApp, cookie: string, account: Account, form: OrderForm): Promise<PlaceResult> {
  const t = messages[portalLang(account.locale)].shop;
  if (!UUID.test(form.orderId) || !UUID.test(form.customerId))
    return { placed: false, status: 400, error: t.noCustomer };
  if (Object.values(form.quantities).some(Number.isNaN))
    return { placed: false, status: 400, error: t.badQuantity(MAX_QUANTITY) };
  const lines = PRODUCTS.filter((p) => form.quantities[p.sku]! > 0).map((p) => ({
    sku: p.sku,
    name: p.name.en,
    quantity: form.quantities[p.sku]!,
    unitAmount: priceOf(p, account.currency),
  }));
  if (lines.length === 0) return { placed: false, status: 400, error: t.noProducts };
  const order = {
    customerId: form.customerId.toLowerCase(),
    number: `S-${form.orderId.slice(-8).toUpperCase()}`,
    status: 'paid',
    totalAmount: lines.reduce((sum, l) => sum + l.quantity * l.unitAmount, 0),
    currency: account.currency,
    placedAt: new Date().toISOString(),
    lines,
  };
  const res = await crm.request(`/orders/by-external-id/${SHOP_SOURCE}/${form.orderId.toLowerCase()}`, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(order),
  });
  if (res.status === 200 || res.status === 201) return { placed: true, customerId: order.customerId };
  // The kit's answer says why (a customer this user may not see, a hook's refusal): shown as it is.
  const problem = (await res.json().catch(() => ({}))) as { detail?: string };
  if (res.status >= 500 || !problem.detail) throw new Error(`The kit answered ${res.status} for a shop order`);
  return { placed: false, status: 422, error: `${t.refused} ${problem.detail}` };
}
