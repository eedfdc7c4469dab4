import type { Lang } from '../../../intake/vocabulary';
import { isVolunteerOffer } from '../../../intake/VolunteerOffer';
import { escapeHtml, requestFields, shortRef, type Translate } from '../../../notifications/composeEmail';
import type { DashboardStats } from '../../../notifications/dashboardStats';
import type { AlertItem, InboxAssociation, InboxItem, InboxStatus, WithdrawnItem } from '../../../notifications/StaffInbox';
import type { StaffSession } from '../../../notifications/staffAuth';
import { barChart, columnChart } from './charts';

/** What every page needs: the language, the text, the session (if any) and where it is. */
export interface PageContext {
  lang: Lang;
  t: Translate;
  session: StaffSession | null;
  /** The path of this page, for the language switch. */
  path: string;
  query: Record<string, string>;
}

const e = escapeHtml;
const tr = (c: PageContext, key: string, params?: Record<string, unknown>) => c.t(c.lang, key, params);
const ti = (c: PageContext, key: string, params?: Record<string, unknown>) => tr(c, `staff.inbox.${key}`, params);

const DATE_TIME = {
  fr: new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
};
const DAY = {
  fr: new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long' }),
};
const when = (c: PageContext, d: Date) => DATE_TIME[c.lang].format(d);
const day = (c: PageContext, d: Date) => DAY[c.lang].format(d);

/** A link within the staff area, keeping the language. */
export function href(c: Pick<PageContext, 'lang'>, path: string, query: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...query, lang: c.lang });
  return `${path}?${q.toString()}`;
}

const CSS = `*{box-sizing:border-box}body{font-family:system-ui,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#fff;margin:0}
header{background:#000091;color:#fff;padding:8px 16px}header a,header button{color:#fff}header .app{font-weight:bold;margin:0}
nav ul{list-style:none;margin:4px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center}
nav form{display:inline;margin:0}nav button{background:none;border:1px solid #fff;border-radius:4px;padding:4px 8px;font-size:16px;cursor:pointer}
main{max-width:760px;margin:0 auto;padding:16px}a{color:#000091}h1{font-size:1.5em;line-height:1.25}h2{font-size:1.25em;margin-top:32px}
.notice{padding:12px;border-left:4px solid #000091;background:#f0f0ff}.alert{border-left-color:#b34000;background:#fff4ed}
ul.items{list-style:none;padding:0;margin:0}ul.items>li{border:1px solid #929292;border-radius:6px;padding:12px;margin:0 0 12px}
.status{display:inline-block;border:2px solid currentColor;border-radius:12px;padding:0 8px;font-size:.9em;font-weight:bold}
.s-new{color:#000091}.s-declined,.s-rerouted,.s-withdrawn{color:#555}.s-accepted,.s-contacted,.s-mentor_found,.s-closed{color:#18753c}
.meta{margin:4px 0;color:#3a3a3a}dt{font-weight:bold;margin-top:8px}dd{margin:0}
button.primary,button.secondary{font-size:16px;padding:10px 16px;margin:8px 8px 8px 0;border-radius:4px;border:2px solid #000091;cursor:pointer}
.primary{background:#000091;color:#fff}.secondary{background:#fff;color:#000091}textarea,select,input[type=email]{width:100%;font-size:16px;padding:8px;border:1px solid #666;border-radius:4px}
label{display:block;font-weight:bold;margin-top:12px}fieldset{border:1px solid #929292;border-radius:6px;margin:16px 0;padding:12px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #929292;padding:4px 8px;text-align:left}td.n{text-align:right}
caption{text-align:left;font-weight:bold}svg.chart{max-width:640px;display:block;margin:8px 0}details{margin:8px 0}summary{cursor:pointer;color:#000091}
:focus-visible{outline:3px solid #ff9940;outline-offset:2px}.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;color:#000091;padding:8px}`;

/** The page frame: skip link, header with the association, navigation, language switch and logout. */
export function layout(c: PageContext, title: string, body: string): string {
  const other: Lang = c.lang === 'fr' ? 'en' : 'fr';
  const switchHref = `${c.path}?${new URLSearchParams({ ...c.query, lang: other }).toString()}`;
  const s = c.session;
  const nav = `<nav aria-label="${e(ti(c, 'nav.main'))}"><ul>
${s ? `<li><a href="${e(href(c, '/staff/inbox'))}">${e(ti(c, 'nav.inbox'))}</a></li>` : ''}
${s?.association.isCoordinator ? `<li><a href="${e(href(c, '/staff/dashboard'))}">${e(ti(c, 'nav.dashboard'))}</a></li>` : ''}
<li><a href="${e(switchHref)}" lang="${other}" hreflang="${other}" aria-label="${e(ti(c, 'nav.languageLabel'))}">${e(ti(c, 'nav.language'))}</a></li>
${s ? `<li><form method="post" action="/staff/logout"><input type="hidden" name="csrf" value="${e(s.csrfToken)}"><input type="hidden" name="lang" value="${c.lang}"><button type="submit">${e(ti(c, 'nav.logout'))}</button></form></li>` : ''}
</ul></nav>`;
  return `<!doctype html><html lang="${c.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">
<title>${e(title)} · ${e(ti(c, 'appName'))}</title><style>${CSS}</style></head>
<body><a class="skip" href="#main">${e(title)}</a><header><p class="app">${e(ti(c, 'appName'))}${s ? ` · ${e(s.association.name)}` : ''}</p>${nav}</header>
<main id="main">${body}</main></body></html>`;
}

export const messagePage = (c: PageContext, title: string, text: string, link?: { href: string; label: string }) =>
  layout(c, title, `<h1>${e(title)}</h1><p>${e(text)}</p>${link ? `<p><a href="${e(link.href)}">${e(link.label)}</a></p>` : ''}`);

const statusBadge = (c: PageContext, s: InboxStatus) => `<span class="status s-${s}">${e(ti(c, `status.${s}`))}</span>`;

function deadlineText(c: PageContext, item: InboxItem, now: Date): string {
  if (item.status !== 'new') return '';
  if (!item.deadlineAt) return ti(c, 'noDeadline');
  return ti(c, item.deadlineAt < now ? 'deadlinePassed' : 'deadline', { date: day(c, item.deadlineAt) });
}

function summaryLine(c: PageContext, item: InboxItem): string {
  const r = item.request;
  if (!r) return ti(c, 'outcomeOnly');
  if (isVolunteerOffer(r)) {
    return ti(c, 'volunteers.summary', {
      age: r.age,
      occupation: r.occupation ? tr(c, `vocab.occupation.${r.occupation.kind}`) : tr(c, 'staff.field.notGiven'),
      helps: r.helps.map((h) => tr(c, `vocab.help.${h}`)).join(', '),
      place: r.place ? r.place.name : tr(c, 'staff.field.notGiven'),
    });
  }
  return ti(c, 'summary', {
    age: r.age,
    needs: r.needs.map((n) => tr(c, `vocab.need.${n}`)).join(', '),
    place: r.place ? r.place.name : tr(c, 'staff.field.notGiven'),
  });
}

/** One list of handoffs (requests, or volunteers' offers), or what says it is empty. */
function itemList(c: PageContext, items: InboxItem[], coordinator: boolean, now: Date, emptyKey: string): string {
  if (items.length === 0) return `<p>${e(ti(c, emptyKey))}</p>`;
  return `<ul class="items">${items.map((i) => {
      const ref = shortRef(i.requestId);
      const deadline = deadlineText(c, i, now);
      return `<li><h3><a href="${e(href(c, `/staff/inbox/${i.assignmentId}`))}">${e(ti(c, 'open', { ref }))}</a></h3>
<p class="meta">${statusBadge(c, i.status)} · ${e(ti(c, 'received', { date: when(c, i.createdAt) }))}${deadline ? ` · <strong>${e(deadline)}</strong>` : ''}</p>
${coordinator ? `<p class="meta">${e(ti(c, 'heldBy', { association: i.associationName }))}</p>` : ''}<p class="meta">${e(summaryLine(c, i))}</p></li>`;
    }).join('')}</ul>`;
}

export function inboxPage(c: PageContext, o: {
  items: InboxItem[]; withdrawn: WithdrawnItem[]; alerts: AlertItem[]; associations: InboxAssociation[]; filter: string; now: Date;
  notice?: { text: string; error: boolean };
}): string {
  const s = c.session!;
  const coordinator = s.association.isCoordinator;
  const title = coordinator ? ti(c, 'titleAll') : ti(c, 'title', { association: s.association.name });
  const parts = [`<h1>${e(title)}</h1><p>${e(ti(c, coordinator ? 'introCoordinator' : 'intro'))}</p>`];
  if (o.notice) parts.push(`<p class="notice${o.notice.error ? ' alert' : ''}" role="${o.notice.error ? 'alert' : 'status'}">${e(o.notice.text)}</p>`);
  if (coordinator) {
    const dismiss = (a: AlertItem) => `<form method="post" action="/staff/alerts/${e(a.id)}/dismiss"><input type="hidden" name="csrf" value="${e(s.csrfToken)}"><input type="hidden" name="lang" value="${c.lang}"><button class="secondary" type="submit">${e(ti(c, 'alerts.dismiss'))}</button></form>`;
    parts.push(`<section aria-labelledby="alerts-h"><h2 id="alerts-h">${e(ti(c, 'alerts.title'))} (${o.alerts.length})</h2><p>${e(ti(c, 'alerts.intro'))}</p>`);
    const alertLi = (a: AlertItem) => `<li class="notice alert">${e(ti(c, 'alerts.line', { date: when(c, a.createdAt), reason: tr(c, `staff.email.alert.reason.${a.reason}`) }))}${a.requestId ? ` · ${e(ti(c, 'alerts.ref', { ref: shortRef(a.requestId) }))}` : ''}${a.status === 'dead' ? ` · ${e(ti(c, 'alerts.undelivered', { error: a.error ?? 'no_email_address' }))}` : ''}${dismiss(a)}</li>`;
    // The latest few in full; the rest folded, so the requests stay near the top on a phone.
    const [recent, older] = [o.alerts.slice(0, 3), o.alerts.slice(3)];
    parts.push(o.alerts.length === 0 ? `<p>${e(ti(c, 'alerts.none'))}</p>` : `<ul>${recent.map(alertLi).join('')}</ul>${older.length ? `<details><summary>${e(ti(c, 'alerts.more', { count: older.length }))}</summary><ul>${older.map(alertLi).join('')}</ul></details>` : ''}`);
    parts.push('</section>');
    const options = [`<option value="">${e(ti(c, 'filterAll'))}</option>`, ...o.associations.map((a) => `<option value="${e(a.id)}"${a.id === o.filter ? ' selected' : ''}>${e(a.name)}</option>`)];
    parts.push(`<form method="get" action="/staff/inbox"><input type="hidden" name="lang" value="${c.lang}"><label for="association">${e(ti(c, 'filterLabel'))}</label><select id="association" name="association">${options.join('')}</select><button class="secondary" type="submit">${e(ti(c, 'filterButton'))}</button></form>`);
  }
  // Young people's requests, then volunteers' offers apart: the same handoffs and actions.
  const requests = o.items.filter((i) => i.kind !== 'volunteer');
  const volunteers = o.items.filter((i) => i.kind === 'volunteer');
  parts.push(`<h2>${e(ti(c, 'nav.inbox'))} (${requests.length})</h2>`);
  parts.push(itemList(c, requests, coordinator, o.now, 'empty'));
  parts.push(`<h2 id="volunteers">${e(ti(c, 'volunteers.title'))} (${volunteers.length})</h2>`);
  parts.push(itemList(c, volunteers, coordinator, o.now, 'volunteers.empty'));
  if (o.withdrawn.length) {
    parts.push(`<h2>${e(ti(c, 'withdrawn.title'))}</h2><ul>${o.withdrawn.map((w) => `<li>${e(ti(c, 'withdrawn.line', { ref: shortRef(w.requestId), date: when(c, w.at) }))}${coordinator ? ` · ${e(w.associationName)}` : ''}</li>`).join('')}</ul>`);
  }
  return layout(c, title, parts.join('\n'));
}

const CONTACT_FIELDS = ['email', 'phone', 'guardian', 'preferred'];

export function requestPage(c: PageContext, o: { item: InboxItem; associations: InboxAssociation[]; notice?: { text: string; error: boolean }; now: Date }): string {
  const { item } = o;
  const s = c.session!;
  const own = item.associationId === s.association.id;
  const ref = shortRef(item.requestId);
  const title = ti(c, 'request.title', { ref });
  const parts = [`<p><a href="${e(href(c, '/staff/inbox'))}">${e(ti(c, 'request.back'))}</a></p><h1>${e(title)}</h1>`];
  if (o.notice) parts.push(`<p class="notice${o.notice.error ? ' alert' : ''}" role="${o.notice.error ? 'alert' : 'status'}">${e(o.notice.text)}</p>`);
  const deadline = deadlineText(c, item, o.now);
  parts.push(`<p>${statusBadge(c, item.status)}${deadline ? ` · <strong>${e(deadline)}</strong>` : ''}</p>`);
  parts.push(`<p>${e(ti(c, 'request.intro', { association: item.associationName, date: when(c, item.createdAt) }))}</p>`);
  if (!item.request) parts.push(`<p class="notice">${e(ti(c, 'outcomeOnly'))}</p>`);
  else {
    let rows = requestFields(item.requestId, item.request, c.t, c.lang);
    if (item.visibility !== 'full') {
      const hidden = new Set(CONTACT_FIELDS.map((k) => tr(c, `staff.field.${k}`)));
      rows = rows.filter(([k]) => !hidden.has(k));
      parts.push(`<p class="notice">${e(ti(c, 'contactsHidden'))}</p>`);
    }
    parts.push(`<dl>${rows.map(([k, v]) => (k ? `<dt>${e(k)}</dt><dd>${e(v)}</dd>` : `<dd><em>${e(v)}</em></dd>`)).join('')}</dl>`);
  }
  const hidden = `<input type="hidden" name="csrf" value="${e(s.csrfToken)}"><input type="hidden" name="lang" value="${c.lang}">`;
  const action = `/staff/inbox/${item.assignmentId}`;
  const button = (name: string, cls: string, label: string) => `<form method="post" action="${action}">${hidden}<input type="hidden" name="action" value="${name}"><button class="${cls}" type="submit">${e(label)}</button></form>`;
  const forms: string[] = [];
  if (own && item.current) {
    if (item.status === 'new') {
      forms.push(button('accept', 'primary', ti(c, 'request.accept')));
      if (!s.association.isCoordinator) {
        forms.push(`<form method="post" action="${action}">${hidden}<input type="hidden" name="action" value="decline"><label for="reason">${e(ti(c, 'request.reasonLabel'))}</label><textarea id="reason" name="reason" rows="3" maxlength="500" required></textarea><button class="secondary" type="submit">${e(ti(c, 'request.decline'))}</button></form>`);
      }
    }
    const next: Record<string, string[]> = { accepted: ['contacted', 'mentor_found', 'closed'], contacted: ['mentor_found', 'closed'], mentor_found: ['closed'] };
    for (const p of next[item.status] ?? []) forms.push(button(p, p === 'closed' ? 'secondary' : 'primary', ti(c, `request.${p}`)));
  }
  if (forms.length) parts.push(`<h2>${e(ti(c, 'request.actions'))}</h2>${forms.join('\n')}`);
  if (s.association.isCoordinator && item.current && item.status === 'new') {
    const options = o.associations.filter((a) => a.active && a.id !== item.associationId).map((a) => `<option value="${e(a.id)}">${e(a.name)}</option>`).join('');
    parts.push(`<h2>${e(ti(c, 'request.reassignTitle'))}</h2><form method="post" action="${action}">${hidden}<input type="hidden" name="action" value="reassign"><label for="to">${e(ti(c, 'request.reassignLabel'))}</label><select id="to" name="association" required>${options}</select><button class="secondary" type="submit">${e(ti(c, 'request.reassignButton'))}</button></form>`);
  }
  return layout(c, title, parts.join('\n'));
}

export function loginFormPage(c: PageContext, o: { sent?: number }): string {
  const title = ti(c, 'login.title');
  return layout(c, title, `<h1>${e(title)}</h1>${o.sent !== undefined ? `<p class="notice" role="status">${e(ti(c, 'login.sent', { minutes: o.sent }))}</p>` : ''}
<p>${e(ti(c, 'login.intro'))}</p><form method="post" action="/staff/login"><input type="hidden" name="lang" value="${c.lang}">
<label for="email">${e(ti(c, 'login.emailLabel'))}</label><input id="email" name="email" type="email" autocomplete="email" required maxlength="254">
<button class="primary" type="submit">${e(ti(c, 'login.send'))}</button></form>`);
}

export function loginConfirmPage(c: PageContext, o: { token: string; association: string }): string {
  const title = ti(c, 'login.confirmTitle', { association: o.association });
  return layout(c, title, `<h1>${e(title)}</h1><p>${e(ti(c, 'login.confirmIntro'))}</p>
<form method="post" action="/staff/login/${e(o.token)}"><input type="hidden" name="lang" value="${c.lang}"><button class="primary" type="submit">${e(ti(c, 'login.confirmButton'))}</button></form>`);
}

const hoursText = (c: PageContext, h: number | null) => {
  if (h === null) return '-';
  return h < 48 ? tr(c, 'staff.dashboard.firstAction.hours', { value: h < 10 ? h.toFixed(1) : Math.round(h) }) : tr(c, 'staff.dashboard.firstAction.days', { value: (h / 24).toFixed(1) });
};

function table(c: PageContext, caption: string, head: string[], rows: (string | number)[][]): string {
  return `<details><summary>${e(tr(c, 'staff.dashboard.tableCaption'))}</summary><table><caption>${e(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row">${e(String(v))}</th>` : `<td class="n">${e(String(v))}</td>`)).join('')}</tr>`).join('')}</tbody></table></details>`;
}

export function dashboardPage(c: PageContext, o: { stats: DashboardStats; days: number; stepLabel: (step: string) => string }): string {
  const d = (key: string, params?: Record<string, unknown>) => tr(c, `staff.dashboard.${key}`, params);
  const { stats } = o;
  const title = d('title');
  const parts = [`<h1>${e(title)}</h1><p>${e(d('intro', { from: stats.from, to: stats.to }))}</p>`];
  parts.push(`<form method="get" action="/staff/dashboard"><input type="hidden" name="lang" value="${c.lang}"><label for="days">${e(d('period'))}</label><select id="days" name="days">${[7, 30, 90].map((n) => `<option value="${n}"${n === o.days ? ' selected' : ''}>${e(d('periodDays', { days: n }))}</option>`).join('')}</select><button class="secondary" type="submit">${e(d('show'))}</button></form>`);
  parts.push(`<p><strong>${e(d('total', { count: stats.totalRequests }))}</strong></p>`);

  parts.push(`<section aria-labelledby="per-day"><h2 id="per-day">${e(d('perDay.title'))}</h2>`);
  parts.push(columnChart({ id: 'c-day', title: d('perDay.title'), desc: d('perDay.desc', { from: stats.from, to: stats.to }), unit: d('perDay.count'), data: stats.days.map((x) => ({ label: x.day.slice(5), value: x.count })) }));
  parts.push(table(c, d('perDay.title'), [d('perDay.day'), d('perDay.count')], stats.days.map((x) => [x.day, x.count])), '</section>');

  parts.push(`<section aria-labelledby="per-assoc"><h2 id="per-assoc">${e(d('perAssociation.title'))}</h2>`);
  if (stats.perAssociation.length === 0) parts.push(`<p>${e(d('perAssociation.none'))}</p>`);
  else {
    parts.push(barChart({ id: 'c-assoc', title: d('perAssociation.title'), desc: d('perAssociation.desc'), partLabel: d('perAssociation.accepted'), data: stats.perAssociation.map((a) => ({ label: a.name, value: a.received, part: a.accepted })) }));
    parts.push(table(c, d('perAssociation.title'), ['association', 'received', 'accepted', 'declined', 'rerouted', 'waiting'].map((k) => d(`perAssociation.${k}`)),
      stats.perAssociation.map((a) => [a.name, a.received, a.accepted, a.declined, a.rerouted, a.waiting])));
  }
  parts.push('</section>');

  const fa = stats.firstAction;
  parts.push(`<section aria-labelledby="first"><h2 id="first">${e(d('firstAction.title'))}</h2><p>${e(d('firstAction.desc'))}</p>`);
  parts.push(fa.measured === 0 ? `<p>${e(d('firstAction.none'))}</p>` : `<ul><li>${e(d('firstAction.median', { value: hoursText(c, fa.medianHours) }))}</li><li>${e(d('firstAction.p90', { value: hoursText(c, fa.p90Hours) }))}</li></ul>`);
  if (fa.waiting) parts.push(`<p>${e(d('firstAction.waiting', { count: fa.waiting }))}</p>`);
  const buckets = fa.buckets.map((b) => ({ label: d(`firstAction.buckets.${b.key}`), value: b.count }));
  parts.push(barChart({ id: 'c-first', title: d('firstAction.title'), desc: d('firstAction.desc'), data: buckets }));
  parts.push(table(c, d('firstAction.title'), [d('firstAction.bucket'), d('firstAction.count')], buckets.map((b) => [b.label, b.value])), '</section>');

  parts.push(`<section aria-labelledby="funnel"><h2 id="funnel">${e(d('funnel.title'))}</h2><p>${e(d('funnel.desc'))}</p>`);
  parts.push(barChart({ id: 'c-funnel', title: d('funnel.title'), desc: d('funnel.desc'), data: stats.funnel.map((f) => ({ label: o.stepLabel(f.step), value: f.count })) }));
  parts.push(table(c, d('funnel.title'), [d('funnel.step'), d('funnel.count'), d('funnel.dropped')], stats.funnel.map((f) => [o.stepLabel(f.step), f.count, f.dropped])), '</section>');

  parts.push(`<section aria-labelledby="channels"><h2 id="channels">${e(d('channels.title'))}</h2>`);
  parts.push(barChart({ id: 'c-chan', title: d('channels.title'), desc: d('channels.desc'), partLabel: d('channels.requests'), data: stats.channels.map((ch) => ({ label: ch.channel, value: Math.max(ch.conversations, ch.requests), part: ch.requests })) }));
  parts.push(table(c, d('channels.title'), [d('channels.channel'), d('channels.conversations'), d('channels.requests')], stats.channels.map((ch) => [ch.channel, ch.conversations, ch.requests])), '</section>');

  // Volunteers' offers apart: the numbers above are young people's only.
  const v = stats.volunteers;
  parts.push(`<section aria-labelledby="volunteers"><h2 id="volunteers">${e(d('volunteers.title'))}</h2><p>${e(d('volunteers.intro'))}</p><p><strong>${e(d('volunteers.total', { count: v.total }))}</strong></p>`);
  parts.push(`<h3 id="volunteers-day">${e(d('volunteers.perDay.title'))}</h3>`);
  parts.push(columnChart({ id: 'c-vday', title: d('volunteers.perDay.title'), desc: d('volunteers.perDay.desc', { from: stats.from, to: stats.to }), unit: d('volunteers.perDay.count'), data: v.days.map((x) => ({ label: x.day.slice(5), value: x.count })) }));
  parts.push(table(c, d('volunteers.perDay.title'), [d('perDay.day'), d('volunteers.perDay.count')], v.days.map((x) => [x.day, x.count])));
  parts.push(`<h3 id="volunteers-assoc">${e(d('volunteers.perAssociation.title'))}</h3>`);
  if (v.perAssociation.length === 0) parts.push(`<p>${e(d('volunteers.perAssociation.none'))}</p>`);
  else {
    parts.push(table(c, d('volunteers.perAssociation.title'), ['association', 'received', 'accepted', 'declined', 'rerouted', 'waiting'].map((k) => d(`perAssociation.${k}`)),
      v.perAssociation.map((a) => [a.name, a.received, a.accepted, a.declined, a.rerouted, a.waiting])));
  }
  // Shown once a volunteer's conversation was counted (the step names are the young people's otherwise).
  if (v.funnel.some((f) => f.count > 0)) {
    parts.push(`<h3 id="volunteers-funnel">${e(d('volunteers.funnel.title'))}</h3>`);
    parts.push(table(c, d('volunteers.funnel.title'), [d('funnel.step'), d('funnel.count'), d('funnel.dropped')], v.funnel.map((f) => [o.stepLabel(f.step), f.count, f.dropped])));
  }
  parts.push('</section>');
  return layout(c, title, parts.join('\n'));
}
