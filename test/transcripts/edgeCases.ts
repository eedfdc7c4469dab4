import type { Transcript } from '../helpers/transcripts';
import { crisis, PROPOSAL, retry, SENT_AFTER_CHOICE, SUMMARY, WELCOME } from './common';

const START: Transcript['steps'] = [
  ['bonjour', WELCOME],
  ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
];
/** Up to the choice among the communes named Saint-Denis. */
const TO_NAMESAKES: Transcript['steps'] = [
  ...START,
  ['passer', 'intake.age.ask'],
  ['20', 'intake.situation.ask'],
  ['passer', 'intake.needs.ask'],
  ['stage', 'intake.place.ask'],
  ['Saint-Denis', 'intake.place.which'],
];
/** From the first name to the summary for a 17-year-old in Lyon (no parent needed). */
const TO_SUMMARY: Transcript['steps'] = [
  ['Inès', ['intake.firstName.thanks', 'intake.age.ask']],
  ['17', 'intake.situation.ask'],
  ['lycée général', 'intake.level.askSchoolYear'],
  ['terminale', 'intake.needs.ask'],
  ['orientation', 'intake.place.ask'],
  ['Lyon', 'intake.priority.ask'],
  ['passer', 'intake.meeting.ask'],
  ['passer', 'intake.availability.ask'],
  ['passer', 'intake.contact.ask'],
  ['ines@example.fr', SUMMARY],
];

/** Conversations that once went wrong (found in review), kept so they stay right. */
export const edgeCaseTranscripts: Transcript[] = [
  {
    name: 'edge: a thumb slip on the age ("1") asks before erasing anything',
    locale: 'fr-FR',
    steps: [...START, ...TO_SUMMARY, ["modifier l'âge", 'intake.age.ask'], ['1', 'intake.age.confirmTooYoung'], ['non', ['intake.age.retry', 'intake.age.ask']], ['18', SUMMARY]],
  },
  {
    name: 'edge: another age typed instead of yes/no is taken as the answer',
    locale: 'fr-FR',
    steps: [...START, ['passer', 'intake.age.ask'], ['3', 'intake.age.confirmTooYoung'], ['23', 'intake.situation.ask']],
  },
  {
    name: 'edge: "stop", then a crisis message, then "continuer": the stop question is dropped, nothing erased',
    locale: 'fr-FR',
    steps: [
      ...START,
      ['Yanis', ['intake.firstName.thanks', 'intake.age.ask']],
      ['14', 'intake.situation.ask'],
      ['stop', 'intake.stop.confirm'],
      ['je veux mourir', crisis('suicide')],
      ['1', 'intake.situation.ask'],
      ['oui', retry('situation')],
      ['en 3e', 'intake.needs.ask'],
    ],
  },
  {
    name: 'edge: a pending "stop" question is asked again after an attachment, not answered by the next "oui" blindly',
    locale: 'fr-FR',
    steps: [
      ...START,
      ['Zoé', ['intake.firstName.thanks', 'intake.age.ask']],
      ['stop', 'intake.stop.confirm'],
      [{ text: '', attachments: [{ contentType: 'image/png', contentUrl: 'https://example.org/a.png' }] }, ['intake.confirm.retry', 'intake.stop.confirm']],
      ['non', ['intake.confirm.kept', 'intake.age.ask']],
    ],
  },
  {
    name: 'edge: "english" during a pending stop switches language and asks the stop question again',
    locale: 'fr-FR',
    steps: [...START, ['stop', 'intake.stop.confirm'], ['english', ['intake.language.switched', 'intake.stop.confirm']], ['no', ['intake.confirm.kept', 'intake.firstName.ask']]],
  },
  {
    name: 'edge: another command during a pending stop cancels it and runs',
    locale: 'fr-FR',
    steps: [...START, ['Léa', ['intake.firstName.thanks', 'intake.age.ask']], ['stop', 'intake.stop.confirm'], ['retour', ['intake.confirm.kept', 'intake.firstName.ask']]],
  },
  {
    name: 'edge: the commune list does not come back on another question after an edit',
    locale: 'fr-FR',
    steps: [
      ...TO_NAMESAKES,
      ["modifier l'âge", 'intake.age.ask'],
      ['aide', ['intake.help', 'intake.age.ask']],
      ['21', 'intake.place.ask'],
    ],
  },
  {
    name: 'edge: another town typed (with a typo) instead of a choice among namesakes is read like any answer',
    locale: 'fr-FR',
    steps: [
      ...TO_NAMESAKES,
      ['villeurbane', 'intake.priority.ask'],
    ],
  },
  {
    name: 'edge: "oui mais …" at the summary is a change, not a confirmation',
    locale: 'fr-FR',
    steps: [
      ...START, ...TO_SUMMARY,
      ["oui mais change ma ville c'est Lille", ['intake.understood.corrected', ...SUMMARY]],
      ['oui mais', ['intake.summary.retry', ...SUMMARY]],
      ['modifier ma ville', 'intake.place.ask'], ['Lille', SUMMARY],
    ],
  },
  {
    name: 'edge: "oui mais …" is not a parent\'s consent',
    locale: 'fr-FR',
    steps: [
      ...START,
      ['passer', 'intake.age.ask'],
      ['14', 'intake.situation.ask'],
      ['passer', 'intake.needs.ask'],
      ['orientation', 'intake.place.ask'],
      ['passer', 'intake.priority.ask'],
      ['passer', 'intake.meeting.ask'],
      ['passer', 'intake.availability.ask'],
      ['passer', 'intake.contact.ask'],
      ['0611223344', 'intake.guardianName.ask'],
      ['Marc Dupont', 'intake.guardianContact.ask'],
      ['marc@example.fr', 'intake.guardianConsent.ask'],
      ["oui mais je lui ai pas encore demandé", retry('guardianConsent')],
      ['oui', SUMMARY],
      // More than nine answered lines: a two-digit number picks the 10th, the parent.
      ['Modifier une réponse', 'intake.summary.whichField'],
      ['10', 'intake.guardianName.ask'],
    ],
  },
  {
    name: 'edge: after a sent request, a new one then "stop" says the sent one stays; "effacer mes données" erases it',
    locale: 'fr-FR',
    steps: [
      ...START,
      ...TO_SUMMARY,
      ["C'est bon", PROPOSAL],
      ['oui', SENT_AFTER_CHOICE],
      ['nouvelle demande', 'intake.restart.confirmNew'],
      ['oui', ['intake.restart.done', 'intake.firstName.ask']],
      ['stop', 'intake.stop.confirmKeepsRequest'],
      ['oui', 'intake.stop.doneKeptRequest'],
      ['effacer mes données', 'intake.delete.confirm'],
      ['oui', 'intake.delete.doneWithRequest'],
    ],
    expectNothingStored: true,
  },
  {
    name: 'edge: changing the situation asks the school year again; changing the contact asks the preference again',
    locale: 'fr-FR',
    steps: [
      ...START,
      ...TO_SUMMARY.slice(0, -1),
      ['ines@example.fr 0612345678', 'intake.contactPreference.ask'],
      ['Par SMS', SUMMARY],
      ['modifier ma situation', 'intake.situation.ask'],
      ['étudiante', 'intake.level.askDiploma'],
      ['bac+1', SUMMARY],
      ['modifier mon contact', 'intake.contact.ask'],
      ['autre@example.fr 0798765432', 'intake.contactPreference.ask'],
      ['appel', SUMMARY],
    ],
  },
  {
    name: 'edge: "autre : …" already says what is needed; editing something that does not apply says so',
    locale: 'fr-FR',
    steps: [
      ...START,
      ['passer', 'intake.age.ask'],
      ['17', 'intake.situation.ask'],
      ['passer', 'intake.needs.ask'],
      ['autre : apprendre le japonais', 'intake.place.ask'],
      ['modifier mon parent', ['intake.edit.notApplicable', 'intake.place.ask']],
    ],
  },
];
