import type { Transcript } from '../helpers/transcripts';
import { WELCOME } from './common';

/** The volunteer's welcome: the same steps as the mentee's, in the volunteer flow's words. */
export const V_WELCOME = ['volunteer.welcome.hello', 'volunteer.welcome.what', 'volunteer.welcome.privacy', 'intake.consent.ask'];
export const V_WELCOME_NOTED = ['volunteer.welcome.hello', 'volunteer.welcome.noted', 'volunteer.welcome.what', 'volunteer.welcome.privacy', 'intake.consent.ask'];
export const V_SUMMARY = ['intake.summary.intro', 'volunteer.summary.ask'];
export const V_PROPOSAL = ['volunteer.proposal.intro', 'intake.proposal.why', 'volunteer.proposal.alternatives', 'volunteer.proposal.ask'];
export const V_SENT_AFTER_CHOICE = ['volunteer.submitted.routed', 'volunteer.submitted.next'];
export const V_SENT_FALLBACK = ['volunteer.submitted.fallback', 'intake.submitted.why', 'volunteer.submitted.next'];
const vRetry = (slot: string) => [`volunteer.${slot}.retry`, `volunteer.${slot}.ask`];

export const volunteerTranscripts: Transcript[] = [
  {
    name: 'fr: a retired man who wants to help, from his first words to an apprentices programme he chose',
    locale: 'fr-FR',
    steps: [
      ['Bonjour, je suis retraité et je veux aider des jeunes', V_WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.noted', 'intake.firstName.ask']],
      ['Jacques', ['intake.firstName.thanks', 'volunteer.age.ask']],
      ['67 ans', 'volunteer.place.ask'],
      ['Lyon', 'volunteer.meeting.ask'],
      ['les deux', 'volunteer.time.ask'],
      ['3h par mois pendant un an', 'volunteer.helps.ask'],
      ['apprentissage et premier emploi', 'volunteer.publics.ask'],
      ['peu importe', 'volunteer.languages.ask'],
      // "anglais" names a language he speaks: an answer, not a switch to English.
      ['anglais', 'volunteer.contact.ask'],
      ['jacques@example.fr', V_SUMMARY],
      ['oui', V_PROPOSAL],
      ['2', V_SENT_AFTER_CHOICE],
    ],
    expectedRequest: {
      kind: 'volunteer', locale: 'fr', firstName: 'Jacques', age: 67, occupation: { kind: 'retired' }, place: { commune: '69123' },
      meeting: 'either', time: { hoursPerMonth: 3, months: 12 }, helps: ['apprenticeship', 'first_job'], publics: [], languages: ['fr', 'en'],
      contact: { email: 'jacques@example.fr', preferred: 'email' },
    },
    expectedChosenBy: 'young_person',
  },
  {
    name: 'en: a student volunteer, with answers not understood on the way, to a student tutoring programme',
    locale: 'en-US',
    steps: [
      ["I'd like to volunteer", V_WELCOME],
      ['yes', ['intake.consent.thanks', 'intake.firstName.ask']],
      ['my name is Emma', ['intake.firstName.thanks', 'volunteer.age.ask']],
      ['old enough', vRetry('age')],
      ['I am 24', 'volunteer.occupation.ask'],
      ['purple', vRetry('occupation')],
      ['I am a student', 'volunteer.occupationDetail.askStudent'],
      ['master in computer science', 'volunteer.place.ask'],
      ['Paris', 'volunteer.meeting.ask'],
      ['remote only', 'volunteer.time.ask'],
      ['2 hours a week', 'volunteer.helps.ask'],
      ['zzzz', vRetry('helps')],
      ['help with maths homework', 'volunteer.publics.ask'],
      ['girls in science', 'volunteer.languages.ask'],
      ['no', 'volunteer.contact.ask'],
      ['emma@example.com', V_SUMMARY],
      ['looks good', V_PROPOSAL],
      ['1', V_SENT_AFTER_CHOICE],
    ],
    expectedRequest: {
      kind: 'volunteer', locale: 'en', firstName: 'Emma', age: 24, occupation: { kind: 'student', detail: 'master in computer science' },
      place: { commune: '75056' }, meeting: 'remote', time: { hoursPerMonth: 8, months: null }, helps: ['school_support'], publics: ['girls_science'], languages: ['fr'],
    },
    expectedChosenBy: 'routing',
    expectLanguage: 'en',
  },
  {
    name: 'fr: a young person switches to the volunteer side and back; name and age carry over both ways',
    locale: 'fr-FR',
    steps: [
      ['salut', WELCOME],
      ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
      ['Léa', ['intake.firstName.thanks', 'intake.age.ask']],
      ['19 ans', 'intake.situation.ask'],
      ['en fait je voudrais devenir mentor', ['flow.switched.volunteer', 'volunteer.occupation.ask']],
      ['étudiante en licence de maths', 'volunteer.place.ask'],
      ['en fait je cherche un mentor', ['flow.switched.mentee', 'intake.situation.ask']],
      ['je suis étudiante', 'intake.level.askDiploma'],
      ['bac+2', 'intake.needs.ask'],
      ['trouver un stage', 'intake.place.ask'],
      ['Lille', 'intake.priority.ask'],
      ['passer', 'intake.meeting.ask'],
      ['en personne', 'intake.availability.ask'],
      ['le soir', 'intake.contact.ask'],
      ['lea@example.fr', ['intake.summary.intro', 'intake.summary.ask']],
    ],
  },
  {
    // The summary says it: "s'il y en a plusieurs, tu choisis ; sinon, j'envoie directement ta proposition à celle qui correspond".
    name: 'fr: a retiree offers help in words of his own, for young people starting a business; one programme fits: sent when he confirms, with why',
    locale: 'fr-FR',
    steps: [
      ['je voudrais encadrer des lycéens, je suis retraité', V_WELCOME_NOTED],
      ['oui', ['intake.consent.thanks', 'intake.understood.noted', 'intake.firstName.ask']],
      ['Gilles', ['intake.firstName.thanks', 'volunteer.age.ask']],
      ['67 ans', 'volunteer.place.ask'],
      ['Lyon', 'volunteer.meeting.ask'],
      ['les deux', 'volunteer.time.ask'],
      ['2h par mois pendant un an', 'volunteer.helps.ask'],
      ['ceux qui montent leur boîte', 'volunteer.publics.ask'],
      ['peu importe', 'volunteer.languages.ask'],
      ['non', 'volunteer.contact.ask'],
      ['gilles@example.fr', V_SUMMARY],
      ['oui', ['volunteer.submitted.routed', 'intake.submitted.why', 'volunteer.submitted.next']],
    ],
    expectedRequest: {
      kind: 'volunteer', locale: 'fr', firstName: 'Gilles', age: 67, occupation: { kind: 'retired' }, place: { commune: '69123' },
      meeting: 'either', time: { hoursPerMonth: 2, months: 12 }, helps: ['entrepreneurship'], publics: [], languages: ['fr'],
    },
    expectedChosenBy: 'routing',
  },
  {
    name: 'en: a bus driver says it in his first words (not asked again); answers that say more than asked are read, free text keeps only its own answer',
    locale: 'en-US',
    steps: [
      ["Hi! I'm a bus driver and I'd love to mentor some teenagers", V_WELCOME_NOTED],
      ['yes', ['intake.consent.thanks', 'intake.understood.noted', 'intake.firstName.ask']],
      ['Sam', ['intake.firstName.thanks', 'volunteer.age.ask']],
      ['52', 'volunteer.company.ask'],
      // Not a company: the time is noted, the company asked again.
      ['remote, 2 hours a week', ['intake.understood.noted', 'volunteer.company.ask']],
      ['no', 'volunteer.place.ask'],
      ['Lille', 'volunteer.meeting.ask'],
      ['remote', 'volunteer.helps.ask'],
      ['job interviews and CVs', 'volunteer.publics.ask'],
      ['any', 'volunteer.languages.ask'],
      ['no', 'volunteer.contact.ask'],
      ['sam@example.com', V_SUMMARY],
      ['yes', V_PROPOSAL],
      ['1', V_SENT_AFTER_CHOICE],
    ],
    expectedRequest: {
      kind: 'volunteer', locale: 'en', firstName: 'Sam', age: 52, occupation: { kind: 'employed', detail: 'bus driver' }, company: null, place: { commune: '59350' },
      meeting: 'remote', time: { hoursPerMonth: 8, months: null }, helps: ['first_job'], publics: [], languages: ['fr'],
    },
    expectedChosenBy: 'routing',
    expectLanguage: 'en',
  },
  {
    name: 'fr: her trade with her time in one answer: the trade is the detail (its own words only), the time is noted and not asked',
    locale: 'fr-FR',
    steps: [
      ['je veux devenir mentor', V_WELCOME],
      ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
      ['Inès', ['intake.firstName.thanks', 'volunteer.age.ask']],
      ['31 ans', 'volunteer.occupation.ask'],
      ['je travaille', 'volunteer.occupationDetail.askEmployed'],
      ['la logistique, et je peux donner 3h par mois pendant un an', ['intake.understood.noted', 'volunteer.company.ask']],
      ['non', 'volunteer.place.ask'],
      ['Rennes', 'volunteer.meeting.ask'],
      ['les deux', 'volunteer.helps.ask'],
      ['orientation', 'volunteer.publics.ask'],
      ['peu importe', 'volunteer.languages.ask'],
      ['non', 'volunteer.contact.ask'],
      ['ines@example.fr', V_SUMMARY],
      ['oui', V_PROPOSAL],
      ['1', V_SENT_AFTER_CHOICE],
    ],
    expectedRequest: {
      kind: 'volunteer', locale: 'fr', firstName: 'Inès', age: 31, occupation: { kind: 'employed', detail: 'la logistique' }, company: null,
      place: { commune: '35238' }, meeting: 'either', time: { hoursPerMonth: 3, months: 12 }, helps: ['orientation'],
    },
  },
  {
    name: 'en: someone opens on the volunteer side by mistake and moves to the mentee side before consenting',
    locale: 'en-US',
    steps: [
      ['I want to become a mentor', V_WELCOME],
      ['oh sorry, actually I need a mentor', ['flow.switched.mentee', ...WELCOME]],
      ['yes', ['intake.consent.thanks', 'intake.firstName.ask']],
    ],
  },
  {
    name: 'en: a language named in the opening is the subject she would tutor, not her languages: the languages question still comes',
    locale: 'en-US',
    steps: [
      ["I'm a retired nurse and I'd like to tutor teenagers in English", V_WELCOME_NOTED],
      ['yes', ['intake.consent.thanks', 'intake.understood.noted', 'intake.firstName.ask']],
      ['Ann', ['intake.firstName.thanks', 'volunteer.age.ask']],
      ['66', 'volunteer.place.ask'],
      ['Nantes', 'volunteer.meeting.ask'],
      ['in person', 'volunteer.time.ask'],
      ['2 hours every two weeks', 'volunteer.publics.ask'],
      ['any', 'volunteer.languages.ask'],
    ],
  },
  {
    name: 'fr: a 14-year-old who wants to mentor: confirmed, told where to go, nothing kept',
    locale: 'fr-FR',
    steps: [
      ['je veux devenir mentor', V_WELCOME],
      ['oui', ['intake.consent.thanks', 'intake.firstName.ask']],
      ['Tom', ['intake.firstName.thanks', 'volunteer.age.ask']],
      ['14', 'volunteer.age.confirmTooYoung'],
      ['oui', ['volunteer.age.tooYoung', 'volunteer.age.otherServices']],
    ],
    expectNothingStored: true,
  },
];
