import { CRISIS_CATEGORIES, compileCrisisLexicon, crisisWords, detectCrisis, type CrisisCategory } from '../../../understanding/safety/detectCrisis';
import fc from 'fast-check';
import lexicon from '../../../understanding/safety/crisisLexicon.json';

type Row = [text: string, expected: CrisisCategory[]];

// Expected categories are exact (in CRISIS_CATEGORIES order): an extra category is a
// change worth seeing in review, even when it is harmless.
const POSITIVES: Row[] = [
  // suicide, French
  ['je veux me suicider', ['suicide']],
  ["j'ai pensé au suicide cette semaine", ['suicide']],
  ['des fois je veux me tuer', ['suicide']],
  ["j'ai envie de mourir", ['suicide']],
  ['je veux mourir', ['suicide']],
  ['jveux mourir', ['suicide']],
  ['jveu mouriiiir', ['suicide']],
  ['g envie 2 mourir', ['suicide']],
  ["j'ai envie d'en finir", ['suicide']],
  ['je voudrais en finir avec la vie', ['suicide']],
  ["j'ai plus envie de vivre", ['suicide']],
  ['g pu envi de vivr', ['suicide']],
  ['JE VEUX PLUS VIVRE', ['suicide']],
  ["j'pense à mourir tout le temps", ['suicide']],
  ["jvais m'tuer", ['suicide']],
  ['jvx me tué ce soir', ['suicide']],
  ["j'ai des idées noires", ['suicide']],
  ['ils seraient mieux sans moi', ['suicide']],
  ["ma vie n'a plus de sens", ['suicide']],
  ["j'ai envie de disparaître pour toujours", ['suicide']],
  ["je pense à me foutre en l'air", ['suicide']],
  ['je vais sauter du pont', ['suicide']],
  ['je veux mettre fin à mes jours', ['suicide']],
  ["j'ai déjà fait une TS", ['suicide']],
  ['mon pote veut mourir je sais pas quoi faire', ['suicide']],
  ['mon amie veut se suicider', ['suicide']],
  ["j'en peux plus de cette vie", ['suicide']],
  ['jsuis fatigué de tout, jveux dormir et plus me réveiller', ['suicide']],
  ["j'ai avalé toute la boîte de doliprane", ['suicide']],
  ['su1c1de', ['suicide']],
  ['sui\u200bcide', ['suicide']],
  ['Ｓｕｉｃｉｄｅ', ['suicide']],
  // suicide, English and teen spelling
  ['I want to kill myself', ['suicide']],
  ['i want to die', ['suicide']],
  ['i just wanna die', ['suicide']],
  ['sometimes I want to end it all', ['suicide']],
  ['kms', ['suicide']],
  ['thinking about unaliving myself', ['suicide']],
  ['i dont want to live anymore', ['suicide']],
  ['everyone would be better off without me', ['suicide']],
  ['i feel suicidal', ['suicide']],
  ['she said she would kill herself', ['suicide']],
  // self-harm
  ['je me scarifie depuis 3 mois', ['self_harm']],
  ['la scarification ça me calme', ['self_harm']],
  ['je me coupe le soir', ['self_harm']],
  ['jme coupe', ['self_harm']],
  ["j'ai envie de me faire du mal", ['self_harm']],
  ['je me fais du mal', ['self_harm']],
  ['je me brûle exprès', ['self_harm']],
  ['je me tape la tête contre le mur', ['self_harm']],
  ['I self harm', ['self_harm']],
  ["I've been cutting myself", ['self_harm']],
  ['I hurt myself on purpose', ['self_harm']],
  // abuse
  ['il me touche quand ma mère est pas là', ['abuse']],
  ["mon oncle m'a touchée", ['abuse']],
  ['il y a eu des attouchements', ['abuse']],
  ["j'ai été violée", ['abuse']],
  ['jai ete violé', ['abuse']],
  ["c'était un viol", ['abuse']],
  ['abus sexuel dans ma famille', ['abuse']],
  ["il a abusé de moi", ['abuse']],
  ["c'est de l'inceste", ['abuse']],
  ['he touches me at night', ['abuse']],
  ['I was raped last year', ['abuse']],
  ['sexual abuse', ['abuse']],
  // violence
  ['mon père me frappe', ['violence']],
  ['ma mère me bat', ['violence']],
  ['on me frappe à la maison', ['violence']],
  ['il me tape', ['violence']],
  ['je subis des violences', ['violence']],
  ['je suis battu', ['violence']],
  ["il m'a battu au visage", ['violence']],
  ["mon beau-père m'a mis une gifle", ['violence']],
  ['mes parents me frappent', ['violence']],
  ['mon daron est super violent', ['violence']],
  ["j'ai peur qu'il me tue", ['violence']],
  ['il menace de me tuer', ['violence']],
  ['mon père veut me tuer', ['violence']],
  ['my dad beats me', ['violence']],
  ['he hits me when he drinks', ['violence']],
  ['jme fais taper par mon père', ['violence']],
  ['il me met des coups quand il a bu', ['violence']],
  ['ma belle-mère me maltraite', ['violence']],
  ['my stepdad hurts me', ['violence']],
  // online harassment
  ['je subis du cyberharcèlement', ['online_harassment']],
  ['je suis harcelée sur insta', ['online_harassment']],
  ['harcelé sur snap depuis des mois', ['online_harassment']],
  ['on me harcèle sur tiktok', ['online_harassment']],
  ['il y a des photos de moi qui circulent', ['online_harassment']],
  ['il menace de publier mes nudes', ['online_harassment']],
  ["c'est de la sextorsion", ['online_harassment']],
  ['cyberbullying', ['online_harassment']],
  ["les gens m'insultent sur discord", ['online_harassment']],
  ["I'm being bullied online", ['online_harassment']],
  // school harassment
  ["je suis harcelé à l'école", ['school_harassment']],
  ['harcelé a lecole', ['school_harassment']],
  ['harcèlement scolaire', ['school_harassment']],
  ['on se moque de moi au collège', ['school_harassment']],
  ['tlm se moque de moi', ['school_harassment']],
  ['on me rackette au collège', ['school_harassment']],
  ['je me fais harceler au lycée', ['school_harassment']],
  ["I'm bullied at school", ['school_harassment']],
  // harassment with no place: both lines
  ['je suis harcelée', ['online_harassment', 'school_harassment']],
  ['I am being harassed', ['online_harassment', 'school_harassment']],
  // several at once
  ['mon père me frappe et je veux mourir', ['suicide', 'violence']],
  ['on me harcèle sur insta et au collège', ['online_harassment', 'school_harassment']],
  ["il m'a violée et il me frappe", ['abuse', 'violence']],
  ['je me coupe les veines', ['suicide', 'self_harm']],
  // the crisis buried in a long message still counts
  [`${'Bonjour, je cherche un stage de 3e. '.repeat(200)}et au fait jveux mourir`, ['suicide']],
];

// Clear idioms and near-misses. Each one is a sentence a young person could really send
// to a mentoring bot; flagging them would make the safety screen cry wolf.
const NEGATIVES: string[] = [
  'je meurs de rire',
  'mdr je suis mort',
  'ce prof me tue avec ses devoirs',
  'ça me tue ces transports',
  'la violence dans les jeux vidéo, mon exposé',
  'on va tuer le temps au CDI',
  "I'm killing it at school",
  "I'm dying to start my internship",
  'je joue du violon depuis 5 ans',
  'ma couleur préférée c’est le violet',
  'Violette est ma meilleure amie',
  'on a été battus au foot samedi',
  'ils nous ont battu aux tirs au but',
  "j'ai envie de mourir de rire",
  // Decision: a third person's "va me tuer" is read as hyperbole (see crisisLexicon.json).
  'ma mère va me tuer si je rate mon bac',
  'ça me touche beaucoup que tu m’aides',
  'il me tape sur les nerfs',
  'je me coupe les cheveux moi-même',
  'je veux en finir avec ce stage',
  'Beats me',
  'beats me why they closed the library',
  'hit me up on insta',
  'this song hits me hard',
  'mon frère me bat aux échecs',
  'je me bats pour avoir mon bac',
  'je suis mort de fatigue',
  'franchement il abuse, il répond jamais',
  'I could kill for a pizza',
  'this homework is killing me lol',
  'ça me frappe à quel point les stages sont durs à trouver',
  'du fromage râpé sur les pâtes',
  'je cherche une alternance en cybersécurité',
  "je veux devenir infirmière, j'ai 17 ans",
  'je suis crevé après le sport',
  'il arrête pas de me couper la parole',
  'ça va me faire du mal de quitter mes potes',
  'je me fais battre aux échecs par mon frère',
  'get in touch with me by email',
  "je cherche un mentor pour m'aider en maths",
  'mon prof principal m’a conseillé de venir ici',
  'my bulletin is bad, I need help in maths',
  'bonjour',
  '',
];

describe('detectCrisis: positives', () => {
  it('has a dense table', () => {
    expect(POSITIVES.length).toBeGreaterThanOrEqual(60);
  });
  it.each(POSITIVES)('%s', (text, expected) => {
    expect(detectCrisis(text)).toEqual({ categories: expected });
  });
});

describe('detectCrisis: negatives', () => {
  it('has a dense table', () => {
    expect(NEGATIVES.length).toBeGreaterThanOrEqual(20);
  });
  it.each(NEGATIVES.map((t) => [t]))('%s', (text) => {
    expect(detectCrisis(text)).toBeNull();
  });
});

describe('detectCrisis: the result carries no text', () => {
  it('has only a categories key with known values', () => {
    const signal = detectCrisis('mon père me frappe et je veux mourir');
    expect(Object.keys(signal ?? {})).toEqual(['categories']);
    expect(JSON.stringify(signal)).not.toMatch(/frappe|mourir|père/);
    for (const c of signal!.categories) expect(CRISIS_CATEGORIES).toContain(c);
  });
});

describe('detectCrisis: normalisation', () => {
  it.each([
    ["J'veux mouriiir 😢", 'je veux mourir'],
    ['jme', 'je me'],
    ['g envie', 'je ai envie'],
    ["Aujourd'hui c'est dur", 'aujourd hui ce est dur'],
    ['cœur brisé', 'coeur brise'],
    ['violon', 'violon'],
  ])('%s -> %s', (text, words) => {
    expect(crisisWords(text).join(' ')).toBe(words);
  });
});

describe('detectCrisis: robustness', () => {
  const hostile: unknown[] = [
    undefined,
    null,
    42,
    {},
    '\u0000\u0001\u0002\u007f',
    '\ud800',
    '\udfff mourir',
    '🤡'.repeat(5000),
    'مرحبا 你好 привет',
    '<script>alert(1)</script>',
    '\u202e esrever',
    'a\u0301\u0301\u0301\u0301'.repeat(1000),
  ];
  it.each(hostile.map((h) => [h]))('never throws on %p', (input) => {
    expect(() => detectCrisis(input as string)).not.toThrow();
  });

  // Strings built to hurt a backtracking matcher: long runs, near-misses of patterns
  // that share prefixes, gaps that almost close.
  const adversarial = [
    'a'.repeat(20000),
    'me '.repeat(6667),
    'envie de '.repeat(2223),
    'ab'.repeat(10000),
    'harcel'.repeat(3334),
    'photos de moi '.repeat(1429),
    'me tuer '.repeat(2500),
    'ça me frappe '.repeat(1539),
    `${'x '.repeat(9999)}!`,
    'm\'a '.repeat(5000),
  ];
  it.each(adversarial.map((s) => [s.slice(0, 20), s]))('is fast on %s...', (_label, text) => {
    detectCrisis(text); // warm-up: the first call pays for JIT, not for the input
    // Best of three: backtracking would be slow every time, a GC pause only once.
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const start = process.hrtime.bigint();
      detectCrisis(text);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    }
    expect(best).toBeLessThan(50);
  });

  it('never throws and answers null or known categories on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const signal = detectCrisis(text);
        if (signal !== null) {
          expect(signal.categories.length).toBeGreaterThan(0);
          for (const c of signal.categories) expect(CRISIS_CATEGORIES).toContain(c);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('still finds a crisis word at the end of 20,000 characters', () => {
    expect(detectCrisis(`${'b'.repeat(20000)} je veux mourir`)).toEqual({ categories: ['suicide'] });
  });
});

describe('crisis lexicon', () => {
  it('compiles', () => {
    expect(() => compileCrisisLexicon(lexicon)).not.toThrow();
  });
  it('rejects a malformed pattern', () => {
    const broken = { contractions: {}, groups: [{ id: 'x', categories: ['suicide'], patterns: ['(a|b'], exceptions: [] }] };
    expect(() => compileCrisisLexicon(broken)).toThrow(/crisis lexicon/);
  });
  it('rejects an unknown category', () => {
    const broken = { contractions: {}, groups: [{ id: 'x', categories: ['sadness'], patterns: ['triste'], exceptions: [] }] };
    expect(() => compileCrisisLexicon(broken)).toThrow(/unknown category/);
  });
  it('covers every category', () => {
    const covered = new Set(lexicon.groups.flatMap((g) => g.categories));
    for (const c of CRISIS_CATEGORIES) expect(covered).toContain(c);
  });
});
