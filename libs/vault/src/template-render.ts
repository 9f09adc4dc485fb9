import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** What a Vault read returns, as the fixture gives it to `secret`: KV v2 data sits under `data.data`. */
export interface FixtureSecret {
  readonly lease_duration?: number;
  readonly renewable?: boolean;
  readonly data: Record<string, unknown>;
}

export type SecretFixture = Readonly<Record<string, FixtureSecret>>;

const RENDERER_SOURCE = resolve(__dirname, '../ctmpl-render');

/**
 * Builds `ctmpl-render` (Go's real text/template with stand-ins for the
 * consul-template functions the templates call; see its main.go) into `outDir`.
 * Needs the Go toolchain (Debian: golang-go); no module is downloaded.
 */
export function buildRenderer(outDir: string): string {
  const binary = join(outDir, 'ctmpl-render');
  execFileSync('go', ['build', '-o', binary, '.'], { cwd: RENDERER_SOURCE, stdio: ['ignore', 'inherit', 'inherit'] });
  return binary;
}

/**
 * Renders every `*.ctmpl` under `templatesDir` into `outDir` (same relative
 * path, without `.ctmpl`) with `fixture` as Vault's answers, and returns the
 * secret paths each template read.
 */
export function renderTemplates(binary: string, options: { templatesDir: string; outDir: string; fixture: SecretFixture; now: Date }): Record<string, string[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'vault-fixture-'));
  try {
    const fixtureFile = join(scratch, 'fixture.json');
    writeFileSync(fixtureFile, JSON.stringify(options.fixture), { mode: 0o600 });
    const output = execFileSync(binary, ['-data', fixtureFile, '-in', options.templatesDir, '-out', options.outDir, '-now', options.now.toISOString().replace(/\.\d{3}Z$/, 'Z')], {
      encoding: 'utf8',
    });
    return JSON.parse(output) as Record<string, string[]>;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
