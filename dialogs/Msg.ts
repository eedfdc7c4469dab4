/**
 * What a dialog says, as locale keys: rendering (language, channel buttons) happens in
 * bots/. A param may itself be a message (translated too) or a list of them (one a line).
 */
export interface Msg {
  key: string;
  params?: Record<string, MsgParam>;
  /** Buttons offered with this message; the last message of a turn carries them. */
  choices?: ChoiceOption[];
  /** false where typed numbers mean something else (the summary's numbered answers). */
  numberedChoices?: boolean;
}
export type MsgParam = string | number | Msg | Msg[];

export interface ChoiceOption {
  /** Stable code the dialog understands. */
  code: string;
  label: Msg;
}

export const msg = (key: string, params?: Record<string, MsgParam>): Msg => (params ? { key, params } : { key });

/** Translates a key for a language; injected so dialogs stay testable and channel-free. */
export type Translate = (lang: string, key: string, params?: Record<string, unknown>) => string;
