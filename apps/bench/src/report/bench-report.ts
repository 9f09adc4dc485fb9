import { cpus, totalmem } from 'node:os';
import type { PostureRun } from '../posture-run';
import type { LoadResult } from '../load/load-result';
import type { SignVerifyCost } from '../measure/passport-cost';
import type { Summary } from './summary';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
}

export interface BenchReport {
  readonly mode: 'full' | 'quick';
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly pairs: number;
  readonly machine: Machine;
  readonly ceiling: LoadResult;
  readonly passport: Record<'ES256' | 'EdDSA', SignVerifyCost>;
  readonly runs: readonly PostureRun[];
  readonly summary: Summary;
  readonly generatorCpuPct: number;
}

export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
  };
}
