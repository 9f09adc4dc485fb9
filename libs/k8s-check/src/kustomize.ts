import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export class KubectlMissingError extends Error {
  constructor(detail: string) {
    super(
      `kubectl is needed to render the manifests (\`kubectl kustomize\`, no cluster needed) and was not found (${detail}). ` +
        'Install kubectl 1.27 or newer (https://kubernetes.io/docs/tasks/tools/), or point SHOP_KUBECTL at it.',
    );
    this.name = 'KubectlMissingError';
  }
}

/** The kubectl binary: SHOP_KUBECTL when set (read by the CLI and passed in), else `kubectl` from PATH. */
export function kubectlVersion(kubectl: string): string {
  const result = spawnSync(kubectl, ['version', '--client', '--output=json'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new KubectlMissingError(result.error?.message ?? result.stderr.trim());
  const parsed = JSON.parse(result.stdout) as { clientVersion?: { gitVersion?: string }; kustomizeVersion?: string };
  return `kubectl ${parsed.clientVersion?.gitVersion ?? '?'}, kustomize ${parsed.kustomizeVersion ?? '?'}`;
}

/** `kubectl kustomize <dir>`: the objects a user would apply, as YAML. */
export function kustomize(kubectl: string, dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(kubectl, ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(new KubectlMissingError(error.message));
      else if (error) reject(new Error(`kubectl kustomize ${dir} failed:\n${stderr.trim()}`));
      else resolve(stdout);
    });
  });
}

/**
 * Renders base + components through a throw-away kustomization (kustomize
 * wants relative paths), the way an overlay would list them.
 */
export async function kustomizeCombination(kubectl: string, base: string, components: readonly string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-combination-'));
  try {
    const rel = (path: string) => relative(dir, path);
    const body = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `resources: [${JSON.stringify(rel(base))}]`,
      `components: [${components.map((c) => JSON.stringify(rel(c))).join(', ')}]`,
    ];
    writeFileSync(join(dir, 'kustomization.yaml'), `${body.join('\n')}\n`);
    return await kustomize(kubectl, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
