/** Time, as the saga and its recovery see it. Adapter: systemClock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
