import {
  NEEDS, PRIORITY_PUBLICS,
  type ContactChannel, type DiplomaLevel, type Lang, type MeetingMode, type Need, type PriorityPublic, type SchoolYear, type Situation,
} from '../intake/vocabulary';
import { attribute } from './clauses';
import { readCorrection } from './corrections';
import { detectLanguage } from './detectLanguage';
import { ageAfterName, readAge, twoAges, vagueAge } from './parseAge';
import { parseCommand, type Command } from './parseCommand';
import { parseContact } from './parseContact';
import { parseContactPreference } from './parseContactPreference';
import { detectNoise, NOISE_WINS } from './detectNoise';
import { splitFaq, type FaqCode, type FaqTerm } from './parseFaq';
import { parseFirstName, findChildName, findIntroducedName, introducesName } from './parseFirstName';
import { COMMON_WORDS } from './places/vocabulary';
import { normalizeName, withoutLeadingArticle } from './places/normalize';
import { meetingDepends, parseMeeting, statesPreference } from './parseMeeting';
import { meansAllNeeds, parseNeeds, statesNeed } from './parseNeeds';
import { parseNumberedChoices } from './parseNumberedChoices';
import { readAvailability } from './parseAvailability';
import { findPhones } from './parsePhone';
import { parsePriorityPublics } from './parsePriorityPublics';
import { namesSituationKind, parseLevel, parseSituation, statesSituation } from './parseSituation';
import { OUT_OF_EDUCATION_KINDS } from '../intake/vocabulary';
import { parseYesNo } from './parseYesNo';
import { modelNeeds, modelSituation, readingModel } from './readingModel';
import { afterSaidBut } from './saidBut';
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
  /** The message asks to go on in `lang` ("can we continue in English?"): honoured at any time. */
  langRequested?: boolean;
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
  /** The needs said are to be added to those given before ("rajoute la confiance en moi"). */
  adds?: boolean;
  /** The text the slots were read from, when a correction took out what it denies ("pas Lyon"). */
  source?: string;
  /** Nothing to read: nonsense, insults, emoji only, markup, an attempt to give orders. */
  noise?: boolean;
  /**
   * Readings of other questions than the one asked that may be wrong: a commune whose name is
   * an everyday word ("Plaisir", "Fontaine"), a name never introduced as a name ("Salut, Lucas").
   * The dialog confirms them in one short question instead of storing them silently.
   */
  doubtful?: SlotKey[];
}

/** "Je préfère ne pas répondre": a skip, except where declining is itself an answer (place, priority). */
const DECLINE_PHRASES = new Set([
  'je prefere ne pas repondre', 'prefer not to say', 'je ne veux pas repondre', 'pas de reponse', 'rather not say', 'i d rather not say',
  'je prefere ne pas le dire', 'je prefere pas le dire', 'je prefere ne pas dire', 'je prefere pas dire', 'je prefere pas repondre',
  'je veux pas repondre', 'je veux pas le dire', 'i prefer not to say', 'i d rather not', 'i prefer not to answer', 'i d rather not answer',
]);
const SKIP_PHRASES = new Set(['passer', 'je passe', 'suivant', 'skip', 'next', 'pass', ...DECLINE_PHRASES]);
/** Questions whose answers read "je préfère ne pas le dire" themselves (place unknown, priority null). */
const DECLINABLE: readonly (Asked | null)[] = ['place', 'priority'];
/** Openings of a question without its question mark: "c koi qpv", "what does QPV mean". */
const QUESTION_OPENERS = /^(?:c koi|c quoi|c est quoi|cest quoi|c est koi|ca veut dire|qu est ce|quest ce|kesako|explique|what is|what s|whats|what does|what do|what are|how often|how many|how long|combien|cb)(?![\p{L}])/u;
/** Question words that make a message a question even without "?" ("on se voit cb de fois par mois"). */
const QUESTION_WORDS = new Set(['cb', 'combien', 'pourquoi', 'pk', 'pq', 'how', 'why']);
/** Messaging apps that are not a contact channel of the programme: ask which of ours. */
const OTHER_APPS = /(?:^|[^\p{L}])(?:whatsapp|whatsap|watsap|wattsap|wtsp|telegram|signal|messenger|insta|instagram|snap|snapchat|discord)(?![\p{L}])/u;
/** "je sais pas encore", "not sure yet": not an availability. */
const UNSURE_WORDS = new Set([
  'jsp', 'je', 'j', 'sais', 'pas', 'ne', 'encore', 'trop', 'vraiment', 'not', 'sure', 'yet', 'idk', 'dunno', 'i', 'don', 't', 'know', 'no',
  'idea', 'aucune', 'idee', 'bof', 'maybe', 'peut', 'etre', 'really', 'chais', 'ch', 'sai', 'pa', 'se',
]);
/**
 * Whether the message is a question: it ends with a question mark (emoji and spaces after it
 * aside), or opens like one ("c koi qpv"). One backward scan and one anchored regex.
 */
function isQuestion(text: string): boolean {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === '?') return true;
    if (/[\p{L}\p{N}]/u.test(c)) break;
  }
  return QUESTION_OPENERS.test(tokenize(normalize(text)).join(' '));
}
/** The slots other than `except` a reading holds. */
const otherSlots = (s: Slots, except: SlotKey) => (Object.keys(s) as SlotKey[]).some((k) => k !== except && s[k] !== undefined);

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
      // A need said with a negation is still a need ("elle a pas confiance en elle", "g plus confiance"):
      // the needs are replaced only when the whole message denies one (parseNeeds' own negation).
      const needsKept = (k: SlotKey) => k === 'needs' && (removed.slots.needs ?? []).every((n) => whole.slots.needs?.includes(n));
      const replaced = keys(removed).filter((k) => k in kept.slots && !needsKept(k));
      // "I'm 18 not 17": a bare "17" is an age only when read as one, like the kept answer.
      for (const k of keys(kept)) {
        const asked = ASKED_FOR_KEY[k];
        if (asked && !replaced.includes(k) && !needsKept(k) && k in readMessage(cues.removed.join(', '), { ...ctx, asked }).slots) replaced.push(k);
      }
      // "pas Lyon, Villeurbanne": the same answer denied and given. "je sais pas quoi faire": plain negation.
      if (cues.marker || replaced.length > 0) {
        result = { ...kept, slots: { ...kept.slots }, faq: kept.faq ?? whole.faq, lang: whole.lang, source: cues.kept };
        // Cutting words can make others look like an answer ("non pas Reims, Épernay" leaves a bare "non"):
        // an answer only the cut text gives, that neither the message nor its denied part gives, is dropped.
        // (A class and a situation are one answer: "je suis en première, pas en seconde".)
        const family = (k: SlotKey): SlotKey => (k === 'level' ? 'situation' : k);
        const said = new Set([...keys(whole), ...keys(removed), ...replaced].map(family));
        for (const k of keys(kept)) if (!said.has(family(k))) delete result.slots[k];
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
    if (cues.adds && result.slots.needs) result.adds = true;
    // A message that corrects something is about that: "Attendez, je ne suis plus au chômage" is no
    // first name, "non c terminale pas 1ere" no availability.
    if (result.correction && result !== whole) result.slots = { ...result.slots };
    if (result.correction) {
      if (ctx.asked === 'firstName' && result.slots.firstName !== undefined && !findIntroducedName(text)) delete result.slots.firstName;
      if (ctx.asked === 'availability' && Object.keys(result.slots).some((k) => k !== 'availability')) delete result.slots.availability;
    }
    // At the summary, any answer given is a change to it.
    if (ctx.asked === 'confirm' && keys(result).some((k) => k !== 'confirm')) result.correction = true;
    return result;
  } catch {
    return whole;
  }
}

/** A diploma said as obtained ("j'ai eu mon bac", "titulaire d'une licence", "I have a BTS"), not only studied once. */
const OBTAINED = /\b(?:j ai eu|obtenu|diplome|diplomee|titulaire|i have a|i ve got a|i got my|with a|avec un|avec une|j ai un|j ai une|j ai mon|j ai le|jai eu|jai mon|jai un|jai une|g eu|g mon|j ai fini|finished my)\b/u;

/** The whole message says "I don't know" ("jsp", "je sais pas trop", "no idea"). */
const DONT_KNOW = /^(?:(?:euh|bah|ben|hmm|um|honestly|franchement|alors) )?(?:jsp|jsais pas|chais pas|chai pas|j sais pas|je sais pas|je ne sais pas|sais pas|je sai pas|jsai pas|aucune idee|pas d idee|je suis pas sur|je suis pas sure|pas sur|pas sure|idk|i don t know|i dont know|i do not know|dunno|no idea|not sure)(?: (?:trop|vraiment|du tout|really|at all|lol|mdr|dsl|sorry))*$/u;

/** A diploma got, in the words an opening tells it ("i got bac pro vente", "g eu mon bac"). */
const GOT = /\b(?:i got|got my|got a|i have my|j ai obtenu|jai obtenu|g obtenu|g eu)\b/u;

/** The question under which a denied bare value is read again ("not 17" is an age next to "I'm 18"). */
const ASKED_FOR_KEY: Partial<Record<SlotKey, Asked>> = { age: 'age' };

/** The reading of a message as it is, without the correction rules. */
function readMessage(text: string, ctx: UnderstandContext): Understanding {
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
    if (key === '') {
      // Only symbols: noise, except a thumbs-up to the summary.
      const yn = ctx.asked === 'confirm' ? parseYesNo(cleaned, ctx.lang) : null;
      if (yn?.ok) out.slots.confirm = yn.value;
      else out.noise = true;
      return out;
    }
    // "I'd rather not say" where we live is an answer (the place stays unknown), not a skip.
    if (SKIP_PHRASES.has(key) && ctx.asked === 'place' && / (say|dire)$/.test(` ${key}`)) { out.slots.place = { kind: 'declined' }; return out; }
    if (SKIP_PHRASES.has(key) && !(DECLINE_PHRASES.has(key) && DECLINABLE.includes(ctx.asked))) { out.skip = true; return out; }
    const requested = languageRequested(key);
    const lang = requested ?? detectLanguage(cleaned);
    if (lang) out.lang = lang;
    if (requested) out.langRequested = true;
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
    // An opening tells a story: the age, situation and place are read only where it speaks of
    // the young person now, and the place where it says where they live (clauses.ts).
    const attrib = asked === null ? attribute(cleaned) : null;

    // The answer to the question asked: the parser reads the whole message as that answer.
    switch (asked) {
      case 'firstName': {
        // The raw text: markup is never a name, even once cleaned ("<script>alert(1)</script>").
        const r = parseFirstName(text);
        if (r.ok && !parseYesNo(cleaned, 'fr').ok && !parseYesNo(cleaned, 'en').ok) s.firstName = r.value;
        break;
      }
      case 'schoolYear': case 'diplomaLevel': {
        const r = parseLevel(cleaned, ctx.situation ?? null);
        if (r.ok) s.level = r.value;
        // "en première pro en fait": the answer changes the kind too.
        // …but a diploma named with its track ("bac pro") answering the diploma question of
        // someone out of school is their level, not a return to the lycée.
        const levelOnly = r.ok && r.value.diplomaLevel !== null && !!ctx.situation && OUT_OF_EDUCATION_KINDS.includes(ctx.situation);
        if (!levelOnly && namesSituationKind(cleaned)) {
          const sit = parseSituation(cleaned, reading, { seekingIsSituation: false });
          if (sit.ok && sit.value.kind !== ctx.situation) { s.situation = sit.value; delete s.level; }
        }
        break;
      }
      case 'needs': {
        if (meansAllNeeds(cleaned)) { out.clarify = 'needs'; break; }
        // "on peut parler en anglais ?": a question, not a subject to work on.
        if (isQuestion(cleaned) && !statesNeed(cleaned)) break;
        const picked = parseNumberedChoices(cleaned, NEEDS.length);
        if (picked) s.needs = picked.map((n) => NEEDS[n - 1]!);
        break;
      }
      case 'priority': {
        if (isQuestion(cleaned)) break;
        if (SKIP_PHRASES.has(key)) { s.priority = null; break; }
        // The buttons: the five publics, then "none".
        const picked = parseNumberedChoices(cleaned, PRIORITY_PUBLICS.length + 1);
        if (picked) {
          s.priority = picked.filter((n) => n <= PRIORITY_PUBLICS.length).map((n) => PRIORITY_PUBLICS[n - 1]!);
          break;
        }
        // "jsp", "aucune idée": not knowing whether a situation applies is an answer (not said), not a miss.
        if (DONT_KNOW.test(key)) { s.priority = null; break; }
        const pr = parsePriorityPublics(cleaned);
        if (pr.ok) s.priority = pr.value;
        break;
      }
      case 'meeting': {
        // The meeting question also asks when they are free: "en personne, le mercredi après-midi".
        const free = readAvailability(cleaned);
        if (free !== null && !isQuestion(cleaned)) s.availability = free;
        if (meetingDepends(cleaned)) { out.clarify = 'meeting'; break; }
        const m = parseMeeting(cleaned);
        if (m.ok) s.meeting = m.value;
        break;
      }
      case 'contactPreference': {
        const r = parseContactPreference(cleaned);
        // "mon mail c'était faux, c'est …@…": new contact data, not a channel.
        if (r.ok && !parseContact(cleaned).ok) s.contactPreference = r.value;
        else if (!r.ok && OTHER_APPS.test(normalize(cleaned))) out.clarify = 'contactPreference';
        break;
      }
      default:
        break;
    }

    // Answers given on the way, whatever was asked. Slots read in passing are stored without
    // a question, so those that explain another answer ("plutôt en ligne, je suis timide") are
    // read only when the message states them ("je suis…", "j'ai besoin…", "je préfère…").
    const age = readAge(attrib ? attrib.self : cleaned, reading, ctx.today, { bareNumber: asked === 'age' });
    if (age !== null) s.age = age;
    // Two ages given as theirs, in passing ("j'ai 17 ans, j'ai arrêté l'école à 16 ans"): one is checked, not guessed.
    const ages = age === null && asked !== 'age' && asked !== 'confirm' ? twoAges(attrib ? attrib.self : cleaned) : [];
    if (ages.length === 2) s.age = ages[0]!;
    // A parent or an educator writing names the young person ("je suis la maman de Yanis"): their name.
    const childName = attrib?.byRelative ? findChildName(cleaned, (w) => knownWord(w, reading)) : null;
    if (asked !== 'firstName' && s.firstName === undefined) {
      const name = findIntroducedName(cleaned, (w) => knownWord(w, reading)) ?? childName;
      if (name) {
        s.firstName = name;
        if (s.age === undefined) {
          const listed = ageAfterName(cleaned, name);
          if (listed !== null) s.age = listed;
        }
      }
    }
    if (s.age === undefined && (asked === 'age' || asked === null) && vagueAge(cleaned)) out.clarify ??= 'age';
    if (asked !== 'schoolYear' && asked !== 'diplomaLevel' && asked !== 'availability') {
      const free = asked === null || asked === 'situation';
      const stated = statesSituation(cleaned);
      if ((free && !(isQuestion(cleaned) && !stated)) || (!free && stated)) {
        const said = afterSaidBut(attrib ? attrib.present : cleaned);
        const sit = parseSituation(said, reading, { seekingIsSituation: asked === 'situation' });
        // The diploma obtained is told in the past ("j'ai eu mon bac pro l'an dernier, là je fais rien"):
        // out of education, the level comes from the whole story when the present clauses do not say it.
        if (sit.ok && attrib && sit.value.diplomaLevel === null && OUT_OF_EDUCATION_KINDS.includes(sit.value.kind) && OBTAINED.test(tokenize(normalize(attrib.self)).join(" "))) {
          const level = parseLevel(attrib.self, sit.value.kind);
          if (level.ok && level.value.diplomaLevel) sit.value = { ...sit.value, diplomaLevel: level.value.diplomaLevel };
        }
        if (sit.ok) {
          // "actually I'm in 11th grade": the class alone corrects the class, not the situation.
          // A collège class says the kind too ("je suis en 4e").
          if (!free && sit.value.schoolYear && sit.value.kind !== 'college' && !namesSituationKind(said)) {
            s.level = { schoolYear: sit.value.schoolYear, diplomaLevel: null };
          }
          // "Autre" keeps the young person's words only when they answer the situation question
          // (privacy: never an opening or another answer).
          else s.situation = asked === 'situation' ? sit.value : { ...sit.value, detail: null };
        } else if (sit.reason === 'ambiguous' && asked !== null) out.clarify ??= 'situation';
      }
    }
    // An opening that tells a diploma obtained ("I got my bac pro last June") but no situation the
    // lexicons read: the diploma alone, for the level question once the situation is known (dialogs/readings.ts).
    if (attrib && s.situation === undefined && (OBTAINED.test(tokenize(normalize(attrib.self)).join(' ')) || GOT.test(tokenize(normalize(attrib.self)).join(' ')))) {
      const level = parseLevel(attrib.self, 'recherche_emploi');
      // "pas de diplôme" is often said with the bac in hand (no degree after it): a level only when one is named.
      if (level.ok && level.value.diplomaLevel && level.value.diplomaLevel !== 'none') s.level = { schoolYear: null, diplomaLevel: level.value.diplomaLevel };
    }
    const needsFree = asked === null || asked === 'needs' || asked === 'situation';
    const needsQuestion = asked === 'needs' && isQuestion(cleaned) && !statesNeed(cleaned);
    if (out.clarify !== 'needs' && !needsQuestion && s.needs === undefined && (needsFree || statesNeed(cleaned))) {
      const needs = parseNeeds(cleaned, reading, { answer: asked === 'needs' });
      if (needs.ok) {
        s.needs = needs.value.needs;
        // The words of an "other" need only from the answer to the needs question (privacy: never the opening).
        if (needs.value.other && asked === 'needs') s.needsOther = needs.value.other;
      }
    }
    const place = attrib
      ? readPlace(attrib.home !== '' ? attrib.home : attrib.placeText, ctx.places, asked)
      : readPlace(cleaned, ctx.places, asked);
    if (place?.kind === 'clarify') out.clarify ??= 'place';
    // "non" declines a place only as the answer to the place question.
    else if (place && (place.kind !== 'declined' || asked === 'place')) s.place = place;
    const contact = parseContact(cleaned);
    if (contact.ok) {
      if (contact.value.email) s.email = contact.value.email;
      if (contact.value.phone) {
        s.phone = undeniedPhone(cleaned) ?? contact.value.phone;
      }
    }
    // A priority public said in passing: only a declaration ("je suis en situation de handicap"), never "non".
    if (asked !== 'priority' && !isQuestion(cleaned)) {
      const pr = parsePriorityPublics(cleaned);
      if (pr.ok && pr.value && pr.value.length > 0) s.priority = pr.value;
    }
    if (asked === 'priority' && s.priority?.length === 0 && /^(?:non|no|nan|nope) (?:pas|not) \S/u.test(key)) {
      // "non pas Lyon, Villeurbanne": a correction of another answer, not "none".
      delete s.priority;
    }
    if (asked !== 'meeting' && statesPreference(cleaned)) {
      const m = parseMeeting(cleaned);
      if (m.ok) s.meeting = m.value;
    }
    const words = key.split(' ');
    // "c pas Marseille c Aubagne" corrects another answer.
    const corrects = /(?:^|\s)(?:c|c est|it s|its) (?:pas|not) \S+(?: \S+)? (?:c|c est|it s|its) \S/u.test(key);
    if (asked === 'availability' && !otherSlots(s, 'availability') && out.clarify === undefined && !isQuestion(cleaned)
      && !words.some((w) => QUESTION_WORDS.has(w)) && !corrects) {
      if (/[\p{L}\p{N}]/u.test(cleaned) && !words.every((w) => UNSURE_WORDS.has(w))) s.availability = cleaned.slice(0, 300);
    }
    // A plain yes or no to the summary; "non, l'âge c'est 18" corrects a field instead.
    // ("non" alone is also read as a declined place: not a correction.)
    if (s.place?.kind === 'declined' && asked === 'confirm') delete s.place;
    if (asked === 'confirm' && !otherSlots(s, 'confirm') && out.clarify === undefined) {
      const r = parseYesNo(cleaned, reading);
      if (r.ok) s.confirm = r.value;
    }
    if (noise && Object.keys(s).length === 0 && !out.faq && !out.skip && !out.correction && !out.clarify) out.noise = true;
    // Not working and asking for a job in the same message: looking for one (the corpus convention, its README).
    if (s.situation?.kind === 'neet' && s.needs?.includes('job') && !(attrib && attrib.excluded && !/\b(?:job|travail|boulot|emploi|work)\b/u.test(normalize(attrib.present)))) {
      s.situation = { ...s.situation, kind: 'recherche_emploi' };
    }
    const doubtful: SlotKey[] = [];
    // Where the rules read nothing for the situation or the needs, the statistical reading
    // (readingModel.ts) above its threshold: always doubtful, the dialog confirms it. Never on
    // an answer that only says they do not know ("jsp", "dunno"): there is nothing to guess from.
    const model = readingModel();
    if (model && out.clarify === undefined && !out.faq && !noise && !isQuestion(cleaned) && !words.every((w) => UNSURE_WORDS.has(w))) {
      const context = asked === null ? 'opening' : 'asked';
      if ((asked === null || asked === 'situation') && !s.situation && !s.level) {
        const kind = modelSituation(model, cleaned, context);
        if (kind) { s.situation = { kind, schoolYear: null, diplomaLevel: null, detail: null }; doubtful.push('situation'); }
      }
      if ((asked === null || asked === 'needs') && !s.needs) {
        const needs = modelNeeds(model, cleaned, context);
        if (needs) { s.needs = needs; doubtful.push('needs'); }
      }
    }
    if (s.firstName !== undefined && asked !== 'firstName' && !introducesName(cleaned) && s.firstName !== childName) doubtful.push('firstName');
    if (ages.length === 2 && s.age === ages[0]) doubtful.push('age');
    // "j'habite à Plaisir" says it is a place; "plaisir" elsewhere in a story may be the word.
    if (s.place?.kind === 'commune' && asked !== 'place' && everydayName(s.place.place.name, reading) && !(attrib && attrib.home !== '')) doubtful.push('place');
    if (doubtful.length > 0) out.doubtful = doubtful;
    return out;
  } catch {
    return out;
  }
}

/** Everyday words of English only: in a French message "à Stains", "a lens" can only be the town. */
const ENGLISH_ONLY = new Set(['stains', 'lens', 'ales', 'dole', 'nice', 'many', 'baby', 'cry', 'ham', 'hem', 'gap', 'die', 'target', 'sore', 'real', 'tech']);
/** Everyday words of English: in an English message only these make a town's name doubtful ("in Le Moule" is the town). */
const ENGLISH_EVERYDAY = new Set([...ENGLISH_ONLY, 'long', 'plan', 'port', 'bar', 'bus', 'job', 'son', 'four', 'pure', 'isle', 'sort', 'grand', 'orange', 'union', 'mars', 'champagne', 'salon', 'cognac', 'jury', 'don', 'pin', 'baron', 'dauphin', 'marches', 'tours']);

/** A commune named like an everyday word of the message's language ("Plaisir", "La Fontaine", "Grasse"): read in passing, it may be the word. */
function everydayName(name: string, lang: Lang): boolean {
  const key = normalizeName(name);
  const words = (withoutLeadingArticle(key) ?? key).split(' ').filter((w) => w.length > 0);
  if (words.length === 0 || !words.every((w) => COMMON_WORDS.has(w))) return false;
  return lang === 'en' ? words.some((w) => ENGLISH_EVERYDAY.has(w)) : words.some((w) => !ENGLISH_ONLY.has(w));
}

/** A request made in a sentence ("sorry, can we continue in English?", "my French is not good", "on peut parler en français ?"). */
const ASKS_ENGLISH = /\b(?:(?:can|could) (?:we|you|i)|please|pls|plz|possible|on peut|peut on|stp|svp|continue|continuer|switch|passer|talk|speak|write|ecrire|parler|do this)\b.*\b(?:in english|en anglais)\b|\b(?:in english please|english please|i don t speak french|i dont speak french|i do not speak french|my french is not (?:good|great|very good)|my french is bad|my french isn t good|i don t understand french)\b/u;
const ASKS_FRENCH = /\b(?:(?:can|could) (?:we|you|i)|please|possible|on peut|peut on|stp|svp|continue|continuer|switch|passer|talk|speak|parler|ecrire)\b.*\b(?:in french|en francais)\b|\b(?:je parle pas anglais|je ne parle pas anglais|je comprends pas l anglais|je ne comprends pas l anglais|my english is not good)\b/u;

function languageRequested(key: string): Lang | null {
  const en = ASKS_ENGLISH.test(key);
  const fr = ASKS_FRENCH.test(key);
  return en === fr ? null : en ? 'en' : 'fr';
}

/** A word another lexicon reads ("timide", "unemployed", "réfugié", "nineteen"): not a name after "je suis". */
function knownWord(word: string, lang: Lang): boolean {
  return parseSituation(word, lang).ok || parseNeeds(word, lang).ok || parsePriorityPublics(word).ok || parseYesNo(word, lang).ok
    || parseMeeting(word).ok || readAge(word, lang, new Date(0), { bareNumber: true }) !== null;
}

/** "c pas 06… c 07…", "c'est 06… pas 06…": the number that is not denied, when two are given. */
function undeniedPhone(text: string): string | null {
  const phones = findPhones(text);
  if (phones.length < 2) return null;
  const t = normalize(text);
  const neg = /(?:^|[^\p{L}])(?:pas|not|non|no)(?![\p{L}])/u.exec(t);
  if (!neg) return null;
  // Denied before any number: the last one is right; denied between them: the first one.
  return findPhones(t.slice(0, neg.index)).length === 0 ? phones[phones.length - 1]! : phones[0]!;
}

