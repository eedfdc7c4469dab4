import {
  ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse,
} from 'botbuilder';
import type { ConversationHub } from './ConversationHub';

export const DIRECTLINE_CHANNEL = 'directline';
/** Not a URL anyone can post to: replies of this channel never leave the process. */
export const IN_PROCESS_SERVICE_URL = 'urn:binome:directline';
export const BOT_ACCOUNT = { id: 'binome', name: 'Binôme', role: 'bot' } as const;

/**
 * Activities from the bot into their conversation's history (and so to its sockets), in
 * this process or from a bot in another one: `inReplyTo` is the activity they answer (or
 * the continuation of a proactive message). Those sent together reach each socket in one
 * frame (one write, as Direct Line allows); a "delay" among them ends a frame. A
 * conversation forgotten meanwhile (the widget was closed) takes nothing: nobody can read it.
 */
export async function appendFromBot(hub: ConversationHub, inReplyTo: Partial<Activity>, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
  const conversationId = inReplyTo.conversation?.id ?? '';
  const responses: ResourceResponse[] = [];
  let frame: { at: number; activity: Partial<Activity> }[] = [];
  const flush = () => {
    const stored = hub.appendAll(conversationId, frame.map((f) => f.activity));
    frame.forEach((f, i) => { responses[f.at] = { id: stored[i]?.id ?? '' }; });
    frame = [];
  };
  for (const [at, a] of activities.entries()) {
    if (a.type === 'delay') {
      flush();
      // Bounded: a bot's "delay" must not hold a turn (and its queue) for long.
      await new Promise((r) => setTimeout(r, Math.min(Number(a.value) || 0, 2_000)));
      responses[at] = { id: '' };
      continue;
    }
    if (a.type === ActivityTypes.InvokeResponse || a.type === 'trace') {
      responses[at] = { id: '' };
      continue;
    }
    frame.push({
      at,
      activity: {
        ...a,
        channelId: DIRECTLINE_CHANNEL,
        conversation: { id: conversationId } as Activity['conversation'],
        from: { ...BOT_ACCOUNT },
        recipient: inReplyTo.from ? { id: inReplyTo.from.id, name: '', role: 'user' } : undefined,
        replyToId: a.replyToId ?? inReplyTo.id,
        timestamp: new Date(),
        serviceUrl: undefined,
      },
    });
  }
  flush();
  return responses;
}

export class DirectLineError extends Error {
  constructor(readonly code: 'CONVERSATION_GONE' | 'NOT_SUPPORTED') {
    super(code);
    this.name = 'DirectLineError';
  }
}

/**
 * The bot runs in this process: a turn is `runMiddleware` on a TurnContext, and what the
 * bot sends is appended to the conversation's history and pushed to its sockets. No HTTP
 * hop, no serviceUrl to trust, no credentials to hold.
 */
export class DirectLineAdapter extends BotAdapter {
  constructor(readonly hub: ConversationHub) {
    super();
  }

  /** One inbound activity through the middleware and the bot. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return appendFromBot(this.hub, context.activity, activities);
  }

  async updateActivity(): Promise<void> {
    throw new DirectLineError('NOT_SUPPORTED');
  }

  async deleteActivity(): Promise<void> {
    throw new DirectLineError('NOT_SUPPORTED');
  }

  /**
   * A proactive message ("your request was accepted") to a widget conversation still
   * open in this process. A forgotten one cannot be reached: the young person's page is
   * gone, so the caller must use another way (their e-mail or phone).
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const id = reference.conversation?.id;
    if (!id || !this.hub.get(id)) throw new DirectLineError('CONVERSATION_GONE');
    const request = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, request), logic);
  }
}
