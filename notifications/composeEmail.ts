import type { MentoringRequest } from '../intake/MentoringRequest';
import { isVolunteerOffer, type VolunteerOffer } from '../intake/VolunteerOffer';
import type { Lang } from '../intake/vocabulary';

export type Translate = (lang: Lang, key: string, params?: Record<string, unknown>) => string;

/** An e-mail ready for a transport: no personal data in the subject, text and HTML bodies. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
  /** The notification id: Message-ID and X-Binome-Delivery, so a receiver can spot a duplicate. */
  deliveryId: string;
}

/** A short, quotable reference for people (the full id stays in machines' hands). */
export const shortRef = (requestId: string) => requestId.replace(/-/g, '').slice(0, 8).toUpperCase();

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const PARIS_DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long' });
const PARIS_DAY_EN = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long' });
export const formatDay = (d: Date, lang: Lang) => (lang === 'en' ? PARIS_DAY_EN : PARIS_DAY).format(d);

/** The request's fields as staff need them, label → value, in the staff's language. */
export function requestFields(requestId: string, r: MentoringRequest | VolunteerOffer, t: Translate, lang: Lang, chosenBy?: string): [string, string][] {
  if (isVolunteerOffer(r)) return volunteerFields(requestId, r, t, lang, chosenBy);
  const f = (k: string) => t(lang, `staff.field.${k}`);
  const none = f('notGiven');
  const rows: [string, string][] = [[f('reference'), shortRef(requestId)]];
  rows.push([f('firstName'), r.firstName ?? none]);
  rows.push([f('age'), t(lang, 'staff.field.yearsOld', { age: r.age })]);
  if (r.situation) {
    const parts = [t(lang, `vocab.situation.${r.situation.kind}`)];
    if (r.situation.schoolYear) parts.push(t(lang, `vocab.schoolYear.${r.situation.schoolYear}`));
    if (r.situation.diplomaLevel) parts.push(t(lang, `vocab.diploma.${r.situation.diplomaLevel}`));
    if (r.situation.detail) parts.push(r.situation.detail);
    rows.push([f('situation'), parts.join(', ')]);
  } else rows.push([f('situation'), none]);
  rows.push([f('needs'), r.needs.map((n) => t(lang, `vocab.need.${n}`)).join(', ')]);
  if (r.needsOther) rows.push([f('needsOther'), r.needsOther]);
  rows.push([f('place'), r.place ? `${r.place.name}${r.place.postalCode ? ` (${r.place.postalCode})` : ` (${r.place.departement})`}` : none]);
  rows.push([f('priority'), r.priorityPublics === null ? f('preferNotToSay') : r.priorityPublics.length === 0 ? f('none') : r.priorityPublics.map((p) => t(lang, `vocab.public.${p}`)).join(', ')]);
  rows.push([f('meeting'), t(lang, `vocab.meeting.${r.meeting}`)]);
  rows.push([f('availability'), r.availability ?? none]);
  rows.push([f('email'), r.contact.email ?? none]);
  rows.push([f('phone'), r.contact.phone ?? none]);
  rows.push([f('preferred'), t(lang, `vocab.contact.${r.contact.preferred}`)]);
  if (r.guardian) {
    rows.push([f('guardian'), [r.guardian.name, r.guardian.phone, r.guardian.email].filter(Boolean).join(' · ')]);
    rows.push(['', f('guardianConsent')]);
  }
  rows.push([f('language'), t(lang, `staff.language.${r.locale}`)]);
  if (chosenBy) rows.push([f('chosenBy'), t(lang, `staff.chosenBy.${chosenBy}`)]);
  return rows;
}

function render(paragraphsBefore: string[], fields: [string, string][], links: { label: string; url: string }[], paragraphsAfter: string[]): { text: string; html: string } {
  const text = [
    ...paragraphsBefore,
    fields.map(([k, v]) => (k ? `${k} : ${v}` : v)).join('\n'),
    ...links.map((l) => `${l.label} :\n${l.url}`),
    ...paragraphsAfter,
  ].filter(Boolean).join('\n\n');
  // Readable on a phone: one column, large text, buttons as big links; every value escaped
  // (free text typed by a young person must never become markup in staff's mail client).
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s).replace(/\n/g, '<br>')}</p>`;
  const html = [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>',
    '<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">',
    '<div style="max-width:600px;margin:0 auto">',
    ...paragraphsBefore.map(p),
    fields.length
      ? `<dl style="margin:0 0 16px">${fields.map(([k, v]) => (k ? `<dt style="font-weight:bold;margin-top:8px">${escapeHtml(k)}</dt><dd style="margin:0">${escapeHtml(v)}</dd>` : `<dd style="margin:8px 0 0;font-style:italic">${escapeHtml(v)}</dd>`)).join('')}</dl>`
      : '',
    ...links.map((l) => `<p style="margin:0 0 12px"><a href="${escapeHtml(l.url)}" style="display:inline-block;padding:12px 16px;background:#000091;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(l.label)}</a></p>`),
    ...paragraphsAfter.map(p),
    '</div></body></html>',
  ].join('');
  return { text, html };
}

/** A volunteer's offer as staff need it to call them back (nothing sensitive is in it). */
function volunteerFields(requestId: string, r: VolunteerOffer, t: Translate, lang: Lang, chosenBy?: string): [string, string][] {
  const f = (k: string) => t(lang, `staff.field.${k}`);
  const none = f('notGiven');
  const list = (group: string, codes: readonly string[]) => codes.map((c) => t(lang, `vocab.${group}.${c}`)).join(', ');
  const rows: [string, string][] = [[f('reference'), shortRef(requestId)], [f('kind'), f('kindVolunteer')]];
  rows.push([f('firstName'), r.firstName ?? none]);
  rows.push([f('age'), t(lang, 'staff.field.yearsOld', { age: r.age })]);
  rows.push([f('occupation'), r.occupation ? [t(lang, `vocab.occupation.${r.occupation.kind}`), r.occupation.detail].filter(Boolean).join(', ') : none]);
  if (r.company) rows.push([f('company'), r.company]);
  rows.push([f('place'), r.place ? `${r.place.name}${r.place.postalCode ? ` (${r.place.postalCode})` : ` (${r.place.departement})`}` : none]);
  rows.push([f('meeting'), t(lang, `vocab.meeting.${r.meeting}`)]);
  rows.push([f('time'), r.time ? [r.time.hoursPerMonth !== null ? t(lang, 'staff.field.hoursPerMonth', { hours: r.time.hoursPerMonth }) : null, r.time.months !== null ? t(lang, 'staff.field.months', { months: r.time.months }) : null].filter(Boolean).join(', ') : none]);
  rows.push([f('helps'), list('help', r.helps)]);
  rows.push([f('publics'), r.publics.length === 0 ? f('any') : list('volunteerPublic', r.publics)]);
  rows.push([f('languages'), list('language', r.languages)]);
  rows.push([f('email'), r.contact.email ?? none]);
  rows.push([f('phone'), r.contact.phone ?? none]);
  rows.push([f('preferred'), t(lang, `vocab.contact.${r.contact.preferred}`)]);
  rows.push(['', f('volunteerChecks')]);
  rows.push([f('language'), t(lang, `staff.language.${r.locale}`)]);
  if (chosenBy) rows.push([f('chosenBy'), t(lang, `staff.chosenBy.${chosenBy}`)]);
  return rows;
}

export interface NewRequestEmailInput {
  to: string;
  deliveryId: string;
  requestId: string;
  request: MentoringRequest | VolunteerOffer;
  isCoordinator: boolean;
  responseDays: number;
  deadline: Date | null;
  chosenBy?: string;
  /** `inbox`: the staff inbox (/staff/inbox), where the association sees all its requests. */
  links: { accept: string; decline: string | null; expires: Date; inbox?: string } | null;
}

/** The e-mail that hands a request over to an association's staff (always in French). */
export function newRequestEmail(input: NewRequestEmailInput, t: Translate): EmailMessage {
  const lang: Lang = 'fr';
  const ref = shortRef(input.requestId);
  // A volunteer's offer says so in its subject and first lines; the rest is the same handoff.
  const kind = isVolunteerOffer(input.request) ? 'newVolunteer' : 'newRequest';
  const intro = input.isCoordinator
    ? t(lang, `staff.email.${kind}.introCoordinator`)
    : t(lang, `staff.email.${kind}.intro`, { days: input.responseDays, deadline: input.deadline ? formatDay(input.deadline, lang) : '' });
  // Reply-to the young person only if they chose e-mail as the way to be contacted.
  const replyTo = input.request.contact.preferred === 'email' && input.request.contact.email ? input.request.contact.email : undefined;
  const links = input.links
    ? [
        { label: t(lang, 'staff.email.newRequest.accept'), url: input.links.accept },
        ...(input.links.decline ? [{ label: t(lang, 'staff.email.newRequest.decline'), url: input.links.decline }] : []),
        ...(input.links.inbox ? [{ label: t(lang, 'staff.email.newRequest.inbox'), url: input.links.inbox }] : []),
      ]
    : [];
  const after = [
    ...(input.links ? [t(lang, 'staff.email.newRequest.actionsHint', { expires: formatDay(input.links.expires, lang) })] : []),
    t(lang, replyTo ? 'staff.email.newRequest.replyTo' : 'staff.email.newRequest.noReplyTo'),
    t(lang, 'staff.email.newRequest.footer', { delivery: input.deliveryId }),
  ];
  const { text, html } = render([intro], requestFields(input.requestId, input.request, t, lang, input.chosenBy), links, after);
  return { to: input.to, subject: t(lang, `staff.email.${kind}.subject`, { ref }), text, html, replyTo, deliveryId: input.deliveryId };
}

export interface AlertEmailInput {
  to: string;
  deliveryId: string;
  requestId: string | null;
  reason: 'two_failures' | 'dead_letter' | 'no_contact' | 'receiver_gone';
  history: { association: string; status: string }[];
  error?: string | null;
}

/** An alert to the national coordinator: what happened, the history, how to look closer. No young person's data. */
export function alertEmail(input: AlertEmailInput, t: Translate): EmailMessage {
  const lang: Lang = 'fr';
  const ref = input.requestId ? shortRef(input.requestId) : '-';
  const reason = t(lang, `staff.email.alert.reason.${input.reason}`);
  const lines = [t(lang, 'staff.email.alert.intro'), reason];
  if (input.history.length) {
    lines.push([t(lang, 'staff.email.alert.history'), ...input.history.map((h) => `- ${t(lang, 'staff.email.alert.historyLine', { association: h.association, status: t(lang, `staff.email.alert.status.${h.status}`) })}`)].join('\n'));
  }
  if (input.error) lines.push(t(lang, 'staff.email.alert.detail', { error: input.error }));
  if (input.requestId) lines.push(t(lang, 'staff.email.alert.cli', { id: input.requestId }));
  const { text, html } = render(lines, [], [], [t(lang, 'staff.email.newRequest.footer', { delivery: input.deliveryId })]);
  return { to: input.to, subject: t(lang, 'staff.email.alert.subject', { reason, ref }), text, html, deliveryId: input.deliveryId };
}

/** Tells an association that a request it received was withdrawn (erased); only the reference. */
export function withdrawnEmail(input: { to: string; deliveryId: string; requestId: string }, t: Translate): EmailMessage {
  const ref = shortRef(input.requestId);
  const { text, html } = render([t('fr', 'staff.email.withdrawn.body', { ref, delivery: input.deliveryId })], [], [], []);
  return { to: input.to, subject: t('fr', 'staff.email.withdrawn.subject', { ref }), text, html, deliveryId: input.deliveryId };
}

/** News to the young person by e-mail, when their chat channel cannot receive it. */
export function youngPersonEmail(input: { to: string; deliveryId: string; lang: Lang; text: string }, t: Translate): EmailMessage {
  const { text, html } = render([input.text], [], [], [t(input.lang, 'staff.email.youngPerson.footer')]);
  return { to: input.to, subject: t(input.lang, 'staff.email.youngPerson.subject'), text, html: html.replace('lang="fr"', `lang="${input.lang}"`), deliveryId: input.deliveryId };
}

/** A login link to the staff inbox (French; single use, short-lived). No young person's data. */
export function loginEmail(input: { to: string; deliveryId: string; association: string; url: string; expires: Date }, t: Translate): EmailMessage {
  const expires = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(input.expires);
  const { text, html } = render(
    [t('fr', 'staff.inboxEmail.login.intro', { association: input.association })],
    [],
    [{ label: t('fr', 'staff.inboxEmail.login.button'), url: input.url }],
    [t('fr', 'staff.inboxEmail.login.after', { expires }), t('fr', 'staff.email.newRequest.footer', { delivery: input.deliveryId })],
  );
  return { to: input.to, subject: t('fr', 'staff.inboxEmail.login.subject', { association: input.association }), text, html, deliveryId: input.deliveryId };
}

/**
 * The same message kept, not sent, when the directory has no address for its recipient:
 * the subject and a first paragraph say so, so nobody mistakes the file for a sent e-mail.
 */
export function markedNotSent(message: EmailMessage, t: Translate): EmailMessage {
  const note = t('fr', 'staff.inboxEmail.notSent.body');
  return {
    ...message,
    to: 'not-sent@binome.invalid',
    subject: `${t('fr', 'staff.inboxEmail.notSent.subjectPrefix')} ${message.subject}`,
    text: `${note}\n\n${message.text}`,
    html: message.html.replace('<div style="max-width:600px;margin:0 auto">', `<div style="max-width:600px;margin:0 auto"><p style="margin:0 0 16px;padding:12px;border:2px solid #b34000;font-weight:bold">${escapeHtml(note)}</p>`),
    replyTo: undefined,
  };
}
