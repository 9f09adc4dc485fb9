import { REGIONS, docsDrift, writeDocs } from './regions';

/**
 * `npm run gen:docs`: regenerates the stretches of the hand-written docs that
 * derive from code (the README's call graph and services table from the
 * topology, the attack table from the lab's catalogue).
 * `npm run gen:docs -- --check`: writes nothing, exits 1 on drift.
 */
function main(argv: readonly string[]): number {
  if (argv.includes('--check')) {
    const drift = docsDrift();
    if (drift.length === 0) {
      process.stdout.write(`${REGIONS.length} generated doc sections are up to date.\n`);
      return 0;
    }
    process.stderr.write(`Out of date (run \`npm run gen:docs\`):\n${drift.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  const changed = writeDocs();
  process.stdout.write(changed.length === 0 ? 'Nothing to change.\n' : `Wrote:\n${changed.map((p) => `  ${p}`).join('\n')}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
