import { z } from 'zod';

export const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
// 32 random bytes in base64url
export const personalTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
