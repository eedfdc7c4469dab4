import { ActivityTypes } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { ChoiceFactory, ListStyle, type Choice } from 'botbuilder-dialogs';
import type { i18n } from 'i18next';
import type { Msg, MsgParam } from '../dialogs/Msg';
import type { Lang } from '../intake/vocabulary';
import { choiceStyleFor, textVariantFor } from './channelCapabilities';

/**
 * Says a message in a language. With a `variant` (a channel's own wording, e.g. "sms"), the
 * key `<variant>.<key>` is said instead when the locale has it: the same thing, shorter.
 */
export type Renderer = (m: Msg, lang: Lang, variant?: string) => string;

/** Translates a message, its nested message params and lists (one per line). */
export function createRenderer(i18n: i18n): Renderer {
  const render: Renderer = (m, lang, variant) => {
    const params: Record<string, unknown> = { lng: lang };
    for (const [k, v] of Object.entries(m.params ?? {})) params[k] = renderParam(v, lang, variant);
    const key = variant && i18n.exists(`${variant}.${m.key}`, { lng: lang }) ? `${variant}.${m.key}` : m.key;
    return i18n.t(key, params) as string;
  };
  const renderParam = (v: MsgParam, lang: Lang, variant?: string): string | number => {
    if (Array.isArray(v)) return v.map((x) => render(x, lang, variant)).join('\n');
    if (typeof v === 'object') return render(v, lang, variant);
    return v;
  };
  return render;
}

/**
 * Turns a dialog's messages into activities for one channel: buttons as suggested
 * actions where the channel shows them, an inline list where it does not. The only
 * place that knows what a channel can display.
 */
export function toActivities(msgs: Msg[], lang: Lang, channelId: string, render: Renderer): Partial<Activity>[] {
  const variant = textVariantFor(channelId);
  return msgs.map((m) => {
    // The answers offered keep their one wording: the understanding reads them back.
    const text = render(m, lang, variant);
    if (!m.choices || m.choices.length === 0) return { type: ActivityTypes.Message, text, locale: lang === 'en' ? 'en-US' : 'fr-FR' };
    const choices: Choice[] = m.choices.map((c) => ({ value: render(c.label, lang) }));
    const style = choiceStyleFor(channelId, choices.length);
    const options = {
      includeNumbers: m.numberedChoices !== false,
      inlineSeparator: ', ',
      inlineOr: ` ${render({ key: 'common.or' }, lang)} `,
      inlineOrMore: `, ${render({ key: 'common.or' }, lang)} `,
    };
    const activity =
      style === ListStyle.suggestedAction
        ? ChoiceFactory.suggestedAction(choices, text)
        : style === ListStyle.list
          ? ChoiceFactory.list(choices, text, undefined, options)
          : ChoiceFactory.inline(choices, text, undefined, options);
    return { ...activity, locale: lang === 'en' ? 'en-US' : 'fr-FR' };
  });
}
