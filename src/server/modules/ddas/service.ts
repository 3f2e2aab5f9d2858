// DDAS vroegsignalering v1.2 export (Uitwisselmodel) for a delivering organisation and period.
//
// Two passes over the same snapshot (one REPEATABLE READ transaction): the first maps and validates every record
// against the official schema and collects every record that cannot be delivered; only when there are none does the
// second pass write the file, record by record, so a national year never sits in memory and nothing invalid ever
// leaves the system.
import type { InvalidParam } from '../../../shared/problem.ts';
import { periodProblems } from '../../../shared/schemas/reporting.ts';
import type { Orm } from '../../db/client.ts';
import type { ServiceContext } from '../../http/context.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import {
  type DdasVroegsignaal,
  type DdasVroegsignaalzaak,
  type ExportIssue,
  mapVroegsignaal,
  mapVroegsignaalzaak,
} from './mapping.ts';
import * as repo from './repository.ts';
import { ddasValidators, type SchemaError, schemaErrors, validateDocument } from './validate.ts';

/** A failure of the export with a stable code; the CLI prints it, the API turns it into problem+json. */
export class DdasExportError extends Error {
  constructor(
    readonly code:
      | 'periode_ongeldig'
      | 'organisatie_onbekend'
      | 'organisatie_vereist'
      | 'records_niet_exporteerbaar'
      | 'schema_ongeldig',
    message: string,
    readonly invalidParams: InvalidParam[] = [],
    readonly issues: ExportIssue[] = [],
    readonly issueCount = issues.length,
  ) {
    super(message);
  }
}

export type DeliveryTarget = { organisation: repo.RegionRef; municipalities: repo.MunicipalityRef[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who delivers what. Every municipality belongs to a region (migrations/0001): the region is the organisation that
 * delivers for its municipalities (a municipality on its own is a region of one). A gemeentecode (or a municipality
 * id) gives that municipality's levering, delivered by its region; a region id gives all of its municipalities.
 * Without a reference, the installation's own organisation: the only region there is.
 */
export async function resolveDeliveryTarget(tx: Orm, ref: string | undefined): Promise<DeliveryTarget> {
  if (ref === undefined || ref.trim() === '') {
    const regions = await repo.listRegions(tx);
    const [only] = regions;
    if (regions.length !== 1 || !only) {
      throw new DdasExportError(
        regions.length === 0 ? 'organisatie_onbekend' : 'organisatie_vereist',
        regions.length === 0
          ? 'Deze installatie heeft nog geen organisatie: seed de demo of richt een regio in.'
          : `Deze installatie heeft ${regions.length} aanleverende organisaties; kies er een met --organisatie.`,
        [{ name: 'organisatie', code: 'required', reason: 'Geef een gemeentecode of organisatie-id.' }],
      );
    }
    return { organisation: only, municipalities: await repo.municipalitiesOfRegion(tx, only.id) };
  }
  const value = ref.trim();
  const code = /^(?:GM)?(\d{4})$/i.exec(value)?.[1];
  let municipality: repo.MunicipalityRef | undefined;
  if (code) municipality = await repo.findMunicipality(tx, { cbsCode: code });
  else if (UUID.test(value)) {
    const region = await repo.findRegion(tx, value);
    if (region)
      return { organisation: region, municipalities: await repo.municipalitiesOfRegion(tx, region.id) };
    municipality = await repo.findMunicipality(tx, { id: value });
  }
  if (!municipality) {
    throw new DdasExportError(
      'organisatie_onbekend',
      code || UUID.test(value)
        ? `Geen gemeente of organisatie gevonden voor "${value}".`
        : `"${value}" is geen gemeentecode (vier cijfers) en geen organisatie-id.`,
      [{ name: 'organisatie', code: 'unknown', reason: 'Onbekende gemeentecode of organisatie-id.' }],
    );
  }
  const region = await repo.findRegion(tx, municipality.regionId);
  if (!region) throw new Error('municipality without region');
  return { organisation: region, municipalities: [municipality] };
}

export function checkPeriod(
  van: string | undefined,
  tot: string | undefined,
  names?: { van: string; tot: string },
) {
  const problems = periodProblems(van, tot, names);
  if (problems.length > 0)
    throw new DdasExportError('periode_ongeldig', problems.map((p) => p.reason).join(' '), problems);
  return { van: van as string, tot: tot as string };
}

/** DDAS datum-tijd: YYYY-MM-DDTHH:MM:SSZ. */
export function ddasDateTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

export type Envelope = {
  startdatumLevering: string;
  einddatumLevering: string;
  aanleverdatumEnTijd: string;
  codeGegevensleverancier: string;
};

export type LeveringHead = {
  teller: number;
  gemeentecode: string;
  aanleverendeOrganisatie: { naam: string };
};

export function leveringHead(target: DeliveryTarget, m: repo.MunicipalityRef, teller: number): LeveringHead {
  return { teller, gemeentecode: m.cbsCode, aanleverendeOrganisatie: { naam: target.organisation.name } };
}

const CHUNK = 2000;
/** Enough to fix them; the total count is always reported. */
const MAX_LISTED_ISSUES = 1000;

type MappedStream = AsyncGenerator<
  | { kind: 'vroegsignaal'; record: DdasVroegsignaal }
  | { kind: 'vroegsignaalzaak'; record: DdasVroegsignaalzaak }
>;

/** Records of one municipality, in file order (signals, then zaken), mapped; calls onIssues for records that fail. */
async function* mappedRecords(
  tx: Orm,
  scope: repo.Scope,
  onIssues: (issues: ExportIssue[]) => void,
  validate: boolean,
): MappedStream {
  const v = ddasValidators();
  let after: repo.SignalKey | undefined;
  for (;;) {
    const chunk = await repo.signalChunk(tx, scope, { after, limit: CHUNK });
    for (const row of chunk) {
      const mapped = mapVroegsignaal(row);
      if (!mapped.ok) onIssues(mapped.issues);
      else if (validate && !v.vroegsignaal(mapped.record))
        onIssues(schemaIssues('vroegsignaal', row, v.vroegsignaal.errors));
      else yield { kind: 'vroegsignaal', record: mapped.record };
    }
    const last = chunk.at(-1);
    if (!last || chunk.length < CHUNK) break;
    after = { signalDate: last.signalDate, id: last.id };
  }
  let afterZaak: repo.ZaakKey | undefined;
  for (;;) {
    const chunk = await repo.zaakChunk(tx, scope, { after: afterZaak, limit: CHUNK });
    for (const row of chunk) {
      const mapped = mapVroegsignaalzaak(row);
      if (!mapped.ok) onIssues(mapped.issues);
      else if (validate && !v.vroegsignaalzaak(mapped.record))
        onIssues(schemaIssues('vroegsignaalzaak', row, v.vroegsignaalzaak.errors));
      else yield { kind: 'vroegsignaalzaak', record: mapped.record };
    }
    const last = chunk.at(-1);
    if (!last || chunk.length < CHUNK) break;
    afterZaak = { periodStart: last.periodStart, id: last.id };
  }
}

function schemaIssues(
  recordType: ExportIssue['recordType'],
  row: { id: string; municipalityId: string },
  errors: Parameters<typeof schemaErrors>[0],
): ExportIssue[] {
  return schemaErrors(errors).map((e: SchemaError) => ({
    recordType,
    recordId: row.id,
    municipalityId: row.municipalityId,
    rule: 'schema',
    message: `${e.path}: ${e.message}`,
  }));
}

export type ExportSummary = {
  organisation: { id: string; naam: string };
  leveringen: { gemeentecode: string; vroegsignalen: number; vroegsignaalzaken: number }[];
  bytes: number;
};

export type ExportOptions = {
  codeGegevensleverancier: string;
  ctx: Omit<ServiceContext, 'municipalityId'>;
  now?: Date;
};

/**
 * Writes the Uitwisselmodel for an organisation and period through `write` (which may wait for backpressure).
 * Nothing is written unless every record maps and validates; then throws DdasExportError with the offending
 * records. Each municipality's delivery is recorded in the audit log (it reads personal data: BSNs).
 */
export async function exportUitwisselmodel(
  db: Orm,
  input: { organisation?: string; van?: string; tot?: string },
  write: (chunk: string) => unknown,
  opts: ExportOptions,
): Promise<ExportSummary> {
  const { van, tot } = checkPeriod(input.van, input.tot);
  const now = opts.now ?? new Date();
  return db.transaction(
    async (tx) => {
      const target = await resolveDeliveryTarget(tx, input.organisation);
      const envelope: Envelope = {
        startdatumLevering: van,
        einddatumLevering: tot,
        aanleverdatumEnTijd: ddasDateTime(now),
        codeGegevensleverancier: opts.codeGegevensleverancier,
      };
      // The envelope and levering heads, validated as a document with empty record lists.
      const heads = target.municipalities.map((m, i) => leveringHead(target, m, i + 1));
      const headErrors = validateDocument({
        ...envelope,
        leveringen: heads.map((h) => ({ ...h, vroegsignalen: [], vroegsignaalzaken: [] })),
      });
      if (headErrors.length > 0) {
        throw new DdasExportError(
          'schema_ongeldig',
          `De kop van de levering is ongeldig: ${headErrors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
        );
      }

      // Pass 1: map and validate everything; collect what cannot be delivered.
      const issues: ExportIssue[] = [];
      let issueCount = 0;
      const onIssues = (list: ExportIssue[]) => {
        issueCount += list.length;
        for (const i of list) if (issues.length < MAX_LISTED_ISSUES) issues.push(i);
      };
      for (const m of target.municipalities) {
        for await (const _ of mappedRecords(tx, { municipalityId: m.id, van, tot }, onIssues, true)) {
          // Only counting problems here.
        }
      }
      if (issueCount > 0) {
        const records = new Set(issues.map((i) => i.recordId)).size;
        throw new DdasExportError(
          'records_niet_exporteerbaar',
          `${issueCount} probleem/problemen in ${records}${issues.length < issueCount ? '+' : ''} record(s) ` +
            'verhinderen de levering; herstel ze en exporteer opnieuw.',
          [],
          issues,
          issueCount,
        );
      }

      // Pass 2: the same snapshot, written record by record.
      let bytes = 0;
      const out = async (s: string) => {
        bytes += Buffer.byteLength(s);
        await write(s);
      };
      const summary: ExportSummary['leveringen'] = [];
      const head = JSON.stringify(envelope);
      await out(`${head.slice(0, -1)},"leveringen":[\n`);
      for (const [i, m] of target.municipalities.entries()) {
        const h = heads[i] as LeveringHead;
        const counts = { gemeentecode: m.cbsCode, vroegsignalen: 0, vroegsignaalzaken: 0 };
        const fail = () => {
          throw new Error('a record changed between the passes of one snapshot');
        };
        await out(`${i > 0 ? ',\n' : ''}${JSON.stringify(h).slice(0, -1)},"vroegsignalen":[`);
        let section: 'vroegsignalen' | 'vroegsignaalzaken' = 'vroegsignalen';
        for await (const r of mappedRecords(tx, { municipalityId: m.id, van, tot }, fail, false)) {
          if (r.kind === 'vroegsignaalzaak' && section === 'vroegsignalen') {
            section = 'vroegsignaalzaken';
            await out('\n],"vroegsignaalzaken":[');
          }
          const first =
            r.kind === 'vroegsignaal' ? counts.vroegsignalen === 0 : counts.vroegsignaalzaken === 0;
          await out(`${first ? '' : ','}\n${JSON.stringify(r.record)}`);
          if (r.kind === 'vroegsignaal') counts.vroegsignalen++;
          else counts.vroegsignaalzaken++;
        }
        if (section === 'vroegsignalen') await out('\n],"vroegsignaalzaken":[');
        await out('\n]}');
        summary.push(counts);
        await recordAudit(
          tx,
          { ...opts.ctx, municipalityId: m.id },
          {
            action: 'ddas.export',
            purpose: PURPOSES.earlySignalling,
            subjectType: 'ddas_levering',
            details: { van, tot, organisation: target.organisation.id, ...counts },
          },
        );
      }
      await out('\n]}\n');
      return {
        organisation: { id: target.organisation.id, naam: target.organisation.name },
        leveringen: summary,
        bytes,
      };
    },
    { isolationLevel: 'repeatable read' },
  );
}
