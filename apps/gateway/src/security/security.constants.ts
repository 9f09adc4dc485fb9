/** Injection tokens and metadata keys of the gateway's security layer. */
export const PASSPORT_MINTER = Symbol('PASSPORT_MINTER');
export const TOKEN_DENYLIST = Symbol('TOKEN_DENYLIST');
/** The lab's `revocation` switch, resolved once in SecurityModule: the denylist check and logout's denial. */
export const REVOCATION_ENFORCED = Symbol('REVOCATION_ENFORCED');
export const ACCESS_REQUIREMENTS = 'shop:access-requirements';
