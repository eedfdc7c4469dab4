import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma 6.19 runs its schema engine as WebAssembly when a driver adapter is given,
// which is what makes `prisma migrate`/`generate` work without downloading native
// engines (unreachable here). The adapter is the same one the app uses.
export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  engine: 'js',
  experimental: { adapter: true },
  async adapter() {
    const { createDriverAdapter } = await import('./db/driverAdapter');
    return (await createDriverAdapter(process.env.DATABASE_URL)).factory;
  },
});
