import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The JSON lines of a service's log that match, once at least one does: pino
 * writes asynchronously, so a line may land a moment after the request that
 * caused it has been answered.
 */
export async function logLines(devDir: string, service: string, match: (line: Record<string, unknown>) => boolean, timeoutMs = 5000): Promise<Array<Record<string, unknown>>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = readFileSync(join(devDir, 'logs', `${service}.log`), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter(match);
    if (lines.length > 0 || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
