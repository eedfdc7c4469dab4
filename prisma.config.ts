import path from 'node:path';
import { defineConfig } from 'prisma/config';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

// Prisma 6.19 runs its schema engine as WebAssembly when a driver adapter is given,
// which is what makes the CLI work without downloading native engines (unreachable
// here). The adapter is the app's own, opened only when a command really connects:
// `migrate diff` between datamodels still connects, so BINOME_CLI_OFFLINE=1 gives it
// a throwaway in-memory PGlite instead of the real database (which may be in use).
export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  engine: 'js',
  experimental: { adapter: true },
  async adapter() {
    const open = async () => (await (await import('./db/driverAdapter')).createDriverAdapter(process.env.BINOME_CLI_OFFLINE ? 'pglite://memory' : process.env.DATABASE_URL)).factory;
    const lazy: SqlMigrationAwareDriverAdapterFactory = {
      provider: 'postgres',
      adapterName: 'binome-lazy',
      connect: async () => (await open()).connect(),
      connectToShadowDb: async () => (await open()).connectToShadowDb(),
    };
    return lazy;
  },
});
