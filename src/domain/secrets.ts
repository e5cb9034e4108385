import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { appSecrets } from '../../db/schema.ts';
import type { Db } from '../db.ts';

export function getOrCreateSecret(db: Db, name: string, now: Date): string {
  return db.transaction(
    (tx) => {
      const existing = tx.select().from(appSecrets).where(eq(appSecrets.name, name)).get();
      if (existing) return existing.value;
      const value = randomBytes(32).toString('base64url');
      tx.insert(appSecrets).values({ name, value, createdAt: now }).run();
      return value;
    },
    { behavior: 'immediate' },
  );
}
