import { z } from 'zod';

/**
 * What the SMS providers post to the webhook, as they document it. Form fields are strings;
 * only the fields Binôme reads are checked, others pass (providers add some).
 */

/**
 * Twilio's incoming message webhook (Messaging webhooks, "Twilio's request to your
 * application"): MessageSid (SM… for SMS, MM… for MMS), AccountSid, From, To, Body,
 * NumMedia with MediaContentType0…, and the sender's FromCountry when Twilio knows it.
 */
export const TwilioInbound = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/),
  AccountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
  From: z.string().min(1).max(64),
  To: z.string().min(1).max(64),
  Body: z.string().max(1_600).optional(),
  NumMedia: z.string().regex(/^\d{1,2}$/).optional(),
  MediaContentType0: z.string().max(255).optional(),
  FromCountry: z.string().max(8).optional(),
}).passthrough();
export type TwilioInbound = z.infer<typeof TwilioInbound>;

/**
 * Vonage's SMS API inbound message ("Inbound SMS" guide): msisdn (the sender, digits
 * without "+"), to (our virtual number), messageId, type (text | unicode | binary), text,
 * keyword, message-timestamp; with signed webhooks also timestamp, nonce and sig.
 * Concatenated parts carry concat, concat-ref, concat-total, concat-part.
 */
export const VonageInbound = z.object({
  msisdn: z.string().regex(/^\d{6,15}$/),
  to: z.string().min(1).max(32),
  messageId: z.string().min(1).max(64),
  type: z.enum(['text', 'unicode', 'binary']),
  text: z.string().max(4_096).optional(),
  'message-timestamp': z.string().max(32).optional(),
  timestamp: z.string().regex(/^\d{1,12}$/).optional(),
  nonce: z.string().max(128).optional(),
  sig: z.string().max(256).optional(),
  concat: z.union([z.string().max(8), z.boolean()]).optional(),
  'concat-ref': z.string().max(32).optional(),
  'concat-total': z.string().regex(/^\d{1,3}$/).optional(),
  'concat-part': z.string().regex(/^\d{1,3}$/).optional(),
}).passthrough();
export type VonageInbound = z.infer<typeof VonageInbound>;
