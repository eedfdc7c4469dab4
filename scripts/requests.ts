import fs from 'node:fs';
import { loadConfig } from '../config';
import { createDatabase } from '../db/createDatabase';
import { toCsv, type ExportRecord } from '../intake/exportRequests';
import { MentoringRequestSchema, type MentoringRequest } from '../intake/MentoringRequest';
import { ASSIGNMENT_ORDER, notificationsOf } from '../db/PrismaOutbox';

const iso = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) : '-');

/** What became of one request: its handoffs and each notification's attempts (time, transport, result, error). */
async function show(id: string | undefined): Promise<number> {
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) {
    console.error(`"show" needs a request id (see "list").\n${USAGE}`);
    return 2;
  }
  const db = await createDatabase(loadConfig().DATABASE_URL);
  try {
    const r = await db.prisma.mentoringRequest.findUnique({ where: { id }, include: { association: { select: { name: true } } } });
    const notifications = await notificationsOf(db.prisma, id);
    if (!r && notifications.length === 0) {
      console.error(`No request has the id ${id} (erased, or never stored).`);
      return 1;
    }
    if (r) {
      const p = r.payload as unknown as MentoringRequest;
      console.log(`Request ${r.id}: ${r.status}, now with ${r.association?.name ?? '-'}; created ${iso(r.createdAt)} UTC; age ${p.age}, needs ${p.needs.join(',')}`);
      const assignments = await db.prisma.assignment.findMany({ where: { requestId: id }, orderBy: ASSIGNMENT_ORDER, include: { association: { select: { name: true } } } });
      console.log('\nHandoffs:');
      for (const a of assignments) {
        console.log(`  ${iso(a.createdAt)}  ${a.association.name}: ${a.status}${a.deadlineAt ? `, deadline ${iso(a.deadlineAt)}` : ''}${a.decidedAt ? `, decided ${iso(a.decidedAt)}` : ''}${a.declineReason ? ` (reason given)` : ''}`);
      }
    } else {
      console.log(`Request ${id}: erased; notices about it remain.`);
    }
    console.log('\nNotifications:');
    for (const n of notifications) {
      console.log(`  ${n.id}  ${n.kind} -> ${n.association?.name ?? (n.kind === 'young_person_news' ? 'the young person' : '-')}: ${n.status}, ${n.attempts} attempt(s)${n.status === 'pending' ? `, next ${iso(n.nextAttemptAt)}` : ''}${n.lastError ? `, last error ${n.lastError}` : ''}`);
      for (const a of n.attemptLog) {
        console.log(`      #${a.attempt} ${iso(a.startedAt)}  ${a.transport.padEnd(12)} ${a.result.padEnd(9)} ${a.durationMs} ms${a.error ? `  ${a.error}` : ''}  (${a.worker})`);
      }
    }
    return 0;
  } finally {
    await db.close();
  }
}

const USAGE = `Usage:
  npm run requests -- list [--limit N]             the latest requests, without contact details
  npm run requests -- show <id>                    one request's handoffs and every delivery attempt (no contact details)
  npm run requests -- export --format json|csv [--out FILE]
                                                   every request, with contact details (stdout, or FILE
                                                   created readable by its owner only)`;

/** Operators' view of stored requests. The export holds personal data: handle it as such. */
async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const opt = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (command === 'show') return show(rest[0]);
  if (command !== 'list' && command !== 'export') {
    console.error(USAGE);
    return command === undefined || command === '--help' ? 0 : 2;
  }
  const format = opt('format') ?? 'json';
  if (command === 'export' && format !== 'json' && format !== 'csv') {
    console.error(`Unknown format "${format}".\n${USAGE}`);
    return 2;
  }
  const limit = Number(opt('limit') ?? 50);
  if (!Number.isInteger(limit) || limit <= 0) {
    console.error('--limit must be a positive whole number');
    return 2;
  }
  const db = await createDatabase(loadConfig().DATABASE_URL);
  try {
    const rows = await db.prisma.mentoringRequest.findMany({
      orderBy: { createdAt: 'desc' },
      take: command === 'list' ? limit : undefined,
      include: { association: { select: { name: true } } },
    });
    if (command === 'list') {
      if (rows.length === 0) {
        console.log('No requests yet.');
        return 0;
      }
      console.log(['id', 'created (UTC)', 'status', 'association', 'age', 'dept', 'needs'].join('\t'));
      for (const r of rows) {
        const p = r.payload as unknown as MentoringRequest;
        console.log([r.id, r.createdAt.toISOString().slice(0, 16).replace('T', ' '), r.status, r.association?.name ?? '-', p.age, p.place?.departement ?? '-', p.needs.join(',')].join('\t'));
      }
      console.log(`\n${rows.length} request(s). Contact details are only in "export".`);
      return 0;
    }
    let invalid = 0;
    const records: ExportRecord[] = rows.map((r) => {
      // Parsing restores the schema's field order (JSONB reorders keys) and checks what is stored.
      const parsed = MentoringRequestSchema.safeParse(r.payload);
      if (!parsed.success) invalid++;
      return {
        id: r.id,
        status: r.status,
        createdAt: r.createdAt.toISOString(),
        ...(parsed.success ? parsed.data : (r.payload as unknown as MentoringRequest)),
        routing: { associationId: r.associationId, associationName: r.association?.name ?? null, programmeId: r.programmeId, decision: r.routing },
      };
    });
    if (invalid > 0) console.error(`Warning: ${invalid} stored request(s) do not match MentoringRequest v1; exported as stored.`);
    const content = format === 'csv' ? toCsv(records) : `${JSON.stringify(records, null, 2)}\n`;
    const out = opt('out');
    if (out) {
      // Readable by its owner only: it holds minors' names and contacts.
      fs.writeFileSync(out, content, { mode: 0o600 });
      fs.chmodSync(out, 0o600);
    } else {
      process.stdout.write(content);
    }
    console.error(`Exported ${records.length} request(s)${out ? ` to ${out}` : ''}. This contains personal data of young people: store and share it accordingly.`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`requests: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
