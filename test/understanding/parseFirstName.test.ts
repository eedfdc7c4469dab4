import { parseFirstName } from '../../understanding/parseFirstName';

describe('parseFirstName: names', () => {
  test.each([
    ['Inès', 'Inès'],
    ['inès', 'Inès'],
    ['  INÈS  ', 'Inès'],
    ["je m'appelle Inès", 'Inès'],
    ['Je m’apelle inès', 'Inès'],
    ['jm appelle karim', 'Karim'],
    ["moi c'est Karim", 'Karim'],
    ['Salut ! moi c’est Inès 😊', 'Inès'],
    ['bonjour, je suis Léa', 'Léa'],
    ['mon prénom : Yasmine', 'Yasmine'],
    ['my name is Sam', 'Sam'],
    ["hi, I'm Alex", 'Alex'],
    ['call me Jo', 'Jo'],
    ['Jean-Baptiste', 'Jean-Baptiste'],
    ['JEAN-BAPTISTE', 'Jean-Baptiste'],
    ["N'Golo", "N'Golo"],
    ["n'golo", "N'Golo"],
    ['N’Golo', "N'Golo"],
    ['Zoé Marie', 'Zoé Marie'],
    ['zoé marie', 'Zoé Marie'],
    ['McKenzie', 'McKenzie'],
    ['Inès, 17 ans', 'Inès'],
    ['Karim et toi ?', 'Karim'],
    ['Sam :)', 'Sam'],
    ['Imane', 'Imane'], // starts like "im" but is a name
    ['Moïse', 'Moïse'],
    ['محمد', 'محمد'],
    ['Ngọc Anh', 'Ngọc Anh'],
    ['Chloé.', 'Chloé'],
  ])('%j -> %j', (input, name) => expect(parseFirstName(input)).toEqual({ ok: true, value: name }));
});

describe('parseFirstName: refusals', () => {
  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\n\t', 'empty'],
    ['1234', 'not_a_name'],
    ['Inès2008', 'not_a_name'],
    ['http://example.fr', 'not_a_name'],
    ['www.example.com', 'not_a_name'],
    ['ines@example.fr', 'not_a_name'],
    ['<b>Inès</b>', 'not_a_name'],
    ['<script>alert(1)</script>', 'not_a_name'],
    ['Inès &amp; Karim', 'not_a_name'],
    ['😀😀', 'not_a_name'],
    ['!!!', 'not_a_name'],
    ['je veux un mentor', 'not_a_name'],
    ['je sais pas', 'not_a_name'],
    ['oui', 'not_a_name'],
    ['ok merci', 'not_a_name'],
    ["je m'appelle", 'not_a_name'],
    ['J', 'not_a_name'],
    ['Marie Anne Sophie Louise Claire', 'not_a_name'],
    ['a'.repeat(61), 'too_long'],
    ['Je m’appelle ' + 'b'.repeat(70), 'too_long'],
  ])('%j -> %s', (input, reason) => expect(parseFirstName(input)).toEqual({ ok: false, reason }));

  test('60 letters is still a name', () => {
    expect(parseFirstName('a'.repeat(60))).toEqual({ ok: true, value: 'A' + 'a'.repeat(59) });
  });
  test('non-string input is empty, not an exception', () => {
    expect(parseFirstName(undefined as unknown as string)).toEqual({ ok: false, reason: 'empty' });
  });
});
