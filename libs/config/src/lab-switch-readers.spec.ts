import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LAB_CONTROLS, LAB_SWITCH_READERS, LAB_SWITCH_REPORTERS, type LabControl } from './lab-mode';

const ROOT = join(__dirname, '../../..');
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'coverage', '.nx']);

/** Every non-test TypeScript file of apps/ and libs/, as a path from the repo root. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [relative(ROOT, path)] : [];
  });
}

const files = [...sourceFiles(join(ROOT, 'apps')), ...sourceFiles(join(ROOT, 'libs'))];
const calls = files.flatMap((file) =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/\.isOn\(\s*([^)]*)\)/g)].map((match) => ({ file, argument: match[1].trim() })),
);

/**
 * lab-mode.ts is where a newcomer looks up a switch; this keeps its list of
 * readers true, so a switch cannot start being read somewhere unlisted.
 */
describe('LAB_SWITCH_READERS', () => {
  it('names, for every switch, exactly the files that read it', () => {
    const found = Object.fromEntries(LAB_CONTROLS.map((control) => [control, new Set<string>()])) as Record<LabControl, Set<string>>;
    for (const call of calls) {
      const literal = /^'([a-z-]+)'$/.exec(call.argument);
      if (literal && (LAB_CONTROLS as readonly string[]).includes(literal[1])) found[literal[1] as LabControl].add(call.file);
    }
    const sorted = (readers: (control: LabControl) => Iterable<string>) => Object.fromEntries(LAB_CONTROLS.map((control) => [control, [...readers(control)].sort()]));
    expect(sorted((control) => found[control])).toEqual(sorted((control) => LAB_SWITCH_READERS[control]));
  });

  it('lets only the reporting files read a switch whose name is not written out', () => {
    const dynamic = calls.filter((call) => !/^'[a-z-]+'$/.test(call.argument)).map((call) => call.file);
    expect([...new Set(dynamic)].sort()).toEqual([...LAB_SWITCH_REPORTERS].sort());
  });
});
