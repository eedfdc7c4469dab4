import type http from 'node:http';
import { LoopbackFake } from '../channels/LoopbackFake';

/**
 * A loopback stand-in for the Telegram Bot API, for tests and `npm run simulate`: it takes
 * POST /bot<token>/sendMessage and /answerCallbackQuery like Telegram does, refuses what
 * Telegram refuses (empty or too long text, callback_data over 64 bytes, a wrong token),
 * and plays the user: it posts updates to the bot's webhook with the secret token header.
 */

export interface TgSent { chatId: string; messageId: number; text: string; buttons: { text: string; callback_data: string }[]; body: Record<string, unknown> }

/** What the Bot API would refuse in a sendMessage call; [] when it would take it. */
export function sendMessageProblems(body: Record<string, unknown>): string[] {
  const p: string[] = [];
  if (typeof body.chat_id !== 'string' && typeof body.chat_id !== 'number') p.push('chat_id required');
  const text = body.text;
  if (typeof text !== 'string' || text.trim().length === 0) p.push('Bad Request: message text is empty');
  else if (text.length > 4096) p.push('Bad Request: message is too long');
  const markup = body.reply_markup as { inline_keyboard?: unknown } | undefined;
  if (markup !== undefined) {
    const rows = markup.inline_keyboard;
    if (!Array.isArray(rows)) p.push('reply_markup.inline_keyboard must be an array of arrays');
    else for (const row of rows) {
      if (!Array.isArray(row)) { p.push('keyboard row must be an array'); continue; }
      for (const b of row as { text?: unknown; callback_data?: unknown }[]) {
        if (typeof b.text !== 'string' || b.text.length === 0) p.push('Bad Request: button text is empty');
        if (typeof b.callback_data !== 'string' || Buffer.byteLength(b.callback_data) < 1 || Buffer.byteLength(b.callback_data) > 64) p.push('Bad Request: BUTTON_DATA_INVALID');
      }
    }
  }
  return p;
}

export class FakeTelegramApi extends LoopbackFake {
  readonly sent: TgSent[] = [];
  readonly rejected: { method: string; body: Record<string, unknown>; problems: string[] }[] = [];
  readonly answered: { id: string; text?: string }[] = [];
  private nextMessageId = 1;
  private nextUpdateId = 100_000;

  constructor(private readonly o: { token: string; secret: string }) {
    super();
  }

  to(chatId: string): TgSent[] {
    return this.sent.filter((m) => m.chatId === chatId);
  }

  protected handle(req: http.IncomingMessage, raw: Buffer, reply: (status: number, body: unknown) => void): void {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    if (!m || m[1] !== this.o.token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const body = LoopbackFake.json(raw);
    if (body === undefined) return reply(400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
    if (m[2] === 'answerCallbackQuery') {
      if (typeof body.callback_query_id !== 'string' || (typeof body.text === 'string' && body.text.length > 200)) return reply(400, { ok: false, error_code: 400, description: 'Bad Request' });
      this.answered.push({ id: body.callback_query_id, text: typeof body.text === 'string' ? body.text : undefined });
      return reply(200, { ok: true, result: true });
    }
    if (m[2] !== 'sendMessage') return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    const problems = sendMessageProblems(body);
    if (problems.length > 0) {
      this.rejected.push({ method: m[2], body, problems });
      return reply(400, { ok: false, error_code: 400, description: problems[0] });
    }
    const chatId = String(body.chat_id);
    const messageId = this.nextMessageId++;
    const markup = body.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
    this.sent.push({ chatId, messageId, text: String(body.text), buttons: (markup?.inline_keyboard ?? []).flat(), body });
    reply(200, { ok: true, result: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'private' }, text: body.text } });
  }

  // ---- playing the user ----

  private user(id: string) {
    return { id: Number(id), is_bot: false, first_name: 'Inès', language_code: 'fr' };
  }

  /** An update with a text message from a private chat. */
  messageUpdate(userId: string, fields: Record<string, unknown>): { update_id: number } & Record<string, unknown> {
    const update_id = this.nextUpdateId++;
    return { update_id, message: { message_id: update_id, from: this.user(userId), chat: { id: Number(userId), type: 'private', first_name: 'Inès' }, date: Math.floor(Date.now() / 1000), ...fields } };
  }

  /** A press on the button labelled `text` of the last message with a keyboard this user got. */
  callbackUpdate(userId: string, text: string): { update_id: number } & Record<string, unknown> {
    const last = [...this.to(userId)].reverse().find((s) => s.buttons.length > 0);
    const button = last?.buttons.find((b) => b.text === text);
    if (!last || !button) throw new Error(`no button "${text}"`);
    const update_id = this.nextUpdateId++;
    return {
      update_id,
      callback_query: {
        id: `cb${update_id}`,
        from: this.user(userId),
        chat_instance: '-1234',
        data: button.callback_data,
        message: { message_id: last.messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(userId), type: 'private' }, text: last.text, reply_markup: last.body.reply_markup },
      },
    };
  }

  async post(update: unknown, opts: { secret?: string | null; raw?: string } = {}): Promise<number> {
    if (!this.webhookUrl) throw new Error('FakeTelegramApi: no webhookUrl');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const secret = opts.secret === undefined ? this.o.secret : opts.secret;
    if (secret !== null) headers['x-telegram-bot-api-secret-token'] = secret;
    const res = await fetch(this.webhookUrl, { method: 'POST', headers, body: opts.raw ?? JSON.stringify(update) });
    await res.arrayBuffer();
    return res.status;
  }
}
