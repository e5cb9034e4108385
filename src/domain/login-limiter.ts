// Slows password guessing without letting a guesser lock an organizer out. Failures count against
// the guesser: the (address, e-mail) pair, and the address across all e-mails (spraying). A browser
// that has signed in to that account before carries a signed device token and is counted on its
// own, so guesses from the same venue NAT or reverse proxy cannot block it. In memory: one process.
const windowMs = 15 * 60 * 1000;
const maxPerPair = 5;
const maxPerAddress = 30;
const maxPerDevice = 5;
/** past this many tracked keys, expired ones are swept so a botnet cannot grow the map forever */
const sweepAt = 10_000;

export type LoginAttempt = {
  email: string;
  /** the client's address; undefined when unknown (tests without a socket) */
  address: string | undefined;
  /** the id of a valid device token for this e-mail, when the browser has one */
  device: string | undefined;
};

export type LoginLimiter = {
  isBlocked(attempt: LoginAttempt, now: Date): boolean;
  recordFailure(attempt: LoginAttempt, now: Date): void;
  recordSuccess(attempt: LoginAttempt): void;
};

function limitsFor(a: LoginAttempt): { key: string; max: number }[] {
  if (a.device) return [{ key: `device:${a.device}`, max: maxPerDevice }];
  const address = a.address ?? 'unknown';
  return [
    { key: `pair:${address}|${a.email}`, max: maxPerPair },
    { key: `address:${address}`, max: maxPerAddress },
  ];
}

export function createLoginLimiter(): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: Date) => (failures.get(key) ?? []).filter((t) => now.getTime() - t < windowMs);
  const sweep = (now: Date) => {
    for (const key of failures.keys()) if (recent(key, now).length === 0) failures.delete(key);
  };
  return {
    isBlocked: (attempt, now) => limitsFor(attempt).some(({ key, max }) => recent(key, now).length >= max),
    recordFailure(attempt, now) {
      if (failures.size > sweepAt) sweep(now);
      for (const { key } of limitsFor(attempt)) failures.set(key, [...recent(key, now), now.getTime()]);
    },
    recordSuccess(attempt) {
      // not the address's counter: one known password must not reset guessing at other accounts
      for (const { key } of limitsFor(attempt)) if (!key.startsWith('address:')) failures.delete(key);
    },
  };
}
