import crypto from 'node:crypto';
import type { PrismaClient } from '@prisma/client';

/**
 * A secret generated on first use and kept in the database (the key of staff links): the
 * embedded default needs no configuration, links sent by e-mail survive restarts, and
 * every process on the same database (server, `npm run worker`) signs with the same key.
 * An environment value, when given, wins.
 */
export async function appSecret(prisma: PrismaClient, name: string, fromEnv?: string): Promise<string> {
  if (fromEnv) return fromEnv;
  const existing = await prisma.appSecret.findUnique({ where: { name } });
  if (existing) return existing.value;
  // Two processes starting together: the first insert wins, both read it back.
  await prisma.appSecret.createMany({ data: [{ name, value: crypto.randomBytes(32).toString('base64url') }], skipDuplicates: true });
  return (await prisma.appSecret.findUniqueOrThrow({ where: { name } })).value;
}
