import { join } from 'node:path';
import type { SupervisorEvent } from '@shop/dev-platform';

function howItEnded(event: SupervisorEvent): string {
  if (event.signal) return `killed by ${event.signal}`;
  return `exit code ${event.exitCode}`;
}

/** One friendly line per supervision event, saying what happened and where to look. */
export function describeSupervisorEvent(event: SupervisorEvent, logDir: string): string | undefined {
  const log = event.name === 'postgres' ? 'the embedded PostgreSQL' : join(logDir, `${event.name}.log`);
  switch (event.kind) {
    case 'died':
      return `! ${event.name} died (${howItEnded(event)}); the other services keep running. Log: ${log}`;
    case 'restarting':
      return `  restarting ${event.name} in ${((event.delayMs ?? 0) / 1000).toFixed(1)} s...`;
    case 'restarted':
      return `  ${event.name} is back (${((event.downMs ?? 0) / 1000).toFixed(1)} s down).`;
    case 'restart-failed':
      return `! ${event.name} failed to restart: ${event.error}; trying again. Log: ${log}`;
  }
}
