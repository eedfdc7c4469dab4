import type {
  ContactChannel, DiplomaLevel, Lang, MeetingMode, Need, PriorityPublic, SchoolYear, Situation,
} from '../intake/vocabulary';
import { readCorrection } from './corrections';
import { detectLanguage } from './detectLanguage';
import { readAge } from './parseAge';
import { parseCommand, type Command } from './parseCommand';
import { parseContact } from './parseContact';
import { parseContactPreference } from './parseContactPreference';
import { type FaqCode } from './parseFaq';
import { parseFirstName, findIntroducedName } from './parseFirstName';
import { parseMeeting } from './parseMeeting';
import { parseNeeds } from './parseNeeds';
import { parsePriorityPublics } from './parsePriorityPublics';
import { parseLevel, parseSituation } from './parseSituation';
import { parseYesNo } from './parseYesNo';
import type { CommuneIndex } from './places/CommuneIndex';
import { readPlace } from './places/readPlace';
import type { PlaceReading } from './places/types';
import { cleanText, normalize, tokenize } from './text';

/** The question the bot had just asked (null: an opening, or free narration). */
export type Asked =
  | 'firstName' | 'age' | 'situation' | 'schoolYear' | 'diplomaLevel' | 'needs' | 'place' | 'priority'
  | 'meeting' | 'availability' | 'contact' | 'contactPreference' | 'confirm';

export interface UnderstandContext {
  asked: Asked | null;
  /** The situation already known (reads "licence" as obtained or studied). */
  situation?: Situation | null;
  lang: Lang;
  today: Date;
  places: CommuneIndex;
}

export type { PlaceReading };

export interface SituationReading {
  kind: Situation;
  schoolYear: SchoolYear | null;
  diplomaLevel: DiplomaLevel | null;
  detail: string | null;
}

/** Every answer a message gives, whichever question was asked. */
export interface Slots {
  firstName?: string;
  /** The age as said, even outside 13–30 (the dialog refuses politely, nothing stored). */
  age?: number;
  situation?: SituationReading;
  /** The class or diploma alone (answer to the follow-up, or a correction of it). */
  level?: { schoolYear: SchoolYear | null; diplomaLevel: DiplomaLevel | null };
  needs?: Need[];
  needsOther?: string | null;
  place?: PlaceReading;
  /** [] none, null "prefer not to say". */
  priority?: PriorityPublic[] | null;
  meeting?: MeetingMode;
  availability?: string;
  email?: string;
  phone?: string;
  contactPreference?: ContactChannel;
  /** A plain yes or no to the summary. */
  confirm?: boolean;
}
export type SlotKey = keyof Slots;

export interface Understanding {
  slots: Slots;
  /** A global command ("stop", "recommencer", "modifier mon âge"); nothing else is read then. */
  command?: Command;
  /** The language the message is written in, when the evidence is clear, or asked for. */
  lang?: Lang;
  /** The message corrects an earlier answer ("en fait j'ai 19 ans"). */
  correction?: boolean;
  /** Skips a skippable question ("passer", "je préfère ne pas répondre"). */
  skip?: boolean;
  /** A question about the service ("c'est payant ?"): answered, then the question is asked again. */
  faq?: FaqCode;
  /** Two readings are about equally likely for this slot: ask rather than guess. */
  clarify?: SlotKey;
  /** The text the slots were read from, when a correction took out what it denies ("pas Lyon"). */
  source?: string;
  /** Nothing to read: nonsense, insults, emoji only, markup, an attempt to give orders. */
  noise?: boolean;
}

const SKIP_PHRASES = new Set([
  'passer', 'je passe', 'suivant', 'skip', 'next', 'pass', 'je prefere ne pas repondre', 'prefer not to say', 'je ne veux pas repondre',
  'pas de reponse', 'rather not say', 'i d rather not say',
]);

/**
 * Reads one message of a young person: the answer to the question asked and every other
 * answer it gives on the way ("j'ai 17 ans, en terminale à Lyon"), and whether it corrects
 * an earlier one ("c pas Roubaix c Tourcoing": the slots are the new values). Pure: the
 * same text and context give the same reading. Never throws; linear in the text (capped
 * by cleanText).
 */
export function understand(text: string, ctx: UnderstandContext): Understanding {
  const whole = readMessage(text, ctx);
  try {
    if (whole.command || whole.skip) return whole;
    const cues = readCorrection(text);
    const keys = (u: Understanding) => Object.keys(u.slots) as SlotKey[];
    let result = whole;
    if (cues.removed.length > 0) {
      const kept = readMessage(cues.kept, ctx);
      const removed = readMessage(cues.removed.join(', '), { ...ctx, asked: null });
      const replaced = keys(removed).filter((k) => k in kept.slots);
      // "pas Lyon, Villeurbanne": the same answer denied and given. "je sais pas quoi faire": plain negation.
      if (cues.marker || replaced.length > 0) {
        result = { ...kept, faq: kept.faq ?? whole.faq, lang: whole.lang, source: cues.kept };
        if (replaced.length > 0 || keys(kept).length > 0) result.correction = true;
        // "actually I'm not a student anymore": the old answer is wrong and no new one is given.
        const withdrawn = keys(removed).find((k) => !(k in kept.slots));
        if (cues.marker && replaced.length === 0 && keys(kept).length === 0 && withdrawn) {
          result.correction = true;
          result.clarify ??= withdrawn;
        }
      }
    } else if (cues.marker && keys(whole).length > 0) {
      result = { ...whole, correction: true };
    }
    // At the summary, any answer given is a change to it.
    if (ctx.asked === 'confirm' && keys(result).some((k) => k !== 'confirm')) result.correction = true;
    return result;
  } catch {
    return whole;
  }
}

/** The reading of a message as it is, without the correction rules. */
function readMessage(text: string, ctx: UnderstandContext): Understanding {
  const out: Understanding = { slots: {} };
  try {
    const cleaned = cleanText(text);
    const command = parseCommand(cleaned);
    if (command) {
      out.command = command;
      if (command.kind === 'switchLang') out.lang = command.lang;
      return out;
    }
    const key = tokenize(normalize(cleaned)).join(' ');
    if (key === '') return out;
    // "I'd rather not say" where we live is an answer (the place stays unknown), not a skip.
    if (SKIP_PHRASES.has(key) && ctx.asked === 'place' && / (say|dire)$/.test(` ${key}`)) { out.slots.place = { kind: 'declined' }; return out; }
    if (SKIP_PHRASES.has(key)) { out.skip = true; return out; }
    const lang = detectLanguage(cleaned);
    if (lang) out.lang = lang;
    const reading = lang ?? ctx.lang;
    const s = out.slots;
    const asked = ctx.asked;

    // The answer to the question asked: the parser reads the whole message as that answer.
    switch (asked) {
      case 'firstName': {
        // The raw text: markup is never a name ("<script>alert(1)</script>" is not "Alert").
        const r = parseFirstName(text);
        if (r.ok && !parseYesNo(cleaned, 'fr').ok && !parseYesNo(cleaned, 'en').ok) s.firstName = r.value;
        break;
      }
      case 'schoolYear': case 'diplomaLevel': {
        const r = parseLevel(cleaned, ctx.situation ?? null);
        if (r.ok) s.level = r.value;
        break;
      }
      case 'availability': {
        if (/[\p{L}\p{N}]/u.test(cleaned)) s.availability = cleaned.slice(0, 300);
        break;
      }
      case 'contactPreference': {
        const r = parseContactPreference(cleaned);
        if (r.ok) s.contactPreference = r.value;
        break;
      }
      case 'confirm': {
        const r = parseYesNo(cleaned, reading);
        if (r.ok) s.confirm = r.value;
        break;
      }
      default:
        break;
    }

    // Answers given on the way, whatever was asked.
    const age = readAge(cleaned, reading, ctx.today, { bareNumber: asked === 'age' });
    if (age !== null) s.age = age;
    if (asked !== 'firstName' && s.firstName === undefined) {
      const name = findIntroducedName(cleaned);
      if (name) s.firstName = name;
    }
    if (asked !== 'schoolYear' && asked !== 'diplomaLevel') {
      const sit = parseSituation(cleaned, reading);
      if (sit.ok) s.situation = sit.value;
    }
    const needs = parseNeeds(cleaned, reading);
    if (needs.ok) { s.needs = needs.value.needs; if (needs.value.other) s.needsOther = needs.value.other; }
    const place = readPlace(cleaned, ctx.places, asked);
    if (place?.kind === 'clarify') out.clarify ??= 'place';
    // "non" declines a place only as the answer to the place question.
    else if (place && (place.kind !== 'declined' || asked === 'place')) s.place = place;
    const contact = parseContact(cleaned);
    if (contact.ok) {
      if (contact.value.email) s.email = contact.value.email;
      if (contact.value.phone) s.phone = contact.value.phone;
    }
    if (asked === 'priority') {
      const pr = parsePriorityPublics(cleaned);
      if (pr.ok) s.priority = pr.value;
    }
    if (asked === 'meeting' || asked === null) {
      const m = parseMeeting(cleaned);
      if (m.ok) s.meeting = m.value;
    }
    return out;
  } catch {
    return out;
  }
}
