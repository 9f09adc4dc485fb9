import { callEdges, type ServiceName } from '@shop/topology';
import type { ManagedService } from './service-processes';

/** Every service process is gone this long after a stop begins (SIGKILL past it). */
export const STOP_BOUND_MS = 25_000;

/**
 * Stages to stop the platform in: a service stops only once nothing that
 * calls it is still running, so the gateway goes first (it drains its
 * in-flight requests, which still need order, inventory...), then order
 * and auth, then inventory and payment.
 */
export function stopStages(services: readonly ServiceName[]): ServiceName[][] {
  const edges = callEdges();
  const remaining = new Set(services);
  const stages: ServiceName[][] = [];
  while (remaining.size > 0) {
    const stage = [...remaining].filter((s) => !edges.some((e) => e.to === s && remaining.has(e.from) && e.from !== s));
    // A cycle would never empty; stop the rest together rather than hang.
    const next = stage.length > 0 ? stage : [...remaining];
    stages.push(next.sort());
    for (const s of next) remaining.delete(s);
  }
  return stages;
}

/**
 * Stops services stage by stage (SIGTERM; each drains within its own bound),
 * and kills whatever is left once `boundMs` has passed since the start.
 */
export async function stopInOrder(services: readonly ManagedService[], boundMs = STOP_BOUND_MS): Promise<void> {
  const deadline = Date.now() + boundMs;
  for (const stage of stopStages(services.map((s) => s.service))) {
    const members = services.filter((s) => stage.includes(s.service));
    await Promise.all(members.map((s) => s.stop(Math.max(0, deadline - Date.now()))));
  }
}
