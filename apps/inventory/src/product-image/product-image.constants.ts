/** Injection token of the SsrfGuard inventory fetches image URLs through. */
export const IMAGE_GUARD = Symbol('IMAGE_GUARD');
