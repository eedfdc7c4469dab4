import type { Request, Response, Server } from 'restify';
import { errorCode, type Logger } from '../../bots/log';
import { escapeHtml, formatDay, requestFields, shortRef, type Translate } from '../../notifications/composeEmail';
import type { ActionResult, AssignmentView, HandoffService } from '../../notifications/HandoffService';
import { verifyActionToken } from '../../notifications/signing';
import { requestIsTheirs } from '../../notifications/staffVisibility';
import type { HttpEdge } from '../httpServer';
import { checkFormOrigin } from '../http/originPolicy';
import { STAFF_PAGE_HEADERS } from './pageHeaders';

export interface StaffRoutesOptions {
  handoff: HandoffService;
  t: Translate;
  log: Logger;
  /** The staff links' signing key. */
  linkKey: () => Promise<string>;
  /** The association a key belongs to (keys are stored hashed). */
  associationByApiKey: (key: string) => Promise<{ id: string } | null>;
  /** Our origins (forms are accepted from our own pages only), callers' addresses, and the throttle of failed links and keys. */
  edge: HttpEdge;
  now?: () => Date;
}

// restify: an async handler must return nothing, hence senders that return void.
function sendJson(res: Response, status: number, body: unknown): void {
  res.send(status, body);
}

function sendHtml(res: Response, status: number, html: string): void {
  res.writeHead(status, STAFF_PAGE_HEADERS);
  res.end(html);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#fff;margin:0;padding:16px}main{max-width:640px;margin:0 auto}
dt{font-weight:bold;margin-top:8px}dd{margin:0}button{font-size:16px;padding:12px 16px;margin:8px 0;border-radius:4px;border:2px solid #000091;cursor:pointer}
.accept{background:#000091;color:#fff}.decline{background:#fff;color:#000091}textarea{width:100%;font-size:16px;box-sizing:border-box}
.notice{padding:12px;border-left:4px solid #000091;background:#f0f0ff}:focus-visible{outline:3px solid #ff9940;outline-offset:2px}</style></head>
<body><main>${body}</main></body></html>`;
}

/**
 * The pages behind the links in staff e-mails (GET shows, POST acts: a link preview or a
 * mail scanner opening the link must not accept by itself) and the API for associations'
 * systems (`POST /api/requests/:id/accept|decline` with the association's key).
 */
export function mountStaffRoutes(server: Server, o: StaffRoutesOptions): void {
  const t = (key: string, params?: Record<string, unknown>) => o.t('fr', `staff.page.${key}`, params);

  const messageFor = (r: ActionResult): string => {
    if (r.ok) return t(r.repeated ? (r.status === 'accepted' ? 'alreadyAccepted' : 'alreadyDeclined') : r.status);
    const map: Record<string, string> = {
      not_found: 'notFound', already_accepted: 'alreadyAccepted', already_declined: 'alreadyDeclined', already_expired: 'alreadyExpired',
      coordinator_cannot_decline: 'coordinatorCannotDecline', reason_required: 'reasonRequired',
    };
    return t(map[r.error] ?? 'error');
  };

  const render = (token: string, view: AssignmentView, notice?: string): string => {
    const title = t('title', { ref: shortRef(view.requestId) });
    // Declined, or passed on when the time ran out: the reference and the outcome, nothing personal.
    const theirs = requestIsTheirs(view);
    const rows: [string, string][] = theirs ? requestFields(view.requestId, view.request, o.t, 'fr') : [[o.t('fr', 'staff.field.reference'), shortRef(view.requestId)]];
    const fields = rows
      .map(([k, v]) => (k ? `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>` : `<dd><em>${escapeHtml(v)}</em></dd>`)).join('');
    const statusNotice = notice ?? (view.status === 'accepted' ? t('alreadyAccepted') : view.status === 'declined' ? t('alreadyDeclined') : view.status === 'expired' ? t('alreadyExpired') : '');
    const action = `/staff/a/${encodeURIComponent(token)}`;
    const forms = view.status === 'pending'
      ? `<h2>${escapeHtml(t('question'))}</h2>
<form method="post" action="${action}"><input type="hidden" name="action" value="accept"><button class="accept" type="submit">${escapeHtml(t('acceptButton'))}</button></form>
${view.isCoordinator ? '' : `<form method="post" action="${action}"><input type="hidden" name="action" value="decline">
<label for="reason">${escapeHtml(t('reasonLabel'))}</label><textarea id="reason" name="reason" rows="3" maxlength="500" required></textarea>
<button class="decline" type="submit">${escapeHtml(t('declineButton'))}</button></form>`}`
      : '';
    return page(title, `<h1>${escapeHtml(title)}</h1>
${statusNotice ? `<p class="notice" role="status">${escapeHtml(statusNotice)}</p>` : ''}
<p>${escapeHtml(t('intro', { association: view.associationName, date: formatDay(view.createdAt, 'fr') }))}</p>
<dl>${fields}</dl>${theirs ? '' : `<p>${escapeHtml(t('noLongerTheirs'))}</p>`}${forms}`);
  };

  const fail = (res: Response, status: number, key: string) => sendHtml(res, status, page(t(key), `<h1>${escapeHtml(t(key))}</h1>`));

  /** 429 (and true) when this address has used up its failed attempts: nothing is checked for it until then. */
  const throttled = (req: Request, res: Response, html: boolean): boolean => {
    const wait = o.edge.authFailures.retryAfter(o.edge.addressOf(req));
    if (wait === 0) return false;
    o.log('warn', 'handoff.throttled', {});
    res.setHeader('Retry-After', String(wait));
    if (html) fail(res, 429, 'tooManyAttempts');
    else sendJson(res, 429, { error: 'too_many_attempts', message: 'Too many failed attempts from this address; try again later.' });
    return true;
  };

  const withToken = async (req: Request, res: Response): Promise<{ token: string; assignmentId: string } | null> => {
    if (throttled(req, res, true)) return null;
    const token = String(req.params?.token ?? '');
    const verdict = verifyActionToken(token, await o.linkKey(), (o.now?.() ?? new Date()).getTime());
    if (!verdict.ok) {
      // A link we signed that has only expired is no guess; a forged or mangled one is.
      if (verdict.reason !== 'expired') o.edge.authFailures.fail(o.edge.addressOf(req));
      o.log('warn', 'handoff.link_refused', { reason: verdict.reason });
      fail(res, verdict.reason === 'expired' ? 410 : 403, verdict.reason === 'expired' ? 'expired' : 'invalid');
      return null;
    }
    return { token, assignmentId: verdict.claims.assignmentId };
  };

  server.get('/staff/a/:token', async (req: Request, res: Response) => {
    try {
      const ok = await withToken(req, res);
      if (!ok) return;
      const view = await o.handoff.find(ok.assignmentId);
      if (!view) return fail(res, 404, 'notFound');
      sendHtml(res, 200, render(ok.token, view));
    } catch (err) {
      o.log('error', 'handoff.page_failed', { code: errorCode(err) });
      if (!res.headersSent) fail(res, 503, 'error');
    }
  });

  server.post('/staff/a/:token', async (req: Request, res: Response) => {
    try {
      // A form posted from another site's page (the link leaked, the browser made to submit it) acts on nothing.
      const origin = checkFormOrigin(req, o.edge.origins);
      if (!origin.ok) {
        o.log('warn', 'handoff.form_refused', { reason: origin.reason });
        return fail(res, 403, 'originRefused');
      }
      const ok = await withToken(req, res);
      if (!ok) return;
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const action = body.action;
      if (action !== 'accept' && action !== 'decline') {
        const view = await o.handoff.find(ok.assignmentId);
        return view ? sendHtml(res, 400, render(ok.token, view)) : fail(res, 404, 'notFound');
      }
      const result = action === 'accept' ? await o.handoff.accept(ok.assignmentId) : await o.handoff.decline(ok.assignmentId, typeof body.reason === 'string' ? body.reason : '');
      const view = await o.handoff.find(ok.assignmentId);
      if (!view) return fail(res, 404, 'notFound');
      sendHtml(res, result.ok ? 200 : result.error === 'not_found' ? 404 : result.error === 'reason_required' ? 400 : 409, render(ok.token, view, messageFor(result)));
    } catch (err) {
      o.log('error', 'handoff.action_failed', { code: errorCode(err) });
      if (!res.headersSent) fail(res, 503, 'error');
    }
  });

  server.post('/api/requests/:id/:action', async (req: Request, res: Response) => {
    try {
      const action = req.params?.action;
      if (action !== 'accept' && action !== 'decline') return sendJson(res, 404, { error: 'not_found', message: 'Use /accept or /decline.' });
      if (throttled(req, res, false)) return;
      const auth = String(req.headers?.authorization ?? '');
      const key = /^Bearer\s+(\S{16,200})$/i.exec(auth)?.[1];
      const association = key ? await o.associationByApiKey(key) : null;
      // No key at all is a mistake, not a guess; a wrong key counts against the address.
      if (!association && auth) o.edge.authFailures.fail(o.edge.addressOf(req));
      if (!association) return sendJson(res, 401, { error: 'unauthorized', message: "Send the association's key as 'Authorization: Bearer <key>'." });
      const requestId = String(req.params?.id ?? '');
      const view = /^[0-9a-f-]{36}$/i.test(requestId) ? await o.handoff.findPending(requestId, association.id) : null;
      // Another association's request answers 404 too: its existence is none of the caller's business.
      if (!view) return sendJson(res, 404, { error: 'not_found', message: 'No request with this id was sent to your association.' });
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const result = action === 'accept' ? await o.handoff.accept(view.id) : await o.handoff.decline(view.id, typeof body.reason === 'string' ? body.reason : '');
      if (result.ok) return sendJson(res, 200, { requestId, status: result.status });
      const status = result.error === 'reason_required' ? 400 : result.error === 'not_found' ? 404 : 409;
      sendJson(res, status, { error: result.error, requestId });
    } catch (err) {
      o.log('error', 'handoff.api_failed', { code: errorCode(err) });
      if (!res.headersSent) sendJson(res, 503, { error: 'unavailable', message: 'Please try again in a few minutes.' });
    }
  });
}
