import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadPeople, PEOPLE_SETS, peopleFiles, type Corpus } from '../../eval/people';
import { DIPLOMA_LEVELS, MEETING_MODES, NEEDS, PRIORITY_PUBLICS, SCHOOL_YEARS, SITUATIONS } from '../../intake/vocabulary';
import { HELPS, MENTOR_LANGUAGES, OCCUPATIONS, VOLUNTEER_PUBLICS } from '../../intake/volunteerVocabulary';

/**
 * The shape of every conversation of the people and volunteer corpora (their READMEs): a
 * label that names no real enum value, commune or programme would silently count as a miss
 * (or a pass) in `npm run eval:conversations`, so a fresh held-out file is checked here before
 * it is ever measured. Shapes only: nothing here plays a conversation.
 */
const ROOT = path.join(__dirname, '..', '..');
const communes = new Set(
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@etalab', 'decoupage-administratif', 'data', 'communes.json'), 'utf8')) as { code: string; type: string }[])
    // Paris, Lyon and Marseille may be labelled by arrondissement (the bot stores it when said).
    .filter((c) => c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal').map((c) => c.code),
);
const directory = JSON.parse(fs.readFileSync(path.join(ROOT, 'prisma', 'seed', 'directory.json'), 'utf8')) as { associations: { programmes: { id: string }[] }[] };
const mentoringProgrammes = new Set(directory.associations.flatMap((a) => a.programmes.map((p) => p.id)));
const volunteerProgrammes = new Set(Object.keys((JSON.parse(fs.readFileSync(path.join(ROOT, 'prisma', 'seed', 'volunteerFit.json'), 'utf8')) as { programmes: Record<string, unknown> }).programmes));

const commune = z.string().regex(/^(\d[\dAB]\d{3})$/).refine((c) => communes.has(c), 'not a current commune or arrondissement (INSEE code)');
// Contact data is fake by construction (README): reserved example domains, French mobiles.
const email = z.string().regex(/^[a-z0-9._+-]+@example\.(com|fr|org)$/);
const phone = z.string().regex(/^\+33[67]\d{8}$/);

const common = {
  id: z.string().regex(/^[a-z0-9]+-(fr|en|fx)-\d{3}$/),
  lang: z.enum(['fr', 'en']),
  style: z.string().optional(),
  // The public page (people) or the programme description and its site (volunteers).
  source: z.string().min(1).optional(),
  tags: z.array(z.string().regex(/^[a-z0-9_]+$/)).optional(),
  note: z.string().optional(),
  opening: z.string().min(1).max(4000),
  openingStates: z.array(z.string()),
  // A list: the replies to the same question asked again, in order (eval/conversations.ts).
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])),
  interjections: z.array(z.object({ before: z.string(), text: z.string().min(1), faq: z.string().optional() })).optional(),
  corrections: z.array(z.object({ before: z.string(), text: z.string().min(1) }).passthrough()).optional(),
};

const Person = z.object({
  ...common,
  expected: z.object({
    guardian: z.object({ name: z.string().nullable(), email: email.nullable(), phone: phone.nullable() }).nullable(),
    priorityPublics: z.array(z.enum(PRIORITY_PUBLICS)).nullable(),
    meeting: z.enum(MEETING_MODES),
    availability: z.boolean(),
    firstName: z.string().min(1).nullable(),
    age: z.number().int().min(8).max(40),
    situation: z.object({ kind: z.enum(SITUATIONS), schoolYear: z.enum(SCHOOL_YEARS).nullable(), diplomaLevel: z.enum(DIPLOMA_LEVELS).nullable() }),
    needs: z.array(z.enum(NEEDS)).min(1),
    place: z.object({ commune, alsoAccept: z.array(commune).optional() }),
    contact: z.object({ email: email.nullable(), phone: phone.nullable(), preferred: z.enum(['email', 'phone', 'sms']) }),
  }).strict(),
  acceptable: z.array(z.string().refine((id) => mentoringProgrammes.has(id), 'not a programme of prisma/seed/directory.json')).min(1),
}).strict();

const Volunteer = z.object({
  ...common,
  expected: z.object({
    firstName: z.string().min(1).nullable(),
    age: z.number().int().min(10).max(99),
    occupation: z.object({ kind: z.enum(OCCUPATIONS) }).nullable(),
    company: z.string().optional(),
    place: z.object({ commune }).nullable(),
    meeting: z.enum(MEETING_MODES).optional(),
    time: z.object({ hoursPerMonth: z.number().int().positive().optional(), months: z.number().int().positive().optional() }).optional(),
    helps: z.array(z.enum(HELPS)),
    publics: z.array(z.enum(VOLUNTEER_PUBLICS)),
    languages: z.array(z.enum(MENTOR_LANGUAGES)),
    contact: z.object({ email: email.optional(), phone: phone.optional() }),
  }).strict(),
  acceptable: z.array(z.string().refine((id) => volunteerProgrammes.has(id) || id === 'collectif-mentorat', 'not a programme of prisma/seed/volunteerFit.json')).min(1),
}).strict();

describe.each([['people', Person], ['volunteers', Volunteer]] as const)('%s corpus shape', (corpus: Corpus, schema) => {
  test('both halves have files; ids are unique across every file', () => {
    for (const set of PEOPLE_SETS) if (set === 'tuning') expect(peopleFiles(set, corpus).length).toBeGreaterThan(0);
    const ids = PEOPLE_SETS.flatMap((set) => loadPeople(set, corpus).map((c) => c.id));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  test.each(PEOPLE_SETS.flatMap((set) => peopleFiles(set, corpus)))('every conversation of %s is well formed', (file) => {
    const items = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'understanding', corpus, file), 'utf8')) as unknown[];
    expect(Array.isArray(items)).toBe(true);
    const problems = items.flatMap((item, i) => {
      const r = schema.safeParse(item);
      return r.success ? [] : [`${(item as { id?: string }).id ?? `#${i}`}: ${r.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`];
    });
    expect(problems).toEqual([]);
  });
});
