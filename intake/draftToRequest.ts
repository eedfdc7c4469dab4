import type { Draft } from './Draft';
import { MentoringRequestSchema, type MentoringRequest } from './MentoringRequest';
import { PARENTAL_CONSENT_UNDER, type Lang } from './vocabulary';

export interface DraftMeta {
  lang: Lang;
  channel: string;
  consentAt: string | undefined;
  now: Date;
}

/** Which part of the draft is missing or invalid, as the draft names it. */
export type DraftField = 'consent' | 'age' | 'needs' | 'contact' | 'guardian' | 'other';

export type DraftResult = { ok: true; value: MentoringRequest } | { ok: false; missing: DraftField[] };

/** What every record of a conversation holds, whichever flow (a request, a volunteer's offer). */
export function sharedFields(d: Draft, meta: DraftMeta) {
  return {
    schemaVersion: 1 as const,
    locale: meta.lang,
    channel: meta.channel.slice(0, 40) || 'unknown',
    submittedAt: meta.now.toISOString(),
    firstName: d.firstName ?? null,
    age: d.age,
    place: d.place ?? null,
    meeting: d.meeting ?? 'either',
    contact: {
      email: d.email ?? null,
      phone: d.phone ?? null,
      preferred: d.contactPreference ?? (d.email ? 'email' : 'phone'),
    },
    consent: meta.consentAt ? { given: true as const, at: meta.consentAt } : undefined,
  };
}

/** Turns the conversation's answers into a validated MentoringRequest v1. */
export function draftToRequest(d: Draft, meta: DraftMeta): DraftResult {
  const candidate = {
    ...sharedFields(d, meta),
    situation: d.situation ?? null,
    needs: d.needs ?? [],
    needsOther: d.needs?.includes('other') ? d.needsOther ?? null : null,
    priorityPublics: d.priority === undefined ? null : d.priority,
    availability: d.availability ?? null,
    guardian:
      d.age !== undefined && d.age < PARENTAL_CONSENT_UNDER
        ? d.guardianName && d.guardianConsent
          ? { name: d.guardianName, email: d.guardianEmail ?? null, phone: d.guardianPhone ?? null, consentDeclared: true as const }
          : null
        : null,
  };
  const parsed = MentoringRequestSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const missing = new Set<DraftField>();
  for (const issue of parsed.error.issues) {
    const head = String(issue.path[0] ?? '');
    missing.add(
      head === 'age' ? 'age'
        : head === 'needs' ? 'needs'
          : head === 'contact' ? 'contact'
            : head === 'guardian' ? 'guardian'
              : head === 'consent' ? 'consent'
                : 'other',
    );
  }
  return { ok: false, missing: [...missing] };
}
