import { Client } from 'pg';

/** One young person's whole French intake typed in free text (12 messages, ending with the request stored). */
export const script = (i: number): string[] => [
  'oui', 'Inès', "j'ai 17 ans", 'je suis en terminale générale', 'je sais pas quoi faire après le bac', 'Lyon', 'aucune', 'à distance',
  'le mercredi après-midi', `ines.${i}@example.fr`, "c'est bon", 'oui',
];

/** Drops and recreates the `?schema=` of a PostgreSQL url (a bench starts empty). */
export async function resetSchema(url: string): Promise<void> {
  if (!url.startsWith('postgres')) return;
  const u = new URL(url);
  const schema = u.searchParams.get('schema');
  if (!schema) return;
  u.searchParams.delete('schema');
  const admin = new Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
}

/**
 * The best of `rounds` timings of `fn` in ms, after one warm-up call (the first call pays for
 * the JIT): backtracking is slow every time, a GC pause only once.
 */
export function bestOf(fn: () => unknown, rounds: number): number {
  fn();
  let b = Infinity;
  for (let k = 0; k < rounds; k++) {
    const s = process.hrtime.bigint();
    fn();
    b = Math.min(b, Number(process.hrtime.bigint() - s) / 1e6);
  }
  return b;
}
