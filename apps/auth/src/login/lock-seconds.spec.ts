import { lockSeconds } from './login-throttle';

describe('lockSeconds', () => {
  it.each([0, 1, 4])('lets %s failures through without waiting', (failures) => {
    expect(lockSeconds(failures)).toBe(0);
  });

  it.each([
    [5, 1],
    [6, 2],
    [7, 4],
    [8, 8],
    [14, 512],
  ])('waits after %s failures for %s s', (failures, seconds) => {
    expect(lockSeconds(failures)).toBe(seconds);
  });

  it.each([15, 16, 100, 10_000])('never waits longer than 15 minutes (%s failures)', (failures) => {
    expect(lockSeconds(failures)).toBe(900);
  });
});
