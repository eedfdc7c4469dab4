import { loadConfig } from '../config';
import { appSecret } from '../db/appSecrets';
import { PrismaStaffAuth } from '../db/PrismaStaffAuth';
import { StaffAuth } from '../notifications/staffAuth';
import { runCommand } from './commands/cli';
import { runStaff } from './commands/staff';

/**
 * `npm run staff -- link <association>`: prints a login link to that association's inbox.
 * While `npm start` holds the embedded database, the link is made by the server itself.
 */
async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const config = loadConfig();
  return runCommand('staff', argv, async (prisma, io) => {
    // Where the server listens by default (the server itself answers with its real address when it runs).
    const baseUrl = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
    const auth = new StaffAuth({
      store: new PrismaStaffAuth(prisma), key: () => appSecret(prisma, 'staff_link_key', config.STAFF_LINK_KEY), now: () => new Date(),
      linkMinutes: config.STAFF_LOGIN_MINUTES, sessionHours: config.STAFF_SESSION_HOURS,
    });
    return runStaff({ prisma, auth, baseUrl, linkMinutes: config.STAFF_LOGIN_MINUTES }, argv, io);
  });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`staff: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
