/**
 * A generated stretch inside a hand-written Markdown file, between
 * `<!-- generated:NAME ... -->` and `<!-- /generated:NAME -->`. Only the
 * lines between the markers belong to the generator.
 */
export interface MarkedRegion {
  /** Relative to the repository root. */
  readonly file: string;
  readonly name: string;
  render(): string;
}

const opening = (name: string) => `<!-- generated:${name} by \`npm run gen:docs\`; do not edit by hand -->`;
const closing = (name: string) => `<!-- /generated:${name} -->`;

export class MissingMarkersError extends Error {}

/** `text` with the region's content replaced; throws when the markers are missing (a generator must never guess where). */
export function replaceRegion(text: string, name: string, content: string): string {
  const start = text.indexOf(opening(name));
  const end = text.indexOf(closing(name));
  if (start < 0 || end < start) throw new MissingMarkersError(`no ${opening(name)} ... ${closing(name)} markers`);
  return `${text.slice(0, start)}${opening(name)}\n${content.trimEnd()}\n${text.slice(end)}`;
}

/** An empty region, for documents that gain one. */
export const emptyRegion = (name: string) => `${opening(name)}\n${closing(name)}`;
