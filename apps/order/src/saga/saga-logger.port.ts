/** The few log calls the saga makes (pino's argument order). Adapter: the service's pino logger. */
export interface SagaLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
