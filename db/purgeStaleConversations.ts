import type { PrismaClient } from '@prisma/client';

/**
 * Deletes conversation states nobody touched since `before`: an unfinished form must
 * not keep a young person's answers forever. Sent requests live in their own table and
 * are not affected.
 */
export async function purgeStaleConversations(prisma: PrismaClient, before: Date): Promise<number> {
  const { count } = await prisma.botState.deleteMany({ where: { updatedAt: { lt: before } } });
  return count;
}
