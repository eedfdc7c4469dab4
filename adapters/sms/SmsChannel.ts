import { pseudonym, type Logger } from '../../bots/log';
import { conversationKeyOf } from '../channels/ChannelLayer';
import type { InboundPayload } from '../channels/ChannelStore';
import type { MessagingChannel, SendOutcome } from '../channels/MessagingChannel';
import type { OutboundMessage } from '../channels/outbound';
import { optKeyword, SMS_CHANNEL } from './convertInbound';
import { renderSmsTurn, SMS_LIMITS } from './convertOutbound';
import { toGsmFriendly } from './segments';

/** One SMS provider's API (Twilio, Vonage): sends a text to a phone number in E.164. */
export interface SmsProvider {
  readonly name: 'twilio' | 'vonage';
  sendSms(to: string, body: string, deliveryId: string): Promise<SendOutcome>;
}

/** The numbers that sent STOP (db/PrismaOptOuts). */
export interface OptOutStore {
  isOptedOut(channel: string, userId: string): Promise<boolean>;
  optOut(channel: string, userId: string, keyword: string, at: Date): Promise<void>;
  optIn(channel: string, userId: string): Promise<void>;
}

export interface SmsChannelOptions {
  provider: SmsProvider;
  optOuts: OptOutStore;
  /** The most segments one turn may cost (SMS_MAX_SEGMENTS_PER_TURN). */
  budget: number;
  /** Write ê, ç, œ… without their accent when that makes a message GSM-7 (SMS_FOLD_ACCENTS). */
  foldAccents: boolean;
  /** The confirmations of STOP and START (both languages: the number's language is not known for sure). */
  stopped: () => string;
  started: () => string;
  log: Logger;
  now?: () => Date;
}

/**
 * SMS as a messaging channel, whichever provider carries it: text only (numbered answers),
 * a turn joined into one SMS within a segment budget, and STOP / START honoured here,
 * before the bot: a stopped number gets the confirmation and then nothing, news included,
 * until it sends START. The phone number is the identity; logs carry only its pseudonym.
 */
export class SmsChannel implements MessagingChannel {
  readonly id = SMS_CHANNEL;
  readonly limits = SMS_LIMITS;
  private readonly now: () => Date;

  constructor(private readonly o: SmsChannelOptions) {
    this.now = o.now ?? (() => new Date());
  }

  get provider(): SmsProvider {
    return this.o.provider;
  }

  async send(to: string, message: OutboundMessage, deliveryId: string): Promise<SendOutcome> {
    if (!(message.kind === 'text' && message.optOutNotice) && await this.o.optOuts.isOptedOut(SMS_CHANNEL, to)) {
      return { ok: false, retry: false, error: 'sms_opted_out', gone: true };
    }
    const text = message.kind === 'text' ? message.text : renderSmsTurn([message], 10, this.o.foldAccents).messages.map((m) => (m.kind === 'text' ? m.text : '')).join('\n\n');
    return this.o.provider.sendSms(to, toGsmFriendly(text, this.o.foldAccents), deliveryId);
  }

  async intercept(payload: InboundPayload): Promise<OutboundMessage[] | undefined> {
    const conv = pseudonym(conversationKeyOf(SMS_CHANNEL, payload.userId));
    const kw = payload.kind === 'text' ? optKeyword(payload.text) : undefined;
    if (kw?.action === 'stop') {
      await this.o.optOuts.optOut(SMS_CHANNEL, payload.userId, kw.keyword, this.now());
      this.o.log('info', 'sms.opted_out', { conv });
      return [{ kind: 'text', text: toGsmFriendly(this.o.stopped(), this.o.foldAccents), optOutNotice: true }];
    }
    if (kw?.action === 'start') {
      await this.o.optOuts.optIn(SMS_CHANNEL, payload.userId);
      this.o.log('info', 'sms.opted_in', { conv });
      return [{ kind: 'text', text: toGsmFriendly(this.o.started(), this.o.foldAccents) }];
    }
    if (await this.o.optOuts.isOptedOut(SMS_CHANNEL, payload.userId)) {
      // Stopped: nothing is sent until START, not even an answer to this.
      this.o.log('info', 'sms.ignored_opted_out', { conv });
      return [];
    }
    return undefined;
  }

  renderTurn(messages: OutboundMessage[], conversationKey: string): OutboundMessage[] {
    const turn = renderSmsTurn(messages, this.o.budget, this.o.foldAccents);
    if (turn.overBudget) this.o.log('warn', 'sms.turn_over_budget', { conv: pseudonym(conversationKey), segments: turn.segments.reduce((a, b) => a + b, 0), budget: this.o.budget });
    return turn.messages;
  }
}
