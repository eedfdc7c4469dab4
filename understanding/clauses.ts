import { normalize, tokenize } from './text';
import { expandTexting } from './texting';

/**
 * Whose and when: a long message tells more than the young person's present ("je suis en
 * terminale à Paris mais j'habite à Colombes", "ma mère travaille à Roissy", "avant j'étais en
 * bac pro", "l'an prochain je commence un apprentissage"). The parsers read any matching
 * word anywhere, so a parent's workplace became the commune and a planned apprenticeship the
 * situation. This splits a message into clauses and says, for each, whether it is about the
 * young person now; the situation, age and place are then read only from those clauses, and
 * the place from the clause that says where they live when there is one. A fact only an
 * excluded clause gives is left unread: the question comes later, which costs one message and
 * never stores a wrong answer.
 *
 * Pure, linear in the text (one split, one scan of each clause's words).
 */
export interface Clause {
  text: string;
  /** About someone else: a parent, a sibling ("ma mère travaille à…"), or the writer when a relative writes. */
  other: boolean;
  /** About the past ("avant j'étais…", "last year I was…"). */
  past: boolean;
  /** A plan or a wish, not the present ("je voudrais faire…", "l'an prochain", "want to"). */
  plan: boolean;
  /** Says where the young person lives ("j'habite à…", "I live in…"). */
  home: boolean;
}

export interface Attribution {
  clauses: Clause[];
  /** The message is written by a relative or a worker for the young person ("je suis la maman de…"). */
  byRelative: boolean;
  /** Text of the clauses about the young person now (the situation is read there). */
  present: string;
  /** Text of the clauses about the young person, any time but not a plan of someone else (age). */
  self: string;
  /** Text of the clauses that say where they live, '' when none does. */
  home: string;
  /**
   * Text where a place may be read when no clause says where they live: the young person's
   * clauses that are not past and not a move or studies elsewhere ("je veux aller à Paris").
   */
  placeText: string;
  /** Whether any clause was set aside (the message needed attributing). */
  excluded: boolean;
}

/** Clause boundaries: sentence punctuation, commas, and connectors that start a new statement. */
const BOUNDARY = /[.;!?\n]+|,\s*|(?<!(?:^|[\s,])(?:où|ou|where|que|qu'|that))\s+(?=(?:je|j|jsuis|jsui|chui|jveux|jveu|jvoudrai|jvoudrais|jaimerai|jaimerais|jcherche|jfais|jfai|jhabite|j'habite|j'ai|jai|j'aimerais|j'voudrais|i|i'm|i'd|i've|i'll|im|g \d)(?![\p{L}']))|\s+(?=(?:mon|ma|mes|my)\s+(?:(?:petit|petite|ptit|ptite|grand|grande|little|big|older|younger|elder|eldest|ancien|ancienne|ex|former|old|demi|beau|belle)[\s-]+)?(?:pere|père|mere|mère|parents?|daron|daronne|darons|papa|maman|frere|frère|freres|frères|soeur|sœur|soeurs|sœurs|oncle|tante|cousin|cousine|grand|grands|copain|copine|mari|femme|dad|mum|mom|father|mother|brother|sister|uncle|aunt|boyfriend|girlfriend|famille|family|prof|teacher|fils|fille|enfant|enfants|bébé|bebe|son|daughter|child|kids?|baby|grandma|grandpa|granny|grandmother|grandfather|nan|lycée|lycee|collège|college|école|ecole|school|fac|patron|boss|pote|potes|ami|amie|amis|friend|friends)(?![\p{L}']))|\s+(?=(?:et moi|and me|moi je|moi j'|moi jai|moi chui|(?:and|et) (?:living|live|i live|j'habite|jhabite|je vis|habite))(?![\p{L}]))|\s+(?=qui (?:a|as|est|fait|vit|habite|va|is|has|lives)(?![\p{L}]))|\s+(?:mais|but|parce que|parce qu|because|car|sauf que|alors que|en attendant de|en attendant d'|en attendant|whereas|while|puis|then|sinon|otherwise|cependant|however|pourtant)\s+/giu;

/** A clause ending on a preposition continues in the next piece ("chez | ma mère"). */
const LINKS_ON = /(?:^|\s)(?:chez|avec|pour|pr|de|du|a|à|with|for|of|at|to|near|pres de)$/iu;

/** A piece that is only where (a preposition and a place), without a verb of its own. */
const COMPLEMENT = /^(?:à|a|au|aux|dans|sur|vers|près|pres|pas loin|à côté|a cote|in|at|near|not far|close to|next to|around|en|du|de|\(?\d{2,3}\)?$)(?![\p{L}])/iu;

const RELATIVES = new Set([
  'pere', 'mere', 'parents', 'parent', 'daron', 'daronne', 'darons', 'papa', 'maman', 'frere', 'soeur', 'oncle', 'tante', 'cousin',
  'cousine', 'grand', 'grands', 'copain', 'copine', 'mari', 'femme', 'dad', 'mum', 'mom', 'father', 'mother', 'brother', 'sister',
  'uncle', 'aunt', 'boyfriend', 'girlfriend', 'family', 'famille', 'prof', 'professeur', 'teacher', 'educateur', 'educatrice',
  'patron', 'boss', 'beau', 'belle', 'step', 'stepdad', 'stepmum', 'stepmom', 'friend', 'friends', 'ami', 'amie', 'amis', 'pote', 'potes',
  'grandma', 'grandpa', 'granny', 'grandmother', 'grandfather', 'nan', 'grandparents', 'mamie', 'papi', 'papy', 'parrain', 'marraine',
  'freres', 'soeurs', 'cousins', 'cousines', 'siblings', 'brothers', 'sisters', 'parent', 'neveu', 'niece', 'nephew', 'neveux', 'nieces', 'nephews',
]);
/** The writer's children: someone else, unless a parent writes for them ("mon fils a 2 ans" vs "ma fille a 14 ans, elle…"). */
const CHILDREN = new Set(['fils', 'fille', 'filles', 'enfant', 'enfants', 'bebe', 'son', 'sons', 'daughter', 'daughters', 'child', 'children', 'kid', 'kids', 'baby']);
/** Prepositions that make the relative after them an object ("pour ma sœur", "chez mon père", "with my mum"). */
const OBJECT_BEFORE = new Set(['pour', 'pr', 'for', 'chez', 'avec', 'with', 'de', 'd', 'a', 'to', 'at', 'of', 'part']);
/** Words between a possessive and a relative ("ma petite sœur", "my older brother"). */
const KIN_ADJECTIVES = new Set(['petit', 'petite', 'ptit', 'ptite', 'grand', 'grande', 'little', 'big', 'older', 'younger', 'elder', 'eldest', 'demi', 'aine', 'ainee', 'cadet', 'cadette', 'deux', 'two']);
const POSSESSIVES = new Set(['mon', 'ma', 'mes', 'my', 'our', 'nos', 'notre', 'son', 'sa', 'ses', 'his', 'her', 'their', 'leur', 'leurs']);
const FIRST_PERSON = new Set(['je', 'j', 'i', 'moi', 'me', 'm']);
const THIRD_PERSON = new Set(['il', 'elle', 'he', 'she']);

/** "je suis la maman de Yanis", "j'écris pour ma fille", "I'm writing for my son", "mon fils a 13 ans". */
const RELATIVE_WRITER = [
  /\b(?:je suis|i am|i m)\s+(?:la|le|l|sa|son|the|his|her)\s+(?:maman|mere|papa|pere|mother|father|mum|mom|dad|grand mere|grand pere|grandmother|grandfather|soeur|frere|sister|brother|tante|oncle|educatrice|educateur|referente?|tutrice|tuteur|assistante? sociale?|social worker|aunt|uncle)\b/u,
  /\b(?:j ecris|jecris|je vous ecris|i m writing|i am writing|writing)\s+(?:pour|pr|for|on behalf of|de la part de)\s+(?:ma|mon|my|notre|our)\b/u,
  /^(?:bonjour |bonsoir |hello |hi |slt |salut |good evening |good morning )?(?:ma fille|mon fils|my son|my daughter|mon petit fils|ma petite fille|mon neveu|ma niece|my nephew|my niece)\b/u,
  // "c'est pour mon neveu de 17 ans", "this is for my little brother".
  /\b(?:c est pour|c pour|it s for|this is for|je demande pour|i m asking for|asking for)\s+(?:ma|mon|my|notre|our)\b/u,
  /\b(?:j ecris avec|i m writing with|i am writing with)\b/u,
  /\b(?:je suis|i am|i m)\s+(?:educatrice|educateur|educatrice specialisee|educateur specialise|assistante sociale|assistant social|travailleur social|travailleuse sociale|referente?|conseillere?|cpe|social worker|youth worker|case worker|caseworker)\b/u,
  /\b(?:j accompagne|jaccompagne|je suis le referent de|je suis la referente de|i support|i m supporting|i work with)\s+(?:un|une|a|le|la)?\s*(?:jeune|young)?\b/u,
];

const PAST = [
  /\b(?:avant|autrefois|auparavant|l an dernier|l annee derniere|l ete dernier|last year|last summer|in my country|dans mon pays|au pays|back home|back in)\b/u,
  /\b(?:j etais|jetais|j ai ete|i was|i used to|used to|was a|was an|j ai fait|j ai travaille|i worked|i did|j avais)\b/u,
  // Where one was born, grew up, went to school before: not where one lives now.
  /\b(?:ne a|nee a|ne au|nee au|ne en|nee en|ne dans|nee dans|suis ne|suis nee|born in|born at|was born|grandi a|grandi au|grandi en|grew up|ancien|ancienne|anciens|former|old school|etait|etaient|c etait|avant de demenager|before moving)\b/u,
];
/**
 * Somewhere one goes for a while, not home: holidays, a trip, a visit ("en vacances à
 * Biarritz", "chez ma grand-mère à Guéret l'été", "I visit my dad in Brest").
 */
const AWAY = /\b(?:vacances|vacance|holiday|holidays|vacation|en voyage|voyage|trip|sejour|colo|rendre visite|visiter|visite|visit|visiting|le week end|le weekend|les week ends|weekends|l ete|cet ete|summer|parti a|partie a|suis parti|suis partie|went to)\b/u;
const PLAN = [
  /\b(?:je veux|veux|veut|veulent|voudr\w*|aimer(?:ais|ait|aient)|prefer\w*|je compte|envie de|reve de|souhait\w*)\b/u,
  /\b(?:je vais|vais|l an prochain|l annee prochaine|plus tard|apres le bac|apres mon bac|dans le futur|un jour|peut etre|si je trouve)\b/u,
  /\b(?:want|wants|wanted|wanna|would like|d like|hope|hoping|plan|planning|going to|gonna|next year|later|someday|maybe|need to find|to find|should)\b/u,
];
/** A plan to go somewhere: the town named is a destination, not home. */
const DESTINATION = /\b(?:aller|aille|ailles|partir|parte|demenager|move|moving|go to|going to|study in|study at|etudier a|etudier en|faire mes etudes|faire ses etudes|integrer|entrer a|entrer en|rejoindre|intern in|internship in)\b/u;
const HOME = /\b(?:habite|habites|habitons|habitent|jhabite|j habite|on habite|nous habitons|vis a|je vis|vit a|vivons|domicile|live in|live at|lives in|living in|i live|we live|reside|resides|chez mes parents|chez ma mere|chez mon pere|chez moi a|from home in|je loge|loge a|loge chez|je suis heberge|je suis hebergee|heberge chez|hebergee chez|dors chez|je dors a|staying in|staying with|i stay in|i stay with|y habite|y vis|live there|j ai demenage a|j ai emmenage a|je me suis installe|je me suis installee|moved to|moved in)\b/u;
/** Words that keep a home clause in the present despite a past in it ("j'ai grandi à Roubaix et j'y habite toujours"). */
const STILL = /\b(?:toujours|encore|maintenant|actuellement|aujourd hui|depuis|still|now|currently|today|since)\b/u;
/** "…and I still live there", "j'habite là-bas": the place is in the clause before. */
const THERE = /\b(?:there|la bas|labas|y habite|y vis|y suis)\b/u;
/** A move already made says where one lives now ("I moved to Angers last year"). */
const MOVED = /\b(?:j ai demenage a|j ai emmenage a|je me suis installe|je me suis installee|moved to|moved in)\b/u;
/** "mes parents habitent à Niort et moi aussi": the relative's home is theirs too. */
const ME_TOO = /^(?:et |and )?(?:moi aussi|me too|so do i|moi pareil|nous aussi)\b/u;
/** Past phrases that tell the present all the same: leaving school is a situation now. */
const PRESENT_ANYWAY = /\b(?:(?:j ai|jai|g|il a|elle a|he has|she has) (?:arrete|arreter|lache|lacher|quitte|abandonne)|dropped out|i quit|he quit|she quit|i stopped|had to stop|sorti du|sortie du|sorti de|sortie de)\b/u;

function keyOf(text: string): string {
  return expandTexting(tokenize(normalize(text))).join(' ');
}

function subjectOf(words: readonly string[]): 'self' | 'other' | 'child' | 'third' | null {
  // The first pronoun or possessive phrase within the clause's first few words decides.
  for (let i = 0; i < Math.min(words.length, 6); i++) {
    const w = words[i]!;
    // "j'écris pour ma sœur", "chez mon père": the relative is not the subject.
    if (POSSESSIVES.has(w) && !OBJECT_BEFORE.has(words[i - 1] ?? '')) {
      const noun = KIN_ADJECTIVES.has(words[i + 1] ?? '') ? words[i + 2] ?? '' : words[i + 1] ?? '';
      if (CHILDREN.has(noun)) return 'child';
      if (RELATIVES.has(noun) || CHILDREN.has(noun)) return 'other';
    }
    if (FIRST_PERSON.has(w)) return 'self';
    // "il y a deux ans", "il faut": no one else, a time or a need.
    if (THIRD_PERSON.has(w) && !(w === 'il' && (words[i + 1] === 'y' || words[i + 1] === 'faut'))) return 'third';
  }
  return null;
}

/** Splits `text` into clauses and says which are about the young person now. */
export function attribute(text: string): Attribution {
  const pieces = text.split(BOUNDARY).map((p) => (p ?? '').trim()).filter((p) => p.length > 0);
  // "j'habite chez ma mère à Libourne": a possessive after a preposition goes on the same clause.
  const split: string[] = [];
  for (const piece of pieces) {
    const last = split[split.length - 1];
    if (last !== undefined && LINKS_ON.test(last) && /^(?:mon|ma|mes|my)\s/iu.test(piece)) split[split.length - 1] = `${last} ${piece}`;
    // "je vis dans le 93, à Bobigny", "j'habite à Saint-Denis, dans le 93": a place said after
    // a comma completes the clause before it.
    else if (last !== undefined && COMPLEMENT.test(piece) && piece.split(/\s+/).length <= 6) split[split.length - 1] = `${last}, ${piece}`;
    else split.push(piece);
  }
  // "l'an prochain, je commence…": a time said before the subject belongs to the clause after it.
  const parts: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const part = split[i]!;
    const key = keyOf(part);
    if (i + 1 < split.length && key.split(' ').length <= 4 && subjectOf(key.split(' ')) === null && (PLAN.some((re) => re.test(key)) || PAST.some((re) => re.test(key)))) {
      split[i + 1] = `${part} ${split[i + 1]!}`;
      continue;
    }
    parts.push(part);
  }
  const whole = keyOf(text);
  const byRelative = RELATIVE_WRITER.some((re) => re.test(whole));
  const clauses: Clause[] = parts.map((part, at) => {
    const key = keyOf(part);
    const words = key.split(' ');
    let subject = subjectOf(words);
    // "… mon frère qui a 22 ans" is the brother; "la maman d'Ilyes qui a 16 ans" is the child.
    if (words[0] === 'qui' && at > 0) {
      const before = keyOf(parts[at - 1]!).split(' ');
      const noun = before[before.length - 1] ?? '';
      subject = CHILDREN.has(noun) ? 'child' : RELATIVES.has(noun) ? 'other' : byRelative ? 'third' : subjectOf(before);
    }
    // A relative writing: "je" is the relative, "il/elle" the young person.
    // "jhabite chez ma mère à Libourne": where I live, at a relative's.
    const selfHome = /^(?:\S+ )?(?:jhabite|j habite|je vis|i live|i m living|je reside|jvis)\b/u.test(key);
    const other = (subject === 'other' && !selfHome) || (subject === 'child' && !byRelative && !selfHome) || (byRelative && subject === 'self' && !/\b(?:mon fils|ma fille|my son|my daughter)\b/u.test(key))
      || (!byRelative && subject === 'third');
    const home = HOME.test(key);
    const past = PAST.some((re) => re.test(key)) && !PRESENT_ANYWAY.test(key) && !(home && (STILL.test(key) || MOVED.test(key)));
    const plan = !home && PLAN.some((re) => re.test(key));
    return { text: part, other, past, plan, home };
  });
  const join = (list: Clause[]) => list.map((c) => (THERE.test(keyOf(c.text)) && c.home ? `${clauses[clauses.indexOf(c) - 1]?.text ?? ''} ${c.text}`.trim() : c.text)).join(', ');
  const homeClauses = clauses.filter((c, i) => c.home && !c.past && !AWAY.test(keyOf(c.text))
    && !(c.other && !/\b(?:on habite|nous habitons|we live|habitons)\b/u.test(keyOf(c.text)) && !ME_TOO.test(keyOf(clauses[i + 1]?.text ?? ''))));
  const present = clauses.filter((c) => !c.other && !c.past && !c.plan);
  return {
    clauses,
    byRelative,
    present: join(present),
    self: join(clauses.filter((c) => !c.other)),
    home: join(homeClauses),
    placeText: join(clauses.filter((c) => !c.other && !c.past && !AWAY.test(keyOf(c.text)) && !(c.plan && DESTINATION.test(keyOf(c.text))))),
    excluded: present.length !== clauses.length,
  };
}
