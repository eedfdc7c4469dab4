import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { FlowEngine, TurnResult } from '../dialogs/engine/FlowEngine';
import type { Msg } from '../dialogs/Msg';
import { StorageConflictError } from '../db/PrismaStorage';
import { langFromLocale } from '../locales/i18n';
import type { Lang } from '../intake/vocabulary';
import { ConversationStore } from './ConversationStore';
import { SafetyHook } from './SafetyHook';
import { pseudonym, type Logger } from './log';
import { toActivities, type Renderer } from './renderMessages';
import { TurnLimiter } from './TurnLimiter';
import { TurnQueue } from './TurnQueue';
import { turnCommitOf } from './turnCommit';

// A stale write means another turn of this conversation ran in between (another
// process); replies are only sent after the state is saved, so the turn can be redone.
const CONFLICT_RETRIES = 2;

/** Turns running at once when not told otherwise: the database pool's default size. */
export const DEFAULT_MAX_CONCURRENT_TURNS = 10;

/**
 * The bot: one turn at a time per conversation, at most `maxConcurrentTurns` turns at
 * once overall, safety check first, then the intake dialog, state saved with its eTag
 * before any reply is sent.
 */
export class IntakeBot {
  private readonly queue = new TurnQueue();
  private readonly safety: SafetyHook;
  readonly limiter: TurnLimiter;

  constructor(
    private readonly dialog: FlowEngine,
    private readonly store: ConversationStore,
    private readonly render: Renderer,
    private readonly log: Logger,
    options: { maxConcurrentTurns?: number } = {},
  ) {
    this.limiter = new TurnLimiter(options.maxConcurrentTurns ?? DEFAULT_MAX_CONCURRENT_TURNS);
    this.safety = new SafetyHook(dialog, render, log);
  }

  async run(context: TurnContext): Promise<void> {
    const key = ConversationStore.keyOf(context);
    await this.queue.run(key, () => this.turn(context, key));
  }

  private async turn(context: TurnContext, key: string): Promise<void> {
    const a = context.activity;
    const isMessage = a.type === ActivityTypes.Message;
    const isJoin = a.type === ActivityTypes.ConversationUpdate && (a.membersAdded ?? []).some((m) => m.id !== a.recipient?.id);
    // Typing, events, reactions, unknown types: nothing to say, nothing to store.
    if (!isMessage && !isJoin) return;
    const lang = langFromLocale(a.locale);
    // The database work holds a slot of the limiter; sending the replies (an HTTP call on
    // some channels) does not.
    const commit = turnCommitOf(context);
    const { result, state } = await this.limiter.run(async () => {
      for (let attempt = 0; ; attempt++) {
        const { state, eTag } = await this.store.load(key);
        const result = isMessage ? await this.onMessage(context, key, state, lang) : this.dialog.onConversationStart(state, lang, a.channelId);
        try {
          // The very same object back means nothing changed (a join on a running
          // conversation): nothing to write. No state back means erased.
          const changed = result.state && result.state !== state ? result.state : undefined;
          if (commit) {
            // The adapter stores state and replies together (a messaging channel's inbox).
            const activities = toActivities(result.out, result.state?.lang ?? state?.lang ?? lang, a.channelId, this.render);
            await commit({ key, state: changed, eTag, erase: !result.state && !!state, activities });
          } else if (changed) await this.store.save(key, changed, eTag);
          else if (!result.state && state) await this.store.delete(key);
          return { result, state };
        } catch (err) {
          if (err instanceof StorageConflictError && attempt < CONFLICT_RETRIES) {
            this.log('warn', 'turn.conflict', { conv: pseudonym(key), attempt });
            continue;
          }
          throw err;
        }
      }
    });
    this.log('info', 'turn', { conv: pseudonym(key), channel: a.channelId, phase: result.state?.phase ?? 'erased' });
    if (commit) return;
    await this.send(context, result.out, result.state?.lang ?? state?.lang ?? lang);
  }

  private async onMessage(context: TurnContext, key: string, state: Awaited<ReturnType<ConversationStore['load']>>['state'], lang: Lang): Promise<TurnResult> {
    const a = context.activity;
    const text = typeof a.text === 'string' ? a.text : '';
    // The safety check comes first and may answer instead of the form (bots/SafetyHook).
    return this.safety.onMessage(
      state,
      {
        text,
        attachments: (a.attachments ?? []).length,
        channel: a.channelId,
        conversationKey: key,
        conversationRef: conversationReferenceOf(a),
      },
      lang,
    );
  }

  private async send(context: TurnContext, out: Msg[], lang: Lang): Promise<void> {
    if (out.length === 0) return;
    await context.sendActivities(toActivities(out, lang, context.activity.channelId, this.render));
  }
}

/** What a later proactive message needs, without the user's message itself. */
function conversationReferenceOf(a: Activity): Record<string, unknown> {
  return {
    channelId: a.channelId,
    serviceUrl: a.serviceUrl,
    conversation: { id: a.conversation?.id },
    user: { id: a.from?.id },
    bot: { id: a.recipient?.id },
    locale: a.locale,
    // Set by the adapter once the request is authenticated (a channel holding the secret says so here): how to reach it again.
    ...(a.callerId ? { callerId: a.callerId } : {}),
  };
}
