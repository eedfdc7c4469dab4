import crypto from 'node:crypto';
import { PrismaDirectory } from '../../db/PrismaDirectory';
import { PrismaRequestStore } from '../../db/PrismaRequestStore';
import type { App } from '../../index';
import { submitRequest } from '../../intake/submitRequest';
import { createActionToken } from '../../notifications/signing';
import { REQUEST } from '../helpers/fixtures';

/** What the young person told, none of which a staff page may show once the request is no longer the association's. */
export const PERSONAL = { firstName: 'Inès', email: 'ines.private@example.fr', phone: '+33612345678', guardian: 'Anne Martin', guardianPhone: '+33622334455' };

/** The personal values a page shows. */
export const showsPersonal = (html: string) => Object.values(PERSONAL).filter((v) => html.includes(v));

/** A request of a 15-year-old (with a guardian) submitted and handed to an association; a staff link to it. */
export async function submitForStaff(app: App, now: number) {
  const id = crypto.randomUUID();
  const request = {
    ...REQUEST, age: 15, submittedAt: new Date(now).toISOString(),
    contact: { email: PERSONAL.email, phone: PERSONAL.phone, preferred: 'phone' as const },
    guardian: { name: PERSONAL.guardian, email: null, phone: PERSONAL.guardianPhone, consentDeclared: true as const },
  };
  await submitRequest(request, { submissionId: id, conversationKey: `test/conversations/${id}`, conversationRef: { channelId: 'binome-cli' } }, {
    directory: new PrismaDirectory(app.db.prisma), requests: new PrismaRequestStore(app.db.prisma), now: () => new Date(now),
  });
  const assignment = await app.db.prisma.assignment.findFirstOrThrow({ where: { requestId: id } });
  const token = createActionToken({ assignmentId: assignment.id, exp: Math.floor(now / 1000) + 30 * 86_400 }, await app.handoff.linkKey());
  return { id, assignment, token, link: `${app.url}/staff/a/${token}`, key: `test/conversations/${id}` };
}
