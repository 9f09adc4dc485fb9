import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allBuilds, checkRendered, kubectlVersion, kustomize, kustomizeCombination, parseManifests, type Build, type RenderedCheck } from '@shop/k8s-check';

const USAGE = `usage: k8s-check [--tables] [--only <build>] [--kubectl <path>] [--file <rendered.yaml>]

Builds every overlay and every valid component combination under k8s/ with
\`kubectl kustomize\`, then checks each: schemas (unknown fields rejected), the
manifest gate, and NetworkPolicy / Istio policy evaluation against libs/topology.
  --tables   print the reachability matrix and the principal -> method table of each overlay
  --only     check one build (for example overlays/kind)
  --file     check an already rendered file instead of building
`;

interface Options {
  tables: boolean;
  only?: string;
  kubectl: string;
  file?: string;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { tables: false, kubectl: 'kubectl' };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i] ?? '';
    if (argv[i] === '--tables') options.tables = true;
    else if (argv[i] === '--only') options.only = value();
    else if (argv[i] === '--kubectl') options.kubectl = value();
    else if (argv[i] === '--file') options.file = value();
    else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  return options;
}

function render(build: Build, options: Options, k8sDir: string): Promise<string> {
  return build.overlay ? kustomize(options.kubectl, build.overlay) : kustomizeCombination(options.kubectl, join(k8sDir, 'base'), build.components ?? []);
}

function report(name: string, objects: number, result: RenderedCheck, printTables: boolean): void {
  process.stdout.write(`${result.problems.length === 0 ? 'PASS' : 'FAIL'}  ${name} (${objects} objects)\n`);
  for (const problem of result.problems) process.stdout.write(`      ${problem}\n`);
  if (!printTables) return;
  for (const table of result.tables) process.stdout.write(`\n  ${table.title}\n${table.lines.map((l) => `    ${l}`.trimEnd()).join('\n')}\n`);
  process.stdout.write('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.file) {
    const objects = parseManifests(readFileSync(options.file, 'utf8'), options.file);
    const result = checkRendered(objects);
    report(options.file, objects.length, result, true);
    return result.problems.length === 0 ? 0 : 1;
  }
  const k8sDir = resolve(__dirname, '../../../../k8s');
  process.stdout.write(`${kubectlVersion(options.kubectl)}\n`);
  const builds = allBuilds(k8sDir).filter((b) => !options.only || b.name === options.only);
  if (builds.length === 0) throw new Error(`no build named ${options.only}`);
  // kubectl spends most of its time waiting, so every build renders at once.
  const rendered = await Promise.all(builds.map((build) => render(build, options, k8sDir)));
  let failed = 0;
  for (const [i, build] of builds.entries()) {
    const objects = parseManifests(rendered[i], build.name);
    const result = checkRendered(objects);
    if (result.problems.length > 0) failed++;
    report(build.name, objects.length, result, options.tables && build.overlay !== undefined);
  }
  process.stdout.write(`${builds.length - failed}/${builds.length} builds pass (kustomize, schemas, manifest gate, policies = topology)\n`);
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`k8s-check: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
