import type { Transcript } from '../helpers/transcripts';
import { WELCOME, WELCOME_NOTED } from './common';

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
