import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from '../../config';
import { errorCode, pseudonym, type Logger } from '../../bots/log';
import { cleanLocale, parseClientActivity } from './clientActivity';
import { ConversationHub, type Conversation } from './ConversationHub';
import { httpEdge } from '../httpServer';
import { appendFromBot, BOT_ACCOUNT, DIRECTLINE_CHANNEL, DirectLineAdapter, IN_PROCESS_SERVICE_URL } from './DirectLineAdapter';
import { RateLimiter } from './rateLimit';
import { connectorUrl, mountConnectorService, RemoteBot, RemoteBotError } from './remoteBot';
import type { ChannelTokens } from '../botframework/channelAuth';
import { bearerToken, randomId, secretMatches, TokenSigner, type TokenClaims } from './tokens';
import { DirectLineAccess } from './access';

export const DIRECTLINE_PREFIX = '/v3/directline';
const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream$/;
const UPLOAD_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/upload$/;
/** A socket whose client does not read: beyond this much unsent data it is closed (the client reconnects with its watermark). */
const MAX_SOCKET_BUFFER = 256 * 1024;
const HEARTBEAT_MS = 30_000;
/** An upload is refused without being stored; its body is read (to answer cleanly) up to this much, then cut. */
const MAX_UPLOAD_DRAIN = 12 * 1024 * 1024;

export interface DirectLine {
  adapter: DirectLineAdapter;
  hub: ConversationHub;
  signer: TokenSigner;
  /** Whether a browser page at this origin may call the endpoint (our own origins, or configured; never judged from Host). */
  originAllowed(req: IncomingMessage): boolean;
  /** This server's origin as browsers see it (PUBLIC_URL, else the caller's Host when it is one of our own names, else the listening address). */
  publicOrigin(req: IncomingMessage): string;
  /** The address a caller is counted under. */
  addressOf(req: IncomingMessage): string;
  /** A token for a new conversation (the page at / and the embed script get theirs this way). */
  issueConversationToken(locale: string | undefined): { conversationId: string; token: string; expires_in: number };
  /** Closes every socket and forgets every conversation (shutdown). */
  close(): void;
}

export interface MountOptions {
  config: Config;
  /** The bot in this process: what runs for each inbound activity (unless `remote` is given). */
  logic?: (context: TurnContext) => Promise<void>;
  onTurnError?: (context: TurnContext, error: Error) => Promise<void>;
  log: Logger;
  /**
   * The bot runs in another process instead (DIRECTLINE_BOT_URL): activities go to it over
   * the Bot Framework protocol and its replies come back to the connector service mounted
   * under `origin()` + /v3/directline/connector, both ways signed with the channel secret.
   */
  remote?: { url: string; tokens: ChannelTokens; origin: () => string; timeoutMs: number };
  /** What the young person reads when the remote bot could not take a turn, in their language. */
  botUnavailable?: (locale: string | undefined) => string;
}

/**
 * A self-hosted Direct Line 3.0 endpoint under /v3/directline, enough for the official
 * clients (botframework-webchat, botframework-directlinejs) to talk to the bot in this
 * process with no Azure. Tokens are signed and bound to one conversation.
 */
export function mountDirectLine(server: Server, opts: MountOptions): DirectLine {
  const { config, log } = opts;
  let secret = config.DIRECTLINE_SECRET;
  if (!secret) {
    secret = crypto.randomBytes(32).toString('hex');
    // Tokens then die with the process, and no backend can call /tokens/generate: fine for the page at /.
    log('info', 'directline.secret.random', {});
  }
  const signer = new TokenSigner(secret, config.DIRECTLINE_TOKEN_MINUTES * 60);
  const hub = new ConversationHub({
    maxConversations: config.DIRECTLINE_MAX_CONVERSATIONS,
    maxPerAddress: config.DIRECTLINE_MAX_CONVERSATIONS_PER_ADDRESS,
    idleMs: config.DIRECTLINE_IDLE_MINUTES * 60_000,
    maxActivities: 200,
    maxBytes: 256 * 1024,
    maxSubscribers: 4,
  });
  const adapter = new DirectLineAdapter(hub);
  if (opts.onTurnError) adapter.onTurnError = opts.onTurnError;
  if (!opts.logic && !opts.remote) throw new Error('mountDirectLine needs the bot: logic, or a remote bot');
  const perMinute = config.DIRECTLINE_MESSAGES_PER_MINUTE;
  const postLimiter = new RateLimiter(perMinute, perMinute / 60);
  const { origins, addressOf } = httpEdge(server, config);

  const originAllowed = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (origin === undefined) return true; // not a browser page: the token or the secret is what counts
    // Our own origins and DIRECTLINE_ALLOWED_ORIGINS, never the request's Host (DNS rebinding).
    return origins.allows(origin);
  };
  const streamBase = (req: IncomingMessage): string => {
    if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/$/, '').replace(/^http/, 'ws');
    return origins.originFor(req).replace(/^http/, 'ws');
  };
  const streamUrl = (req: IncomingMessage, c: Conversation, token: string, watermark?: string) =>
    `${streamBase(req)}${DIRECTLINE_PREFIX}/conversations/${c.id}/stream?${watermark ? `watermark=${encodeURIComponent(watermark)}&` : ''}t=${encodeURIComponent(token)}`;

  const access = new DirectLineAccess(secret, signer, hub);
  const authenticate = (req: IncomingMessage, token?: string | null) => access.authenticate(req, token);

  const fail = (res: Response, status: number, error: string, message: string) => {
    res.send(status, { error, message });
  };

  /** Token valid for this very conversation (or the secret), and the conversation known: otherwise the response is sent. */
  const conversationFor = (req: Request, res: Response): { c: Conversation; claims: TokenClaims | null } | null => {
    const found = access.conversation(req, String(req.params?.conversationId ?? ''));
    if (found.ok) return found;
    fail(res, found.status, found.error, found.message);
    return null;
  };

  const conversationPayload = (req: IncomingMessage, c: Conversation, watermark?: string) => {
    const { token, expiresIn } = signer.issue({ c: c.id, u: c.userId, ...(c.locale ? { l: c.locale } : {}) });
    return { conversationId: c.id, token, expires_in: expiresIn, streamUrl: streamUrl(req, c, token, watermark) };
  };

  const remote = opts.remote;
  const serviceUrl = () => connectorUrl(remote!.origin());
  const remoteBot = remote ? new RemoteBot({ url: remote.url, tokens: remote.tokens, serviceUrl, timeoutMs: remote.timeoutMs }) : undefined;
  if (remote) mountConnectorService(server, hub, remote.tokens, serviceUrl);

  /**
   * Runs a turn; a failure is the bot's onTurnError's (it apologises), never the HTTP
   * caller's. A remote bot that could not take the turn cannot apologise: we do, with its name.
   */
  const runTurn = async (activity: Partial<Activity>) => {
    const conv = pseudonym(activity.conversation?.id ?? '');
    try {
      if (remoteBot) await remoteBot.deliver(activity);
      else await adapter.processActivity(activity, opts.logic!);
    } catch (err) {
      if (err instanceof RemoteBotError) {
        log('error', 'directline.bot.failed', { status: err.status, conv });
        const text = opts.botUnavailable?.(activity.locale ?? undefined);
        if (text) await appendFromBot(hub, activity, [{ type: 'message', text, locale: activity.locale }]);
        return;
      }
      log('error', 'directline.turn.failed', { code: errorCode(err), conv });
    }
  };

  const inbound = (c: Conversation, fields: Partial<Activity>): Partial<Activity> => ({
    channelId: DIRECTLINE_CHANNEL,
    serviceUrl: IN_PROCESS_SERVICE_URL,
    conversation: { id: c.id } as Activity['conversation'],
    from: { id: c.userId, role: 'user' } as Activity['from'],
    recipient: { ...BOT_ACCOUNT },
    timestamp: new Date(),
    ...(c.locale ? { locale: c.locale } : {}),
    ...fields,
  });

  const start = (c: Conversation) => {
    if (c.started) return;
    c.started = true;
    // The welcome: Web Chat shows nothing until the bot speaks.
    void runTurn(inbound(c, { type: 'conversationUpdate', membersAdded: [{ id: c.userId, name: '' }, { ...BOT_ACCOUNT }] as Activity['membersAdded'] }));
  };

  // CORS and the upload refusal run before routing and body parsing: a preflight has no
  // route, and an upload must not be parsed (restify's multipart parser writes files to disk).
  server.pre((req: Request, res: Response, next: (err?: unknown) => void) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(DIRECTLINE_PREFIX) && !path.startsWith('/widget/')) return next();
    const origin = req.headers.origin;
    if (origin && !originAllowed(req)) {
      fail(res, 403, 'origin_not_allowed', 'This origin may not use this endpoint.');
      return next(false as unknown as Error);
    }
    if (origin) {
      res.header('Access-Control-Allow-Origin', origin);
      res.header('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with');
      res.header('Access-Control-Max-Age', '600');
      res.send(204);
      return next(false as unknown as Error);
    }
    const upload = UPLOAD_PATH.exec(path);
    if (upload && req.method === 'POST') {
      refuseUpload(req, res, upload[1]!);
      return next(false as unknown as Error);
    }
    return next();
  });

  const refuseUpload = (req: Request, res: Response, id: string) => {
    let read = 0;
    req.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read > MAX_UPLOAD_DRAIN) req.destroy();
    });
    req.on('error', () => undefined);
    req.resume();
    const found = access.conversation(req, id);
    if (!found.ok) return fail(res, found.status, found.error, found.message);
    const { c } = found;
    if (!postLimiter.take(c.id)) return fail(res, 429, 'rate_limited', 'Too many messages; wait a moment.');
    fail(res, 415, 'uploads_not_accepted', 'Files are not accepted here.');
    // The young person hears why in their language, from the bot (which never sees the file).
    void runTurn(inbound(c, { type: 'message', text: '', attachments: [{ contentType: 'application/octet-stream' }] }));
  };

  server.post(`${DIRECTLINE_PREFIX}/tokens/generate`, async (req: Request, res: Response) => {
    if (!secretMatches(bearerToken(req.headers.authorization), secret!)) {
      return fail(res, 403, 'invalid_secret', 'POST /tokens/generate needs the Direct Line secret.');
    }
    const body = req.body as { locale?: unknown } | undefined;
    res.send(200, issueConversationToken(cleanLocale(body?.locale)));
  });

  const issueConversationToken = (locale: string | undefined) => {
    const conversationId = randomId();
    const { token, expiresIn } = signer.issue({ c: conversationId, u: `dl_${randomId(12)}`, ...(locale ? { l: locale } : {}) });
    return { conversationId, token, expires_in: expiresIn };
  };

  server.post(`${DIRECTLINE_PREFIX}/tokens/refresh`, async (req: Request, res: Response) => {
    const auth = authenticate(req);
    if (!auth.ok) return fail(res, auth.status, auth.error, 'A valid Direct Line token is required.');
    if (!auth.claims) return fail(res, 400, 'bad_request', 'Refresh a token, not the secret.');
    if (!postLimiter.take(auth.claims.c)) return fail(res, 429, 'rate_limited', 'Too many requests; wait a moment.');
    const { token, expiresIn } = signer.issue({ c: auth.claims.c, u: auth.claims.u, ...(auth.claims.l ? { l: auth.claims.l } : {}) });
    res.send(200, { conversationId: auth.claims.c, token, expires_in: expiresIn });
  });

  server.post(`${DIRECTLINE_PREFIX}/conversations`, async (req: Request, res: Response) => {
    const auth = authenticate(req);
    if (!auth.ok) return fail(res, auth.status, auth.error, 'A valid Direct Line token is required.');
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as { locale?: unknown };
    const claims = auth.claims ?? { c: randomId(), u: `dl_${randomId(12)}`, exp: 0 };
    const opened = hub.open(claims.c, claims.u, addressOf(req), claims.l ?? cleanLocale(body.locale));
    if (!opened.ok) {
      log('warn', 'directline.conversation.refused', { reason: opened.reason });
      return opened.reason === 'full'
        ? fail(res, 503, 'busy', 'Too many conversations right now; try again later.')
        : fail(res, 429, 'too_many_conversations', 'Too many conversations from this address.');
    }
    const c = opened.conversation;
    const fresh = !c.started;
    start(c);
    if (fresh) log('info', 'directline.conversation.started', { conv: pseudonym(c.id) });
    res.send(fresh ? 201 : 200, conversationPayload(req, c));
  });

  server.get(`${DIRECTLINE_PREFIX}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const found = conversationFor(req, res);
    if (!found) return;
    start(found.c);
    res.send(200, conversationPayload(req, found.c, queryParam(req, 'watermark')));
  });

  server.get(`${DIRECTLINE_PREFIX}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const found = conversationFor(req, res);
    if (!found) return;
    res.send(200, hub.since(found.c, queryParam(req, 'watermark')));
  });

  server.post(`${DIRECTLINE_PREFIX}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const found = conversationFor(req, res);
    if (!found) return;
    const { c } = found;
    if (!postLimiter.take(c.id)) {
      res.header('Retry-After', String(postLimiter.retryAfterSeconds()));
      return fail(res, 429, 'rate_limited', 'Too many messages; wait a moment.');
    }
    if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? ''))) {
      return fail(res, 415, 'unsupported_media_type', 'Send activities as application/json.');
    }
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) return fail(res, 400, 'bad_request', 'Expected a JSON activity.');
    const parsed = parseClientActivity(req.body);
    if (!parsed.ok) {
      return parsed.error === 'unsupported_type'
        ? fail(res, 400, 'unsupported_activity_type', 'Only message, typing and event activities are accepted.')
        : fail(res, 400, 'bad_request', `Invalid activity: ${parsed.fields.join(', ')}.`);
    }
    const a = parsed.activity;
    if (a.type === 'typing') {
      // Nobody else is in the conversation to see it, and the bot ignores it.
      res.send(200, { id: `${c.id}|typing` });
      return;
    }
    if (a.locale) c.locale = a.locale;
    const activity = inbound(c, { ...a, ...(a.locale ? {} : c.locale ? { locale: c.locale } : {}) } as Partial<Activity>);
    // Messages are echoed (Web Chat waits for its clientActivityID to come back before it
    // marks the message sent); events only go to the bot.
    const stored = a.type === 'message' ? hub.append(c.id, activity) : undefined;
    const id = stored?.id ?? `${c.id}|e${crypto.randomBytes(4).toString('hex')}`;
    await runTurn({ ...activity, id });
    res.send(200, { id });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4_096, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const rejectUpgrade = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = STREAM_PATH.exec(url.pathname);
    if (!m) return rejectUpgrade(socket, 404, 'Not Found');
    // Browsers send Origin on a WebSocket and CORS does not apply to it: the same allow-list as the HTTP routes.
    if (!originAllowed(req)) return rejectUpgrade(socket, 403, 'Forbidden');
    const found = access.conversation(req, m[1]!, url.searchParams.get('t'));
    if (!found.ok) return rejectUpgrade(socket, found.status, found.status === 404 ? 'Not Found' : 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, found.c, url.searchParams.get('watermark') ?? undefined));
  };
  server.server.on('upgrade', onUpgrade);

  const attach = (ws: WebSocket, c: Conversation, watermark: string | undefined) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('error', () => undefined);
    // The client pings with empty messages; it has nothing else to say on this socket.
    ws.on('message', () => alive.set(ws, true));
    const send = (activities: Partial<Activity>[], mark: string) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_SOCKET_BUFFER) {
        log('warn', 'directline.socket.slow', { conv: pseudonym(c.id) });
        ws.terminate();
        return;
      }
      ws.send(JSON.stringify({ activities, watermark: mark }));
    };
    const backlog = hub.since(c, watermark);
    if (backlog.activities.length > 0) send(backlog.activities, backlog.watermark);
    const unsubscribe = hub.subscribe(c, { push: send, close: (reason) => ws.close(1000, reason) });
    ws.on('close', unsubscribe);
  };

  return {
    adapter,
    hub,
    signer,
    originAllowed,
    addressOf,
    publicOrigin: (req) => origins.originFor(req),
    issueConversationToken,
    close() {
      clearInterval(heartbeat);
      server.server.off('upgrade', onUpgrade);
      hub.close();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

function queryParam(req: Request, name: string): string | undefined {
  const value = new URL(req.url ?? '/', 'http://localhost').searchParams.get(name);
  return value === null ? undefined : value;
}
