import type { Transcript } from '../helpers/transcripts';
import { PROPOSAL, SENT_AFTER_CHOICE, SUMMARY, WELCOME, WELCOME_NOTED } from './common';

/**
 * Free-text understanding in the conversation (issue 3): an opening that tells the whole
 * story, answers given on the way, corrections at any point, questions about the service,
 * a département alone, the language of the first messages.
 */
export const understandingTranscripts: Transcript[] = [
  {
    name: 'understanding: the opening tells the story, only the rest is asked',
    locale: 'fr-FR',
    steps: [
      ["slt jsuis en 1ere pro a roubaix g 17 an jcherche une alternance", WELCOME_NOTED],
      // Kept until consent, then said back.
      ['oui', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.firstName.ask']],
      ['moi c yanis', ['intake.firstName.thanks', 'intake.priority.ask']],
      ['non', 'intake.meeting.ask'],
      ['c payant ?', ['faq.cost', 'intake.meeting.ask']],
      ['en vrai', 'intake.availability.ask'],
      ['le soir apres 18h', 'intake.contact.ask'],
      ['06 12 34 56 78', SUMMARY],
      ['c bon', PROPOSAL],
      ['1', SENT_AFTER_CHOICE],
    ],
    expectedRequest: {
      firstName: 'Yanis', age: 17, situation: { kind: 'lycee_pro', schoolYear: 'premiere' }, needs: ['job'],
      place: { commune: '59512' }, priorityPublics: [], meeting: 'in_person',
      contact: { email: null, phone: '+33612345678', preferred: 'phone' },
    },
  },
  {
    name: 'understanding: nothing of the opening is kept when consent is refused',
    locale: 'fr-FR',
    steps: [
      ["j'ai 16 ans et j'habite à Nantes", WELCOME_NOTED],
      ['non', 'intake.consent.declined'],
    ],
    expectNothingStored: true,
  },
  {
    name: 'understanding: corrections during the questions and at the summary',
    locale: 'fr-FR',
    steps: [
      ['bonjour', WELCOME],
      ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
      ['Léa', ['intake.firstName.thanks', 'intake.age.ask']],
      ['17', 'intake.situation.ask'],
      ['en terminale', 'intake.needs.ask'],
      // Answering another question changes an earlier answer only when it says so.
      ['attends jme suis trompée g 16 ans pas 17', ['intake.understood.corrected', 'intake.needs.ask']],
      ['aide en maths', 'intake.place.ask'],
      ['Lyon', 'intake.priority.ask'],
      ['non pas Lyon, Villeurbanne', ['intake.understood.corrected', 'intake.priority.ask']],
      ['aucune', 'intake.meeting.ask'],
      ['peu importe', 'intake.availability.ask'],
      ['passer', 'intake.contact.ask'],
      // A correction marker in the answer to the question asked is still that answer.
      ["oups en fait c'est lea@example.fr", SUMMARY],
      ['et rajoute la confiance en moi dans mes besoins', ['intake.understood.corrected', ...SUMMARY]],
      ["oui c'est bon", PROPOSAL],
      ['1', SENT_AFTER_CHOICE],
    ],
    expectedRequest: {
      age: 16, needs: ['school_support', 'confidence'], place: { commune: '69266' }, situation: { kind: 'lycee_general', schoolYear: 'terminale' },
    },
  },
  {
    name: 'understanding: a correction to an age under 15 brings the parent questions',
    locale: 'fr-FR',
    steps: [
      ["bjr jsuis en 4eme a Guéret g 15 ans", WELCOME_NOTED],
      ['ok', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.firstName.ask']],
      ['Chloé', ['intake.firstName.thanks', 'intake.needs.ask']],
      ['en fait j ai 14 ans', ['intake.understood.corrected', 'intake.needs.ask']],
      ['les devoirs', 'intake.priority.ask'],
      ['rien', 'intake.meeting.ask'],
      ['à distance', 'intake.availability.ask'],
      ['le mercredi', 'intake.contact.ask'],
      ['chloe@example.fr', 'intake.guardianName.ask'],
      ['ma mère Nadia Benali', 'intake.guardianContact.ask'],
      ['nadia.benali@example.fr', 'intake.guardianConsent.ask'],
      ['oui, elle est d’accord', SUMMARY],
    ],
  },
  {
    name: 'understanding: a département alone asks for a commune in it',
    locale: 'fr-FR',
    steps: [
      ['bonjour', WELCOME],
      ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
      ['passer', 'intake.age.ask'],
      ['19', 'intake.situation.ask'],
      ['au chômage', 'intake.level.askDiploma'],
      ['bac', 'intake.needs.ask'],
      ['trouver un boulot', 'intake.place.ask'],
      ['dans le 93', 'intake.place.askIn'],
      ['Saint-Denis', 'intake.priority.ask'],
    ],
  },
  {
    name: 'understanding: an English opening on a French page gets English',
    locale: 'fr-FR',
    expectLanguage: 'en',
    steps: [
      ["Hi, I'm 19 and I just moved to Lille, I need help finding a job", WELCOME_NOTED],
      ['yes', ['intake.consent.thanks', 'intake.understood.notedOpening', 'intake.firstName.ask']],
      ['why do you need my name?', ['faq.why.firstName', 'intake.firstName.ask']],
      ['Sam', ['intake.firstName.thanks', 'intake.situation.ask']],
    ],
  },
];
