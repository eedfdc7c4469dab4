import { NEEDS, type Need } from '../../intake/vocabulary';
import { parseNeeds } from '../../understanding/parseNeeds';

describe('parseNeeds', () => {
  test.each<[string, Need[]]>([
    ['soutien scolaire', ['school_support']],
    ["I'd like some help switching course next year", ['orientation']],
    // A yes/no doubt about what to do or where to go is orientation; about anything else it is not.
    ["honestly I don't know if I should go to a bac pro or stay in general", ['orientation']],
    ['je sais pas si je dois aller en pro ou continuer en général', ['orientation']],
    ['aide aux devoirs', ['school_support']],
    ["j'ai des mauvaises notes", ['school_support']],
    ['je suis nul en maths', ['school_support']],
    ['homework help', ['school_support']],
    ['tutoring', ['school_support']],
    ['orientation', ['orientation']],
    ['je sais pas quoi faire après le bac', ['orientation']],
    ['jsp quoi faire', ['orientation']],
    ['choisir mes études', ['orientation']],
    ['parcoursup', ['orientation']],
    ["I don't know what to do after school", ['orientation']],
    ['stage', ['job']],
    ['alternance', ['job']],
    ['premier emploi', ['job']],
    ['trouver du travail', ['job']],
    ['en galère pour trouver un stage', ['job']],
    ['refaire mon CV', ['job']],
    ['internship', ['job']],
    ['first job', ['job']],
    ['créer mon entreprise', ['entrepreneurship']],
    ['monter ma boîte', ['entrepreneurship']],
    ['entrepreneuriat', ['entrepreneurship']],
    ['start a business', ['entrepreneurship']],
    ['confiance en moi', ['confidence']],
    ["j'ai pas confiance en moi", ['confidence']],
    ['réseau', ['confidence']],
    ['network', ['confidence']],
    ['self-confidence', ['confidence']],
    ['orientation et confiance en moi', ['orientation', 'confidence']],
    ['stage, réseau et aide aux devoirs', ['job', 'confidence', 'school_support']],
    ['stage stage stage', ['job']],
    ['ORIENTATION', ['orientation']],
  ])('%j -> %j', (input, needs) => expect(parseNeeds(input, 'fr')).toEqual({ ok: true, value: { needs, other: null } }));

  test.each(NEEDS.map((c) => [c]))('code %s', (code) => {
    expect(parseNeeds(code, 'fr')).toEqual({ ok: true, value: { needs: [code], other: null } });
  });

  test.each<[string, Need[], string | null]>([
    ['autre : apprendre le japonais', ['other'], 'apprendre le japonais'],
    ['Autre: stage de danse', ['other'], 'stage de danse'],
    ['other - learn to code', ['other'], 'learn to code'],
    ['autre', ['other'], null],
    ['orientation, autre : japonais', ['orientation', 'other'], 'japonais'],
    ['autre chose', ['other'], null],
  ])('%j -> %j with other %j', (input, needs, other) => {
    expect(parseNeeds(input, 'fr')).toEqual({ ok: true, value: { needs, other } });
  });

  test('other text is capped at 300 characters', () => {
    const r = parseNeeds('autre : ' + 'y'.repeat(1000), 'fr');
    expect(r.ok && r.value.other?.length).toBe(300);
  });

  test.each([[''], ['1,2'], ['2'], ['bof'], ['je veux apprendre le japonais'], ['😀'], ["I don't know if I should say this here"], ['je sais pas si je dois te le dire']])('%j is not understood', (input) => {
    expect(parseNeeds(input, 'fr')).toEqual({ ok: false, reason: 'not_understood' });
  });

  // What they are is a situation, not a need (issue 22): a wish to start or grow a business still is.
  test.each<[string, Need[]]>([
    ["je suis auto-entrepreneur dans la livraison et je voudrais changer de métier, je sais pas vers quoi", ['orientation']],
    ["I'm self-employed, I clean offices, and I'd like to find a real job", ['job']],
    ['elle est micro-entrepreneuse et elle veut de l aide en anglais', ['school_support']],
    ["je suis déjà auto-entrepreneur et je voudrais développer mon activité", ['entrepreneurship']],
  ])('%j -> %j', (input, needs) => {
    const r = parseNeeds(input, 'fr');
    expect(r.ok && [...r.value.needs].sort()).toEqual([...needs].sort());
  });
});
