import type { Lang } from '../intake/vocabulary';
import lexicon from './lexicons/commands.json';

export type EditableField =
  | 'firstName' | 'age' | 'situation' | 'level' | 'needs' | 'place' | 'priority'
  | 'meeting' | 'availability' | 'contact' | 'contactPreference' | 'guardian';

export type Command =
  | { kind: 'help' }
  | { kind: 'back' }
  | { kind: 'restart' }
  | { kind: 'stop' }
  | { kind: 'deleteData' }
  | { kind: 'switchLang'; lang: Lang }
  | { kind: 'edit'; field: EditableField | null };

/** Lowercase, no accents, apostrophes and punctuation as spaces: "Modifier l'âge !" -> "modifier l age". */
export function commandText(text: string): string {
  return text
    .slice(0, 200)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const EXACT = new Map<string, Command>();
const commandOfKind = (kind: string): Command | null => {
  if (kind === 'switchLang.en') return { kind: 'switchLang', lang: 'en' };
  if (kind === 'switchLang.fr') return { kind: 'switchLang', lang: 'fr' };
  if (kind === 'help' || kind === 'back' || kind === 'restart' || kind === 'stop' || kind === 'deleteData') return { kind };
  return null;
};
const keyOf = (phrase: string) => commandText(phrase);
for (const [kind, phrases] of Object.entries(lexicon.exact)) {
  const cmd = commandOfKind(kind);
  if (cmd) for (const p of phrases) EXACT.set(keyOf(p), cmd);
}
for (const [kind, groups] of Object.entries(lexicon.combine)) {
  const cmd = commandOfKind(kind);
  if (!cmd) continue;
  for (const g of groups) {
    for (const v of g.verbs) for (const o of g.objects) {
      const key = keyOf(`${v} ${o}`);
      if (!EXACT.has(key)) EXACT.set(key, cmd);
    }
  }
}
const BARE_ONLY = new Set(lexicon.bareOnly.map(keyOf));
/** Longest first, so "est ce qu on peut" is taken off before "on peut". */
const byLength = (list: readonly string[]) => list.map(keyOf).filter(Boolean).sort((a, b) => b.length - a.length);
const LEADING = byLength(lexicon.polite.leading);
const TRAILING = byLength(lexicon.polite.trailing);

const FIELD_BY_WORDS = new Map<string, EditableField>();
for (const [field, words] of Object.entries(lexicon.edit.fields)) for (const w of words) FIELD_BY_WORDS.set(keyOf(w), field as EditableField);
const EDIT_VERBS = byLength(lexicon.edit.verbs);
const DETERMINERS = new Set(lexicon.edit.determiners.map(keyOf));
const ANY_ANSWER = new Set(lexicon.edit.answer.map(keyOf));

/** "modifier mon âge" -> the field; undefined when the text is not an edit request. */
function editCommand(t: string): Command | undefined {
  for (const verb of EDIT_VERBS) {
    if (t !== verb && !t.startsWith(`${verb} `)) continue;
    let rest = t.slice(verb.length).trim();
    if (ANY_ANSWER.has(rest)) return { kind: 'edit', field: null };
    const field = FIELD_BY_WORDS.get(rest);
    if (field) return { kind: 'edit', field };
    const space = rest.indexOf(' ');
    if (space > 0 && DETERMINERS.has(rest.slice(0, space))) {
      rest = rest.slice(space + 1);
      if (ANY_ANSWER.has(rest)) return { kind: 'edit', field: null };
      const f = FIELD_BY_WORDS.get(rest);
      if (f) return { kind: 'edit', field: f };
    }
    return undefined;
  }
  return undefined;
}

/** The command a core phrase says: exact, an edit, or two phrases of one command ("aide moi, je comprends rien"). */
function coreCommand(t: string): Command | undefined {
  const exact = EXACT.get(t);
  if (exact) return exact;
  const edit = editCommand(t);
  if (edit) return edit;
  const words = t.split(' ');
  for (let k = 1; k < words.length && k < 12; k++) {
    const a = EXACT.get(words.slice(0, k).join(' '));
    const b = a && EXACT.get(words.slice(k).join(' '));
    if (a && b && a.kind === b.kind && a.kind !== 'switchLang') return a;
  }
  return undefined;
}

function stripOne(t: string, list: readonly string[], leading: boolean): string | null {
  for (const p of list) {
    if (t === p) continue;
    if (leading && t.startsWith(`${p} `)) return t.slice(p.length + 1);
    if (!leading && t.endsWith(` ${p}`)) return t.slice(0, t.length - p.length - 1);
  }
  return null;
}

/** The text, then with polite words taken off the start, each also with them taken off the end. */
function variants(t: string): string[] {
  const heads: string[] = [t];
  for (let i = 0, cur: string | null = t; i < 4 && cur; i++) {
    cur = stripOne(cur, LEADING, true);
    if (cur) heads.push(cur);
  }
  const out: string[] = [];
  for (const h of heads) {
    out.push(h);
    for (let i = 0, cur: string | null = h; i < 3 && cur; i++) {
      cur = stripOne(cur, TRAILING, false);
      if (cur) out.push(cur);
    }
  }
  return out;
}

const MAX_COMMAND_LENGTH = 90;

/**
 * Recognises the global commands, but only when they are the whole message (give or take
 * "stp", "on peut", "please", "can we"): "je veux arrêter l'école" must stay an answer,
 * never stop the conversation.
 */
export function parseCommand(text: string): Command | null {
  try {
    const t = commandText(text);
    if (t === '' || t.length > MAX_COMMAND_LENGTH) return null;
    for (const v of variants(t)) {
      if (v !== t && BARE_ONLY.has(v)) continue;
      const cmd = coreCommand(v);
      if (cmd) return cmd;
    }
    return null;
  } catch {
    return null;
  }
}
