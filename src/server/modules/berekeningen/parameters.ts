// Dated parameters: one YAML file per set in ./parameters, each value with the date it takes effect, its legal
// basis (BWBR id + article) and its source, and a status where it is derived or uncertain rather than published.
// A calculation picks the values in force on its peildatum; a date outside a set's range is an error, never a guess.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  type GebruiktParameter,
  PARAMETER_STATUSSEN,
  type ParameterStatus,
} from '../../../shared/schemas/berekeningen.ts';

export const PARAMETER_SETS = [
  'bijstandsnormen',
  'beslagvrije-voet',
  'zorgtoeslag',
  'huurtoeslag',
  'kindgebonden-budget',
] as const;
export type ParameterSetName = (typeof PARAMETER_SETS)[number];

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Bron = z.strictObject({ titel: z.string().min(5), url: z.url().optional() });
const Waarde = z.strictObject({
  vanaf: IsoDate,
  waarde: z.number(),
  status: z.enum(PARAMETER_STATUSSEN),
  bron: Bron,
  toelichting: z.string().optional(),
});
const Parameter = z.strictObject({
  omschrijving: z.string().min(3),
  eenheid: z.string(),
  wet: z.strictObject({ bwbr: z.string().regex(/^BWBR\d{7}$/), artikel: z.string().min(1) }),
  waarden: z.array(Waarde).min(1),
});
export const ParameterFileSchema = z
  .strictObject({
    bereik: z.strictObject({ van: IsoDate, tot: IsoDate }),
    bronnen: z.record(z.string(), Bron).optional(),
    parameters: z.record(z.string(), Parameter),
  })
  .superRefine((file, ctx) => {
    for (const [name, p] of Object.entries(file.parameters)) {
      const dates = p.waarden.map((w) => w.vanaf);
      if (dates.some((d, i) => i > 0 && d <= (dates[i - 1] ?? ''))) {
        ctx.addIssue({ code: 'custom', path: ['parameters', name], message: 'vanaf dates must increase' });
      }
      // Every parameter must cover the whole range: a gap would make some dates silently unanswerable.
      if ((dates[0] ?? '9999') > file.bereik.van) {
        ctx.addIssue({
          code: 'custom',
          path: ['parameters', name],
          message: `no value on ${file.bereik.van}`,
        });
      }
      // "onzeker" and "afgeleid" must say why.
      for (const w of p.waarden) {
        if (w.status !== 'gepubliceerd' && !w.toelichting && w.bron.titel.length < 40) {
          ctx.addIssue({ code: 'custom', path: ['parameters', name], message: 'status needs a reason' });
        }
      }
    }
  });
export type ParameterFile = z.infer<typeof ParameterFileSchema>;

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'parameters');

export function loadParameterFile(set: ParameterSetName): ParameterFile {
  const text = fs.readFileSync(path.join(DIR, `${set}.yaml`), 'utf8');
  return ParameterFileSchema.parse(parse(text));
}

let cache: Map<ParameterSetName, ParameterFile> | null = null;
function files(): Map<ParameterSetName, ParameterFile> {
  if (!cache) cache = new Map(PARAMETER_SETS.map((s) => [s, loadParameterFile(s)]));
  return cache;
}

/** The range of dates every parameter set knows: the intersection of all ranges. */
export function knownRange(): { van: string; tot: string } {
  let van = '0000-01-01';
  let tot = '9999-12-31';
  for (const f of files().values()) {
    if (f.bereik.van > van) van = f.bereik.van;
    if (f.bereik.tot < tot) tot = f.bereik.tot;
  }
  return { van, tot };
}

/** A mistake in the input that the schema cannot see (the date range lives in the parameter files). */
export class RegelInputError extends Error {
  constructor(
    readonly field: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const STATUS_ORDER: Record<ParameterStatus, number> = { gepubliceerd: 0, afgeleid: 1, onzeker: 2 };
export function weakest(statuses: Iterable<ParameterStatus>): ParameterStatus {
  let worst: ParameterStatus = 'gepubliceerd';
  for (const s of statuses) if (STATUS_ORDER[s] > STATUS_ORDER[worst]) worst = s;
  return worst;
}

/**
 * Reads parameters for one peildatum and remembers every value it handed out, so the explanation can list exactly
 * the parameters (with sources) that the result depends on.
 */
export class ParameterReader {
  private readonly used = new Map<string, GebruiktParameter>();

  constructor(readonly peildatum: string) {
    const range = knownRange();
    if (peildatum < range.van || peildatum > range.tot) {
      throw new RegelInputError(
        'peildatum',
        'peildatum_buiten_bereik',
        `No rules are known for ${peildatum}: the parameters cover ${range.van} through ${range.tot}.`,
      );
    }
  }

  get(set: ParameterSetName, naam: string): number {
    const file = files().get(set);
    const p = file?.parameters[naam];
    if (!file || !p) throw new Error(`unknown parameter ${set}.${naam}`);
    let current: (typeof p.waarden)[number] | undefined;
    for (const w of p.waarden) if (w.vanaf <= this.peildatum) current = w;
    if (!current) throw new Error(`parameter ${set}.${naam} has no value on ${this.peildatum}`);
    this.used.set(`${set}.${naam}`, {
      set,
      naam,
      omschrijving: p.omschrijving,
      waarde: current.waarde,
      eenheid: p.eenheid,
      geldigVanaf: current.vanaf,
      status: current.status,
      wet: p.wet,
      bron: current.bron,
      ...(current.toelichting ? { toelichting: current.toelichting } : {}),
    });
    return current.waarde;
  }

  parameters(): GebruiktParameter[] {
    return [...this.used.values()];
  }
}
