/** Injection tokens and metadata keys of the gateway's security layer. */
export const PASSPORT_MINTER = Symbol('PASSPORT_MINTER');
export const TOKEN_DENYLIST = Symbol('TOKEN_DENYLIST');
export const ACCESS_REQUIREMENTS = 'shop:access-requirements';
