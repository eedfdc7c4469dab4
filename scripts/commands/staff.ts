import type { PrismaClient } from '@prisma/client';
import type { StaffAuth } from '../../notifications/staffAuth';
import type { CommandIo } from './requests';

export const STAFF_USAGE = `Usage:
  npm run staff -- link <association id>     a one-use login link to that association's inbox (for local use)
  npm run staff -- list                      the associations and their ids
The coordinator's inbox (every association, alerts, the dashboard): npm run staff -- link collectif-mentorat`;

/** `npm run staff`: login links to the staff inbox, printed for local use. */
export async function runStaff(deps: { prisma: PrismaClient; auth: StaffAuth; baseUrl: string; linkMinutes: number }, argv: string[], io: CommandIo): Promise<number> {
  const [command, id] = argv;
  if (command === 'list') {
    const rows = await deps.prisma.association.findMany({ orderBy: [{ isCoordinator: 'desc' }, { name: 'asc' }], select: { id: true, name: true, isCoordinator: true, active: true, contactEmail: true } });
    for (const a of rows) io.out(`${a.id.padEnd(40)} ${a.name}${a.isCoordinator ? ' (national coordinator)' : ''}${a.active ? '' : ' (inactive)'}${a.contactEmail ? '' : ' (no e-mail in the directory)'}`);
    return 0;
  }
  if (command !== 'link') {
    io.err(STAFF_USAGE);
    return command === undefined || command === '--help' ? 0 : 2;
  }
  if (!id) {
    io.err(`"link" needs an association id (see "list").\n${STAFF_USAGE}`);
    return 2;
  }
  const link = await deps.auth.issueLink(id, deps.baseUrl);
  if (!link) {
    io.err(`No active association has the id "${id}" (see: npm run staff -- list).`);
    return 1;
  }
  io.out(link.url);
  io.err(`One-use login link to the inbox of ${link.association.name}${link.association.isCoordinator ? ' (every association, alerts, dashboard)' : ''}, valid ${deps.linkMinutes} minutes. Anyone with it can log in: do not share it.`);
  return 0;
}
