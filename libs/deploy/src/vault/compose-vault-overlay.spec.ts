import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from '../deploy-settings';
import { COMPOSE_BASE } from './compose-base-names';
import { VAULT_OVERLAY_PATH } from './compose-vault-overlay';

const BASE = join(REPO_ROOT, 'docker-compose.yml');
const composeMissing = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status !== 0;
// CI installs docker-compose (.ci/run, the one apt step); a developer without it is told, CI never skips.
const describeWithCompose = composeMissing && !process.env['CI'] ? describe.skip : describe;

/** docker-compose 1.29 (Debian's), which also rejects what `docker compose` v2 would accept. */
function compose(dir: string, files: readonly string[], args: readonly string[]) {
  return spawnSync('docker-compose', [...files.flatMap((f) => ['-f', f]), ...args], { cwd: dir, encoding: 'utf8' });
}

describeWithCompose(`${VAULT_OVERLAY_PATH} with docker-compose config`, () => {
  /** `config -q` on the committed base plus `overlay` (the committed text unless given), in a scratch folder. */
  function validate(overlay = readFileSync(join(REPO_ROOT, VAULT_OVERLAY_PATH), 'utf8')) {
    const scratch = mkdtempSync(join(tmpdir(), 'vault-compose-'));
    try {
      const base = readFileSync(BASE, 'utf8');
      writeFileSync(join(scratch, 'docker-compose.yml'), base);
      writeFileSync(join(scratch, VAULT_OVERLAY_PATH), overlay);
      // Relative bind mounts (./vault/...) resolve against the files' folder, as in the repository.
      symlinkSync(join(REPO_ROOT, 'vault'), join(scratch, 'vault'));
      return compose(scratch, ['docker-compose.yml', VAULT_OVERLAY_PATH], ['config', '-q']);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  it('is valid on top of the committed docker-compose.yml', () => {
    const result = validate();
    expect([result.status, result.stderr]).toEqual([0, '']);
  });

  it('is refused when an agent names a volume nobody declares (the check can fail)', () => {
    const overlay = parse(readFileSync(join(REPO_ROOT, VAULT_OVERLAY_PATH), 'utf8')) as { services: Record<string, { volumes: string[] }> };
    overlay.services['vault-agent-order']?.volumes.push('secrets-nobody-declared:/elsewhere');
    const result = validate(stringify(overlay));
    expect([result.status, result.stderr]).toEqual([1, expect.stringContaining('secrets-nobody-declared')]);
  });

  it('relies only on services and volumes the base declares', () => {
    const base = parse(readFileSync(BASE, 'utf8')) as { services: Record<string, unknown>; volumes?: Record<string, unknown> };
    for (const name of [COMPOSE_BASE.secretsInit, COMPOSE_BASE.databaseInit, COMPOSE_BASE.postgres, ...COMPOSE_BASE.services]) expect([name, name in base.services]).toEqual([name, true]);
    for (const folder of [...COMPOSE_BASE.services, 'postgres']) expect([folder, COMPOSE_BASE.secretsVolumeOf(folder) in (base.volumes ?? {})]).toEqual([folder, true]);
  });
});
