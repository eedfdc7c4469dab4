import lexicon from '../../understanding/lexicons/faq.json';
import { FAQ_CODES, FAQ_LEXICON_ERRORS, FAQ_TERMS, parseFaq, splitFaq, type FaqCode } from '../../understanding/parseFaq';
import en from '../../locales/en/faq.json';
import fr from '../../locales/fr/faq.json';

// Examples written for these tests, not taken from the corpus: they show the lexicon generalises.
const CASES: [string, FaqCode | null][] = [
  // Talking to people as a difficulty, or people of a trade, is not asking for a human.
  ['I find it hard to talk to people', null], ['i get nervous talking to strangers', null], ['I want to talk to people who work in IT', null],
  ['can I talk to a real person?', 'human'], ['is it hard to talk to a real person here?', 'human'],
  // A volunteer's question about what it takes.
  ['est-ce qu il faut un diplôme pour devenir mentor ?', 'mentor_requirements'], ['y a-t-il une formation ?', 'mentor_requirements'], ['faut-il être prof pour aider ?', 'mentor_requirements'],
  ['do I need any qualifications?', 'mentor_requirements'], ['are mentors trained?', 'mentor_requirements'], ['is there any training for mentors', 'mentor_requirements'],
  ['je prépare un diplôme d infirmière', null], ['I need a mentor for my degree', null],
  ['est-ce que c gratuit', 'cost'], ['faut payer qqch ?', 'cost'], ['combien sa coute', 'cost'], ['y a des frais ?', 'cost'], ['does this cost money', 'cost'], ['do i need to pay anything?', 'cost'], ['how much is it', 'cost'],
  ["c'est quoi exactement un mentor", 'what_is_mentor'], ['mentor sa veut dire quoi', 'what_is_mentor'], ['a quoi sert un mentor ?', 'what_is_mentor'], ["what's a mentor", 'what_is_mentor'], ['is a mentor like a teacher?', 'what_is_mentor'],
  ['et apres ça se passe comment', 'how_it_works'], ['qui va m appeler ?', 'how_it_works'], ["what happens after i send this", 'how_it_works'], ['who will contact me', 'how_it_works'],
  ['ça dure longtemps ?', 'duration'], ['pendant combien de mois ?', 'duration'], ['how long is the mentoring', 'duration'], ['how many months is it', 'duration'],
  ['on se voit souvent ?', 'frequency'], ['c toutes les semaines ?', 'frequency'], ['how often do we meet', 'frequency'], ['how many hours a week', 'frequency'],
  ['les mentors ils sont payés ?', 'who_are_mentors'], ['qui sont les mentors', 'who_are_mentors'], ['are the mentors volunteers?', 'who_are_mentors'], ['who will my mentor be', 'who_are_mentors'],
  ['vous êtes qui ?', 'who_are_you'], ['c quoi ce site', 'who_are_you'], ['is this a scam', 'who_are_you'], ['who am i talking to', 'who_are_you'],
  ['tes un bot ?', 'human'], ['je veux parler a un humain', 'human'], ['y a qqn ?', 'human'], ['are u a real person', 'human'], ['can i speak to a human', 'human'],
  ['mes infos vont à qui', 'data_sharing'], ['vous revendez mes données ?', 'data_sharing'], ['qui aura mon numéro', 'data_sharing'], ['who gets my email', 'data_sharing'], ['do you sell my info', 'data_sharing'], ['what do you do with my data', 'data_sharing'],
  ['je peux rester anonyme ?', 'is_it_anonymous'], ['can i stay anonymous', 'is_it_anonymous'], ['je suis obligée de donner mon vrai prénom ?', 'is_it_anonymous'],
  ['pourquoi tu demandes ça', 'why_asked'], ['pk tu veux mon age', 'why_asked'], ['why?', 'why_asked'], ['why do you want to know', 'why_asked'], ["c'est obligatoire ?", 'why_asked'], ['is it mandatory', 'why_asked'],
  ['on me contacte quand ?', 'time_to_answer'], ['dans combien de temps on me rappelle', 'time_to_answer'], ['how soon will someone call me', 'time_to_answer'], ['when will i hear back', 'time_to_answer'], ['quel délai pour avoir une réponse ?', 'time_to_answer'],
  ["c'est pour qui ?", 'eligibility'], ["j'ai 27 ans c bon ?", null], ['même si je suis au chômage ?', 'eligibility'], ['is there an age limit?', 'eligibility'], ['can i apply if im not french', 'eligibility'], ["c'est ouvert aux apprentis ?", 'eligibility'],
  ['on peut choisir son mentor ?', 'choose_mentor'], ['can i choose my mentor', 'choose_mentor'], ['je peux avoir une mentore femme ?', 'choose_mentor'],
  ["ça veut dire quoi QPV", 'explain_question'], ['ASE ?', 'explain_question'], ["c'est quoi primo-arrivant", 'explain_question'], ['what does child welfare mean', 'explain_question'], ['ça veut dire quoi ?', 'explain_question'], ['what do you mean?', 'explain_question'],
  // answers, not questions
  ['je cherche un stage', null], ['je veux un stage payé', null], ['je suis libre le mercredi', null], ["i'm free on weekends", null], ['appelez moi quand vous voulez', null], ['you can call me anytime', null],
  ['mon numéro c 0612345678', null], ['je vous donne mon mail', null], ['here is my number', null], ['je suis en situation de handicap', null], ['jsp', null], ['non', null], ['Lyon', null], ['17', null],
  ['je veux parler a quelqu un de mes problemes a l ecole', null], ['je sais pas pourquoi mais je galère en maths', null], ['je veux un mentor qui connait le commerce', null], ['le mercredi quand je sors des cours', null],
  ['en personne, je préfère', null],
  ['on se voit tous les deux en vrai', null], ["c'est tous les jours après 17h", null], ["c'est tous les jours ?", 'frequency'], ['le rôle du mentor ?', 'what_is_mentor'], ['is this legit?', 'who_are_you'], ['how old do you have to be', 'eligibility'], ['i need help finding an internship, i live in lille', null], ['mon pere veut que je fasse un bac pro', null], ['je suis nul en anglais', null],
];

// SMS spellings and slang, also written for these tests.
const TEXTING: [string, FaqCode | null][] = [
  ['cé payan?', 'cost'], ['c gratos ?', 'cost'], ['on doit payer ?', 'cost'], ['faut sortir des sous ?', 'cost'], ['ca coute rien ?', 'cost'], ['is it free??', 'cost'], ['do u have to pay', 'cost'], ['hw much does it cost', 'cost'],
  ['cest koi 1 mentor', 'what_is_mentor'], ['mentor = prof ?', null], ['wat is a mentor', 'what_is_mentor'], ['whats mentoring', 'what_is_mentor'],
  ['et aprés il se passe quoi', 'how_it_works'], ['c quoi la suite', 'how_it_works'], ['whats next', 'how_it_works'], ['then what happens', 'how_it_works'],
  ['sa dure cb de temps', 'duration'], ['ca dure combien de mois ?', 'duration'], ['how long does mentoring last', 'duration'],
  ['on se voit tt les semaines ?', 'frequency'], ['cb de fois par semaine', 'frequency'], ['how often will i see my mentor', 'frequency'],
  ['cest qui les mentors', 'who_are_mentors'], ['ils sont payés les mentors ?', 'who_are_mentors'], ['are mentors paid', 'who_are_mentors'],
  ['t ki ?', 'who_are_you'], ['vs etes qui', 'who_are_you'], ['who r u', 'who_are_you'], ['whos this', 'who_are_you'],
  ['t un robot ou quoi', 'human'], ['jparle a un bot ?', 'human'], ['ur a bot lol', 'human'], ['am i talking to a real person', 'human'], ['can i talk to someone real', 'human'],
  ['vs aller faire quoi de mon num ?', 'data_sharing'], ['qui va avoir mes infos', 'data_sharing'], ['who gets my info', 'data_sharing'], ['r u selling my info', 'data_sharing'], ['wat do u do with my data', 'data_sharing'],
  ['c anonyme ?', 'is_it_anonymous'], ['is it anonymous', 'is_it_anonymous'],
  ['pq tu demandes', 'why_asked'], ['pk ca', 'why_asked'], ['y do u need my number', 'why_asked'], ['why do u wanna know', 'why_asked'], ['whats that for', 'why_asked'],
  ['on m appelle qd', 'time_to_answer'], ['ils vont me rappeler quand ?', 'time_to_answer'], ['when do they call me', 'time_to_answer'], ['how long till someone calls', 'time_to_answer'],
  ['c pour les lyceens seulement ?', 'eligibility'], ['jpeux m inscrire si g 14 ans ?', 'eligibility'], ['can i join if im 25', 'eligibility'], ['is it only for uni students', 'eligibility'],
  ['jpeux choisir mon mentor ?', 'choose_mentor'], ['can i pick who my mentor is', 'choose_mentor'],
  ['c koi ase', 'explain_question'], ['qpv ?', 'explain_question'], ['wat does qpv mean', 'explain_question'], ['c quoi primo arrivant', 'explain_question'], ['what is a priority neighbourhood', 'explain_question'],
  // answers
  ['g 17 ans', null], ['jsui en terminal', null], ['chui o chomage', null], ['en galère pour trouver un stage', null], ['dispo le mercredi aprem', null], ['im free after school', null], ['call me on my phone', null],
  ['mon num 0612345678', null], ['jveux un mentor pour mon orientation', null], ['i want to be a nurse', null], ['nope', null], ['none', null], ['both', null], ['online is fine', null], ['qui sait', null],
];

describe('parseFaq', () => {
  it('compiles every pattern of the lexicon', () => expect(FAQ_LEXICON_ERRORS).toEqual([]));

  it.each(CASES)('%j -> %s', (text, code) => expect(parseFaq(text)).toBe(code));
  it.each(TEXTING)('%j -> %s', (text, code) => expect(parseFaq(text)).toBe(code));

  it('names the word asked about', () => {
    expect(splitFaq("c'est quoi un QPV ?").faq).toEqual({ code: 'explain_question', term: 'qpv' });
    expect(splitFaq('ça veut dire quoi aide sociale à l enfance').faq).toEqual({ code: 'explain_question', term: 'child_welfare' });
    expect(splitFaq('what does disability mean here').faq).toEqual({ code: 'explain_question', term: 'disability' });
    expect(splitFaq('c quoi le présentiel').faq).toEqual({ code: 'explain_question', term: 'in_person' });
    expect(splitFaq('ça veut dire quoi ?').faq).toEqual({ code: 'explain_question' });
    expect(splitFaq('ça veut dire quoi ?', { asked: 'priority' }).faq).toEqual({ code: 'explain_question', term: 'priority' });
    expect(splitFaq('what do you mean?', { asked: 'meeting' }).faq).toEqual({ code: 'explain_question' });
  });

  it('keeps the answers given next to the question', () => {
    expect(splitFaq('16 ans. c gratuit ?')).toEqual({ faq: { code: 'cost' }, rest: '16 ans' });
    expect(splitFaq('Marseille ! on me rappelle quand ?')).toEqual({ faq: { code: 'time_to_answer' }, rest: 'Marseille' });
    expect(splitFaq('my email is sam.lee@example.com. who will see it?')).toEqual({ faq: { code: 'data_sharing' }, rest: 'my email is sam.lee@example.com' });
    expect(splitFaq('je suis en terminale à Brest')).toEqual({ faq: null, rest: 'je suis en terminale à Brest' });
  });

  // How long junk takes is measured by npm run bench:understanding (adversarial inputs), not here.
  it('never throws on junk', () => {
    for (const bad of [undefined, null, 42, {}]) expect(parseFaq(bad as unknown as string)).toBeNull();
    expect(() => parseFaq('c payant ? qui ~ '.repeat(3000))).not.toThrow();
  });

  it('has an answer in both languages for every code and every word it explains', () => {
    const explained = FAQ_TERMS.filter((t) => lexicon.terms[t].code === 'explain_question');
    for (const dict of [fr, en] as Record<string, unknown>[]) {
      for (const code of FAQ_CODES) expect([code, typeof dict[code]]).toEqual([code, 'string']);
      const explain = dict.explain as Record<string, string>;
      for (const term of explained) expect([term, typeof explain[term]]).toEqual([term, 'string']);
      expect(Object.keys(explain).sort()).toEqual([...explained].sort());
    }
  });
});
