import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailMessage } from '../composeEmail';
import { delivered, permanentFailure, temporaryFailure, type DeliveryResult } from './DeliveryResult';

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

export interface EmailTransportOptions {
  /** smtp://user:pass@host:port or smtps://…; unset = write .eml files to `outboxDir`. */
  smtpUrl?: string;
  from: string;
  outboxDir: string;
  /** Socket timeouts, so an SMTP server that hangs cannot hold a worker. */
  timeoutMs?: number;
}

/**
 * E-mail through nodemailer. Without SMTP configured, each message is written as
 * `<outboxDir>/<delivery id>.eml` (same id, same file: a retry overwrites, never adds),
 * so the embedded default shows exactly what staff would receive.
 */
export class EmailTransport {
  private readonly transporter: Transporter;
  readonly mode: 'smtp' | 'files';

  constructor(private readonly opts: EmailTransportOptions) {
    const timeout = opts.timeoutMs ?? 15_000;
    if (opts.smtpUrl) {
      this.mode = 'smtp';
      this.transporter = nodemailer.createTransport(opts.smtpUrl, { connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout * 2 } as never);
    } else {
      this.mode = 'files';
      this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  static isAddress(value: string | null | undefined): value is string {
    return typeof value === 'string' && value.length <= 254 && EMAIL.test(value);
  }

  async send(message: EmailMessage): Promise<DeliveryResult> {
    if (!EmailTransport.isAddress(message.to)) return permanentFailure('no_valid_address', 'no_contact');
    const mail = {
      from: this.opts.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      replyTo: message.replyTo,
      messageId: `<${message.deliveryId}@binome.invalid>`,
      headers: { 'X-Binome-Delivery': message.deliveryId, 'Auto-Submitted': 'auto-generated' },
    };
    try {
      const info = await this.transporter.sendMail(mail);
      if (this.mode === 'files') {
        fs.mkdirSync(this.opts.outboxDir, { recursive: true, mode: 0o700 });
        const file = path.join(this.opts.outboxDir, `${message.deliveryId}.eml`);
        // Staff e-mails hold minors' contacts: readable by the owner only.
        fs.writeFileSync(file, info.message as Buffer, { mode: 0o600 });
        return delivered(file);
      }
      return delivered('smtp');
    } catch (err) {
      const e = err as { responseCode?: number; code?: string };
      // 5xx is the server's final word on this message (unknown mailbox, refused); 4xx and
      // connection failures are worth another try later.
      if (typeof e.responseCode === 'number') {
        return e.responseCode >= 500 ? permanentFailure(`smtp_${e.responseCode}`) : temporaryFailure(`smtp_${e.responseCode}`);
      }
      return temporaryFailure(`smtp_${(e.code ?? 'error').toLowerCase()}`);
    }
  }

  /**
   * Without SMTP, writes a message that could not be sent (no address in the directory)
   * as `<delivery id>.not-sent.eml`, so the embedded default still shows what staff would
   * have received. Returns the file, or null with SMTP (nothing to show there).
   */
  async keepUnsent(message: EmailMessage): Promise<string | null> {
    if (this.mode !== 'files') return null;
    const info = await this.transporter.sendMail({
      from: this.opts.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: `<${message.deliveryId}@binome.invalid>`,
      headers: { 'X-Binome-Delivery': message.deliveryId, 'X-Binome-Not-Sent': 'no address in the directory', 'Auto-Submitted': 'auto-generated' },
    });
    fs.mkdirSync(this.opts.outboxDir, { recursive: true, mode: 0o700 });
    const file = path.join(this.opts.outboxDir, `${message.deliveryId}.not-sent.eml`);
    fs.writeFileSync(file, info.message as Buffer, { mode: 0o600 });
    return file;
  }

  close(): void {
    this.transporter.close();
  }
}
