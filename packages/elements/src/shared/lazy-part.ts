// A part of an element that loads on first use (a dialog). The element asks for it here; the module
// registers itself as it loads, or else its default export is the part (a module that imports nothing
// else the element has: registering would put this instance into a file of its own, a request and
// ~140 bytes more for every element); the element's own entry (entries/*.ts) says how to load it, so a page
// showing only that element downloads it only if it is used. The all-in-one entry (index.ts) imports
// the module with the rest instead, so that a bundler makes one file of that entry: a dynamic import
// inside it would split shared code into chunks of their own.
export class LazyPart<T> {
  #value?: T;
  #load?: () => Promise<unknown>;

  constructor(private readonly name: string) {}

  /** Called by the part's module as it loads. */
  register(value: T): void {
    this.#value = value;
  }

  /** How to load the part's module when it is not here yet (the element's entry sets it). */
  loadWith(load: () => Promise<unknown>): void {
    this.#load = load;
  }

  /** The part if its module is here already: an element can then use it at once, not a tick later. */
  get loaded(): T | undefined {
    return this.#value;
  }

  /** The part, loading its module the first time. */
  async get(): Promise<T> {
    if (!this.#value) {
      const module = (await this.#load?.()) as { default?: T } | undefined;
      if (!this.#value && module?.default) this.register(module.default);
    }
    if (!this.#value) throw new Error(`crmkit: ${this.name} is not loaded`);
    return this.#value;
  }
}
