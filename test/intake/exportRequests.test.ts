import { csvCell, toCsv, type ExportRecord } from '../../intake/exportRequests';

describe('CSV export', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+33612345678', "'+33612345678"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    [null, ''],
    [17, '17'],
  ])('csvCell(%j) = %j', (value, expected) => expect(csvCell(value)).toBe(expected));

  it('writes a header and one row per request', () => {
    const record = {
      schemaVersion: 1, locale: 'fr', channel: 'webchat', submittedAt: '2026-11-21T10:00:00.000Z', firstName: 'Inès', age: 17,
      situation: null, needs: ['orientation', 'job'], needsOther: null, place: null, priorityPublics: [], meeting: 'either', availability: null,
      contact: { email: 'ines@example.fr', phone: null, preferred: 'email' }, guardian: null, consent: { given: true, at: '2026-11-21T09:00:00.000Z' },
      id: 'r1', status: 'routed', createdAt: '2026-11-21T10:00:01.000Z',
      routing: { associationId: 'afev', associationName: 'AFEV', programmeId: 'afev-mentorat', decision: {} },
    } as ExportRecord;
    const lines = toCsv([record]).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    const header = lines[0]!.split(',');
    const row = lines[1]!.split(',');
    expect(row[header.indexOf('needs')]).toBe('"orientation;job"'); // quoted: French spreadsheets split on ';'
    expect(row[header.indexOf('priorityPublics')]).toBe('none');
    expect(row[header.indexOf('email')]).toBe('ines@example.fr');
  });
});
