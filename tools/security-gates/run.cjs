// `npm run check:security`: runs every gate, prints how long each took, and
// exits non-zero if any gate failed.
const { GATES } = require('./gates.cjs');

const results = [];
for (const gate of GATES) {
  const started = Date.now();
  process.stdout.write(`\n--- ${gate.name}\n`);
  const result = gate.run();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`${result.output.trim().split('\n').slice(-25).join('\n')}\n`);
  results.push({ name: gate.name, ok: result.ok, seconds });
}
process.stdout.write('\nsecurity gates:\n');
for (const r of results) process.stdout.write(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.seconds.padStart(6)} s  ${r.name}\n`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
