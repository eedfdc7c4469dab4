import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import { errorCode, pseudonym, type Logger } from '../../bots/log';
import type { RateLimiter } from '../directline/rateLimit';
import { bearerToken } from '../directline/tokens';
import type { ChannelSecretAuthentication } from './channelAuth';
import { invalidActivityFields } from './inboundActivity';
import { isLoopbackAddress, isLoopbackUrl } from './isLoopback';

/**
 * POST /api/messages, the Bot Framework protocol. Without an app id nobody is
 * authenticated, so only loopback callers are served and replies only go to a loopback
 * serviceUrl: otherwise anyone could drive the bot or make it POST to any address. A
 * request signed with the channel secret (a Direct Line endpoint in another process) is
 * authenticated by it, from any address, for the serviceUrl its token names.
 */
export function messagesEndpoint(opts: {
  adapter: CloudAdapter;
  authenticated: boolean;
  /** BOT_CHANNEL_SECRET is set. */
  channel?: ChannelSecretAuthentication;
  logic: (context: TurnContext) => Promise<void>;
  log: Logger;
  /**
   * Messages per conversation (MESSAGES_PER_MINUTE). Turns of one conversation run one
   * after the other, so without it a flood would queue turns in memory without end.
   */
  limiter?: RateLimiter;
}) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      const viaChannel = !!opts.channel?.claimsChannel(req.headers?.authorization);
      if (viaChannel && !opts.channel!.verifies(bearerToken(req.headers?.authorization), (req.body as { serviceUrl?: unknown } | undefined)?.serviceUrl)) {
        // Checked before the adapter, which would log the refusal with a stack trace.
        res.send(401, { error: 'unauthorized', message: 'Invalid or expired channel token.' });
        return;
      }
      if (!opts.authenticated && !viaChannel) {
        // Behind a reverse proxy on this machine every caller looks local; a proxied request
        // is therefore refused too: expose the bot only with credentials.
        const proxied = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((h) => req.headers?.[h] !== undefined);
        if (!isLoopbackAddress(req.socket?.remoteAddress) || proxied) {
          res.send(403, { error: 'forbidden', message: 'This endpoint only accepts local callers unless MicrosoftAppId is configured.' });
          return;
        }
        const body = req.body as { serviceUrl?: unknown; deliveryMode?: unknown } | undefined;
        if (body && typeof body === 'object' && body.deliveryMode !== 'expectReplies' && typeof body.serviceUrl === 'string' && !isLoopbackUrl(body.serviceUrl)) {
          res.send(400, { error: 'bad_request', message: 'serviceUrl must be a loopback address unless MicrosoftAppId is configured.' });
          return;
        }
      }
      if (!/^application\/json\b/i.test(String(req.headers?.['content-type'] ?? ''))) {
        res.send(415, { error: 'unsupported_media_type', message: 'Send activities as application/json.' });
        return;
      }
      if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
        res.send(400, { error: 'bad_request', message: 'Expected a JSON activity.' });
        return;
      }
      const invalid = invalidActivityFields(req.body);
      if (invalid) {
        res.send(400, { error: 'bad_request', message: `Invalid activity: ${invalid.join(', ')}.` });
        return;
      }
      const activity = req.body as { type: string; channelId: string; conversation: { id: string }; serviceUrl?: string; deliveryMode?: unknown };
      // Without a serviceUrl the replies have nowhere to go: the adapter would try to post
      // them to a missing address (a DNS lookup leaving the machine) and the turn would fail.
      if (activity.deliveryMode !== 'expectReplies' && !isHttpUrl(activity.serviceUrl)) {
        res.send(400, { error: 'bad_request', message: 'serviceUrl (http or https) is required unless deliveryMode is "expectReplies".' });
        return;
      }
      const key = `${activity.channelId}/${activity.conversation.id}`;
      if (activity.type === 'message' && opts.limiter && !opts.limiter.take(key)) {
        // Not a turn: nothing is read or changed, and the channel may send it again later.
        opts.log('warn', 'http.messages.rate_limited', { conv: pseudonym(key) });
        res.header('Retry-After', String(opts.limiter.retryAfterSeconds()));
        res.send(429, { error: 'rate_limited', message: 'Too many messages in this conversation; wait a moment.' });
        return;
      }
      await opts.adapter.process(req, res, opts.logic);
    } catch (err) {
      opts.log('error', 'http.messages.failed', { code: errorCode(err) });
      if (!res.headersSent) res.send(500, { error: 'internal', message: 'Something went wrong. Please try again.' });
    }
  };
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0) return false;
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}
