import type { Transcript } from '../helpers/transcripts';
import { PROPOSAL, SENT_AFTER_CHOICE, SUMMARY, WELCOME, WELCOME_NOTED } from './common';

/**
 * The conversation with people we have not met (issue 22): a story sent while the welcome
 * was shown is acknowledged and kept, a request to go on in English is honoured at any
 * time, "does it work overseas?" is answered, then the question comes again.
 */
export const peopleTranscripts: Transcript[] = [
  {
    name: 'people: a story typed before answering the consent question is noted, not "not understood"',
    locale: 'fr-FR',
    steps: [
      ['bonjour', WELCOME],
      ["alors voilà j'ai 19 ans, je suis en BTS à Limoges et je sais pas si je continue", ['intake.welcome.noted', 'intake.consent.ask']],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.firstName.ask']],
    ],
  },
  {
    name: 'people: "can we continue in English?" is honoured after the first messages',
    locale: 'fr-FR',
    steps: [
      ['bonjour', WELCOME],
      ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
      ['Kwame', ['intake.firstName.thanks', 'intake.age.ask']],
      ['21', 'intake.situation.ask'],
      ['sorry, can we continue in English please?', ['intake.language.switched', 'intake.situation.ask']],
    ],
  },
  {
    name: 'people: "does it work in Mayotte?" is answered, and is not a place',
    locale: 'en-US',
    steps: [
      ['hello', WELCOME],
      ['yes', ['intake.consent.thanks', 'intake.firstName.ask']],
      ['does it work in Mayotte?', ['faq.coverage', 'intake.firstName.ask']],
    ],
  },
  {
    name: 'people: a French page, an opening that asks for English: the whole conversation is in English',
    locale: 'fr-FR',
    expectLanguage: 'en',
    steps: [
      ["Bonjour! Sorry, could we continue in English? I'm 20 and I study law in Rennes", WELCOME_NOTED],
      ['yes', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.firstName.ask']],
      ['Ama', ['intake.firstName.thanks', 'intake.level.askDiploma']],
      // A French answer does not switch back: English was asked for.
      ['deuxième année de licence', 'intake.needs.ask'],
    ],
  },
  {
    name: 'people: a name only listed in the opening is confirmed in one question, not stored silently (yes)',
    locale: 'fr-FR',
    steps: [
      ["Salut, Maëlys, 16 ans, je suis en seconde à Lyon et je cherche de l'aide pour mon orientation", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.check.firstName']],
      ['oui', 'intake.priority.ask'],
    ],
  },
  {
    name: 'people: a doubtful name declined: the question is asked; another name typed is the answer',
    locale: 'fr-FR',
    steps: [
      ["Salut, Maëlys, 16 ans, je suis en seconde à Lyon et je cherche de l'aide pour mon orientation", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.check.firstName']],
      ['non', 'intake.firstName.ask'],
      ['Maé', ['intake.firstName.thanks', 'intake.priority.ask']],
    ],
  },
  {
    name: 'people: the check answered with a name: that name is the answer',
    locale: 'fr-FR',
    steps: [
      ["Salut, Maëlys, 16 ans, je suis en seconde à Lyon et je cherche de l'aide pour mon orientation", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.check.firstName']],
      ['Maé', ['intake.firstName.thanks', 'intake.priority.ask']],
    ],
  },
];

/**
 * Facts told once are kept (issue 22, conversation side): a diploma told before the situation,
 * namesakes read in the opening, a child named by the parent who writes, "je sais pas" to the
 * optional priority question, an out-of-range age denied. Every sentence here is new.
 */
export const keptFactsTranscripts: Transcript[] = [
  {
    name: 'kept: a diploma obtained, told before any situation, is the level once they say they left education',
    locale: 'fr-FR',
    steps: [
      ["Salut, j'ai 23 ans, j'ai obtenu mon BTS compta il y a un an, j'habite à Tours", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.firstName.ask']],
      ['Sofiane', ['intake.firstName.thanks', 'intake.situation.ask']],
      // The diploma is said back ("C'est noté : Classe ou diplôme : Bac+2") instead of asked.
      ['je fais rien en ce moment', ['intake.understood.noted', 'intake.needs.ask']],
    ],
  },
  {
    name: 'kept: the diploma held and a need read on the way are said back in one "C\'est noté"',
    locale: 'fr-FR',
    steps: [
      ["Salut, j'ai 23 ans, j'ai obtenu mon BTS compta il y a un an, j'habite à Tours", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.firstName.ask']],
      ['Sofiane', ['intake.firstName.thanks', 'intake.situation.ask']],
      ['je cherche du travail', ['intake.understood.noted', 'intake.priority.ask']],
    ],
  },
  {
    name: 'kept: a student\'s diploma obtained is not the one they prepare: the level is asked',
    locale: 'fr-FR',
    steps: [
      ["Salut, j'ai 20 ans, j'ai eu mon bac l'an dernier, j'habite à Tours", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.firstName.ask']],
      ['Sofiane', ['intake.firstName.thanks', 'intake.situation.ask']],
      ['je suis étudiant', 'intake.level.askDiploma'],
    ],
  },
  {
    name: 'kept: namesakes read in the opening are the place question\'s choices, even after other questions',
    locale: 'fr-FR',
    steps: [
      ["wsh g 16 ans jhabite a aulnay", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.firstName.ask']],
      ['Léa', ['intake.firstName.thanks', 'intake.situation.ask']],
      ['en seconde au lycée', 'intake.needs.ask'],
      ["de l'aide en maths", 'intake.place.which'],
      ['aulnay sous bois', 'intake.priority.ask'],
    ],
  },
  {
    name: 'kept: a father writing names his son: the name is noted, not asked',
    locale: 'fr-FR',
    steps: [
      ["Bonjour, je suis le père de Noé, il a 14 ans, il est en 3e à Créteil et il a besoin d'aide en maths", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.priority.ask']],
    ],
  },
  {
    name: 'kept: an English mother writing, "She is 15": her daughter\'s name and age are noted',
    locale: 'en-US',
    steps: [
      ["Hi, I'm writing for my daughter Ruth. She is 15 and in 3e at a collège in Angers, she needs help with maths.", WELCOME_NOTED],
      ['yes', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.priority.ask']],
    ],
  },
  {
    name: 'kept: "elle s\'appelle Jade" answers the first-name question',
    locale: 'fr-FR',
    steps: [
      ['bonjour', WELCOME],
      ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
      ["elle s'appelle Jade", ['intake.firstName.thanks', 'intake.age.ask']],
    ],
  },
  {
    name: 'kept: "jsp" to the optional priority question is an answer (not said), not three misses',
    locale: 'fr-FR',
    steps: [
      ["Salut je m'appelle Inès, j'ai 15 ans, je suis en 3e à Rouen et j'ai besoin d'aide en français", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.priority.ask']],
      ['jsp trop', 'intake.meeting.ask'],
    ],
  },
  {
    name: 'doubt: two ages in one story are checked in one short question (yes keeps the one said after "j\'ai")',
    locale: 'fr-FR',
    steps: [
      ["Bonjour, à 15 ans j'ai quitté le Mali, aujourd'hui j'ai 19 ans et j'habite à Cergy", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.firstName.ask']],
      ['Bakary', ['intake.firstName.thanks', 'intake.check.age']],
      ['oui', 'intake.situation.ask'],
    ],
  },
  {
    name: 'doubt: the age check answered with another age: that age is the answer',
    locale: 'fr-FR',
    steps: [
      ["Bonjour, à 15 ans j'ai quitté le Mali, aujourd'hui j'ai 19 ans et j'habite à Cergy", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.firstName.ask']],
      ['Bakary', ['intake.firstName.thanks', 'intake.check.age']],
      ['20 ans', 'intake.situation.ask'],
    ],
  },
  {
    name: 'doubt: a refugee minor told in passing: the priority question still asks whether another applies, and adds it',
    locale: 'fr-FR',
    expectedRequest: { priorityPublics: ['refugee', 'child_welfare'] },
    steps: [
      ["Bonjour, je m'appelle Idrissa, j'ai 16 ans, je suis réfugié, je suis en 3e à Poitiers et j'ai besoin d'aide en français", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.priority.askMore']],
      ["oui je suis à l'ASE", 'intake.meeting.ask'],
      ['en personne, le samedi', ['intake.understood.noted', 'intake.contact.ask']],
      ['idrissa@example.fr', SUMMARY],
      ['oui', [...PROPOSAL]],
      ['1', SENT_AFTER_CHOICE],
    ],
  },
  {
    name: 'doubt: "non" to "does another apply?" keeps the public told in passing',
    locale: 'fr-FR',
    steps: [
      ["Bonjour, je m'appelle Idrissa, j'ai 16 ans, je suis réfugié, je suis en 3e à Poitiers et j'ai besoin d'aide en français", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.priority.askMore']],
      ['non', 'intake.meeting.ask'],
      ['en personne, le samedi', ['intake.understood.noted', 'intake.contact.ask']],
      ['idrissa@example.fr', SUMMARY],
    ],
  },
  {
    name: 'kept: a public told in passing that brings no other (a QPV) closes the priority question',
    locale: 'fr-FR',
    steps: [
      ["Salut je m'appelle Inès, j'ai 15 ans, je suis en 3e à Rouen dans un quartier prioritaire et j'ai besoin d'aide en français", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.meeting.ask']],
    ],
  },
  {
    name: 'doubt: two towns of the young person in one story are one short choice when the place question comes',
    locale: 'fr-FR',
    steps: [
      ["slt g 19 ans jsuis a Nantes, a Rezé en fait, jcherche un job", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.firstName.ask']],
      ['Yanis', ['intake.firstName.thanks', 'intake.level.askDiploma']],
      ['bac', 'intake.place.which'],
      ['Rezé', 'intake.priority.ask'],
    ],
  },
  {
    name: 'kept: an age under 13 read in the opening and denied: the age question comes right away',
    locale: 'fr-FR',
    steps: [
      ["Salut, j'ai 12 ans, je suis en 5e à Nantes", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.age.confirmTooYoung']],
      ['non', ['intake.age.retry', 'intake.age.ask']],
      ['13 ans', 'intake.firstName.ask'],
    ],
  },
  {
    name: 'kept: an adult refugee told in passing (age said later): the public is the whole answer, no "does another apply?"',
    locale: 'fr-FR',
    steps: [
      ["Bonjour, je m'appelle Hamid, j'ai le statut de réfugié et je cherche du travail dans la logistique à Orléans", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.age.ask']],
      ['20 ans', 'intake.level.askDiploma'],
      ['bac pro', 'intake.meeting.ask'],
    ],
  },
  {
    name: "kept: an unaccompanied minor is noted as child welfare; the priority question asks whether another applies",
    locale: 'fr-FR',
    steps: [
      ["Bonjour, je suis éducatrice, j'accompagne Souleymane, 16 ans, mineur non accompagné, en 3e à Angers, il a besoin d'aide en maths", WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.priority.askMore']],
    ],
  },
  {
    name: "people: the parent's name with the relation after it, and a consent that says more than yes",
    locale: 'fr-FR',
    steps: [
      ['bonjour', WELCOME],
      ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
      ['Lina', ['intake.firstName.thanks', 'intake.age.ask']],
      ['13', 'intake.situation.ask'],
      ['en 4ème', 'intake.needs.ask'],
      ["de l'aide pour mes devoirs", 'intake.place.ask'],
      ['Vierzon', 'intake.priority.ask'],
      ['aucune', 'intake.meeting.ask'],
      ['chez moi ou au CDI, le mercredi', ['intake.understood.noted', 'intake.contact.ask']],
      ['06 11 22 33 44', 'intake.guardianName.ask'],
      ['Odile Mercier, ma mère', 'intake.guardianContact.ask'],
      ['odile.mercier@example.fr', 'intake.guardianConsent.ask'],
      ["oui elle est d'accord, elle est assise à côté de moi", SUMMARY],
      ['oui', PROPOSAL],
      ['oui', SENT_AFTER_CHOICE],
    ],
    expectedRequest: {
      meeting: 'in_person',
      guardian: { name: 'Odile Mercier', email: 'odile.mercier@example.fr', phone: null, consentDeclared: true },
    },
  },
  {
    name: 'people: a consent not given yet is asked again, not taken',
    locale: 'fr-FR',
    steps: [
      ['bonjour', WELCOME],
      ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
      ['passer', 'intake.age.ask'],
      ['14', 'intake.situation.ask'],
      ['passer', 'intake.needs.ask'],
      ['orientation', 'intake.place.ask'],
      ['passer', 'intake.priority.ask'],
      ['passer', 'intake.meeting.ask'],
      ['passer', 'intake.availability.ask'],
      ['passer', 'intake.contact.ask'],
      ['moi@example.fr', 'intake.guardianName.ask'],
      ['Marc Dupont', 'intake.guardianContact.ask'],
      ['0611223344', 'intake.guardianConsent.ask'],
      ['oui je lui demanderai demain', ['intake.guardianConsent.retry', 'intake.guardianConsent.ask']],
    ],
  },
  {
    name: 'people: a département given again instead of the commune is a miss: three of them move on',
    locale: 'en-US',
    steps: [
      ['hello', WELCOME],
      ['yes', ['intake.consent.thanks', 'intake.firstName.ask']],
      ['Tom', ['intake.firstName.thanks', 'intake.age.ask']],
      ['17', 'intake.situation.ask'],
      ['skip', 'intake.needs.ask'],
      ['orientation', 'intake.place.ask'],
      ['a village in Lozère', ['intake.understood.noted', 'intake.place.askIn']],
      ['a village in Lozère', ['intake.place.retryIn', 'intake.place.askIn']],
      ['a village in Lozère', ['intake.place.retryIn', 'intake.place.askIn']],
      ['a village in Lozère', ['intake.retry.movingOn', 'intake.meeting.ask']],
    ],
  },
  {
    name: 'people: a need said twice in words the bot does not read is kept as "other", in those words, instead of asking for ever',
    locale: 'fr-FR',
    steps: [
      ['bonjour', WELCOME],
      ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
      ['Maya', ['intake.firstName.thanks', 'intake.age.ask']],
      ['17', 'intake.situation.ask'],
      ['en terminale générale', 'intake.needs.ask'],
      ['écrire le scénario de ma bande dessinée', ['intake.needs.retry', 'intake.needs.ask']],
      ['écrire le scénario de ma bande dessinée', ['intake.needs.keptWords', 'intake.place.ask']],
    ],
  },
  {
    name: 'kept: "je sais pas" twice to the needs question is asked again, not kept as a need',
    locale: 'fr-FR',
    steps: [
      ['bonjour', WELCOME],
      ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
      ['Maya', ['intake.firstName.thanks', 'intake.age.ask']],
      ['17', 'intake.situation.ask'],
      ['en terminale générale', 'intake.needs.ask'],
      ['je sais pas', ['intake.needs.retry', 'intake.needs.ask']],
      ['je sais pas', ['intake.needs.retry', 'intake.needs.ask']],
    ],
  },
];
