/** The spellings one service name takes across the files the generator writes. */
export interface ServiceNaming {
  /** `shipping`: topology name, app folder, SPIFFE id, proto package segment. */
  readonly name: string;
  /** `Shipping`: the gRPC service and TypeScript type prefix. */
  readonly pascal: string;
  /** `SHIPPING_V1`: the contract constant. */
  readonly contractConst: string;
}

/**
 * Lower-case letters and digits, starting with a letter: a valid proto package
 * segment, k8s name, database schema and SPIFFE path segment all at once, so
 * no later step has to escape it.
 */
const VALID_NAME = /^[a-z][a-z0-9]{1,30}$/;

export function serviceNaming(name: string): ServiceNaming {
  if (!VALID_NAME.test(name)) throw new Error(`service name "${name}" must be 2-31 lower-case letters or digits, starting with a letter (e.g. shipping)`);
  return { name, pascal: name[0].toUpperCase() + name.slice(1), contractConst: `${name.toUpperCase()}_V1` };
}
