/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) this summary reads. */
export interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  }>;
  /** Microseconds on the monotonic clock (the same clock as `process.hrtime`). */
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A window on the monotonic clock, in microseconds: only samples inside it count. */
export interface Window {
  readonly fromUs: number;
  readonly toUs: number;
}

export interface ProfileRow {
  readonly name: string;
  readonly sharePct: number;
}

/** Where a frame's code lives: an npm package, node's own internals, or the shop's code. */
export function ownerOf(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  if (url.startsWith('node:')) return url;
  if (url === '') return '(native)';
  const dist = url.indexOf('dist/');
  const [layer, project, folder] = dist >= 0 ? url.slice(dist + 'dist/'.length).split('/') : [];
  return layer === 'apps' || layer === 'libs' ? `${layer}/${project}/${folder}` : url;
}

type Frame = CpuProfile['nodes'][number]['callFrame'];

/** Samples per node id inside the window (start-up module loading would otherwise dominate). */
function samplesIn(profile: CpuProfile, window: Window): Map<number, number> {
  const counts = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= window.fromUs && at <= window.toUs) counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  return counts;
}

function topBy(profile: CpuProfile, window: Window, key: (frame: Frame) => string, limit: number): ProfileRow[] {
  const perNode = samplesIn(profile, window);
  const hits = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const count = perNode.get(node.id) ?? 0;
    if (node.callFrame.functionName === '(idle)' || count === 0) continue;
    total += count;
    const name = key(node.callFrame);
    hits.set(name, (hits.get(name) ?? 0) + count);
  }
  return [...hits.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, count]) => ({ name, sharePct: Math.round((count / Math.max(1, total)) * 1000) / 10 }));
}

/** Self time of the busiest functions, as a share of the non-idle samples. */
export function topFunctions(profile: CpuProfile, window: Window, limit = 15): ProfileRow[] {
  return topBy(profile, window, (f) => `${f.functionName || '(anonymous)'} ${ownerOf(f.url)}:${f.lineNumber + 1}`, limit);
}

/** Self time per package (or node module, or shop lib); steadier across refactors than line numbers. */
export function topOwners(profile: CpuProfile, window: Window, limit = 15): ProfileRow[] {
  return topBy(profile, window, (f) => (f.functionName.startsWith('(') ? f.functionName : ownerOf(f.url)), limit);
}
