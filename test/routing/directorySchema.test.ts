import { validateDirectory } from '../../routing/directorySchema';
import { toDirectoryProgrammes } from '../../routing/directoryToProgrammes';
import { seedJson } from './helpers';

type Json = { version: number; associations: Record<string, unknown>[] };
type ProgrammeJson = Record<string, unknown>;

/** A deep copy of the seed to break one field at a time. */
function seed(): Json {
  return structuredClone(seedJson()) as Json;
}
function assoc(file: Json, id: string): Record<string, unknown> & { programmes: ProgrammeJson[] } {
  const a = file.associations.find((x) => x.id === id);
  if (a === undefined) throw new Error(id);
  return a as Record<string, unknown> & { programmes: ProgrammeJson[] };
}
function indexOf(file: Json, id: string): number {
  return file.associations.findIndex((x) => x.id === id);
}
function errorsOf(json: unknown): string[] {
  const r = validateDirectory(json, { communeExists: () => true });
  return r.ok ? [] : r.errors;
}

describe('validateDirectory', () => {
  it('accepts the seed', () => {
    expect(errorsOf(seedJson())).toEqual([]);
  });

  it('names the row and field of a type error', () => {
    const file = seed();
    const i = indexOf(file, 'afev');
    assoc(file, 'afev').programmes[0]!.minAge = 'five';
    expect(errorsOf(file)).toEqual([
      expect.stringMatching(new RegExp(`^associations\\[${i}\\] \\(afev\\)\\.programmes\\[0\\] \\(afev-mentorat\\)\\.minAge: `)),
    ]);
  });

  it('rejects inverted ages on maxAge', () => {
    const file = seed();
    const i = indexOf(file, 'arpejeh');
    Object.assign(assoc(file, 'arpejeh').programmes[0]!, { minAge: 25, maxAge: 15 });
    expect(errorsOf(file)).toEqual([
      `associations[${i}] (arpejeh).programmes[0] (arpejeh-mentorat).maxAge: minAge (25) is greater than maxAge (15)`,
    ]);
  });

  it('rejects duplicate association and programme ids, naming both rows', () => {
    const file = seed();
    const i = indexOf(file, 'nqt');
    const j = indexOf(file, 'moovjee');
    assoc(file, 'nqt').id = 'moovjee';
    file.associations[i]!.programmes = [{ ...assoc(file, 'moovjee').programmes[0]! }];
    expect(errorsOf(file)).toEqual([
      `associations[${i}] (moovjee).id: duplicate association id "moovjee" (also associations[${j}])`,
      `associations[${i}] (moovjee).programmes[0] (moovjee-entrepreneurs).id: duplicate programme id "moovjee-entrepreneurs" (also associations[${j}].programmes[0])`,
    ]);
  });

  it.each([
    ['departements', '20', 'unknown département code'],
    ['departements', '975', 'unknown département code'],
    ['departements', '7', 'unknown département code'],
    ['regions', '99', 'unknown INSEE region code'],
    ['regions', '975', 'unknown INSEE region code'],
  ])('rejects %s code %s', (field, code, message) => {
    const file = seed();
    const i = indexOf(file, 'parrains-par-mille');
    const p = assoc(file, 'parrains-par-mille').programmes[0]!;
    (p[field] as string[]).push(code);
    const k = (p[field] as string[]).length - 1;
    expect(errorsOf(file)).toEqual([
      `associations[${i}] (parrains-par-mille).programmes[0] (parrains-par-mille-parrainage).${field}[${k}]: ${message}`,
    ]);
  });

  it.each(['2A', '2B', '971', '976', '01', '95'])('accepts département %s', (code) => {
    const file = seed();
    (assoc(file, 'afev').programmes[0]!.departements as string[]).push(code);
    expect(errorsOf(file)).toEqual([]);
  });

  it('checks that communes exist (real INSEE data by default)', () => {
    const file = seed();
    const i = indexOf(file, 'duo-for-a-job');
    (assoc(file, 'duo-for-a-job').programmes[0]!.communes as string[]).push('75001'); // a postal code, not an INSEE code
    const r = validateDirectory(file);
    expect(r.ok ? [] : r.errors).toEqual([
      `associations[${i}] (duo-for-a-job).programmes[0] (duo-for-a-job-emploi).communes[4]: unknown INSEE commune code "75001"`,
    ]);
  });

  it('rejects unknown vocabulary with the field named', () => {
    const file = seed();
    const i = indexOf(file, 'zupdeco');
    assoc(file, 'zupdeco').programmes[0]!.needs = ['school_support', 'other'];
    expect(errorsOf(file)).toEqual([expect.stringMatching(new RegExp(`^associations\\[${i}\\] \\(zupdeco\\)\\.programmes\\[0\\] \\(zupdeco-tutorat\\)\\.needs\\[1\\]: `))]);
  });

  it('requires exactly one active coordinator', () => {
    const none = seed();
    assoc(none, 'collectif-mentorat').active = false;
    expect(errorsOf(none)).toEqual(['associations: exactly one active coordinator is required (found 0)']);
    const two = seed();
    assoc(two, 'afev').isCoordinator = true;
    expect(errorsOf(two)).toEqual(['associations: exactly one active coordinator is required (found 2)']);
  });

  it('applies defaults and copies association facts down', () => {
    const file = seed();
    delete assoc(file, 'afev').responseDays;
    assoc(file, 'moovjee').active = false;
    const r = validateDirectory(file, { communeExists: () => true });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const progs = toDirectoryProgrammes(r.value);
    expect(progs.find((p) => p.id === 'afev-mentorat')?.responseDays).toBe(5);
    // An inactive association stops all its programmes.
    expect(progs.find((p) => p.id === 'moovjee-entrepreneurs')?.active).toBe(false);
    expect(progs.find((p) => p.id === 'collectif-mentorat')?.isCoordinator).toBe(true);
  });

  it('reports a file that is not a directory at all', () => {
    expect(errorsOf(null)).toEqual([expect.stringMatching(/^\(file\): /)]);
    expect(errorsOf({ version: 2, associations: [] })).toEqual([
      expect.stringMatching(/^version: /),
      expect.stringMatching(/^associations: /),
    ]);
  });
});

describe('association contact and notification fields', () => {
  const afev = (file: Json) => assoc(file, 'afev') as Record<string, unknown>;

  it('defaults to no phone, notification by e-mail, no webhook', () => {
    const r = validateDirectory(seedJson(), { communeExists: () => true });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.associations[0]).toMatchObject({ contactPhone: null, notifyBy: 'email', webhookUrl: null });
  });

  it('accepts a French phone and an https webhook', () => {
    const file = seed();
    Object.assign(afev(file), { contactPhone: '+33612345678', notifyBy: 'webhook', webhookUrl: 'https://hooks.afev.example/binome' });
    expect(errorsOf(file)).toEqual([]);
  });

  it.each([
    ['contactPhone', '06 12 34 56 78'],
    ['contactPhone', '+442079460000'],
    ['notifyBy', 'sms'],
    ['webhookUrl', 'http://hooks.afev.example/binome'],
    ['webhookUrl', 'not a url'],
  ])('rejects %s %j with the row and field named', (field, value) => {
    const file = seed();
    afev(file)[field] = value;
    const i = indexOf(file, 'afev');
    expect(errorsOf(file)).toEqual([expect.stringMatching(new RegExp(`^associations\\[${i}\\] \\(afev\\)\\.${field}: `))]);
  });

  it('requires a webhookUrl when notifyBy is "webhook"', () => {
    const file = seed();
    afev(file).notifyBy = 'webhook';
    const i = indexOf(file, 'afev');
    expect(errorsOf(file)).toEqual([`associations[${i}] (afev).webhookUrl: required when notifyBy is "webhook"`]);
  });
});
