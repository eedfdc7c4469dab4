import { ChannelServiceHandlerBase, ChannelServiceRoutes, StatusCodeError, type Activity, type ResourceResponse, type WebServer } from 'botbuilder';
import type { ClaimsIdentity } from 'botframework-connector';
import type { Server } from 'restify';
import { z } from 'zod';
import { TurnQueue } from '../../bots/TurnQueue';
import { channelIdentity, ChannelTokens } from '../botframework/channelAuth';
import { bearerToken } from './tokens';
import type { Config } from '../../config';
import type { ConversationHub } from './ConversationHub';
import { appendFromBot } from './DirectLineAdapter';

/** Where the bot's replies come in: a Bot Connector service under the Direct Line prefix. */
export const CONNECTOR_PATH = '/v3/directline/connector';

/** The serviceUrl the bot replies to, for this server's public origin. */
export const connectorUrl = (origin: string) => `${origin.replace(/\/$/, '')}${CONNECTOR_PATH}`;

/** The bot did not take the turn (unreachable, timed out, refused our token, or failed). */
export class RemoteBotError extends Error {
  constructor(readonly status: number | 'unreachable' | 'timeout') {
    super(`bot ${status}`);
    this.name = 'RemoteBotError';
  }
}

/**
 * A bot in another process, behind the Bot Framework protocol: each activity is POSTed
 * to its messaging endpoint with a channel token naming our serviceUrl, and the bot
 * answers through the connector service below while its turn runs (the POST returns when
 * the turn is over, as with Azure's channels).
 */
export class RemoteBot {
  /** One conversation's activities reach the bot one after the other, in the order they were posted here. */
  private readonly queue = new TurnQueue();

  constructor(private readonly opts: {
    url: string;
    tokens: ChannelTokens;
    /** This endpoint's connector service as the bot reaches it. */
    serviceUrl: () => string;
    timeoutMs: number;
  }) {}

  deliver(activity: Partial<Activity>): Promise<void> {
    return this.queue.run(activity.conversation?.id ?? '', () => this.post(activity));
  }

  private async post(activity: Partial<Activity>): Promise<void> {
    const serviceUrl = this.opts.serviceUrl();
    let response: Response;
    try {
      response = await fetch(this.opts.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.opts.tokens.toBot.issue({ s: serviceUrl }).token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ ...activity, serviceUrl }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      throw new RemoteBotError((err as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable');
    }
    // Read (and drop) the body so the connection is reused; a bot answering a message has nothing to say in it.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new RemoteBotError(response.status);
  }
}

/** What a bot may post into a widget conversation; the body itself is bounded by MAX_BODY_BYTES. */
const BotActivitySchema = z.looseObject({
  type: z.enum(['message', 'typing', 'event', 'endOfConversation', 'trace', 'delay']),
  text: z.string().max(20_000).optional().nullable(),
  attachments: z.array(z.looseObject({ contentType: z.string().max(256) })).max(20).optional().nullable(),
});

/**
 * The connector service the remote bot replies to (send to conversation, reply to
 * activity). Each request must carry a token signed with the channel secret for this very
 * serviceUrl. What the Direct Line protocol cannot do (update or delete an activity,
 * members, new conversations) is answered 501 by botbuilder's base class.
 */
class DirectLineConnectorService extends ChannelServiceHandlerBase {
  constructor(private readonly hub: ConversationHub, private readonly tokens: ChannelTokens, private readonly serviceUrl: () => string) {
    super();
  }

  protected async authenticate(authHeader: string): Promise<ClaimsIdentity> {
    const check = this.tokens.toChannel.verify(bearerToken(authHeader));
    if (!check.ok || check.claims.aud !== this.serviceUrl()) throw new StatusCodeError(401, 'Unauthorized');
    return channelIdentity(this.serviceUrl());
  }

  protected override async onSendToConversation(_identity: ClaimsIdentity, conversationId: string, activity: Activity): Promise<ResourceResponse> {
    return this.post(conversationId, activity, activity.replyToId);
  }

  protected override async onReplyToActivity(_identity: ClaimsIdentity, conversationId: string, activityId: string, activity: Activity): Promise<ResourceResponse> {
    return this.post(conversationId, activity, activityId);
  }

  private async post(conversationId: string, activity: Activity, replyToId: string | undefined): Promise<ResourceResponse> {
    const c = this.hub.get(conversationId);
    if (!c) throw new StatusCodeError(404, 'Unknown or expired conversation.');
    const parsed = BotActivitySchema.safeParse(activity);
    if (!parsed.success) throw new StatusCodeError(400, `Invalid activity: ${[...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))].join(', ')}.`);
    const [response] = await appendFromBot(this.hub, { conversation: { id: c.id } as Activity['conversation'], from: { id: c.userId } as Activity['from'], id: replyToId }, [activity]);
    return response!;
  }
}

/** Mounts the connector service on the server (remote mode only: nobody else holds the secret). */
export function mountConnectorService(server: Server, hub: ConversationHub, tokens: ChannelTokens, serviceUrl: () => string): void {
  new ChannelServiceRoutes(new DirectLineConnectorService(hub, tokens, serviceUrl)).register(server as unknown as WebServer, CONNECTOR_PATH);
}

/** The remote bot of the configuration (DIRECTLINE_BOT_URL), if any; `listeningUrl` is this server's own address, once known. */
export function remoteBotConfig(config: Config, listeningUrl: () => string) {
  if (!config.DIRECTLINE_BOT_URL) return undefined;
  // loadConfig refuses a bot URL without the channel secret.
  return {
    url: config.DIRECTLINE_BOT_URL,
    tokens: new ChannelTokens(config.BOT_CHANNEL_SECRET!),
    origin: () => config.DIRECTLINE_SERVICE_URL ?? config.PUBLIC_URL ?? listeningUrl(),
    timeoutMs: config.DIRECTLINE_BOT_TIMEOUT_MS,
  };
}
