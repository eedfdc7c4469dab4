import { z } from 'zod';
import { FRENCH_PHONE } from '../../intake/MentoringRequest';
import { parseContact, isMobile as isMobileFromContact } from '../../understanding/parseContact';
import { findEmails, parseEmail } from '../../understanding/parseEmail';
import { findPhones, isMobile, parsePhone } from '../../understanding/parsePhone';

describe('parseEmail', () => {
  test.each([
    ['ines@example.fr', 'ines@example.fr'],
    ['  ines@example.fr  ', 'ines@example.fr'],
    ['Ines.Martin@Example.FR', 'Ines.Martin@example.fr'],
    ["c'est ines@example.fr", 'ines@example.fr'],
    ["c'est ines@example.fr.", 'ines@example.fr'],
    ['mon mail: <ines@example.fr>', 'ines@example.fr'],
    ['(ines+mentor@example.fr)', 'ines+mentor@example.fr'],
    ['mailto:ines@example.fr', 'ines@example.fr'],
    ['ines_06@sub.example.co.uk', 'ines_06@sub.example.co.uk'],
    ['a@b.fr ou c@d.fr', 'a@b.fr'],
    ['...ines@example.fr', 'ines@example.fr'],
    ['<b>ines@example.fr</b>', 'ines@example.fr'],
  ])('%j -> %j', (input, email) => {
    expect(parseEmail(input)).toEqual({ ok: true, value: email });
    expect(z.email().safeParse(email).success).toBe(true);
  });
  test.each([[''], ['ines'], ['ines@'], ['@example.fr'], ['ines@example'], ['ines@@example.fr'], ['in..es@example.fr'], ['ines@exa_mple.fr'], ['inès@example.fr'], ['ines @ example.fr'], ['a'.repeat(300) + '@example.fr']])(
    '%j is invalid',
    (input) => expect(parseEmail(input)).toEqual({ ok: false, reason: 'invalid' }),
  );
  test('findEmails lists each address once', () => expect(findEmails('a@b.fr, a@b.fr et c@d.fr')).toEqual(['a@b.fr', 'c@d.fr']));
});

describe('parsePhone', () => {
  test.each([
    ['06 12 34 56 78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33612345678', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['07 98 76 54 32', '+33798765432'],
    ['mon num c’est le 06 12 34 56 78 !', '+33612345678'],
    ['tel:+33612345678', '+33612345678'],
    ['01 23 45 67 89', '+33123456789'],
    ['09 70 12 34 56', '+33970123456'],
  ])('%j -> %j', (input, phone) => {
    expect(parsePhone(input)).toEqual({ ok: true, value: phone });
    expect(phone).toMatch(FRENCH_PHONE);
  });
  test.each([[''], ['06 12 34 56'], ['0612345678901'], ['00 12 34 56 78'], ['+44 20 7946 0958'], ['+262 692 12 34 56'], ['17 ans'], ['03/03/2008'], ['ines0612345678'], ['0612345678abc']])(
    '%j is invalid',
    (input) => expect(parsePhone(input)).toEqual({ ok: false, reason: 'invalid' }),
  );
  test('findPhones finds several numbers', () => {
    expect(findPhones('06 12 34 56 78 ou 01 23 45 67 89')).toEqual(['+33612345678', '+33123456789']);
  });
});

describe('isMobile', () => {
  test.each([
    ['+33612345678', true],
    ['+33798765432', true],
    ['+33123456789', false],
    ['+33970123456', false],
    ['0612345678', false],
  ])('%s -> %s', (e164, mobile) => expect(isMobile(e164)).toBe(mobile));
  test('is re-exported next to parseContact', () => expect(isMobileFromContact).toBe(isMobile));
});

describe('parseContact', () => {
  test.each([
    ['ines@example.fr', 'ines@example.fr', null],
    ['06 12 34 56 78', null, '+33612345678'],
    ['ines@example.fr et 06 12 34 56 78', 'ines@example.fr', '+33612345678'],
    ['mon tel 0612345678, mon mail ines@example.fr', 'ines@example.fr', '+33612345678'],
    ['ines0612345678@example.fr', 'ines0612345678@example.fr', null],
    ['0612345678@example.fr', '0612345678@example.fr', null],
  ])('%j -> %j %j', (input, email, phone) => expect(parseContact(input)).toEqual({ ok: true, value: { email, phone } }));
  test.each([[''], ['je sais pas'], ['ines@'], ['06 12']])('%j is invalid', (input) => {
    expect(parseContact(input)).toEqual({ ok: false, reason: 'invalid' });
  });
});
