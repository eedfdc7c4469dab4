import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../bots/log';
import { loadConfig } from '../../config';
import { createApp, type App } from '../../index';

export interface Reply { type: string; text?: string; locale?: string; suggestedActions?: { actions: { title: string }[] } }

/** Starts the real server on an ephemeral loopback port. */
export async function startApp(databaseUrl: string, env: Record<string, string> = {}, opts: { now?: () => Date } = {}): Promise<App> {
  // E-mails without SMTP (and "not sent" copies) go to a temporary directory, never to ./data/outbox.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, OUTBOX_DIR: path.join(os.tmpdir(), `binome-outbox-${crypto.randomUUID()}`), ...env });
  return createApp({ config, log: silentLogger, now: opts.now });
}

export const tempPgliteUrl = () => `pglite://${fs.mkdtempSync(path.join(os.tmpdir(), 'binome-test-'))}/db`;

/** A server holding an embedded database in a directory, as `npm start` does: the CLI then goes through its admin API. */
export async function startHoldingPglite(env: Record<string, string> = {}): Promise<{ app: App; url: string; dataDir: string; close(): Promise<void> }> {
  const url = tempPgliteUrl();
  const dataDir = url.slice('pglite://'.length);
  const app = await startApp(url, { OUTBOX_WORKER: 'off', ...env });
  return {
    app, url, dataDir,
    async close() {
      await app.close();
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    },
  };
}

/** A Bot Framework client speaking to /api/messages with deliveryMode expectReplies. */
export class ExpectRepliesClient {
  readonly conversationId = `http-${crypto.randomUUID()}`;
  /** Where the channel receives messages the bot sends on its own (news about the request). */
  serviceUrl?: string;
  constructor(public url: string, private readonly locale = 'fr-FR', private readonly channelId = 'emulator') {}

  async raw(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Response> {
    return fetch(`${this.url}/api/messages`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  }

  activity(extra: Record<string, unknown>): Record<string, unknown> {
    return {
      type: 'message',
      id: crypto.randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: this.channelId,
      serviceUrl: this.serviceUrl ?? this.url,
      conversation: { id: this.conversationId },
      from: { id: 'user-1', role: 'user' },
      recipient: { id: 'binome', role: 'bot' },
      locale: this.locale,
      deliveryMode: 'expectReplies',
      ...extra,
    };
  }

  /** Sends an activity, returns the bot's message replies. */
  async send(extra: Record<string, unknown>): Promise<Reply[]> {
    const res = await this.raw(this.activity(extra));
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { activities?: Reply[] };
    return (body.activities ?? []).filter((a) => a.type === 'message');
  }

  async say(text: string): Promise<string[]> {
    return (await this.send({ text })).map((a) => a.text ?? '');
  }
}
