/**
 * Edits of existing files are plain text insertions above a marker comment
 * (`// new:service inserts ... above this line`) that was added once to each
 * place the generator extends (an import list, an array, a record). No AST:
 * the marker says where, and a reviewer sees the same lines a human would add.
 */
export function insertAboveMarker(source: string, marker: string, lines: string, file: string): string {
  const at = source.indexOf(marker);
  if (at < 0) throw new Error(`${file}: marker "${marker}" not found; was it removed?`);
  const lineStart = source.lastIndexOf('\n', at) + 1;
  return source.slice(0, lineStart) + lines + source.slice(lineStart);
}

export const MARKERS = {
  contractImports: '// new:service inserts contract imports above this line',
  serviceNames: '// new:service inserts service names above this line',
  serviceEntries: '// new:service inserts service entries above this line',
  rpcLines: '// new:service inserts RPC lines above this line',
  contracts: '// new:service inserts contracts above this line',
  typeExports: '// new:service inserts type exports above this line',
} as const;
