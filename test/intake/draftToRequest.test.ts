import type { Draft } from '../../intake/Draft';
import { draftToRequest } from '../../intake/draftToRequest';
import { MentoringRequestSchema } from '../../intake/MentoringRequest';

const meta = { lang: 'fr' as const, channel: 'webchat', consentAt: '2026-11-21T09:00:00.000Z', now: new Date('2026-11-21T10:00:00.000Z') };
const base: Draft = { firstName: 'Inès', age: 17, needs: ['orientation'], email: 'ines@example.fr', phone: null };

describe('draftToRequest', () => {
  it('builds a valid v1 request with defaults for skipped answers', () => {
    const r = draftToRequest(base, meta);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(MentoringRequestSchema.parse(r.value)).toEqual(r.value);
    expect(r.value).toMatchObject({
      schemaVersion: 1, locale: 'fr', channel: 'webchat', submittedAt: '2026-11-21T10:00:00.000Z', age: 17, situation: null, place: null,
      priorityPublics: null, meeting: 'either', availability: null, contact: { email: 'ines@example.fr', phone: null, preferred: 'email' },
      guardian: null, consent: { given: true, at: meta.consentAt },
    });
  });

  it.each<[string, Draft, string[]]>([
    ['no age', { ...base, age: undefined }, ['age']],
    ['no needs', { ...base, needs: [] }, ['needs']],
    ['no contact', { ...base, email: null, phone: null }, ['contact']],
    ['age outside 13-30', { ...base, age: 31 }, ['age']],
    ['under 15 without guardian', { ...base, age: 14 }, ['guardian']],
    ['under 15, guardian without consent', { ...base, age: 14, guardianName: 'Nadia', guardianEmail: 'n@example.fr' }, ['guardian']],
    ['invalid e-mail', { ...base, email: 'not-an-email' }, ['contact']],
  ])('reports what is missing: %s', (_name, draft, missing) => {
    const r = draftToRequest(draft, meta);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.missing).toEqual(missing);
  });

  it('refuses a draft without consent', () => {
    const r = draftToRequest(base, { ...meta, consentAt: undefined });
    expect(r).toEqual({ ok: false, missing: ['consent'] });
  });

  it('keeps the guardian under 15 and drops the "other" text when "other" is not a need', () => {
    const r = draftToRequest({ ...base, age: 14, guardianName: 'Nadia Benali', guardianPhone: '+33611223344', guardianEmail: null, guardianConsent: true, needsOther: 'x' }, meta);
    expect(r.ok && r.value.guardian).toEqual({ name: 'Nadia Benali', email: null, phone: '+33611223344', consentDeclared: true });
    expect(r.ok && r.value.needsOther).toBeNull();
  });
});
