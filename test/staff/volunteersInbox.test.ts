import { inboxPage, requestPage, type PageContext } from '../../adapters/staff/inbox/pages';
import type { MentoringRequest } from '../../intake/MentoringRequest';
import type { VolunteerOffer } from '../../intake/VolunteerOffer';
import { createI18n } from '../../locales/i18n';
import type { InboxItem } from '../../notifications/StaffInbox';

const i18n = createI18n();
const t: PageContext['t'] = (lang, key, params) => i18n.t(key, { lng: lang, ...params }) as string;
const c: PageContext = {
  lang: 'fr', t, path: '/staff/inbox', query: {},
  session: { association: { id: 'afev', name: 'AFEV', isCoordinator: false }, csrfToken: 'x'.repeat(32), expiresAt: new Date('2026-12-01T00:00:00Z') } as PageContext['session'],
};
const at = new Date('2026-11-21T10:00:00Z');
const contact = { email: 'a@example.fr', phone: null, preferred: 'email' as const };
const mentee = {
  schemaVersion: 1, locale: 'fr', channel: 'webchat', submittedAt: at.toISOString(), firstName: 'Inès', age: 17, situation: null, needs: ['school_support'], needsOther: null,
  place: null, priorityPublics: null, meeting: 'either', availability: null, contact, guardian: null, consent: { given: true, at: at.toISOString() },
} as MentoringRequest;
const volunteer: VolunteerOffer = {
  schemaVersion: 1, kind: 'volunteer', locale: 'fr', channel: 'telegram', submittedAt: at.toISOString(), firstName: 'Karim', age: 34, occupation: { kind: 'employed', detail: 'aéronautique' },
  company: 'Airbus', place: null, meeting: 'remote', time: { hoursPerMonth: 2, months: null }, helps: ['orientation'], publics: [], languages: ['fr'], contact, consent: { given: true, at: at.toISOString() },
};
const item = (id: string, kind: InboxItem['kind'], request: MentoringRequest | VolunteerOffer): InboxItem => ({
  assignmentId: `as-${id}`, requestId: `00000000-0000-4000-8000-00000000000${id}`, associationId: 'afev', associationName: 'AFEV', status: 'new', createdAt: at,
  deadlineAt: null, decidedAt: null, current: true, visibility: 'full', kind, request: request as MentoringRequest,
});

describe('the staff inbox with volunteers', () => {
  it('lists volunteers apart from young people\'s requests, each under its own heading', () => {
    const html = inboxPage(c, { items: [item('1', 'mentee', mentee), item('2', 'volunteer', volunteer)], withdrawn: [], alerts: [], associations: [], filter: '', now: at });
    const requestsAt = html.indexOf(t('fr', 'staff.inbox.nav.inbox'));
    const volunteersAt = html.indexOf(t('fr', 'staff.inbox.volunteers.title'));
    expect(requestsAt).toBeGreaterThan(-1);
    expect(volunteersAt).toBeGreaterThan(requestsAt);
    // Each appears once, in its own list.
    expect(html.slice(requestsAt, volunteersAt)).toContain('as-1');
    expect(html.slice(requestsAt, volunteersAt)).not.toContain('as-2');
    expect(html.slice(volunteersAt)).toContain('as-2');
    expect(html.slice(volunteersAt)).toContain('34 ans · En emploi · Orientation');
  });

  it('says so when there is no volunteer yet', () => {
    const html = inboxPage(c, { items: [item('1', 'mentee', mentee)], withdrawn: [], alerts: [], associations: [], filter: '', now: at });
    expect(html).toContain(t('fr', 'staff.inbox.volunteers.empty').replace(/'/g, '&#39;'));
  });

  it('a volunteer\'s page shows their fields, what the association checks, and the same actions', () => {
    const html = requestPage(c, { item: item('2', 'volunteer', volunteer), associations: [], now: at });
    for (const text of ['Bénévole qui veut devenir mentor', 'aéronautique', 'Airbus', '2 h par mois', 'Orientation', t('fr', 'staff.field.volunteerChecks').slice(0, 40)]) expect(html).toContain(text.replace(/'/g, '&#39;'));
    const mentees = requestPage(c, { item: item('1', 'mentee', mentee), associations: [], now: at });
    // The same forms (accept, decline, contacted...) as for a young person's request.
    const forms = (h: string) => [...h.matchAll(/name="action" value="(\w+)"/g)].map((m) => m[1]);
    expect(forms(html)).toEqual(forms(mentees));
    expect(forms(html).length).toBeGreaterThan(0);
  });
});
