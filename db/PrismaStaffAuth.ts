import type { PrismaClient } from '@prisma/client';
import type { StaffAssociation, StaffAuthStore } from '../notifications/staffAuth';

const SELECT = { id: true, name: true, isCoordinator: true, active: true } as const;

/** Login tokens and sessions of the staff inbox on Prisma. */
export class PrismaStaffAuth implements StaffAuthStore {
  constructor(private readonly prisma: PrismaClient) {}

  association(id: string): Promise<StaffAssociation | null> {
    return this.prisma.association.findUnique({ where: { id }, select: SELECT });
  }

  associationsByEmail(email: string): Promise<StaffAssociation[]> {
    return this.prisma.association.findMany({ where: { active: true, contactEmail: { equals: email, mode: 'insensitive' } }, select: SELECT });
  }

  async createLoginToken(nonce: string, associationId: string, expiresAt: Date, now: Date): Promise<void> {
    await this.prisma.staffLoginToken.create({ data: { id: nonce, associationId, expiresAt, createdAt: now } });
  }

  emailedLinksSince(associationId: string, since: Date): Promise<number> {
    return this.prisma.notification.count({ where: { kind: 'staff_login', associationId, createdAt: { gte: since } } });
  }

  async consumeLoginToken(nonce: string, now: Date): Promise<{ ok: true; associationId: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' }> {
    // The check and the use in one conditional UPDATE: of two clicks at once, one wins.
    const { count } = await this.prisma.staffLoginToken.updateMany({ where: { id: nonce, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    const row = await this.prisma.staffLoginToken.findUnique({ where: { id: nonce }, select: { associationId: true, usedAt: true, expiresAt: true } });
    if (count === 1 && row) return { ok: true, associationId: row.associationId };
    if (!row) return { ok: false, reason: 'unknown' };
    return { ok: false, reason: row.usedAt ? 'used' : 'expired' };
  }

  async queueLoginEmail(associationId: string, nonce: string, expiresAt: Date, now: Date): Promise<void> {
    await this.prisma.notification.create({
      data: { kind: 'staff_login', associationId, payload: { nonce, exp: Math.floor(expiresAt.getTime() / 1000) }, nextAttemptAt: now, createdAt: now },
    });
  }

  async createSession(row: { id: string; associationId: string; csrfToken: string; expiresAt: Date; createdAt: Date }): Promise<void> {
    await this.prisma.staffSession.create({ data: row });
  }

  findSession(id: string, now: Date) {
    return this.prisma.staffSession.findFirst({ where: { id, expiresAt: { gt: now } }, select: { associationId: true, csrfToken: true, expiresAt: true } });
  }

  async deleteSession(id: string): Promise<void> {
    await this.prisma.staffSession.deleteMany({ where: { id } });
  }

  async purge(now: Date): Promise<number> {
    const [s, t] = await Promise.all([
      this.prisma.staffSession.deleteMany({ where: { expiresAt: { lte: now } } }),
      // Used or expired links are kept a day (a second click says "already used", not "unknown").
      this.prisma.staffLoginToken.deleteMany({ where: { expiresAt: { lte: new Date(now.getTime() - 86_400_000) } } }),
    ]);
    return s.count + t.count;
  }
}
