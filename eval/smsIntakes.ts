/**
 * Full intakes as a young person would text them (French and English), for `npm run
 * eval:sms` and test/channels/sms*.test.ts: each ends with a stored request.
 */
export interface SmsIntake { name: string; lang: 'fr' | 'en'; messages: string[] }

export const SMS_INTAKES: SmsIntake[] = [
  {
    name: 'fr: lycéenne à Lyon, contact par e-mail',
    lang: 'fr',
    messages: ['Bonjour', '1', 'Inès', "j'ai 17 ans", '2', 'terminale', 'orientation', 'Lyon', 'aucune', 'à distance', 'le mercredi après-midi', 'ines@example.fr', "c'est bon", '1'],
  },
  {
    name: 'fr: demandeur d’emploi à Roubaix, contact par SMS',
    lang: 'fr',
    messages: ['salut', 'oui', 'Karim', '22 ans', 'je cherche du travail', 'bac pro', 'trouver un emploi', 'Roubaix', 'passer', 'en personne', 'le matin', '06 12 34 56 78', 'SMS', "c'est bon", '1'],
  },
  {
    name: 'en: student in Lille',
    lang: 'en',
    messages: ['hello', 'yes', 'my name is Sam', 'I am 20 years old', "I'm a university student", 'bac+2', 'I need an internship', 'I live in Lille', 'refugee', 'in person', 'weekends', 'sam@example.com', 'Looks good', '3'],
  },
];
