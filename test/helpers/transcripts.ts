import crypto from 'node:crypto';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { silentLogger } from '../../bots/log';
import type { Database } from '../../db/createDatabase';
import { createBotStack } from '../../index';
import { loadResources } from '../../locales/i18n';

/** What the young person sends: text, or a richer activity (attachment, event...). */
export type UserInput = string | Partial<Activity>;
/** Bot lines expected for one user message, as locale keys, in order. */
export type Expect = string | string[];

export type Step =
  | [UserInput, Expect]
  | { advanceMinutes: number }
  | { user: UserInput; expect: Expect; buttons?: string[] };

export interface Transcript {
  name: string;
  locale: 'fr-FR' | 'en-US';
  /** webchat by default: buttons are suggested actions, so texts compare exactly. */
  channelId?: string;
  /** The clock at the first message (dates of birth, resume after silence). */
  today?: string;
  /** Send a conversationUpdate (member joined) before the first step. */
  joinFirst?: Expect;
  steps: Step[];
  /** What the stored request must contain (toMatchObject). */
  expectedRequest?: Record<string, unknown>;
  /** Whether the stored routing kept routing's choice or the young person's. */
  expectedChosenBy?: 'routing' | 'young_person';
  /** The language every bot line must be in (default: the page's locale). */
  expectLanguage?: 'fr' | 'en';
  /** Nothing at all may remain: no request, no conversation state. */
  expectNothingStored?: boolean;
}

const resources = loadResources();

function template(lang: 'fr' | 'en', key: string): string {
  let node: unknown = resources[lang];
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== 'string') throw new Error(`locale key "${key}" is missing in ${lang}`);
  return node;
}

/** A locale template as a regular expression: {{params}} match anything. */
export function templateRegExp(lang: 'fr' | 'en', key: string): RegExp {
  const escaped = template(lang, key)
    .split(/\{\{\s*\w+\s*\}\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*?');
  return new RegExp(`^${escaped}$`);
}

const langOf = (a: Partial<Activity>): 'fr' | 'en' => (a.locale?.startsWith('en') ? 'en' : 'fr');

export interface TranscriptRun {
  conversationKey: string;
  /** Every bot message sent, in order. */
  replies: Partial<Activity>[];
}

/** Plays a transcript against the real bot stack on `db` and checks every bot line. */
export async function runTranscript(t: Transcript, db: Database): Promise<TranscriptRun> {
  let now = new Date(t.today ?? '2026-11-21T10:00:00.000Z');
  const { bot } = createBotStack({ db, log: silentLogger, now: () => now, resumeAfterMs: 30 * 60_000 });
  const channelId = t.channelId ?? 'webchat';
  const conversationId = `t-${crypto.randomUUID()}`;
  const adapter = new TestAdapter((ctx) => bot.run(ctx), {
    channelId,
    conversation: { id: conversationId, isGroup: false, name: '', conversationType: 'personal' },
    locale: t.locale,
  } as Partial<Activity>);
  const all: Partial<Activity>[] = [];

  const play = async (label: string, activity: Partial<Activity>, expected: Expect, buttons?: string[]) => {
    await adapter.receiveActivity({ locale: t.locale, ...activity });
    const replies = adapter.activeQueue.splice(0).filter((a) => a.type === ActivityTypes.Message);
    all.push(...replies);
    const keys = Array.isArray(expected) ? expected : [expected];
    const texts = replies.map((r) => `[${langOf(r)}] ${r.text ?? ''}`);
    const fail = (why: string) => new Error(`${t.name}\n  after ${label}\n  ${why}\n  expected keys: ${JSON.stringify(keys)}\n  bot said:\n    ${texts.join('\n    ') || '(nothing)'}`);
    if (replies.length !== keys.length) throw fail(`expected ${keys.length} message(s), got ${replies.length}`);
    keys.forEach((key, i) => {
      const reply = replies[i]!;
      if (t.expectLanguage && langOf(reply) !== t.expectLanguage) throw fail(`message ${i + 1} is not in ${t.expectLanguage}`);
      if (!templateRegExp(langOf(reply), key).test(reply.text ?? '')) throw fail(`message ${i + 1} is not "${key}"`);
    });
    if (buttons) {
      const last = replies[replies.length - 1]!;
      const titles = (last.suggestedActions?.actions ?? []).map((a) => a.title);
      if (JSON.stringify(titles) !== JSON.stringify(buttons)) throw fail(`buttons ${JSON.stringify(titles)} != ${JSON.stringify(buttons)}`);
    }
  };

  if (t.joinFirst) {
    await play('join', { type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user1', name: 'User' }], recipient: { id: 'bot', name: 'Bot' } }, t.joinFirst);
  }
  for (const [i, step] of t.steps.entries()) {
    if ('advanceMinutes' in step) {
      now = new Date(now.getTime() + step.advanceMinutes * 60_000);
      continue;
    }
    const [input, expected, buttons] = Array.isArray(step) ? [step[0], step[1], undefined] : [step.user, step.expect, step.buttons];
    const activity: Partial<Activity> = typeof input === 'string' ? { type: ActivityTypes.Message, text: input } : { type: ActivityTypes.Message, ...input };
    await play(`step ${i + 1} (${JSON.stringify(typeof input === 'string' ? input : input.type ?? 'activity').slice(0, 80)})`, activity, expected, buttons);
    now = new Date(now.getTime() + 20_000);
  }

  const conversationKey = `${channelId}/conversations/${conversationId}`;
  const requests = await db.prisma.mentoringRequest.findMany({ where: { conversationKey }, include: { notifications: true } });
  if (t.expectedRequest) {
    if (requests.length !== 1) throw new Error(`${t.name}: expected one stored request, found ${requests.length}`);
    expect(requests[0]!.payload).toMatchObject(t.expectedRequest);
    expect(requests[0]!.notifications).toHaveLength(1);
    expect((requests[0]!.routing as { chosenBy?: string }).chosenBy).toBe(t.expectedChosenBy ?? 'routing');
  }
  if (t.expectNothingStored) {
    const state = await db.prisma.botState.findUnique({ where: { key: conversationKey } });
    if (requests.length > 0 || state) throw new Error(`${t.name}: expected nothing stored, found ${requests.length} request(s) and ${state ? 'a' : 'no'} conversation state`);
  }
  return { conversationKey, replies: all };
}
