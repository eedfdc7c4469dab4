import { computeStats, dashboardStepLabel, parisDay, type DashboardRows } from '../../notifications/dashboardStats';
import { dashboardPage, type PageContext } from '../../adapters/staff/inbox/pages';
import { inboxStatus, toItem, visibilityFor, type HandoffRow } from '../../notifications/StaffInbox';
import { REQUEST } from '../helpers/fixtures';
import { FUNNEL_ORDER, VOLUNTEER_FUNNEL_ORDER } from '../../index';
import { createI18n } from '../../locales/i18n';

const at = (s: string) => new Date(s);

describe('dashboard numbers', () => {
  const today = at('2026-11-25T12:00:00Z');
  const rows = {
    requests: [
      { id: 'r1', createdAt: at('2026-11-23T09:00:00Z'), channel: 'directline' },
      { id: 'r2', createdAt: at('2026-11-24T22:30:00Z'), channel: 'directline' }, // 23:30 in Paris: still the 24th
      { id: 'r3', createdAt: at('2026-11-24T23:30:00Z'), channel: 'emulator' }, // 00:30 in Paris: the 25th
    ],
    handoffs: [
      { requestId: 'r1', associationId: 'a', associationName: 'A', status: 'declined', progress: null, createdAt: at('2026-11-23T09:00:00Z'), decidedAt: at('2026-11-23T09:30:00Z') },
      { requestId: 'r1', associationId: 'b', associationName: 'B', status: 'accepted', progress: 'contacted', createdAt: at('2026-11-23T09:30:00Z'), decidedAt: at('2026-11-24T09:30:00Z') },
      { requestId: 'r2', associationId: 'a', associationName: 'A', status: 'expired', progress: null, createdAt: at('2026-11-24T22:30:00Z'), decidedAt: at('2026-11-25T10:00:00Z') },
      { requestId: 'r2', associationId: 'c', associationName: 'C', status: 'pending', progress: null, createdAt: at('2026-11-25T10:00:00Z'), decidedAt: null },
      { requestId: 'r3', associationId: 'b', associationName: 'B', status: 'accepted', progress: null, createdAt: at('2026-11-24T23:30:00Z'), decidedAt: at('2026-11-27T23:30:00Z') },
    ],
    funnel: [
      { day: '2026-11-24', step: 'consent', channel: 'directline', count: 10 },
      { day: '2026-11-24', step: 'consent', channel: 'emulator', count: 2 },
      { day: '2026-11-24', step: 'firstName', channel: 'directline', count: 8 },
      { day: '2026-11-24', step: 'age', channel: 'directline', count: 7 },
      { day: '2026-11-24', step: 'submitted', channel: 'directline', count: 2 },
    ],
  };

  it('counts requests per Paris day, per association, the time to the first human action, the funnel and the channels', () => {
    const s = computeStats(rows, today, 3, FUNNEL_ORDER);
    expect(s.days).toEqual([{ day: '2026-11-23', count: 1 }, { day: '2026-11-24', count: 1 }, { day: '2026-11-25', count: 1 }]);
    expect(s.perAssociation).toEqual([
      { id: 'a', name: 'A', received: 2, accepted: 0, declined: 1, rerouted: 1, waiting: 0 },
      { id: 'b', name: 'B', received: 2, accepted: 2, declined: 0, rerouted: 0, waiting: 0 },
      { id: 'c', name: 'C', received: 1, accepted: 0, declined: 0, rerouted: 0, waiting: 1 },
    ]);
    // r1: declined after 30 min (the first action, not the later acceptance); r2: a deadline passing is no action; r3: 72 h.
    expect(s.firstAction).toMatchObject({ measured: 2, waiting: 1, medianHours: 0.5, p90Hours: 72 });
    expect(s.firstAction.buckets).toEqual([{ key: 'h1', count: 1 }, { key: 'h24', count: 0 }, { key: 'd3', count: 1 }, { key: 'd7', count: 0 }, { key: 'more', count: 0 }]);
    expect(s.funnel.slice(0, 3)).toEqual([{ step: 'consent', count: 12, dropped: 4 }, { step: 'firstName', count: 8, dropped: 1 }, { step: 'age', count: 7, dropped: 5 }]);
    expect(s.funnel.at(-1)).toEqual({ step: 'submitted', count: 2, dropped: 0 });
    expect(s.channels).toEqual([{ channel: 'directline', conversations: 10, requests: 2 }, { channel: 'emulator', conversations: 2, requests: 1 }]);
    expect(parisDay(at('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
  });

  it('counts volunteers apart: they add nothing to the young people\'s numbers and show in their own rows', () => {
    const withVolunteers: DashboardRows = {
      requests: [
        ...rows.requests,
        { id: 'v1', kind: 'volunteer', createdAt: at('2026-11-24T10:00:00Z'), channel: 'directline' },
        { id: 'v2', kind: 'volunteer', createdAt: at('2026-11-25T08:00:00Z'), channel: 'telegram' },
      ],
      handoffs: [
        ...rows.handoffs,
        { requestId: 'v1', kind: 'volunteer', associationId: 'a', associationName: 'A', status: 'declined', progress: null, createdAt: at('2026-11-24T10:00:00Z'), decidedAt: at('2026-11-24T11:00:00Z') },
        { requestId: 'v1', kind: 'volunteer', associationId: 'd', associationName: 'D', status: 'pending', progress: null, createdAt: at('2026-11-24T11:00:00Z'), decidedAt: null },
        { requestId: 'v2', kind: 'volunteer', associationId: 'a', associationName: 'A', status: 'accepted', progress: null, createdAt: at('2026-11-25T08:00:00Z'), decidedAt: at('2026-11-25T09:00:00Z') },
      ],
      funnel: [
        ...rows.funnel,
        { day: '2026-11-24', step: 'volunteer.consent', channel: 'directline', count: 5 },
        { day: '2026-11-24', step: 'volunteer.age', channel: 'directline', count: 4 },
        { day: '2026-11-24', step: 'volunteer.helps', channel: 'telegram', count: 3 },
        { day: '2026-11-24', step: 'volunteer.submitted', channel: 'directline', count: 2 },
      ],
    };
    const young = computeStats(rows, today, 3, FUNNEL_ORDER, VOLUNTEER_FUNNEL_ORDER);
    const both = computeStats(withVolunteers, today, 3, FUNNEL_ORDER, VOLUNTEER_FUNNEL_ORDER);
    // Every young people's number is what it was without the volunteers.
    const { volunteers, ...youngOnly } = both;
    const { volunteers: none, ...before } = young;
    expect(youngOnly).toEqual(before);
    expect(none).toEqual({ total: 0, days: young.days.map((d) => ({ ...d, count: 0 })), perAssociation: [], funnel: [
      { step: 'volunteer.consent', count: 0, dropped: 0 }, { step: 'volunteer.submitted', count: 0, dropped: 0 },
    ] });
    // The volunteers' own rows: per Paris day, per association, their funnel.
    expect(volunteers.total).toBe(2);
    expect(volunteers.days).toEqual([{ day: '2026-11-23', count: 0 }, { day: '2026-11-24', count: 1 }, { day: '2026-11-25', count: 1 }]);
    expect(volunteers.perAssociation).toEqual([
      { id: 'a', name: 'A', received: 2, accepted: 1, declined: 1, rerouted: 0, waiting: 0 },
      { id: 'd', name: 'D', received: 1, accepted: 0, declined: 0, rerouted: 0, waiting: 1 },
    ]);
    expect(volunteers.funnel).toEqual([
      { step: 'volunteer.consent', count: 5, dropped: 1 },
      { step: 'volunteer.age', count: 4, dropped: 1 },
      { step: 'volunteer.helps', count: 3, dropped: 1 },
      { step: 'volunteer.submitted', count: 2, dropped: 0 },
    ]);

    // The page shows them under their own heading, after the young people's numbers, in both languages.
    const i18n = createI18n();
    for (const lang of ['fr', 'en'] as const) {
      const t: PageContext['t'] = (lng, key, params) => i18n.t(key, { lng, ...params }) as string;
      const c = { lang, t, path: '/staff/dashboard', query: {}, session: { association: { id: 'collectif-mentorat', name: 'Collectif', isCoordinator: true }, csrfToken: 'x'.repeat(32), expiresAt: today } } as unknown as PageContext;
      const html = dashboardPage(c, { stats: both, days: 3, stepLabel: (step) => dashboardStepLabel((key) => t(lang, key), step) });
      const at = html.indexOf('id="volunteers"');
      expect(at).toBeGreaterThan(html.indexOf('id="channels"'));
      const section = html.slice(at);
      expect(section).toContain(t(lang, 'staff.dashboard.volunteers.total', { count: 2 }));
      expect(section).toContain('<th scope="row">D</th><td class="n">1</td><td class="n">0</td><td class="n">0</td><td class="n">0</td><td class="n">1</td>');
      expect(section).toContain(`<th scope="row">${t(lang, 'staff.field.helps')}</th><td class="n">3</td>`);
      expect(section).toContain(`<th scope="row">${t(lang, 'staff.dashboard.volunteers.funnel.steps.submitted')}</th><td class="n">2</td>`);
      // D received only a volunteer: it is not among the young people's associations.
      expect(html.slice(0, at)).not.toContain('<th scope="row">D</th>');
      expect(html.slice(0, at)).toContain(t(lang, 'staff.dashboard.total', { count: 3 }));
    }
  });

  it('has a label for every funnel step and inbox status, in both languages', () => {
    const i18n = createI18n();
    for (const lng of ['fr', 'en']) {
      for (const step of FUNNEL_ORDER) {
        expect([step, i18n.exists(`staff.dashboard.funnel.steps.${step}`, { lng }) || i18n.exists(`intake.field.${step}`, { lng })]).toEqual([step, true]);
      }
      // The volunteer flow's steps too (its own questions are labelled like the staff page's fields).
      for (const step of [...FUNNEL_ORDER, ...VOLUNTEER_FUNNEL_ORDER]) {
        const label = dashboardStepLabel((key) => i18n.t(key, { lng }) as string, step);
        expect([step, label.startsWith('staff.') || label.startsWith('intake.')]).toEqual([step, false]);
      }
      for (const s of ['new', 'accepted', 'contacted', 'mentor_found', 'closed', 'declined', 'rerouted', 'withdrawn']) expect(i18n.exists(`staff.inbox.status.${s}`, { lng })).toBe(true);
    }
  });
});

describe('who sees what in the inbox', () => {
  const row = (over: Partial<HandoffRow>): HandoffRow => ({
    assignmentId: 'x', requestId: 'r', associationId: 'a', associationName: 'A', isCoordinator: false, status: 'pending', progress: null,
    createdAt: new Date(), deadlineAt: null, decidedAt: null, current: true, request: REQUEST, ...over,
  });
  const a = { associationId: 'a', isCoordinator: false };
  const b = { associationId: 'b', isCoordinator: false };
  const coord = { associationId: 'collectif-mentorat', isCoordinator: true };

  it.each([
    ['pending, current', row({}), a, 'full'],
    ['accepted, current', row({ status: 'accepted' }), a, 'full'],
    ['declined', row({ status: 'declined', current: false }), a, 'outcome'],
    ['expired (rerouted)', row({ status: 'expired', current: false }), a, 'outcome'],
    ['reassigned', row({ status: 'reassigned', current: false }), a, 'outcome'],
    ['another association', row({}), b, null],
    ['the coordinator, another association’s current request', row({}), coord, 'noContacts'],
    ['the coordinator, a declined one', row({ status: 'declined', current: false }), coord, 'outcome'],
  ] as const)('%s', (_name, r, viewer, expected) => {
    expect(visibilityFor(r, viewer)).toBe(expected);
    const item = toItem(r, viewer);
    if (expected === 'full') expect(item!.request!.contact.email).toBe('ines@example.fr');
    if (expected === 'noContacts') expect(item!.request!.contact).toMatchObject({ email: null, phone: null });
    if (expected === 'outcome') expect(item!.request).toBeNull();
  });

  it('maps handoff states to inbox statuses', () => {
    expect(['pending', 'accepted', 'declined', 'expired', 'reassigned'].map((status) => inboxStatus({ status, progress: null })))
      .toEqual(['new', 'accepted', 'declined', 'rerouted', 'rerouted']);
    expect(inboxStatus({ status: 'accepted', progress: 'mentor_found' })).toBe('mentor_found');
  });
});
