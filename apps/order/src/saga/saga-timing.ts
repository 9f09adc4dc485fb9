/** From ServiceConfig.saga; injected on its own so tests can pick small values. */
export interface SagaTiming {
  /** A PENDING order older than this has given up: it may not confirm any more, and recovery cancels it. */
  readonly deadlineMs: number;
  readonly recoveryIntervalMs: number;
}
