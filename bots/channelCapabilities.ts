import { ListStyle } from 'botbuilder-dialogs';
import { Channels } from 'botbuilder';

// Channels that render suggested actions as tappable buttons (Bot Framework's own list,
// plus Binôme's terminal client). Telegram, WhatsApp and Messenger adapters map them to keyboards or quick replies.
const SUGGESTED_ACTIONS = new Set<string>([
  Channels.Webchat, Channels.Directline, Channels.DirectlineSpeech, Channels.Emulator, Channels.Facebook,
  Channels.Line, Channels.Telegram, 'whatsapp', 'messenger', 'binome-cli',
]);
// SMS (not above) gets the answers in its text: "(1) Oui, (2) Non" inline, numbered lines for more than four,
// and no numbers where the dialog says so (the summary, whose lines are numbered already).
const MAX_SUGGESTED_ACTIONS = 12;

/** How choices are shown on a channel; a long list becomes a numbered text list. */
export function choiceStyleFor(channelId: string, count: number): ListStyle {
  if (SUGGESTED_ACTIONS.has(channelId) && count <= MAX_SUGGESTED_ACTIONS) return ListStyle.suggestedAction;
  return count > 4 ? ListStyle.list : ListStyle.inline;
}

/** Channels that say things their own way (locales/<lang>/<variant>.json overrides keys): SMS, where every character is paid for. */
export function textVariantFor(channelId: string | undefined): string | undefined {
  return channelId === 'sms' ? 'sms' : undefined;
}
