/**
 * Registers a custom element unless the tag is taken already, so that a page which loads two
 * copies of the library (say, two embeds bundling it separately) keeps working: the first copy
 * wins and the second one does not throw.
 */
export function define(tag: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
