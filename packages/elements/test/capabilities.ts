// Waiting for a provider to know the caller's capabilities (`GET /me`), as its elements do before
// they hide what the caller may not do.
import type { Capabilities } from '@crmkit/core';
import { ContextConsumer } from '@lit/context';
import { waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { crmContext } from '../src/shared/context.js';

/** An element that reads the capabilities its provider supplies, as any crmkit element does. */
export class CapabilitiesProbe extends LitElement {
  readonly consumer = new ContextConsumer(this, { context: crmContext, subscribe: true });
  /** Asks for them, as an element that offers something to do does. */
  get capabilities(): Capabilities | undefined {
    this.consumer.value?.wantCapabilities?.();
    return this.consumer.value?.capabilities;
  }
}
if (!customElements.get('test-capabilities-probe')) customElements.define('test-capabilities-probe', CapabilitiesProbe);

/** The capabilities `provider` supplies, once it has them. */
export async function knownCapabilities(provider: Element): Promise<Capabilities> {
  const probe = document.createElement('test-capabilities-probe') as CapabilitiesProbe;
  provider.append(probe);
  try {
    await waitUntil(() => probe.capabilities, 'no capabilities', { timeout: 5000 });
    return probe.capabilities!;
  } finally {
    probe.remove();
  }
}
