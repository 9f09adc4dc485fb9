import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './deploy-settings';
import type { GeneratedFile } from './generated-file';
import { GENERATED_FILES, driftOf, writeGeneratedFiles } from './generated-files';

describe('generated deployment files', () => {
  it('are committed exactly as the generator writes them (run `npm run gen:deploy`)', () => {
    expect(driftOf(REPO_ROOT)).toEqual([]);
  });

  it('have unique paths', () => {
    const paths = GENERATED_FILES.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('the drift check itself', () => {
  const file: GeneratedFile = { path: 'out/sample.yaml', render: () => 'a: 1\n' };
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'deploy-drift-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reports a missing file, writes it, then reports nothing', () => {
    expect(driftOf(root, [file])).toEqual(['out/sample.yaml']);
    expect(writeGeneratedFiles(root, [file])).toEqual(['out/sample.yaml']);
    expect(readFileSync(join(root, 'out/sample.yaml'), 'utf8')).toBe('a: 1\n');
    expect(driftOf(root, [file])).toEqual([]);
    expect(writeGeneratedFiles(root, [file])).toEqual([]);
  });

  it('reports a hand edit', () => {
    writeGeneratedFiles(root, [file]);
    writeFileSync(join(root, 'out/sample.yaml'), 'a: 2\n');
    expect(driftOf(root, [file])).toEqual(['out/sample.yaml']);
  });
});
