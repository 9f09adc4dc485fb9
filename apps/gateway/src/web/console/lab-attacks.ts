import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';

/** dist/apps/gateway/src/web/console -> dist/apps/attack-lab/src/main.js (`npm run attack`). */
const ATTACK_CLI = resolve(__dirname, '../../../../attack-lab/src/main.js');
/** The slowest attacks (brute force, the transport sweep) take tens of seconds on a busy machine. */
const RUN_TIMEOUT_MS = 90_000;

export interface LabAttackInfo {
  readonly id: string;
  readonly title: string;
  readonly controls: readonly string[];
}

export interface LabAttackRun extends LabAttackInfo {
  readonly outcome: 'blocked' | 'succeeded' | 'error';
  readonly evidence: string;
  readonly startedAt: number;
  readonly finishedAt: number;
}

function runCli(args: readonly string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    // No shell, fixed executable and script; the only variable argument is an id
    // checked against the CLI's own list. The child inherits this process's
    // environment (SHOP_PORT_OFFSET), as `npm run attack` would.
    execFile(process.execPath, [ATTACK_CLI, ...args], { timeout: RUN_TIMEOUT_MS, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      // Exit code 1 means "an attack succeeded": still a verdict, in stdout.
      if (stdout.trim().startsWith('[')) return resolvePromise(stdout);
      reject(new Error(stderr.trim() || error?.message || 'the attack lab printed nothing'));
    });
  });
}

/**
 * Runs the attack lab (apps/attack-lab) for the console, in lab mode only: a
 * separate process, exactly as a trainee would from a terminal, holding only
 * what the attack's scenario grants (stolen SVIDs from the dev secrets folder).
 * One run at a time; the list is read once from the CLI itself.
 */
export class LabAttacks {
  private list?: Promise<LabAttackInfo[]>;
  private running = false;

  constructor(private readonly devDir: string) {}

  /** The platform's dev folder is the parent of SECRETS_DIR (SECRETS_DIR/<service> is this service's). */
  static forSecretsDir(serviceSecretsDir: string): LabAttacks {
    return new LabAttacks(dirname(dirname(serviceSecretsDir)));
  }

  attacks(): Promise<LabAttackInfo[]> {
    this.list ??= runCli(['--list', '--json']).then((out) => JSON.parse(out) as LabAttackInfo[]);
    this.list.catch(() => (this.list = undefined));
    return this.list;
  }

  get busy(): boolean {
    return this.running;
  }

  async run(id: string): Promise<LabAttackRun | undefined> {
    const known = (await this.attacks()).find((attack) => attack.id === id);
    if (!known) return undefined;
    this.running = true;
    const startedAt = Date.now();
    try {
      const [result] = JSON.parse(await runCli(['--json', `--dev-dir=${this.devDir}`, known.id])) as Array<{ outcome: LabAttackRun['outcome']; evidence: string }>;
      return { ...known, outcome: result?.outcome ?? 'error', evidence: result?.evidence ?? 'no result', startedAt, finishedAt: Date.now() };
    } finally {
      this.running = false;
    }
  }
}
