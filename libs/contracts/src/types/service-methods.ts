/**
 * Shape shared by the *ServiceMethods maps (proto method name -> request and
 * response). Written as a mapped type so plain interfaces satisfy it.
 */
export type ServiceMethods<M> = { [K in keyof M]: { request: object; response: object } };
