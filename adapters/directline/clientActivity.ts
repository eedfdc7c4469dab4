import { z } from 'zod';

/** Types a Direct Line client may post. Anything else is refused, so nothing unexpected reaches the bot. */
export const CLIENT_ACTIVITY_TYPES = ['message', 'typing', 'event'] as const;

const MAX_VALUE_JSON = 4_096;

/**
 * What a widget may send, field by field: every other field is dropped. Text is capped
 * well above what the bot accepts (it says kindly when a message is too long), so memory
 * per activity stays small whatever the body size limit is.
 */
const ClientActivitySchema = z.object({
  type: z.enum(CLIENT_ACTIVITY_TYPES),
  text: z.string().max(10_000).optional().nullable(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional().nullable(),
  locale: z.string().max(20).regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/).optional().nullable(),
  name: z.string().max(128).optional().nullable(),
  value: z.unknown().optional(),
  attachments: z.array(z.looseObject({ contentType: z.string().max(200).optional(), name: z.string().max(256).optional() })).max(10).optional().nullable(),
  channelData: z.looseObject({ clientActivityID: z.string().max(128).optional(), clientTimestamp: z.string().max(64).optional() }).optional().nullable(),
});

export type ClientActivity = {
  type: (typeof CLIENT_ACTIVITY_TYPES)[number];
  text?: string;
  textFormat?: 'plain' | 'markdown' | 'xml';
  locale?: string;
  name?: string;
  value?: unknown;
  /** Only what a file is, never its content or address. */
  attachments?: { contentType: string; name?: string }[];
  channelData?: { clientActivityID?: string; clientTimestamp?: string };
};

export type ParsedClientActivity = { ok: true; activity: ClientActivity } | { ok: false; error: 'unsupported_type' | 'invalid'; fields: string[] };

export function parseClientActivity(body: unknown): ParsedClientActivity {
  const parsed = ClientActivitySchema.safeParse(body);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))];
    return { ok: false, error: fields.includes('type') && typeof (body as { type?: unknown })?.type === 'string' ? 'unsupported_type' : 'invalid', fields };
  }
  const a = parsed.data;
  if (a.value !== undefined) {
    let json: string | undefined;
    try {
      json = JSON.stringify(a.value);
    } catch {
      json = undefined;
    }
    if (json === undefined || json.length > MAX_VALUE_JSON) return { ok: false, error: 'invalid', fields: ['value'] };
  }
  const out: ClientActivity = { type: a.type };
  if (typeof a.text === 'string') out.text = a.text;
  if (a.textFormat) out.textFormat = a.textFormat;
  if (a.locale) out.locale = a.locale;
  if (a.name) out.name = a.name;
  if (a.value !== undefined) out.value = a.value;
  if (a.attachments?.length) out.attachments = a.attachments.map((x) => ({ contentType: x.contentType ?? 'application/octet-stream', ...(x.name ? { name: x.name } : {}) }));
  if (a.channelData) {
    const cd: ClientActivity['channelData'] = {};
    if (a.channelData.clientActivityID) cd.clientActivityID = a.channelData.clientActivityID;
    if (a.channelData.clientTimestamp) cd.clientTimestamp = a.channelData.clientTimestamp;
    out.channelData = cd;
  }
  return { ok: true, activity: out };
}

/** A BCP 47-looking locale or nothing. */
export function cleanLocale(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 20 && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(value) ? value : undefined;
}
