import type { PrismaClient } from '@prisma/client';
import type { StaffAuth } from '../../notifications/staffAuth';
import { bufferIo } from '../../scripts/commands/cli';
import { runDirectory } from '../../scripts/commands/directory';
import { runRequests } from '../../scripts/commands/requests';
import { runStaff } from '../../scripts/commands/staff';
import type { AdminCommands } from './adminApi';

/**
 * The operators' commands (`npm run requests|directory|staff`) run inside the server process,
 * on its own database handle: what the admin API calls while this process holds PGlite.
 */
export function processCommands(deps: { prisma: PrismaClient; auth: StaffAuth; baseUrl: string; linkMinutes: number }): AdminCommands {
  return {
    async run(script, args, input) {
      const io = bufferIo();
      const code = script === 'requests'
        ? await runRequests(deps.prisma, args, io)
        : script === 'directory'
          ? await runDirectory(deps.prisma, args, io, input)
          : await runStaff(deps, args, io);
      return { code, stdout: io.stdout(), stderr: io.stderr() };
    },
  };
}
