import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../bots/log';
import type { Config } from '../../config';
import type { Lang } from '../../intake/vocabulary';
import { loadResources } from '../../locales/i18n';
import { cleanLocale } from './clientActivity';
import type { DirectLine } from './mountDirectLine';
import { RateLimiter } from './rateLimit';
import { bearerToken } from './tokens';

export const WEB_DIR = path.join(__dirname, '..', '..', 'web');
// The package exports no ./package.json; its CommonJS entry sits in lib/, beside dist/.
const WEBCHAT_BUNDLE = path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
/** Where "quitter rapidement" goes: a site that says nothing about what was on screen. */
export const QUICK_EXIT_URL = 'https://www.google.fr/';

type Strings = Record<string, Record<string, string>>;

const ASSETS: Record<string, string> = {
  'style.css': 'text/css; charset=utf-8',
  'chat.js': 'text/javascript; charset=utf-8',
};

/**
 * The page at /, the chat page /chat (what the widget's frame shows), the embed script
 * /widget.js, their assets, Web Chat's bundle from node_modules (no CDN), and the
 * same-origin token endpoint the chat page uses, so the Direct Line secret never reaches
 * a browser.
 */
export function mountWebWidget(server: Server, opts: { directLine: DirectLine; config: Config; log: Logger }): void {
  const resources = loadResources();
  const strings = (lang: Lang) => (resources[lang] as { web: Strings }).web;
  const read = (file: string) => fs.readFileSync(path.join(WEB_DIR, file), 'utf8');
  const templates = { index: read('index.html'), chat: read('chat.html'), widget: read('widget.js') };
  // The default (10 a minute per address) is far above what one person opens, and a school
  // behind one address still gets a new conversation every six seconds.
  const perMinute = opts.config.DIRECTLINE_NEW_CONVERSATIONS_PER_MINUTE;
  const tokenLimiter = new RateLimiter(perMinute, perMinute / 60);

  const langOf = (req: Request): Lang => (new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang') === 'en' ? 'en' : 'fr');
  const html = (res: Response, body: string, frameable: boolean) => {
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      // A quick exit must not tell the next site where the young person was.
      'Referrer-Policy': 'no-referrer',
      // Opened on its own (not in the widget's frame, where browsers ignore it), the page shares
      // no browsing context with a window of another site: no window.opener either way.
      'Cross-Origin-Opener-Policy': 'same-origin',
      // Web Chat styles itself with inline <style> elements; scripts are ours and its bundle only.
      'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; frame-ancestors ${frameable ? '*' : "'self'"}; base-uri 'none'; form-action 'none'`,
    });
    res.end(body);
  };

  server.get('/', (req: Request, res: Response, next: () => void) => {
    const lang = langOf(req);
    html(res, fill(templates.index, lang, strings(lang), { other: lang === 'en' ? 'fr' : 'en', origin: opts.directLine.publicOrigin(req) }), false);
    next();
  });

  server.get('/chat', (req: Request, res: Response, next: () => void) => {
    const lang = langOf(req);
    const embed = new URL(req.url ?? '/', 'http://localhost').searchParams.get('embed') === '1';
    const config = JSON.stringify({ lang, locale: lang === 'en' ? 'en-US' : 'fr-FR', quickExitUrl: QUICK_EXIT_URL, strings: strings(lang).chat }).replace(/</g, '\\u003c');
    html(res, fill(templates.chat, lang, strings(lang), { other: lang === 'en' ? 'fr' : 'en', embed: embed ? '1' : '0', config }), true);
    next();
  });

  server.get('/widget.js', (_req: Request, res: Response, next: () => void) => {
    const texts = JSON.stringify({ fr: strings('fr').widget, en: strings('en').widget });
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': '*' });
    res.end(templates.widget.replace('__BINOME_STRINGS__', texts));
    next();
  });

  server.get('/assets/:file', (req: Request, res: Response, next: () => void) => {
    const file = String(req.params?.file ?? '');
    if (file === 'webchat.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' });
      fs.createReadStream(WEBCHAT_BUNDLE).on('error', () => res.destroy()).pipe(res);
      return next();
    }
    // Own keys only: "__proto__" or "constructor" would find Object.prototype's and read a file that is not there (the process would stop).
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) {
      res.send(404, { error: 'not_found', message: 'No such file.' });
      return next();
    }
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' });
    res.end(read(file));
    return next();
  });

  server.get('/favicon.ico', (_req: Request, res: Response, next: () => void) => {
    res.writeHead(204, { 'Cache-Control': 'public, max-age=86400' });
    res.end();
    next();
  });

  server.post('/widget/token', async (req: Request, res: Response) => {
    if (!tokenLimiter.take(opts.directLine.addressOf(req))) {
      res.header('Retry-After', String(tokenLimiter.retryAfterSeconds()));
      res.send(429, { error: 'rate_limited', message: 'Too many new conversations; wait a moment.' });
      return;
    }
    const body = req.body as { locale?: unknown } | undefined;
    res.send(200, opts.directLine.issueConversationToken(cleanLocale(body?.locale)));
  });

  /** "Effacer la conversation": the transcript kept in memory for reconnects goes at once. */
  server.post('/widget/forget', async (req: Request, res: Response) => {
    const token = bearerToken(req.headers.authorization);
    // An expired token still proves which conversation it was for: forgetting is always allowed.
    const claims = opts.directLine.signer.claimsIgnoringExpiry(token);
    if (!claims) {
      res.send(403, { error: 'invalid_token', message: 'A valid token is required.' });
      return;
    }
    opts.directLine.hub.remove(claims.c, 'erased');
    res.send(204);
  });
}


const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** {{page.title}} from the locale (HTML-escaped), {{lang}} and the extra values; {{{config}}} unescaped (already safe JSON). */
function fill(template: string, lang: Lang, s: Strings, extra: Record<string, string>): string {
  return template
    .replace(/\{\{\{(\w+)\}\}\}/g, (_, k: string) => extra[k] ?? '')
    .replace(/\{\{([\w.]+)\}\}/g, (_, key: string) => {
      if (key === 'lang') return lang;
      if (key in extra) return escapeHtml(extra[key]!);
      const [group, name] = key.split('.') as [string, string];
      const value = s[group]?.[name];
      if (value === undefined) throw new Error(`missing web string ${key}`);
      return escapeHtml(value);
    });
}
