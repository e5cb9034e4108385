import type { Db } from './db.ts';
import type { Event } from './domain/events.ts';
import type { LoginLimiter } from './domain/login-limiter.ts';
import type { SignedInOrganizer } from './domain/organizers.ts';
import type { Participant } from './domain/participants.ts';
import type { LiveHub } from './live.ts';
import type { FetchPolicy } from './remote-file.ts';

export type AppDeps = {
  db: Db;
  now?: () => Date;
  /** base URL that QR codes and printed links use */
  publicUrl: string;
  /** send cookies with Secure; on when served over https */
  secureCookies?: boolean;
  /** behind a reverse proxy: take the client's address from X-Forwarded-For */
  trustProxy?: boolean;
  /** where changes are announced to live pages; one is made when not given */
  live?: LiveHub;
  /** true when SMTP_URL is set and a sender is running; otherwise mail waits in the outbox */
  mailSending?: boolean;
  /** how a program import fetches a web address; private addresses are refused by default */
  fetchPolicy?: Partial<FetchPolicy>;
};

export type AppEnv = {
  Variables: {
    db: Db;
    now: () => Date;
    publicUrl: string;
    secureCookies: boolean;
    presenceSecret: string;
    deviceSecret: string;
    trustProxy: boolean;
    loginLimiter: LoginLimiter;
    /** set by the organizer guard for every page behind the sign-in */
    organizer: SignedInOrganizer;
    /** set by requireEvent for every route under /e/:slug and /admin/e/:slug */
    event: Event;
    /** set by the personal-page guard for every route under /e/:slug/me/:token */
    me: Participant;
    live: LiveHub;
    mailSending: boolean;
    fetchPolicy: FetchPolicy;
  };
};
