import { parseCommand, type Command } from '../../understanding/parseCommand';

describe('parseCommand', () => {
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
    // Sentences that contain a command word are answers, not commands.
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
