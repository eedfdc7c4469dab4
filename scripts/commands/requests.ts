import type { PrismaClient } from '@prisma/client';
import { toCsv, type ExportRecord } from '../../intake/exportRequests';
import { MentoringRequestSchema, type MentoringRequest } from '../../intake/MentoringRequest';
import { ASSIGNMENT_ORDER, notificationsOf } from '../../db/PrismaOutbox';

/** Where a command prints: the terminal, or a buffer sent back by the server's admin API. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  /** Raw output (an export), no newline added. */
  write(text: string): void;
}

const iso = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) : '-');

/** What became of one request: its handoffs and each notification's attempts (time, transport, result, error). */
async function show(prisma: PrismaClient, id: string | undefined, io: CommandIo): Promise<number> {
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) {
    io.err(`"show" needs a request id (see "list").\n${USAGE}`);
    return 2;
  }
  {
    const r = await prisma.mentoringRequest.findUnique({ where: { id }, include: { association: { select: { name: true } } } });
    const notifications = await notificationsOf(prisma, id);
    if (!r && notifications.length === 0) {
      io.err(`No request has the id ${id} (erased, or never stored).`);
      return 1;
    }
    if (r) {
      const p = r.payload as unknown as MentoringRequest;
      io.out(`Request ${r.id}: ${r.status}, now with ${r.association?.name ?? '-'}; created ${iso(r.createdAt)} UTC; age ${p.age}, needs ${p.needs.join(',')}`);
      const assignments = await prisma.assignment.findMany({ where: { requestId: id }, orderBy: ASSIGNMENT_ORDER, include: { association: { select: { name: true } } } });
      io.out('\nHandoffs:');
      for (const a of assignments) {
        io.out(`  ${iso(a.createdAt)}  ${a.association.name}: ${a.status}${a.deadlineAt ? `, deadline ${iso(a.deadlineAt)}` : ''}${a.decidedAt ? `, decided ${iso(a.decidedAt)}` : ''}${a.declineReason ? ` (reason given)` : ''}`);
      }
    } else {
      io.out(`Request ${id}: erased; notices about it remain.`);
    }
    io.out('\nNotifications:');
    for (const n of notifications) {
      io.out(`  ${n.id}  ${n.kind} -> ${n.association?.name ?? (n.kind === 'young_person_news' ? 'the young person' : '-')}: ${n.status}, ${n.attempts} attempt(s)${n.status === 'pending' ? `, next ${iso(n.nextAttemptAt)}` : ''}${n.lastError ? `, last error ${n.lastError}` : ''}`);
      for (const a of n.attemptLog) {
        io.out(`      #${a.attempt} ${iso(a.startedAt)}  ${a.transport.padEnd(12)} ${a.result.padEnd(9)} ${a.durationMs} ms${a.error ? `  ${a.error}` : ''}  (${a.worker})`);
      }
    }
    return 0;
  }
}

export const USAGE = `Usage:
  npm run requests -- list [--limit N]             the latest requests, without contact details
  npm run requests -- show <id>                    one request's handoffs and every delivery attempt (no contact details)
  npm run requests -- export --format json|csv [--out FILE]
                                                   every request, with contact details (stdout, or FILE
                                                   created readable by its owner only)`;

/** Operators' view of stored requests. The export holds personal data: handle it as such. */
export async function runRequests(prisma: PrismaClient, argv: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  const opt = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (command === 'show') return show(prisma, rest[0], io);
  if (command !== 'list' && command !== 'export') {
    io.err(USAGE);
    return command === undefined || command === '--help' ? 0 : 2;
  }
  const format = opt('format') ?? 'json';
  if (command === 'export' && format !== 'json' && format !== 'csv') {
    io.err(`Unknown format "${format}".\n${USAGE}`);
    return 2;
  }
  const limit = Number(opt('limit') ?? 50);
  if (!Number.isInteger(limit) || limit <= 0) {
    io.err('--limit must be a positive whole number');
    return 2;
  }
  {
    const rows = await prisma.mentoringRequest.findMany({
      // Young people's requests (the export's columns); volunteers' offers are in the staff inbox.
      where: { kind: 'mentee' },
      orderBy: { createdAt: 'desc' },
      take: command === 'list' ? limit : undefined,
      include: { association: { select: { name: true } } },
    });
    if (command === 'list') {
      if (rows.length === 0) {
        io.out('No requests yet.');
        return 0;
      }
      io.out(['id', 'created (UTC)', 'status', 'association', 'age', 'dept', 'needs'].join('\t'));
      for (const r of rows) {
        const p = r.payload as unknown as MentoringRequest;
        io.out([r.id, r.createdAt.toISOString().slice(0, 16).replace('T', ' '), r.status, r.association?.name ?? '-', p.age, p.place?.departement ?? '-', p.needs.join(',')].join('\t'));
      }
      io.out(`\n${rows.length} request(s). Contact details are only in "export".`);
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
    if (invalid > 0) io.err(`Warning: ${invalid} stored request(s) do not match MentoringRequest v1; exported as stored.`);
    const content = format === 'csv' ? toCsv(records) : `${JSON.stringify(records, null, 2)}\n`;
    // The caller writes --out (readable by its owner only): the file is on its side, not the server's.
    io.write(content);
    io.err(`Exported ${records.length} request(s). This contains personal data of young people: store and share it accordingly.`);
    return 0;
  }
}

