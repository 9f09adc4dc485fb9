import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SERVICES, SERVICE_NAMES, isServiceName } from '@shop/topology';
import type { ServiceNaming } from './service-names';
import * as t from './templates';
import { MARKERS, insertAboveMarker } from './text-insertion';

export interface ScaffoldRequest extends ServiceNaming {
  readonly summary: string;
  readonly callers: readonly string[];
}

/** The next ports after the highest ones in use, so existing services never move. */
export function nextPorts(): { grpcPort: number; opsPort: number } {
  const specs = SERVICE_NAMES.map((name) => SERVICES[name]);
  const highest = (ports: (number | undefined)[]) => Math.max(...ports.filter((p): p is number => p !== undefined));
  return { grpcPort: highest(specs.map((s) => s.grpcPort)) + 1, opsPort: highest(specs.map((s) => s.opsPort)) + 1 };
}

function validate(request: ScaffoldRequest, root: string): void {
  if (isServiceName(request.name) || existsSync(join(root, 'apps', request.name))) throw new Error(`"${request.name}" already exists (topology or apps/${request.name})`);
  // One table cell in the README and one string literal in services.ts.
  if (/[\n\r|]/.test(request.summary)) throw new Error('--summary must be one line without "|"');
  if (request.callers.length === 0) throw new Error('give at least one caller (--callers gateway): a service nobody may call is unreachable');
  for (const caller of request.callers) {
    if (!isServiceName(caller)) throw new Error(`unknown caller "${caller}" (known: ${SERVICE_NAMES.join(', ')})`);
  }
}

/**
 * Writes, in the README's order: contract, topology, app, test. Returns the
 * files written or changed, relative to `root`. Everything is checked before
 * the first write, so a refused request leaves the tree untouched.
 */
export function scaffoldService(request: ScaffoldRequest, root: string): string[] {
  validate(request, root);
  const s: t.NewService = { ...request, ...nextPorts() };
  const touched: string[] = [];
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    touched.push(path);
  };
  const edit = (path: string, ...insertions: [marker: string, lines: string][]) => {
    let text = readFileSync(join(root, path), 'utf8');
    for (const [marker, lines] of insertions) text = insertAboveMarker(text, marker, lines, path);
    write(path, text);
  };

  // 1. Contract
  write(`libs/contracts/src/proto/shop/${s.name}/v1/${s.name}.proto`, t.protoFile(s));
  write(`libs/contracts/src/types/${s.name}.ts`, t.contractTypes(s));
  edit('libs/contracts/src/proto-files.ts', [MARKERS.contracts, t.contractConstant(s)]);
  edit('libs/contracts/src/index.ts', [MARKERS.typeExports, `export * from './types/${s.name}';\n`]);

  // 2. Topology: the name, the entry, the allow-list line
  edit(
    'libs/topology/src/services.ts',
    [MARKERS.contractImports, `  ${s.contractConst},\n`],
    [MARKERS.serviceNames, `  '${s.name}',\n`],
    [MARKERS.serviceEntries, t.topologyEntry(s)],
  );
  edit('libs/topology/src/rpc-policies.ts', [MARKERS.contractImports, `  ${s.contractConst},\n`], [MARKERS.rpcLines, t.rpcLine(s)]);

  // 3. App: Nx project files (tags give it every lint rule), then the code and its test
  execFileSync(join(root, 'tools/new-project.sh'), [`apps/${s.name}`, s.name, 'application', `scope:${s.name},type:app`], { stdio: 'inherit' });
  touched.push(`apps/${s.name}/project.json`, `apps/${s.name}/tsconfig.json`, `apps/${s.name}/jest.config.cjs`);
  write(`apps/${s.name}/README.md`, t.appReadme(s));
  write(`apps/${s.name}/src/main.ts`, t.appMain(s));
  write(`apps/${s.name}/src/status/status.module.ts`, t.statusModule());
  write(`apps/${s.name}/src/status/status.controller.ts`, t.statusController(s));
  write(`apps/${s.name}/src/status/status.controller.spec.ts`, t.statusControllerSpec(s));
  return touched;
}
