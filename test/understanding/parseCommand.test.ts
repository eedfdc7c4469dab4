import { parseCommand, type Command } from '../../understanding/parseCommand';

// SMS spellings and short forms written for these tests: 'en'/'fr' a switch, 'edit:<field>', else the kind.
const TEXTING: [string, string | null][] = [
  ['jveux arreter', 'stop'], ['stp arrete', 'stop'], ['c bon jarrete', 'stop'], ['jabandonne', 'stop'], ['i wanna stop', 'stop'], ['stop pls', 'stop'], ['im done', null], ['plz stop', 'stop'],
  ['on recommence tout', 'restart'], ['jveux tout recommencer', 'restart'], ['recommencer stp', 'restart'], ['restart pls', 'restart'], ['can i start over', 'restart'], ['start again please', 'restart'],
  ['retour stp', 'back'], ['reviens en arriere', 'back'], ['on revient en arriere ?', 'back'], ['go back pls', 'back'], ['back pls', 'back'], ['previous question please', 'back'],
  ['aide stp', 'help'], ['jcomprend pas', 'help'], ['jcomprends pas la question', 'help'], ['g pas compris', 'help'], ['help pls', 'help'], ['i dont get it', 'help'], ['idk what to answer', 'help'], ['jsp quoi repondre', 'help'],
  ['efface tout', 'deleteData'], ['supprime tout stp', 'deleteData'], ['delete everything', 'deleteData'], ['delete my stuff', null], ['erase everything please', 'deleteData'],
  ['modif mon age', null], ['changer ma ville stp', 'edit:place'], ['je veux changer mon num', 'edit:contact'], ['change my email pls', 'edit:contact'], ['i want to change my age', 'edit:age'], ['can i change my name', 'edit:firstName'], ['modifier mes besoins', 'edit:needs'],
  ['english pls', 'en'], ['eng pls', 'en'], ['in english plz', 'en'], ['can u speak english', 'en'], ['parle anglais stp', 'en'], ['français svp', 'fr'], ['parle francais', 'fr'], ['french pls', 'fr'], ['en français stp', 'fr'],
  ['je veux arreter le lycee', null], ['jveux arreter les cours', null], ['help with my homework', null], ['aide pour les devoirs', null], ['retour a l ecole', null], ['je veux reprendre mes etudes', null], ['i want to go back to school', null], ['english teacher', null], ['je suis nul en anglais', null], ['stop the bullying', null], ['delete', 'deleteData'],
];

const short = (c: Command | null): string | null =>
  !c ? null : c.kind === 'switchLang' ? c.lang : c.kind === 'edit' ? `edit:${c.field}` : c.kind;

describe('parseCommand', () => {
  it.each(TEXTING)('%j -> %s', (text, expected) => expect(short(parseCommand(text))).toBe(expected));

  it.each<[string, Command | null]>([
    ['aide', { kind: 'help' }],
    ['Help!', { kind: 'help' }],
    ['retour', { kind: 'back' }],
    ['Back', { kind: 'back' }],
    ['recommencer', { kind: 'restart' }],
    ['start over', { kind: 'restart' }],
    ['STOP', { kind: 'stop' }],
    ['annuler', { kind: 'stop' }],
    ['effacer mes données', { kind: 'deleteData' }],
    ['Delete my data', { kind: 'deleteData' }],
    ['english', { kind: 'switchLang', lang: 'en' }],
    ['Français', { kind: 'switchLang', lang: 'fr' }],
    ['francais', { kind: 'switchLang', lang: 'fr' }],
    ["modifier l'âge", { kind: 'edit', field: 'age' }],
    ['change my age', { kind: 'edit', field: 'age' }],
    ['modifier ma ville', { kind: 'edit', field: 'place' }],
    ['change my city', { kind: 'edit', field: 'place' }],
    ['changer mon numéro', { kind: 'edit', field: 'contact' }],
    ['modifier', { kind: 'edit', field: null }],
    ['change an answer', { kind: 'edit', field: null }],
    // Polite and roundabout forms (examples not in the corpus).
    ['je voudrais modifier ma commune stp', { kind: 'edit', field: 'place' }],
    ['est-ce que je peux changer mon adresse mail ?', { kind: 'edit', field: 'contact' }],
    ['can I update my phone number please', { kind: 'edit', field: 'contact' }],
    ['je veux corriger ma date de naissance', { kind: 'edit', field: 'age' }],
    ['changer mes dispos', { kind: 'edit', field: 'availability' }],
    ['fix my postcode', { kind: 'edit', field: 'place' }],
    ['on reprend tout à zéro ?', { kind: 'restart' }],
    ['je voudrais recommencer du début svp', { kind: 'restart' }],
    ["let's start from scratch", { kind: 'restart' }],
    ['could we begin again', { kind: 'restart' }],
    ['on revient à la question précédente stp', { kind: 'back' }],
    ['take me back to the last question', { kind: 'back' }],
    ["j'ai pas compris la question", { kind: 'help' }],
    ['jcapte rien', { kind: 'help' }],
    ["I don't understand what you want", { kind: 'help' }],
    ['au secours je suis perdue', { kind: 'help' }],
    ['je sais pas quoi mettre', { kind: 'help' }],
    ['supprimez toutes mes infos svp', { kind: 'deleteData' }],
    ['can you erase all my data', { kind: 'deleteData' }],
    ['wipe everything I said', { kind: 'deleteData' }],
    ['je veux plus continuer', { kind: 'stop' }],
    ['ok laisse tomber', { kind: 'stop' }],
    ['never mind, I give up', { kind: 'stop' }],
    ['i wanna quit', { kind: 'stop' }],
    ['tu peux parler en anglais ?', { kind: 'switchLang', lang: 'en' }],
    ['i only speak english sorry', { kind: 'switchLang', lang: 'en' }],
    ['désolé je parle pas anglais', { kind: 'switchLang', lang: 'fr' }],
    ['switch to french pls', { kind: 'switchLang', lang: 'fr' }],
    ['english plz', { kind: 'switchLang', lang: 'en' }],
    // Sentences that contain a command word are answers, not commands.
    ['je veux recommencer ma seconde', null],
    ['je veux quitter le lycée', null],
    ['je veux changer de ville', null],
    ["je veux changer d'école", null],
    ['je voudrais arrêter la fac', null],
    ['supprimer mes mauvaises notes', null],
    ['je veux en parler', null],
    ['je peux en', null],
    ['je comprends pas les maths', null],
    ['i dont understand maths', null],
    ['go back to school', null],
    ['start my own business', null],
    ['je parle anglais et arabe', null],
    ["je veux arrêter l'école", null],
    ['stop au harcèlement', null],
    ["j'ai besoin d'aide pour mes devoirs", null],
    ['je veux changer de voie', null],
    ['modifier le monde', null],
    ['', null],
    ['x'.repeat(5000), null],
  ])('%j -> %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});
