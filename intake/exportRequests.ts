import type { MentoringRequest } from './MentoringRequest';

/** A stored request as operators export it: the MentoringRequest plus routing and status. */
export interface ExportRecord extends MentoringRequest {
  id: string;
  status: string;
  createdAt: string;
  routing: {
    associationId: string | null;
    associationName: string | null;
    programmeId: string | null;
    decision: unknown;
  };
}

const COLUMNS: [string, (r: ExportRecord) => unknown][] = [
  ['id', (r) => r.id],
  ['createdAt', (r) => r.createdAt],
  ['status', (r) => r.status],
  ['associationId', (r) => r.routing.associationId],
  ['associationName', (r) => r.routing.associationName],
  ['programmeId', (r) => r.routing.programmeId],
  ['schemaVersion', (r) => r.schemaVersion],
  ['locale', (r) => r.locale],
  ['channel', (r) => r.channel],
  ['submittedAt', (r) => r.submittedAt],
  ['firstName', (r) => r.firstName],
  ['age', (r) => r.age],
  ['situation', (r) => r.situation?.kind],
  ['schoolYear', (r) => r.situation?.schoolYear],
  ['diplomaLevel', (r) => r.situation?.diplomaLevel],
  ['needs', (r) => r.needs.join(';')],
  ['needsOther', (r) => r.needsOther],
  ['communeInsee', (r) => r.place?.commune],
  ['communeName', (r) => r.place?.name],
  ['postalCode', (r) => r.place?.postalCode],
  ['departement', (r) => r.place?.departement],
  ['region', (r) => r.place?.region],
  ['priorityPublics', (r) => (r.priorityPublics === null ? '' : r.priorityPublics.join(';') || 'none')],
  ['meeting', (r) => r.meeting],
  ['availability', (r) => r.availability],
  ['email', (r) => r.contact.email],
  ['phone', (r) => r.contact.phone],
  ['preferredContact', (r) => r.contact.preferred],
  ['guardianName', (r) => r.guardian?.name],
  ['guardianEmail', (r) => r.guardian?.email],
  ['guardianPhone', (r) => r.guardian?.phone],
  ['consentAt', (r) => r.consent.at],
];

/**
 * One CSV cell. Free text comes from strangers: a cell starting with = + - @ (or a tab
 * or carriage return) would run as a formula in a spreadsheet, so it is prefixed with '.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(records: ExportRecord[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const r of records) lines.push(COLUMNS.map(([, get]) => csvCell(get(r))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
