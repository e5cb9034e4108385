// Slows password guessing: after 5 failures for one e-mail or one address within 15 minutes,
// further attempts are refused until the window has passed. In memory: one process serves an event.
const maxFailures = 5;
const windowMs = 15 * 60 * 1000;

export type LoginLimiter = {
  isBlocked(keys: string[], now: Date): boolean;
  recordFailure(keys: string[], now: Date): void;
  reset(keys: string[]): void;
};

export function createLoginLimiter(): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: Date) =>
    (failures.get(key) ?? []).filter((t) => now.getTime() - t < windowMs);
  return {
    isBlocked: (keys, now) => keys.some((k) => recent(k, now).length >= maxFailures),
    recordFailure(keys, now) {
      for (const k of keys) failures.set(k, [...recent(k, now), now.getTime()]);
    },
    reset(keys) {
      for (const k of keys) failures.delete(k);
    },
  };
}
