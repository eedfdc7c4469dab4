import { ListStyle } from 'botbuilder-dialogs';
import { Channels } from 'botbuilder';

// Channels that render suggested actions as tappable buttons (Bot Framework's own list,
// plus Binôme's terminal client). Telegram, WhatsApp and Messenger adapters map them to keyboards or quick replies.
const SUGGESTED_ACTIONS = new Set<string>([
  Channels.Webchat, Channels.Directline, Channels.DirectlineSpeech, Channels.Emulator, Channels.Facebook,
  Channels.Line, Channels.Telegram, 'whatsapp', 'messenger', 'binome-cli',
]);
const MAX_SUGGESTED_ACTIONS = 12;

/** How choices are shown on a channel; a long list becomes a numbered text list. */
export function choiceStyleFor(channelId: string, count: number): ListStyle {
  if (SUGGESTED_ACTIONS.has(channelId) && count <= MAX_SUGGESTED_ACTIONS) return ListStyle.suggestedAction;
  return count > 4 ? ListStyle.list : ListStyle.inline;
}
