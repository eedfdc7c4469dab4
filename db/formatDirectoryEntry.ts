import type { DirectoryProgrammeEntry } from '../routing/directorySchema';
import type { DirectoryEntry } from './directoryRepository';

/** Empty criteria mean "unknown", which never excludes: say so rather than print nothing. */
const list = (values: readonly string[], empty = 'any (not restricted)') => (values.length === 0 ? empty : values.join(', '));
const orDash = (v: string | null) => v ?? '-';
const status = (active: boolean) => (active ? 'active' : 'INACTIVE');
const day = (d: Date) => d.toISOString().slice(0, 10);

function ages(p: DirectoryProgrammeEntry): string {
  if (p.minAge === null && p.maxAge === null) return 'any (not restricted)';
  return `${p.minAge ?? '?'}–${p.maxAge ?? '?'}`;
}

function where(p: DirectoryProgrammeEntry): string {
  if (p.national) return 'national';
  const parts = [
    p.regions.length > 0 ? `regions ${p.regions.join(', ')}` : '',
    p.departements.length > 0 ? `départements ${p.departements.join(', ')}` : '',
    p.communes.length > 0 ? `communes ${p.communes.join(', ')}` : '',
  ].filter((s) => s !== '');
  return parts.length === 0 ? 'nowhere listed (not national, no area)' : parts.join('; ');
}

function programmeLines(p: DirectoryProgrammeEntry, load: number, indent: string, associationActive: boolean): string[] {
  const effective = p.active && associationActive ? 'active' : p.active ? 'inactive through its association' : 'INACTIVE';
  const capacity = p.capacityPerMonth === null ? 'no capacity set' : `capacity ${p.capacityPerMonth}${load >= p.capacityPerMonth ? ' (FULL)' : ''}`;
  return [
    `${indent}Programme ${p.id}: ${p.name} (${effective})`,
    `${indent}  requests this month: ${load}, ${capacity}`,
    `${indent}  ages:               ${ages(p)}`,
    `${indent}  situations:         ${list(p.situations)}`,
    `${indent}  school years:       ${list(p.schoolYears)}`,
    `${indent}  diploma levels:     ${list(p.diplomaLevels)}`,
    `${indent}  needs:              ${list(p.needs, 'unknown')}`,
    `${indent}  required publics:   ${list(p.requiredPublics, 'none')}`,
    `${indent}  preferred publics:  ${list(p.preferredPublics, 'none')}`,
    `${indent}  girls only:         ${p.girlsOnly ? 'yes' : 'no'}`,
    `${indent}  where:              ${where(p)}`,
    `${indent}  meets:              ${[p.inPerson ? 'in person' : '', p.remote ? 'remotely' : ''].filter(Boolean).join(' and ')}`,
    `${indent}  description (fr):   ${p.descriptionFr}`,
    `${indent}  description (en):   ${p.descriptionEn}`,
  ];
}

/** An association (with its programmes) or a programme, as staff read it in a terminal. */
export function formatDirectoryEntry(entry: DirectoryEntry): string {
  const a = entry.association;
  const period = `since ${day(entry.since)} (this month, UTC)`;
  const associationLines = [
    `Association ${a.id}: ${a.name} (${status(a.active)}${a.isCoordinator ? ', national coordinator' : ''})`,
    `  website:            ${orDash(a.website)}`,
    `  e-mail:             ${a.contactEmail ?? '- (unknown: the coordinator is told instead)'}`,
    `  phone:              ${orDash(a.contactPhone)}`,
    `  notified by:        ${a.notifyBy}${a.notifyBy === 'webhook' ? ` (${orDash(a.webhookUrl)})` : ''}`,
    `  calls back within:  ${a.responseDays} working day(s)`,
    `  sources:            ${a.sources.join('\n                      ')}`,
    `  last changed:       ${day(a.updatedAt)}`,
  ];
  if (entry.kind === 'programme') {
    return [
      ...programmeLines(entry.programme, entry.load[entry.programme.id] ?? 0, '', a.active),
      `  open requests:      ${entry.openRequests} (routed, not yet closed)`,
      `  (counts ${period})`,
      '',
      'of',
      ...associationLines,
    ].join('\n');
  }
  return [
    ...associationLines,
    `  requests ${period}: ${entry.associationRequests} (fallbacks included)`,
    `  open requests:      ${entry.openRequests} (routed or fallback, not yet closed)`,
    '',
    ...a.programmes.flatMap((p) => [...programmeLines(p, entry.load[p.id] ?? 0, '  ', a.active), '']),
  ].join('\n').trimEnd();
}
