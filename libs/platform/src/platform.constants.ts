/** Injection tokens of the platform module. */
export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
