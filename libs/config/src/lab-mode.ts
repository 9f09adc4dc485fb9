/**
 * Lab mode lets a trainee switch single controls off to watch the matching
 * attack succeed. It only exists with SHOP_ENV=lab; anywhere else a request to
 * disable a control is a startup error, never a silent no-op.
 */
export const LAB_CONTROLS = [
  'mtls',
  'peer-authz',
  'passport',
  'passport-binding',
  'ownership',
  'rls',
  'rbac',
  'mass-assignment',
  'rate-limit',
  'revocation',
  'ssrf-guard',
] as const;
export type LabControl = (typeof LAB_CONTROLS)[number];

export const SHOP_ENVS = ['development', 'test', 'lab', 'production'] as const;
export type ShopEnv = (typeof SHOP_ENVS)[number];

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export class LabSwitches {
  private constructor(private readonly disabled: ReadonlySet<LabControl>) {}

  static none(): LabSwitches {
    return new LabSwitches(new Set());
  }

  /** Parses `SHOP_LAB_DISABLE` ("mtls,peer-authz"). */
  static parse(env: ShopEnv, raw: string | undefined): LabSwitches {
    const names = (raw ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (names.length === 0) return LabSwitches.none();
    if (env !== 'lab') {
      throw new ConfigError(`SHOP_LAB_DISABLE is only honoured with SHOP_ENV=lab (got SHOP_ENV=${env}); refusing to start`);
    }
    const unknown = names.filter((n) => !(LAB_CONTROLS as readonly string[]).includes(n));
    if (unknown.length > 0) {
      throw new ConfigError(`SHOP_LAB_DISABLE names unknown controls: ${unknown.join(', ')} (known: ${LAB_CONTROLS.join(', ')})`);
    }
    return new LabSwitches(new Set(names as LabControl[]));
  }

  /** True when the control is ON, which is always the case outside lab mode. */
  isOn(control: LabControl): boolean {
    return !this.disabled.has(control);
  }

  get disabledControls(): LabControl[] {
    return [...this.disabled].sort();
  }
}

/** The warning every process prints at start when it runs with controls off. */
export function labBanner(service: string, switches: LabSwitches): string | undefined {
  const off = switches.disabledControls;
  if (off.length === 0) return undefined;
  const line = '!'.repeat(78);
  return [
    line,
    `!! LAB MODE: ${service} runs with security controls SWITCHED OFF: ${off.join(', ')}`,
    '!! This is for training only. Never expose this process to real traffic.',
    line,
  ].join('\n');
}
