import { matchChoices } from '../../dialogs/matchChoice';
import type { ChoiceOption, Translate } from '../../dialogs/Msg';

const LABELS: Record<string, string> = { a: 'Soutien scolaire', b: 'Orientation', c: 'Stage, alternance ou premier emploi', d: 'Autre chose' };
const options: ChoiceOption[] = Object.keys(LABELS).map((code) => ({ code, label: { key: code } }));
const t: Translate = (_lang, key) => LABELS[key] ?? key;

describe('matchChoices', () => {
  it.each<[string, boolean, string[]]>([
    ['Orientation', false, ['b']],
    ['orientation', false, ['b']],
    ['2', false, ['b']],
    ['9', false, []],
    ['1 et 3', true, ['a', 'c']],
    ['3, 1', true, ['a', 'c']],
    ['1 et 3', false, []],
    ['le deuxième', false, ['b']],
    ['plutôt orientation je pense', false, ['b']],
    // A phone number is not "option 6"; numbers inside sentences never pick a choice.
    ['ines@example.fr 06 12 34 56 78', true, []],
    ['banane', false, []],
    ['', false, []],
  ])('%j (multiple: %s) -> %j', (text, multiple, expected) => {
    expect(matchChoices(text, options, 'fr', t, multiple)).toEqual(expected);
  });
});
