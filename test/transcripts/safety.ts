import type { Transcript } from '../helpers/transcripts';
import { helpLinesFor } from '../../understanding/safety/helpLines';
import type { CrisisCategory } from '../../understanding/safety/detectCrisis';
import { WELCOME, WELCOME_NOTED } from './common';

/** The help lines for these categories at this age (unknown: both minor and adult lines). */
export const lines = (categories: CrisisCategory[], age?: number) => ['safety.intro', ...helpLinesFor(categories, { age }).map((l) => l.textKey), 'safety.offerContinue'];
const ASK = 'safety.check.ask';
const FR_BUTTONS = ['Je parlais de mes études', 'Ça ne va pas'];
const EN_BUTTONS = ['I meant my studies', 'Things are not OK'];

const START_FR: Transcript['steps'] = [
  ['bonjour', WELCOME],
  ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
];
const START_EN: Transcript['steps'] = [
  ['hello', WELCOME],
  ['yes', ['intake.consent.thanks', 'intake.firstName.ask']],
];

/**
 * Issue 19: the two levels of the safety check, played through the real bot. Written once,
 * played on every channel id (tests/bots/safety.test.ts): the check is channel-independent.
 */
export const safetyTranscripts: Transcript[] = [
  {
    name: 'safety: an ambiguous opening gets one gentle question; "my studies" starts the form as usual',
    locale: 'fr-FR',
    steps: [
      { user: 'je veux en finir', expect: ASK, buttons: FR_BUTTONS },
      ['Je parlais de mes études', ['safety.check.thanks', ...WELCOME]],
      ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
    ],
  },
  {
    name: 'safety: an ambiguous answer mid-way is kept as the answer; "ça ne va pas" shows the lines; the form goes on after it',
    locale: 'fr-FR',
    steps: [
      ...START_FR,
      ['Inès', ['intake.firstName.thanks', 'intake.age.ask']],
      { user: "17, j'en peux plus", expect: ASK, buttons: FR_BUTTONS },
      ['Ça ne va pas', lines(['suicide'], 17)],
      // The age given with the ambiguous message was not lost: the next question comes.
      ['Continuer ma demande', 'intake.situation.ask'],
    ],
  },
  {
    name: 'safety: no real answer to the question ("bof") shows the lines, then the pending question again',
    locale: 'fr-FR',
    steps: [
      ...START_FR,
      ['Yanis', ['intake.firstName.thanks', 'intake.age.ask']],
      ['16', 'intake.situation.ask'],
      ['en seconde', 'intake.needs.ask'],
      ['ça me tue', ASK],
      ['bof', lines(['suicide'], 16)],
      ['continuer', 'intake.needs.ask'],
    ],
  },
  {
    name: 'safety: "les cours" typed answers the question; the pending question comes back',
    locale: 'fr-FR',
    steps: [
      ...START_FR,
      ['Lou', ['intake.firstName.thanks', 'intake.age.ask']],
      ['19', 'intake.situation.ask'],
      ['je suis à bout', ASK],
      ['nan tkt c’est les cours', ['safety.check.thanks', 'intake.situation.ask']],
    ],
  },
  {
    name: 'safety: button number 1 means "my studies"',
    locale: 'fr-FR',
    steps: [...START_FR, ['Sam', ['intake.firstName.thanks', 'intake.age.ask']], ['je craque', ASK], ['1', ['safety.check.thanks', 'intake.age.ask']]],
  },
  {
    name: 'safety: a clear danger as the answer to the question shows the lines at once',
    locale: 'fr-FR',
    steps: [...START_FR, ['Noa', ['intake.firstName.thanks', 'intake.age.ask']], ['je veux disparaître', ASK], ['je vais me tuer ce soir', lines(['suicide'])]],
  },
  {
    name: 'safety: an English opening on a French page is asked in English',
    locale: 'fr-FR',
    expectLanguage: 'en',
    steps: [
      { user: "I can't take it anymore", expect: ASK, buttons: EN_BUTTONS },
      ["I'm fine, it's school", ['safety.check.thanks', ...WELCOME]],
    ],
  },
  {
    name: 'safety: put out of home, said plainly: lines at once (115, and 119 while the age is unknown)',
    locale: 'fr-FR',
    steps: [["mes parents m'ont mis dehors, je dors où ce soir", lines(['homelessness'])], ['Continuer ma demande', WELCOME]],
  },
  {
    name: 'safety: partner violence from a 20-year-old: 3919 and 17, no 119',
    locale: 'fr-FR',
    steps: [...START_FR, ['Léa', ['intake.firstName.thanks', 'intake.age.ask']], ['20', 'intake.situation.ask'], ['mon copain me frappe', lines(['partner_violence'], 20)]],
  },
  {
    name: 'safety: an overdose told in SMS spelling mid-way',
    locale: 'fr-FR',
    steps: [...START_FR, ['Max', ['intake.firstName.thanks', 'intake.age.ask']], ['g pris tt mes medocs', lines(['overdose'])]],
  },
  {
    name: 'safety: sexual violence told by a 15-year-old in English: 119 and 17, not 3919',
    locale: 'en-US',
    steps: [...START_EN, ['Kim', ['intake.firstName.thanks', 'intake.age.ask']], ['15', 'intake.situation.ask'], ['my stepdad touches me', lines(['sexual_violence', 'abuse'], 15)], ['Continue my request', 'intake.situation.ask']],
  },
  {
    name: 'safety: ordinary messages with strong words go straight to the form',
    locale: 'fr-FR',
    steps: [
      // No alarm: the opening is acknowledged like any other story told before consent.
      ['je veux en finir avec la fac pour changer de voie', WELCOME_NOTED],
      // The opening was read as usual: orientation is the need; leaving the fac is a plan, so
      // what they do now is asked rather than guessed (understanding/clauses).
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.firstName.ask']],
      ['Zoé', ['intake.firstName.thanks', 'intake.age.ask']],
      ['je me bats pour réussir, j’ai 18 ans', 'intake.situation.ask'],
    ],
  },
  {
    name: 'safety: wishing to work in prevention is not an alarm',
    locale: 'en-US',
    steps: [['I want to work in suicide prevention', WELCOME], ['yes', ['intake.consent.thanks', 'intake.firstName.ask']]],
  },
];
