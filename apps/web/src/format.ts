/** Prices are integer minor units (cents) on the wire. */
export function money(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency }).format(minor / 100);
}

export function when(iso: string): string {
  return new Date(iso).toLocaleString('en-GB');
}
