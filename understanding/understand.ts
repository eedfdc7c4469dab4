import type {
  ContactChannel, DiplomaLevel, Lang, MeetingMode, Need, PriorityPublic, SchoolYear, Situation,
} from '../intake/vocabulary';
import { detectLanguage } from './detectLanguage';
import { readAge } from './parseAge';
import { parseCommand, type Command } from './parseCommand';
import { parseContact } from './parseContact';
import { parseContactPreference } from './parseContactPreference';
import { detectNoise, NOISE_WINS } from './detectNoise';
import { splitFaq, type FaqCode, type FaqTerm } from './parseFaq';
import { parseFirstName, findIntroducedName } from './parseFirstName';
import { parseMeeting } from './parseMeeting';
import { parseNeeds } from './parseNeeds';
import { parsePriorityPublics } from './parsePriorityPublics';
import { parseLevel, parseSituation } from './parseSituation';
import { parseYesNo } from './parseYesNo';
import type { CommuneIndex } from './places/CommuneIndex';
import { parsePlace } from './places/parsePlace';
import type { Place } from './places/types';
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

/** What a message says about where the young person lives. */
export type PlaceReading =
  | { kind: 'commune'; place: Place }
  /** Several communes of similar weight share the name: ask which. */
  | { kind: 'ambiguous'; candidates: Place[] }
  /** A postal code shared by several communes. */
  | { kind: 'postalCode'; code: string; candidates: Place[] }
  /** A département (or a single-département territory) without a commune. */
  | { kind: 'departement'; code: string }
  /** "Je préfère ne pas dire". */
  | { kind: 'declined' };

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
  /** The word an explain_question (or what_is_mentor) asks about, when named ("c'est quoi l'ASE ?"). */
  faqTerm?: FaqTerm;
  /** Two readings are about equally likely for this slot: ask rather than guess. */
  clarify?: SlotKey;
  /** Nothing to read: nonsense, insults, emoji only, markup, an attempt to give orders. */
  noise?: boolean;
}

const SKIP_PHRASES = new Set([
  'passer', 'je passe', 'suivant', 'skip', 'next', 'pass', 'je prefere ne pas repondre', 'prefer not to say', 'je ne veux pas repondre',
  'pas de reponse', 'rather not say', 'i d rather not say',
]);

/**
 * Reads one message of a young person: the answer to the question asked and every other
 * answer it gives on the way ("j'ai 17 ans, en terminale à Lyon"). Pure: the same text and
 * context give the same reading. Never throws; linear in the text (capped by cleanText).
 */
export function understand(text: string, ctx: UnderstandContext): Understanding {
  const out: Understanding = { slots: {} };
  try {
    const asked = ctx.asked;
    let cleaned = cleanText(text);
    const command = parseCommand(cleaned);
    if (command) {
      out.command = command;
      if (command.kind === 'switchLang') out.lang = command.lang;
      return out;
    }
    const noise = detectNoise(text);
    if (noise && NOISE_WINS.has(noise)) { out.noise = true; return out; }
    const key = tokenize(normalize(cleaned)).join(' ');
    // Only symbols: noise, except a thumbs-up to the summary.
    if (key === '' && asked !== 'confirm') { out.noise = true; return out; }
    if (SKIP_PHRASES.has(key)) { out.skip = true; return out; }
    const lang = detectLanguage(cleaned);
    if (lang) out.lang = lang;
    // A question about the service is answered; the sentences around it may still answer ("17 ans. c payant ?").
    const faq = splitFaq(cleaned, { asked });
    if (faq.faq) {
      out.faq = faq.faq.code;
      if (faq.faq.term) out.faqTerm = faq.faq.term;
      cleaned = faq.rest;
      if (tokenize(normalize(cleaned)).length === 0) return out;
    }
    const reading = lang ?? ctx.lang;
    const s = out.slots;

    // The answer to the question asked: the parser reads the whole message as that answer.
    switch (asked) {
      case 'firstName': {
        const r = parseFirstName(cleaned);
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
    const place = placeReading(cleaned, ctx.places);
    if (place) s.place = place;
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
    if (noise && Object.keys(s).length === 0 && !out.faq && !out.skip && !out.correction && !out.clarify) out.noise = true;
    return out;
  } catch {
    return out;
  }
}

function placeReading(text: string, places: CommuneIndex): PlaceReading | null {
  const r = parsePlace(text, places);
  if (r.ok) return { kind: 'commune', place: r.value };
  if (r.reason === 'declined') return { kind: 'declined' };
  if (r.reason === 'ambiguous' && r.candidates && r.candidates.length > 0) return { kind: 'ambiguous', candidates: r.candidates };
  return null;
}
