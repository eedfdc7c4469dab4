import type { CompiledGroup, CompiledLexicon, CrisisCategory, CrisisLevel } from './detectCrisis';

/**
 * The context rules of the safety check: what a lexicon match means in its sentence. The
 * patterns themselves are found by crisisPatterns.ts; this module reads each match in its
 * clause (negation, topic, someone else's past, resolved, studies, laughter, a condition on
 * studies, a time or a plan) and then says who violence comes from (attribute). See
 * detectCrisis.ts for the overview and docs/safety.md for examples.
 */

// Categories the past of someone else, or "c'est fini", close entirely: no one is in danger
// now. The others are asked about instead (a past suicide attempt still matters).
const CLOSED_BY_RESOLUTION: ReadonlySet<CrisisCategory> = new Set(['school_harassment', 'online_harassment', 'violence', 'homelessness', 'overdose']);
const CLOSED_BY_SOMEONE_ELSES_PAST: ReadonlySet<CrisisCategory> = new Set(['school_harassment', 'online_harassment', 'violence', 'homelessness', 'overdose', 'suicide', 'self_harm']);
const NEGATION_REACH = 5;
const TOPIC_REACH = 10;
const TOPIC_AFTER_REACH = 4;
const STUDIES_REACH = 6;
const THIRD_PERSON_REACH = 8;
const CONDITIONAL_REACH = 3;
const BY_OTHER_REACH = 2;
const CONDITIONAL_STUDIES_REACH = 12;
// Figures of speech about ending things that a time ("ce soir", "tonight") or a plan ("j'ai
// tout préparé", "goodbye letters") turn into a danger said plainly.
// Nowhere to sleep *tonight* is the danger itself, not a figure of speech.
const RAISED_BY_IMMINENCE: ReadonlySet<CrisisCategory> = new Set(['suicide', 'self_harm', 'homelessness']);
// A place to fall from ("sur le toit", "on the bridge") raises only thoughts of ending things.
const RAISED_BY_PLACE: ReadonlySet<CrisisCategory> = new Set(['suicide']);
// "become unalive", "devenir SDF": a frame of becoming right before the words is the writer's
// own state, not a career ("devenir éducatrice pour les jeunes SDF" has words in between).
const COPULAS: ReadonlySet<string> = new Set(['devenir', 'become', 'etre', 'be']);
// Words that open a noun phrase: "les overdoses", "les tentatives de suicide" name a subject.
const INTEREST: ReadonlySet<string> = new Set(['interese', 'interesent', 'interesait', 'pasione', 'pasionent', 'fascine', 'fascinent', 'interests', 'interest', 'fascinates', 'fascinate']);
const REPORTING: ReadonlySet<string> = new Set(['argue', 'argued', 'explain', 'explained', 'show', 'showed', 'discuss', 'discussed', 'write', 'wrote', 'present', 'analyse', 'analyze', 'explique', 'montre', 'presente', 'ecris', 'ecrit', 'analyse', 'argumente', 'defends', 'parle', 'traite', 'aborde', 'decris']);
const POSSESSIVES: ReadonlySet<string> = new Set(['mon', 'ma', 'mes', 'my', 'mine', 'notre', 'nos', 'our']);
const DETERMINERS: ReadonlySet<string> = new Set(['les', 'des', 'le', 'la', 'l', 'du', 'de', 'd', 'the', 'of', 'these', 'ces', 'aux']);
// After a French verb, "pas" / "jamais" negate it ("je me scarifie pas du tout") only when
// the clause ends there or goes on with one of these: "pas mal", "pas souvent", "pas que"
// change the meaning and keep the danger.
const POST_NEGATORS: ReadonlySet<string> = new Set(['pas', 'jamais']);
// "que je connais pas", "qu'on aime pas": a relative clause closed by its negation.
const RELATIVES: ReadonlySet<string> = new Set(['que', 'qu', 'qui', 'ke', 'ki']);
const SUBJECTS: ReadonlySet<string> = new Set(['je', 'j', 'tu', 'il', 'elle', 'on', 'ils', 'elles', 'nous', 'vous']);
// Auxiliaries: "que je ne suis pas..." goes on with its own verb after the negator.
const FILLER_VERBS: ReadonlySet<string> = new Set(['ai', 'as', 'a', 'suis', 'es', 'est', 'etait', 'ont', 'sont', 'avons', 'sommes', 'ne', 'n']);
const AFTER_POST_NEGATION: ReadonlySet<string> = new Set(['du', 'hein', 'mais', 'et', 'je', 'moi', 'non', 'ni', 'promis', 'ok', 'tkt', 'rassure', 'rassurez', 'inquiete', 'inquietez']);
// Hints of harm done by others: studies named around them are where it happens, not a figure of speech.
const HARM_FROM_OTHERS: ReadonlySet<CrisisCategory> = new Set(['school_harassment', 'online_harassment', 'partner_violence', 'sexual_violence', 'abuse']);
// Only what the writer says of themself: "on me frappe si j'ai une mauvaise note" stays a danger.
const LOWERED_BY_STUDIES_CONDITION: ReadonlySet<CrisisCategory> = new Set(['suicide']);

/** Where a context pattern matched: for each token, the end of the longest match starting there. */
export class Reader {
  constructor(
    private readonly tokens: readonly string[],
    private readonly clause: readonly number[],
    private readonly ends: Int32Array,
    private readonly seen: Uint8Array,
  ) {}

  /** Whether the label matched anywhere (from the walk itself). */
  matched(label: number): boolean {
    return this.seen[label] === 1;
  }

  private endAt(label: number, i: number): number {
    return this.ends[label * this.tokens.length + i]!;
  }

  /** Some match of a context pattern anywhere in the message. */
  any(label: number): boolean {
    return this.seen[label] === 1;
  }

  /** A match of the context pattern ending at or before `start`, in the same clause, at most `reach` words before. Returns its end or -1. */
  endingBefore(label: number, start: number, reach: number): number {
    let best = -1;
    if (this.seen[label] !== 1) return best;
    for (let i = Math.max(0, start - reach); i < start; i++) {
      if (this.clause[i] !== this.clause[start]) continue;
      const e = this.endAt(label, i);
      if (e > i && e <= start && e > best) best = e;
    }
    return best;
  }

  /** A match of the context pattern starting within `reach` words after `end`, same clause. */
  startingAfter(label: number, end: number, reach: number, clauseOf: number): boolean {
    if (this.seen[label] !== 1) return false;
    for (let i = end; i < Math.min(this.tokens.length, end + reach); i++) {
      if (this.clause[i] !== clauseOf) return false;
      if (this.endAt(label, i) > i) return true;
    }
    return false;
  }

  /** The clauses holding a match of the context pattern. */
  clausesWith(label: number): Set<number> {
    const out = new Set<number>();
    for (let i = 0; i < this.tokens.length; i++) if (this.endAt(label, i) > i) out.add(this.clause[i]!);
    return out;
  }

  /** A match of the context pattern that overlaps none of the spans (linear: a sweep over covered words). */
  outside(label: number, spans: [number, number][]): boolean {
    const n = this.tokens.length;
    const delta = new Int32Array(n + 1);
    for (const [s, e] of spans) { delta[s]!++; delta[e]!--; }
    const coveredBefore = new Int32Array(n + 1);
    let depth = 0;
    for (let i = 0; i < n; i++) {
      depth += delta[i]!;
      coveredBefore[i + 1] = coveredBefore[i]! + (depth > 0 ? 1 : 0);
    }
    for (let i = 0; i < n; i++) {
      const e = this.endAt(label, i);
      if (e > i && coveredBefore[e]! - coveredBefore[i]! === 0) return true;
    }
    return false;
  }

  /** Where the context pattern matched: [start, end) of the longest match at each start. */
  spansOf(label: number): [number, number][] {
    const out: [number, number][] = [];
    if (this.seen[label] !== 1) return out;
    for (let i = 0; i < this.tokens.length; i++) {
      const e = this.endAt(label, i);
      if (e > i) out.push([i, e]);
    }
    return out;
  }

  hasAny(words: ReadonlySet<string>, from: number, to: number): boolean {
    for (let i = Math.max(0, from); i < Math.min(to, this.tokens.length); i++) if (words.has(this.tokens[i]!)) return true;
    return false;
  }

  /**
   * French negation after the verb, the "ne" dropped as in speech ("je me scarifie pas du
   * tout", "je me drogue pas, je fais du sport"): "pas" or "jamais" right after the match,
   * then the end of the clause or a word that cannot change its meaning ("pas mal", "pas
   * souvent", "pas que" keep the danger).
   */
  negatedAfter(end: number): boolean {
    const n = this.tokens.length;
    if (end >= n || end === 0 || this.clause[end] !== this.clause[end - 1] || !POST_NEGATORS.has(this.tokens[end]!)) return false;
    const next = end + 1;
    return next >= n || this.clause[next] !== this.clause[end] || AFTER_POST_NEGATION.has(this.tokens[next]!);
  }

  /** The word before `i` in its clause, or undefined. */
  before(i: number): string | undefined {
    return i > 0 && this.clause[i - 1] === this.clause[i] ? this.tokens[i - 1] : undefined;
  }

  /** A match of the context pattern in the clause just before `start`'s. */
  topicInClauseBefore(label: number, start: number): boolean {
    if (this.seen[label] !== 1) return false;
    const previous = this.clause[start]! - 1;
    for (let i = this.clauseStart(start) - 1; i >= 0 && this.clause[i] === previous; i--) if (this.endAt(label, i) > i) return true;
    return false;
  }

  /** From `end` to the end of its clause: no "je / me / I", or each one followed by a negator. */
  onlyDeniedAfter(c: CompiledLexicon, end: number): boolean {
    let pendingFirst = false;
    for (let j = end; j < this.tokens.length && this.clause[j] === this.clause[end - 1]; j++) {
      const w = this.tokens[j]!;
      if (c.firstPerson.has(w)) pendingFirst = true;
      // "les violences conjugales m'intéressent": the writer's interest in a subject.
      else if (c.negators.has(w) || (pendingFirst && INTEREST.has(w))) pendingFirst = false;
    }
    return !pendingFirst;
  }

  /**
   * A "je / me / I" between from and to, other than the writer of a piece of work ("in my
   * essay I argue that cyberbullying...", "dans mon exposé je montre que..."): a first
   * person followed by a verb of saying or showing is the author, not the victim.
   */
  speaksOfSelf(c: CompiledLexicon, from: number, to: number): boolean {
    for (let i = Math.max(0, from); i < Math.min(to, this.tokens.length); i++) {
      if (POSSESSIVES.has(this.tokens[i]!)) return true;
      if (!c.firstPerson.has(this.tokens[i]!)) continue;
      const next = this.tokens[i + 1];
      if (i + 1 < to && next !== undefined && REPORTING.has(next)) continue;
      return true;
    }
    return false;
  }

  /** Some word of the set in `i`'s clause. */
  clauseHasAny(words: ReadonlySet<string>, i: number): boolean {
    for (let j = this.clauseStart(i); j < this.tokens.length && this.clause[j] === this.clause[i]; j++) if (words.has(this.tokens[j]!)) return true;
    return false;
  }

  /** Some word of the set in the clause after `i`'s. */
  nextClauseHasAny(words: ReadonlySet<string>, i: number): boolean {
    const next = this.clause[i]! + 1;
    for (let j = i; j < this.tokens.length && this.clause[j]! <= next; j++) if (this.clause[j] === next && words.has(this.tokens[j]!)) return true;
    return false;
  }

  /** The first word of `i`'s clause. */
  clauseStart(i: number): number {
    let j = i;
    while (j > 0 && this.clause[j - 1] === this.clause[i]) j--;
    return j;
  }

  /**
   * A "pas" / "jamais" that ends a relative clause ("un mec que je connais pas a mon adresse",
   * "une fille qu'on aime pas me harcèle"): it negates the verb of the relative clause, not
   * the words after it. Relative pronoun, subject, verb, negator, right before the match.
   */
  closesRelative(negator: number): boolean {
    if (!POST_NEGATORS.has(this.tokens[negator]!) || negator < 3) return false;
    const clauseOf = this.clause[negator];
    if (this.clause[negator - 3] !== clauseOf) return false;
    return RELATIVES.has(this.tokens[negator - 3]!) && SUBJECTS.has(this.tokens[negator - 2]!) && !FILLER_VERBS.has(this.tokens[negator - 1]!);
  }

  /** A negator just before the match: walking back over auxiliaries, clitics and articles, within the clause. */
  negated(start: number, c: CompiledLexicon): boolean {
    for (let i = start - 1, steps = 0; i >= 0 && steps < NEGATION_REACH; i--, steps++) {
      if (this.clause[i] !== this.clause[start]) return false;
      const w = this.tokens[i]!;
      if (c.negators.has(w)) return !this.closesRelative(i);
      if (!c.fillers.has(w)) return false;
    }
    return false;
  }
}

export const LEVEL_RANK: Record<CrisisLevel, number> = { ambiguous: 1, clear: 2 };
const lower = (level: CrisisLevel | null): CrisisLevel | null => (level === 'clear' ? 'ambiguous' : null);


/** What the whole message says, read once: the rules for each match use it. */
export interface MessageContext {
  c: CompiledLexicon;
  read: Reader;
  clause: readonly number[];
  laughing: boolean;
  resolved: boolean;
  past: boolean;
}

/**
 * The categories and levels one match of group g (tokens s..e) raises, once read in its
 * context; none when the context sets it aside.
 */
export function readMatch(g: CompiledGroup, s: number, e: number, ctx: MessageContext): [CrisisCategory, CrisisLevel][] {
  const { c, read, clause, laughing, resolved, past } = ctx;
  if (read.negated(s, c)) return [];
  // "end my life", "mes bras": a possessive inside the words makes them the writer's too.
  const firstPersonInside = read.hasAny(c.firstPerson, s, e) || read.hasAny(POSSESSIVES, s, e);
  if (read.hasAny(c.firstPerson, read.clauseStart(s), e) && read.negatedAfter(e)) return [];
  const topicEnd = read.endingBefore(c.context.topic, s, TOPIC_REACH);
  // "i wanna become unalive", "je vais devenir SDF": becoming, right before the words, is a state.
  const becoming = topicEnd === s && COPULAS.has(read.before(s) ?? '');
  if (topicEnd >= 0 && !becoming && !firstPersonInside && !read.speaksOfSelf(c, topicEnd, s)) return [];
  // "la scarification c'est un thème de mon mémoire": the frame said after the words.
  if (!firstPersonInside && read.startingAfter(c.context.topicAfter, e, TOPIC_AFTER_REACH, clause[s]!) && !read.speaksOfSelf(c, read.clauseStart(s), s)) return [];
  // "ce jeu est trop violent, on se fait massacrer", "mon perso se fait tabasser lol": a game
  // named in the message makes a hyperbole-prone match with no "je / me / I" in it a game.
  if (g.hyperbole && !firstPersonInside && read.any(c.context.game) && !read.speaksOfSelf(c, read.clauseStart(s), s)) return [];
  // "je veux être infirmière aux urgences, les overdoses et les tentatives de suicide ça me
  // fait pas peur": a topic set in the clause just before carries to words named as a noun
  // (after an article) in a clause that says nothing of the writer, or only denies it: no
  // "je / me / I" before them, none after unless a negation follows it ("ça me fait pas
  // peur", but "le harcèlement au collège me détruit" keeps its danger), no "mon / ma / my"
  // in it, no "je / I" in the clause after ("les violences de mon père, je les subis").
  if (!firstPersonInside && DETERMINERS.has(read.before(s) ?? '') && read.topicInClauseBefore(c.context.topic, s) && !read.hasAny(c.firstPerson, read.clauseStart(s), s)
    && read.onlyDeniedAfter(c, e) && !read.clauseHasAny(POSSESSIVES, s) && !read.nextClauseHasAny(c.firstPerson, s)) return [];
  const cl = clause[s]!;
  const studiesAround = read.endingBefore(c.context.studies, s, STUDIES_REACH) >= 0 || read.startingAfter(c.context.studies, e, STUDIES_REACH, cl);
  // Studies set aside a figure of speech ("j'en peux plus de mes révisions", "à la rue en
  // maths"), not a hint of harm from others: "personne ne me parle au lycée", "my ex keeps
  // showing up at my work" (school words are studies words too).
  if ((g.figurative || (g.level === 'ambiguous' && !g.categories.some((x) => HARM_FROM_OTHERS.has(x)))) && studiesAround) return [];
  // Someone else: a third person or a relative ("ma mère était SDF", "my mum was homeless")
  // named before the words, with no "je / me / I" between.
  const thirdEnd = Math.max(read.endingBefore(c.context.thirdPerson, s, THIRD_PERSON_REACH), read.endingBefore(c.context.family, s, THIRD_PERSON_REACH));
  const someoneElse = !firstPersonInside && thirdEnd >= 0 && !read.hasAny(c.firstPerson, thirdEnd, s);
  // ...who got through it, said after the words: "ma mère était SDF, elle s'en est sortie",
  // "my cousin overdosed and recovered". It closes what resolution closes (not thoughts of
  // suicide: "ma pote veut se tuer, elle s'en était sortie la dernière fois" stays).
  const ownPastThenNow = !someoneElse && past && read.spansOf(c.context.now).some(([ns]) => clause[ns]! > cl);
  const theyRecovered = someoneElse && read.spansOf(c.context.recovered).some(([rs]) => rs >= e && !read.negated(rs, c));
  // "je vais crever si je trouve pas d'alternance", "I'll die if I fail the exam": a
  // hyperbole made conditional on studies is a question, not a full alert.
  const ifStudies = g.hyperbole && read.startingAfter(c.context.conditional, e, CONDITIONAL_REACH, cl) && read.startingAfter(c.context.studies, e, CONDITIONAL_STUDIES_REACH, cl);
  // "jvais en finir avec tout ça ce soir", "je veux disparaître pour de bon, j'ai tout préparé".
  // Never when studies are named anywhere: "j'ai tout préparé pour l'oral. Je craque."
  const imminent = !read.any(c.context.studies) && ((read.any(c.context.imminent) && read.clausesWith(c.context.imminent).has(cl)) || read.any(c.context.plan));
  // "jsuis sur le toit de mon immeuble et jpense a sauter": a place to fall from, anywhere in the message.
  const atThePlace = !read.any(c.context.studies) && read.any(c.context.place);
  const out: [CrisisCategory, CrisisLevel][] = [];
  // "ma mère me brûle avec sa cigarette": a harm the lexicon knows as self-inflicted ("me
  // brûle"), done by someone named just before it, is violence from them (attributed later).
  const byOther = read.endingBefore(c.context.family, s, BY_OTHER_REACH) >= 0 || read.endingBefore(c.context.partner, s, BY_OTHER_REACH) >= 0;
  for (const named of g.categories) {
    const category: CrisisCategory = named === 'self_harm' && byOther ? 'violence' : named;
    let level: CrisisLevel | null = g.level === 'none' ? null : g.level;
    if (level === 'ambiguous' && imminent && RAISED_BY_IMMINENCE.has(category)) level = 'clear';
    if (level === 'ambiguous' && atThePlace && RAISED_BY_PLACE.has(category)) level = 'clear';
    if (level === 'clear' && ifStudies && LOWERED_BY_STUDIES_CONDITION.has(category)) level = 'ambiguous';
    if (someoneElse && past && CLOSED_BY_SOMEONE_ELSES_PAST.has(category)) level = null;
    if (theyRecovered && CLOSED_BY_RESOLUTION.has(category)) level = null;
    // The writer's own past set against now ("j'ai été SDF il y a 3 ans, maintenant je suis en
    // BTS"): asked about, not a full alert; the question still leads to the lines.
    if (level === 'clear' && ownPastThenNow && !resolved) level = 'ambiguous';
    if (level && resolved) level = CLOSED_BY_RESOLUTION.has(category) ? null : lower(level);
    // Laughter lowers a hyperbole; laughing about studies ("je vais mourir 😂 j'ai oublié mon oral") is nothing.
    if (level && laughing && g.hyperbole) level = studiesAround ? null : lower(level);
    if (level) out.push([category, level]);
  }
  return out;
}

/**
 * Says who the violence comes from, so the right lines show: a partner (3919), someone at
 * home (119), at school or online (3018). Named people win over places: "mon copain me
 * frappe chez moi" is a partner; a controlled phone means a partner unless family is
 * named; "chez moi" means home only outside the violent words themselves ("quelqu'un
 * essaie d'entrer chez moi" is a break-in). Violence from no one named stays "violence" (17).
 */
export function attribute(found: Map<CrisisCategory, CrisisLevel>, read: Reader, c: CompiledLexicon, spans: [number, number][], clause: number[]): void {
  const violence = found.get('violence');
  const sexual = found.get('sexual_violence');
  const harassment = found.get('online_harassment') ?? found.get('school_harassment');
  const set = (cat: CrisisCategory, level: CrisisLevel | undefined) => {
    if (!level) return;
    const had = found.get(cat);
    if (!had || LEVEL_RANK[level] > LEVEL_RANK[had]) found.set(cat, level);
  };
  const familyNamed = read.any(c.context.family);
  const partner = read.any(c.context.partner) || (!familyNamed && read.any(c.context.control));
  // "devant chez moi", "on my way home": a place near home, not home.
  const home = !partner && (familyNamed || read.outside(c.context.home, [...spans, ...read.spansOf(c.context.outsideHome)]));
  if (partner) {
    set('partner_violence', violence);
    set('partner_violence', sexual);
    set('partner_violence', harassment);
  }
  if (home) {
    set('abuse', violence);
    set('abuse', sexual);
  }
  if (violence && !partner && !home) {
    const school = read.clausesWith(c.context.school);
    const online = read.clausesWith(c.context.online);
    if (spans.some(([s]) => school.has(clause[s]!))) set('school_harassment', violence);
    if (spans.some(([s]) => online.has(clause[s]!))) set('online_harassment', violence);
  }
  // Sexual violence from someone met online ("un adulte rencontré sur snap me force à envoyer
  // des photos"): grooming and sextortion are also online harassment (3018), unless a partner
  // or family is named.
  if (sexual && !partner && !home && read.any(c.context.online)) set('online_harassment', sexual);
  // Violence attributed to someone has its own lines; plain "violence" would add the same ones again.
  if (violence && (partner || home)) found.delete('violence');
}
