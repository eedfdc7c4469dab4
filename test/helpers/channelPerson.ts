import type { App } from '../../index';

/**
 * What the end-to-end tests of the Meta channels (WhatsApp, Messenger) share besides the
 * app and its fake (channelApp.ts): one person talking to the bot through that fake.
 */

/** The part of a fake that plays a person: their messages and taps, as signed webhooks. */
export interface PersonFake {
  text(user: string, text: string): Promise<{ status: number; id: string }>;
  tap(user: string, title: string): Promise<{ status: number; id: string }>;
  messageFrom(user: string, message: Record<string, unknown>): { body: Record<string, unknown>; id: string };
  post(body: unknown): Promise<number>;
}

/**
 * One person's conversation: each call sends a message and returns the replies of that
 * turn once the bot processed it and the outbox delivered them all (read from the database:
 * the inbox row is done and its replies are delivered; `sentFor` finds what the fake got).
 */
export abstract class ChannelPerson<Sent> {
  constructor(protected readonly app: App, protected readonly fake: PersonFake, readonly user: string, readonly channel: string) {}

  async say(text: string): Promise<Sent[]> {
    const { status, id } = await this.fake.text(this.user, text);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    return this.repliesTo(id);
  }

  async tap(title: string): Promise<Sent[]> {
    const { status, id } = await this.fake.tap(this.user, title);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    return this.repliesTo(id);
  }

  /** Greets the bot, gives consent and a first name: the age question is next. */
  async introduce(name: string, greeting = 'bonjour'): Promise<void> {
    await this.say(greeting);
    await this.tap('Oui, on y va');
    await this.say(name);
  }

  async send(message: Record<string, unknown>): Promise<Sent[]> {
    const m = this.fake.messageFrom(this.user, message);
    const status = await this.fake.post(m.body);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    return this.repliesTo(m.id);
  }

  /** The replies to one inbound message, in the order they were sent. */
  async repliesTo(externalId: string, ms = 20_000): Promise<Sent[]> {
    const prisma = this.app.db.prisma;
    const deadline = Date.now() + ms;
    for (;;) {
      const row = await prisma.channelInbox.findUnique({ where: { channel_externalId: { channel: this.channel, externalId } } });
      if (row && (row.status === 'done' || row.status === 'failed')) {
        const rows = await prisma.notification.findMany({ where: { kind: 'channel_message', payload: { path: ['inReplyTo'], equals: row.id } }, orderBy: { seq: 'asc' } });
        if (rows.every((r) => r.status === 'delivered' || r.status === 'dead')) return this.sentFor(rows.map((r) => r.id));
      }
      if (Date.now() > deadline) throw new Error(`no replies to ${externalId} (inbox: ${row?.status ?? 'absent'})`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** What the fake received for these outbox rows, in their order. */
  protected abstract sentFor(notificationIds: string[]): Promise<Sent[]>;
}

/** Meta's subscription handshake: answered with the challenge only with the verify token. */
export async function expectMetaHandshake(url: string, verifyToken: string, wrongToken: string, challenge: string): Promise<void> {
  const ok = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=${challenge}`);
  expect(ok.status).toBe(200);
  expect(await ok.text()).toBe(challenge);
  const wrong = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=${wrongToken}&hub.challenge=${challenge}`);
  expect(wrong.status).toBe(403);
  expect(await wrong.text()).not.toContain(challenge);
}

/** A webhook posted three times (Meta retries) is stored once and answered once; returns the replies. */
export async function expectReplayedOnce<Sent>(app: App, person: ChannelPerson<Sent>, fake: PersonFake & { to(user: string): unknown[] }, m: { body: unknown; id: string }): Promise<Sent[]> {
  expect(await fake.post(m.body)).toBe(200);
  expect(await fake.post(m.body)).toBe(200);
  const first = await person.repliesTo(m.id);
  expect(await fake.post(m.body)).toBe(200);
  await new Promise((r) => setTimeout(r, 300));
  expect(fake.to(person.user)).toHaveLength(first.length);
  expect(await app.db.prisma.channelInbox.count({ where: { externalId: m.id } })).toBe(1);
  return first;
}

/**
 * What the bot cannot read (media, stickers, locations...) at the age question gets the kind
 * "text only" answer and the question again; the conversation goes on where it was.
 */
export async function expectKindsAnsweredKeepingPlace<Sent>(
  app: App, person: ChannelPerson<Sent>, kinds: Record<string, unknown>[], texts: (ms: Sent[]) => string[], said: (key: string) => string,
): Promise<void> {
  await person.introduce('Malik');
  for (const k of kinds) {
    const r = await person.send(k);
    expect(texts(r)[0]).toContain(said('input.attachment'));
    // The question is asked again: the conversation is where it was.
    expect(texts(r).join('\n')).toContain(said('intake.age.ask'));
  }
  const r = await person.say('16 ans');
  expect(texts(r).join('\n')).toContain(said('intake.situation.ask'));
  const state = await app.db.prisma.botState.findUnique({ where: { key: `${person.channel}/conversations/${person.user}` } });
  expect((state!.data as { draft: { firstName?: string; age?: number } }).draft).toMatchObject({ firstName: 'Malik', age: 16 });
}
