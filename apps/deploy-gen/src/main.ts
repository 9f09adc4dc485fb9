import { GENERATED_FILES, REPO_ROOT, driftOf, writeGeneratedFiles } from '@shop/deploy';

/**
 * `npm run gen:deploy`: writes every deployment file derived from the
 * topology (compose networks, NetworkPolicies, AuthorizationPolicies...).
 * `npm run gen:deploy -- --check`: writes nothing, exits 1 when a committed
 * file differs from what would be written.
 */
function main(argv: readonly string[]): number {
  if (argv.includes('--check')) {
    const drift = driftOf(REPO_ROOT);
    if (drift.length === 0) {
      process.stdout.write(`${GENERATED_FILES.length} generated deployment files are up to date.\n`);
      return 0;
    }
    process.stderr.write(`Out of date (run \`npm run gen:deploy\`):\n${drift.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  const changed = writeGeneratedFiles(REPO_ROOT);
  process.stdout.write(changed.length === 0 ? 'Nothing to change.\n' : `Wrote:\n${changed.map((p) => `  ${p}`).join('\n')}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
