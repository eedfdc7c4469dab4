import type { Transcript } from '../helpers/transcripts';
import { helpLinesFor } from '../../understanding/safety/helpLines';
import type { CrisisCategory } from '../../understanding/safety/detectCrisis';
import { WELCOME, WELCOME_NOTED } from './common';

/** The help lines for these categories at this age (unknown: both minor and adult lines). */
export const lines = (categories: CrisisCategory[], age?: number) => ['safety.intro', ...helpLinesFor(categories, { age }).map((l) => l.textKey), 'safety.offerContinue'];
const ASK = 'safety.check.ask.studies';
const FR_BUTTONS = ['Je parlais de mes études', 'Ça ne va pas'];
const EN_BUTTONS = ['I meant my studies', 'Things are not OK'];

const START_FR: Transcript['steps'] = [
  ['bonjour', WELCOME],
  ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
];
/** Consent given and the first name told: the age question is pending. */
const namedFr = (name: string): Transcript['steps'] => [...START_FR, [name, ['intake.firstName.thanks', 'intake.age.ask']]];
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
  // The gentle question fits the hint: home, a place to sleep, being hurt (issue 19, session 6).
  {
    name: 'safety: a hint about home gets the question about home; "juste une dispute" resumes the form',
    locale: 'fr-FR',
    steps: [
      ...namedFr('Inès'),
      { user: 'ça va mal à la maison', expect: 'safety.check.ask.home', buttons: ['Juste une dispute', 'Je ne suis pas en sécurité'] },
      ['Juste une dispute', ['safety.check.thanks', 'intake.age.ask']],
    ],
  },
  {
    name: 'safety: a hint about home, then "je ne suis pas en sécurité": the lines for home (119, 17)',
    locale: 'fr-FR',
    steps: [
      ...namedFr('Inès'),
      ['16', 'intake.situation.ask'],
      ['ça va mal chez moi', 'safety.check.ask.home'],
      ['Je ne suis pas en sécurité', lines(['abuse'], 16)],
      ['Continuer ma demande', 'intake.situation.ask'],
    ],
  },
  {
    name: 'safety: not knowing where to sleep gets the question about a place to sleep; no answer shows 115',
    locale: 'fr-FR',
    steps: [
      ...namedFr('Malik'),
      ['19', 'intake.situation.ask'],
      { user: 'je sais pas où dormir', expect: 'safety.check.ask.housing', buttons: ["J'ai où dormir", "Je n'ai pas où dormir"] },
      ['?', lines(['homelessness'], 19)],
    ],
  },
  {
    name: 'safety: the question about a place to sleep in English; "I have a place to sleep" resumes',
    locale: 'en-US',
    steps: [
      ...START_EN,
      ['Kim', ['intake.firstName.thanks', 'intake.age.ask']],
      { user: "I don't know where I'll sleep", expect: 'safety.check.ask.housing', buttons: ['I have a place to sleep', 'I have nowhere to sleep'] },
      ['I have a place to sleep', ['safety.check.thanks', 'intake.age.ask']],
    ],
  },
  // A command typed while the gentle question waits is a command (issue 19, session 6).
  {
    name: 'safety: "aide" while the question waits shows the help and asks the question again',
    locale: 'fr-FR',
    steps: [
      ...namedFr('Lou'),
      ['je craque', ASK],
      ['aide', ['intake.help', ASK]],
      ['Je parlais de mes études', ['safety.check.thanks', 'intake.age.ask']],
    ],
  },
  {
    name: 'safety: "english" while the question waits switches the language and asks the question again in English',
    locale: 'fr-FR',
    steps: [
      ...namedFr('Lou'),
      ['je craque', ASK],
      { user: 'english', expect: ['intake.language.switched', ASK], buttons: EN_BUTTONS },
      ['Things are not OK', lines(['suicide'])],
    ],
  },
  {
    name: 'safety: "retour" while the question waits goes back to the previous question, no lines',
    locale: 'fr-FR',
    steps: [
      ...namedFr('Lou'),
      ['19', 'intake.situation.ask'],
      ['je suis à bout', ASK],
      ['retour', 'intake.age.ask'],
      ['20', 'intake.situation.ask'],
    ],
  },
  {
    name: 'safety: "stop" while the question waits asks to confirm stopping, with a one-line reminder of 3114 / Fil Santé Jeunes (no full lines)',
    locale: 'fr-FR',
    steps: [...namedFr('Lou'), ['je craque', ASK], ['stop', ['safety.check.reminder', 'intake.stop.confirm']], ['non', ['intake.confirm.kept', 'intake.age.ask']]],
  },
  {
    name: 'safety: "effacer mes données" while the question waits: the one-line reminder, then the erasure asked to confirm',
    locale: 'fr-FR',
    steps: [...namedFr('Lou'), ['je craque', ASK], ['effacer mes données', ['safety.check.reminder', 'intake.delete.confirm']]],
  },
  {
    name: 'safety: "delete my data" while the question waits (English): the one-line reminder, then the erasure asked to confirm',
    locale: 'en-US',
    steps: [...START_EN, ['Kim', ['intake.firstName.thanks', 'intake.age.ask']], ["I can't take it anymore", ASK], ['delete my data', ['safety.check.reminder', 'intake.delete.confirm']]],
  },
  {
    name: 'safety: "recommencer" while the question waits is a restart, asked to confirm',
    locale: 'fr-FR',
    steps: [...namedFr('Lou'), ['18', 'intake.situation.ask'], ['je craque', ASK], ['recommencer', 'intake.restart.confirm']],
  },
  {
    name: 'safety: "au secours" while the question waits is a cry for help, not the bot\'s help: the lines',
    locale: 'fr-FR',
    steps: [...namedFr('Lou'), ['je craque', ASK], ['au secours', lines(['suicide', 'violence'])]],
  },
  {
    name: 'safety: wishing to work in prevention is not an alarm',
    locale: 'en-US',
    steps: [['I want to work in suicide prevention', WELCOME], ['yes', ['intake.consent.thanks', 'intake.firstName.ask']]],
  },
];
