import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTACKS } from '@shop/attack-lab';
import { SERVICE_NAMES } from '@shop/topology';
import { REGIONS, REPO_ROOT, docsDrift, writeDocs } from './regions';

describe('generated doc sections', () => {
  it('are up to date in the committed docs (run `npm run gen:docs` when this fails)', () => {
    expect(docsDrift()).toEqual([]);
  });

  it('name every attack of the catalogue and its count, and every service', () => {
    const controls = readFileSync(join(REPO_ROOT, 'docs/controls/README.md'), 'utf8');
    expect(controls).toContain(`**${ATTACKS.length} attacks**`);
    for (const attack of ATTACKS) expect(controls).toContain(`| \`${attack.id}\` |`);
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    // eslint-disable-next-line security/detect-non-literal-regexp -- service names from the topology: [a-z0-9] only
    for (const name of SERVICE_NAMES) expect(readme).toMatch(new RegExp(`^\\| ${name} \\|`, 'm'));
  });
});

describe('the drift check itself', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'docs-drift-'));
    for (const file of new Set(REGIONS.map((r) => r.file))) cpSync(join(REPO_ROOT, file), join(root, file), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('notices a hand edit inside a generated section, and gen:docs repairs it', () => {
    const file = join(root, 'docs/controls/README.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\*\*\d+ attacks\*\*/, '**27 attacks**'));
    expect(docsDrift(root)).toEqual(['docs/controls/README.md']);
    expect(writeDocs(root)).toEqual(['docs/controls/README.md']);
    expect(docsDrift(root)).toEqual([]);
  });

  it('refuses a document whose markers were removed', () => {
    const file = join(root, 'README.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/<!-- \/generated:services -->/, ''));
    expect(() => docsDrift(root)).toThrow(/markers/);
  });
});

