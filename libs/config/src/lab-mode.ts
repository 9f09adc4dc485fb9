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
  'edge-limits',
  'input-shape',
] as const;
export type LabControl = (typeof LAB_CONTROLS)[number];

/**
 * Where each switch takes effect: the only files that read it, each once,
 * while the process builds its module graph (a Nest module or provider
 * factory, or the pipeline setup before it). Everything else receives an
 * object that already decided (a configured guard, a no-op throttle, a flag
 * injected by the module), so app code never asks. lab-switch-readers.spec.ts
 * fails when a file reads a switch that is not listed here, or stops reading one that is.
 */
export const LAB_SWITCH_READERS: Readonly<Record<LabControl, readonly string[]>> = {
  // ServiceConfig.transport becomes `plaintext`: every gRPC listener and client drops TLS.
  mtls: ['libs/config/src/service-config.ts'],
  // The gRPC guard chain handed to ShopGrpcServer: peer allow-list, passport check, passport binding.
  'peer-authz': ['libs/platform/src/run-grpc-service.ts'],
  passport: ['libs/platform/src/run-grpc-service.ts'],
  'passport-binding': ['libs/platform/src/run-grpc-service.ts'],
  // `migrate` enables or disables row-level security on the owned tables.
  rls: ['libs/platform/src/database-commands.ts'],
  // OwnershipModule builds the one OwnedData (with or without the owner filter) that services inject.
  ownership: ['libs/security/ownership/src/ownership.module.ts'],
  // The RoleCheck in ServiceRuntime: every service's role checks and the gateway's AccessRequirementsGuard.
  rbac: ['libs/platform/src/build-runtime.ts'],
  // Gateway: the validation pipe's whitelist; auth: whether registration takes requested roles.
  'mass-assignment': ['apps/gateway/src/bootstrap.ts', 'apps/auth/src/auth.module.ts'],
  // Gateway: the throttlers of RateLimitModule; auth: the per-email LoginThrottle provider.
  'rate-limit': ['apps/gateway/src/rate-limit/rate-limit.module.ts', 'apps/auth/src/auth.module.ts'],
  // Gateway: the denylist check and logout's denial (SecurityModule); auth: refresh reuse detection and logout.
  revocation: ['apps/gateway/src/security/security.module.ts', 'apps/auth/src/auth.module.ts'],
  // Inventory: the SsrfGuard provider behind the image import.
  'ssrf-guard': ['apps/inventory/src/product-image/image-guard.provider.ts'],
  // Gateway: listener timeouts, per-address caps and where the concurrency slot is taken.
  'edge-limits': ['apps/gateway/src/bootstrap.ts'],
  // Gateway: the input-shape middleware (nesting depth, control characters).
  'input-shape': ['apps/gateway/src/bootstrap.ts'],
};

/**
 * Files that read every switch by name only to report it (the lab-control
 * metric, the console's edge view); they enforce nothing.
 */
export const LAB_SWITCH_REPORTERS: readonly string[] = ['libs/platform/src/build-runtime.ts', 'apps/gateway/src/web/console/edge-controls.ts'];

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
