import { z } from 'zod';
import { DIPLOMA_LEVELS, NEEDS, PRIORITY_PUBLICS, SCHOOL_YEARS, SITUATIONS } from '../intake/vocabulary';
import { FRENCH_PHONE } from '../intake/MentoringRequest';
import regionsData from '@etalab/decoupage-administratif/data/regions.json';
import departementsData from '@etalab/decoupage-administratif/data/departements.json';

/**
 * The directory of associations as staff edit it (prisma/seed/directory.json). It is
 * data, not code, because the Collectif grows (22 associations in 2021, about 60 later)
 * and criteria change. Null or empty criteria mean "unknown", which never excludes.
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const COMMUNE_CODE = /^\d[\dAB]\d{3}$/;

/** 'other' is what a young person says when no kind of help fits; a programme never offers it. */
const PROGRAMME_NEEDS = NEEDS.filter((n): n is Exclude<(typeof NEEDS)[number], 'other'> => n !== 'other');

/**
 * Only regions and départements where the programme can run: mainland and the five
 * overseas départements-régions. Overseas collectivities (975, 987, ...) are outside
 * "1 jeune, 1 mentor" and the intake never produces them.
 */
const isInScope = (zone: string): boolean => zone === 'metro' || zone === 'drom';
export const REGION_CODES: ReadonlySet<string> = new Set(
  (regionsData as { code: string; zone: string }[]).filter((r) => isInScope(r.zone)).map((r) => r.code),
);
export const DEPARTEMENT_CODES: ReadonlySet<string> = new Set(
  (departementsData as { code: string; zone: string }[]).filter((d) => isInScope(d.zone)).map((d) => d.code),
);

const uniqueArray = <T extends z.ZodType>(item: T) =>
  z.array(item).refine((a) => new Set(a).size === a.length, { message: 'values must be unique' });

export const DirectoryProgrammeSchema = z
  .object({
    id: z.string().regex(SLUG, 'must be a lowercase slug (a-z, 0-9, dashes)'),
    name: z.string().min(1).max(200),
    descriptionFr: z.string().min(1).max(1000),
    descriptionEn: z.string().min(1).max(1000),
    minAge: z.number().int().min(0).max(99).nullable(),
    maxAge: z.number().int().min(0).max(99).nullable(),
    situations: uniqueArray(z.enum(SITUATIONS)),
    schoolYears: uniqueArray(z.enum(SCHOOL_YEARS)).default([]),
    diplomaLevels: uniqueArray(z.enum(DIPLOMA_LEVELS)).default([]),
    needs: uniqueArray(z.enum(PROGRAMME_NEEDS)),
    requiredPublics: uniqueArray(z.enum(PRIORITY_PUBLICS)),
    preferredPublics: uniqueArray(z.enum(PRIORITY_PUBLICS)),
    girlsOnly: z.boolean(),
    national: z.boolean(),
    regions: uniqueArray(z.string().refine((c) => REGION_CODES.has(c), { message: 'unknown INSEE region code' })),
    departements: uniqueArray(
      z.string().refine((c) => DEPARTEMENT_CODES.has(c), { message: 'unknown département code' }),
    ),
    communes: uniqueArray(z.string().regex(COMMUNE_CODE, 'must be a 5-character INSEE commune code')),
    inPerson: z.boolean(),
    remote: z.boolean(),
    capacityPerMonth: z.number().int().min(0).nullable(),
    active: z.boolean(),
    /** Judgement calls made when turning a source into criteria; not stored in the database. */
    notes: z.array(z.string().min(1)).default([]),
  })
  .superRefine((p, ctx) => {
    if (p.minAge !== null && p.maxAge !== null && p.minAge > p.maxAge) {
      ctx.addIssue({ code: 'custom', path: ['maxAge'], message: `minAge (${p.minAge}) is greater than maxAge (${p.maxAge})` });
    }
    if (!p.inPerson && !p.remote) {
      ctx.addIssue({ code: 'custom', path: ['remote'], message: 'a programme meets in person, remotely, or both' });
    }
    for (const pub of p.requiredPublics) {
      if (p.preferredPublics.includes(pub)) {
        ctx.addIssue({ code: 'custom', path: ['preferredPublics'], message: `"${pub}" is already required` });
      }
    }
  });

/** How new requests reach an association's staff (delivery: notifications/). */
export const NOTIFY_CHANNELS = ['email', 'webhook'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

export const DirectoryAssociationSchema = z
  .object({
    id: z.string().regex(SLUG, 'must be a lowercase slug (a-z, 0-9, dashes)'),
    name: z.string().min(1).max(200),
    website: z.url().nullable(),
    /** Null until the association confirms an address: the coordinator is told instead. */
    contactEmail: z.email().nullable(),
    /** Stored as the intake stores young people's numbers, so staff tools compare like with like. */
    contactPhone: z
      .string()
      .regex(FRENCH_PHONE, 'must be a French phone number written +33 then 9 digits (e.g. +33123456789)')
      .nullable()
      .default(null),
    notifyBy: z.enum(NOTIFY_CHANNELS).default('email'),
    /** https only: the payload names a young person, it must not travel in clear. */
    webhookUrl: z.url({ protocol: /^https$/, error: 'must be an https URL' }).nullable().default(null),
    responseDays: z.number().int().min(1).max(60).default(5),
    isCoordinator: z.boolean(),
    active: z.boolean(),
    /** Where the facts come from, with the year: criteria change and staff must know how old they are. */
    sources: z.array(z.string().min(1)).min(1),
    notes: z.array(z.string().min(1)).default([]),
    programmes: z.array(DirectoryProgrammeSchema).min(1),
  })
  .superRefine((a, ctx) => {
    // Otherwise requests for this association would be queued with nowhere to go.
    if (a.notifyBy === 'webhook' && a.webhookUrl === null) {
      ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: 'required when notifyBy is "webhook"' });
    }
  });

export const DirectoryFileSchema = z
  .object({
    version: z.literal(1),
    associations: z.array(DirectoryAssociationSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const associationIds = new Map<string, number>();
    const programmeIds = new Map<string, string>();
    file.associations.forEach((a, i) => {
      const first = associationIds.get(a.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['associations', i, 'id'], message: `duplicate association id "${a.id}" (also associations[${first}])` });
      } else {
        associationIds.set(a.id, i);
      }
      a.programmes.forEach((p, j) => {
        const where = `associations[${i}].programmes[${j}]`;
        const firstP = programmeIds.get(p.id);
        if (firstP !== undefined) {
          // Programme ids are primary keys of one table, so they are unique across associations.
          ctx.addIssue({ code: 'custom', path: ['associations', i, 'programmes', j, 'id'], message: `duplicate programme id "${p.id}" (also ${firstP})` });
        } else {
          programmeIds.set(p.id, where);
        }
      });
    });
    const coordinators = file.associations
      .map((a, i) => ({ a, i }))
      .filter(({ a }) => a.isCoordinator && a.active);
    if (coordinators.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['associations'],
        message: `exactly one active coordinator is required (found ${coordinators.length})`,
      });
    }
    for (const { a, i } of coordinators) {
      // The coordinator's programme is the fallback of every request nobody else fits.
      if (!a.programmes.some((p) => p.active)) {
        ctx.addIssue({ code: 'custom', path: ['associations', i, 'programmes'], message: 'the coordinator needs an active programme (the fallback)' });
      }
    }
  });

export type DirectoryFile = z.output<typeof DirectoryFileSchema>;
export type DirectoryAssociation = z.output<typeof DirectoryAssociationSchema>;
export type DirectoryProgrammeEntry = z.output<typeof DirectoryProgrammeSchema>;

export interface ValidateDirectoryOptions {
  /**
   * Whether an INSEE commune code exists. Defaults to a lookup in
   * @etalab/decoupage-administratif (loaded on first use: the file is 8 MB).
   */
  communeExists?: (code: string) => boolean;
}

let communeCodes: Set<string> | null = null;
function defaultCommuneExists(code: string): boolean {
  if (communeCodes === null) {
    // A plain require keeps the 8 MB file out of the type checker and out of startup.
    const communes = require('@etalab/decoupage-administratif/data/communes.json') as { code: string; type: string }[];
    communeCodes = new Set(communes.filter((c) => c.type === 'commune-actuelle').map((c) => c.code));
  }
  return communeCodes.has(code);
}

/** Renders a zod path with the ids of the rows it goes through, so staff find the row to fix. */
export function formatPath(path: readonly PropertyKey[], json: unknown): string {
  let out = '';
  let node: unknown = json;
  for (const seg of path) {
    if (typeof seg === 'number') {
      out += `[${seg}]`;
      node = Array.isArray(node) ? node[seg] : undefined;
      const id = node !== null && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
      if (typeof id === 'string' && id.length > 0) out += ` (${id})`;
    } else {
      out += (out === '' ? '' : '.') + String(seg);
      node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[seg] : undefined;
    }
  }
  return out === '' ? '(file)' : out;
}

/** One problem in a directory file: where (zod path) and what. */
export interface DirectoryIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Parses a directory file; errors name the row (index and id) and the field. `issues`
 * carries the same problems with their raw paths, so a caller that parsed another format
 * (CSV) can point back at its own lines.
 */
export function validateDirectory(
  json: unknown,
  options: ValidateDirectoryOptions = {},
): { ok: true; value: DirectoryFile } | { ok: false; errors: string[]; issues: DirectoryIssue[] } {
  const fail = (issues: DirectoryIssue[]) => ({
    ok: false as const,
    errors: issues.map((iss) => `${formatPath(iss.path, json)}: ${iss.message}`),
    issues,
  });
  const parsed = DirectoryFileSchema.safeParse(json);
  if (!parsed.success) {
    return fail(parsed.error.issues.map((iss) => ({ path: iss.path.map((seg) => (typeof seg === 'number' ? seg : String(seg))), message: iss.message })));
  }
  const communeExists = options.communeExists ?? defaultCommuneExists;
  const issues: DirectoryIssue[] = [];
  parsed.data.associations.forEach((a, i) =>
    a.programmes.forEach((p, j) =>
      p.communes.forEach((c, k) => {
        if (!communeExists(c)) {
          issues.push({ path: ['associations', i, 'programmes', j, 'communes', k], message: `unknown INSEE commune code "${c}"` });
        }
      }),
    ),
  );
  return issues.length > 0 ? fail(issues) : { ok: true, value: parsed.data };
}
