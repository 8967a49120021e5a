// Finds crmkit tags in a page and loads each element's code the first time its tag shows up. What it looks
// at: the light DOM of the document and of every open shadow root it can reach from there (a host page's
// own components), now and as nodes are added later. What it skips: the shadow roots of crmkit elements,
// since each element's module already registers everything it draws inside itself.
import type { ElementLoader } from './element-loaders.js';

const PROVIDER = 'crm-provider';
const PREFIX = 'crm-';

/** The part of the custom element registry the autoloader reads: is a tag defined already? */
export type Registry = Pick<CustomElementRegistry, 'get'>;

/** Loads the element of each crmkit tag it finds under the roots it is given, once per tag. */
export class Autoloader {
  /** Each tag's load, started the first time the tag is seen, so that a tag seen again imports once. */
  readonly #loads = new Map<string, Promise<void>>();
  readonly #observer = new MutationObserver((records) => this.#added(records));

  constructor(
    private readonly loaders: Readonly<Record<string, ElementLoader>>,
    private readonly registry: Registry = customElements,
  ) {}

  /** Loads the elements under `root` now, and those added under it later. */
  start(root: Document | Element | ShadowRoot): Promise<void> {
    this.#observer.observe(root, { childList: true, subtree: true });
    return this.discover(root);
  }

  /** Stops watching for added elements (loads under way finish). */
  stop(): void {
    this.#observer.disconnect();
  }

  /**
   * Loads the crmkit elements under `root` (itself included) that are not defined yet. Resolves once each
   * has loaded or failed: a failure is logged with its tag and does not stop the others.
   */
  discover(root: Document | Element | ShadowRoot | DocumentFragment): Promise<void> {
    const tags = new Set<string>();
    this.#collect(root, tags);
    return this.#loadAll(tags);
  }

  #added(records: MutationRecord[]): void {
    const tags = new Set<string>();
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) this.#collect(node, tags);
    }
    void this.#loadAll(tags);
  }

  /** Adds to `tags` the known, undefined crmkit tags under `root`, looking into open shadow roots. */
  #collect(root: ParentNode, tags: Set<string>): void {
    if (root instanceof Element) this.#visit(root, tags);
    for (const element of root.querySelectorAll('*')) this.#visit(element, tags);
  }

  #visit(element: Element, tags: Set<string>): void {
    const tag = element.localName;
    if (tag.startsWith(PREFIX)) {
      if (Object.hasOwn(this.loaders, tag) && !this.registry.get(tag)) tags.add(tag);
      return;
    }
    const shadow = element.shadowRoot;
    if (shadow) {
      // A host's component: watch its shadow root too, for crmkit elements it renders later.
      this.#observer.observe(shadow, { childList: true, subtree: true });
      this.#collect(shadow, tags);
    }
  }

  #loadAll(tags: Set<string>): Promise<void> {
    // The provider first: see #load.
    const ordered = [...tags].sort((a, b) => Number(b === PROVIDER) - Number(a === PROVIDER));
    return Promise.all(ordered.map((tag) => this.#load(tag))).then(() => undefined);
  }

  /**
   * Imports a tag's element once. Elements inside a `<crm-provider>` ask it for their context once, as
   * they connect: so while the provider loads, nothing else is defined, and each element that upgrades
   * inside a provider finds it defined and answering.
   */
  #load(tag: string): Promise<void> {
    let loading = this.#loads.get(tag);
    if (loading) return loading;
    const provider = tag === PROVIDER ? undefined : this.#loads.get(PROVIDER);
    loading = (provider ?? Promise.resolve())
      .then(() => this.loaders[tag]!())
      .then(
        () => undefined,
        (error: unknown) => console.error(`crmkit: could not load <${tag}>`, error),
      );
    this.#loads.set(tag, loading);
    return loading;
  }
}
