import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scaffoldService } from './scaffold';
import { serviceNaming } from './service-names';

const USAGE = `usage: npm run new:service -- <name> [--callers gateway,order] [--summary "what it does"]

Scaffolds a gRPC service the way the README's "Add a service" steps do: its proto
and contract (libs/contracts), its topology entry with the next free ports and its
GetStatus allow-list line (libs/topology), the app under apps/<name> with a unit
test; then runs npm run gen:deploy and npm run gen:docs.
  --callers   workloads allowed to call it (default: gateway)
  --summary   one line for the README's services table
`;

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { callers: { type: 'string', default: 'gateway' }, summary: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length !== 1) {
    (values.help ? process.stdout : process.stderr).write(USAGE);
    return values.help ? 0 : 2;
  }
  // npm run sets the working directory to the repository root.
  const root = process.cwd();
  if (!existsSync(join(root, 'nx.json'))) throw new Error(`run it from the repository root (no nx.json in ${root})`);
  const naming = serviceNaming(positionals[0]);
  const callers = values.callers.split(',').map((c) => c.trim()).filter(Boolean);
  const summary = values.summary ?? `${naming.name}: scaffolded, answers GetStatus (say here what it does)`;
  const touched = scaffoldService({ ...naming, callers, summary }, root);
  process.stdout.write(`Wrote:\n${touched.map((p) => `  ${p}`).join('\n')}\n`);
  // The generated deployment files and README sections follow the new topology.
  // `npm run gen:deploy` compiles the new code; `gen:docs` is then run from that
  // same dist/ (what `npm run gen:docs` does after its own, identical build).
  const steps: [string, string[]][] = [
    ['npm', ['run', '--silent', 'gen:deploy']],
    [process.execPath, [join(root, 'dist/apps/docs-gen/src/main.js')]],
  ];
  for (const [command, args] of steps) {
    const run = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) return run.status ?? 1;
  }
  process.stdout.write(`\n${naming.name} is ready: \`npm start\` starts it; wire a caller's client as the README's "Add a service" says.\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`new:service: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
