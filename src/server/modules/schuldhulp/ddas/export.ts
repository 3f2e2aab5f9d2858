// DDAS schuldhulpverlening v1.0 export (Uitwisselmodel) for a delivering organisation and period, by the rules of
// the vroegsignalering export (docs/decisions/0007): one REPEATABLE READ snapshot, pass 1 maps and validates every
// trajectory against the schema's own subschema and collects every one that cannot be delivered, pass 2 writes the
// same snapshot record by record only when there are none. Nothing invalid ever leaves the system.
//
// Who delivers: the region of the municipality (as in VS). SHV puts all trajectories of the organisation in one
// levering; each trajectory names its own gemeentecode.
import type { InvalidParam } from '../../../../shared/problem.ts';
import type { Orm } from '../../../db/client.ts';
import type { ServiceContext } from '../../../http/context.ts';
import { PURPOSES, recordAudit } from '../../audit/service.ts';
import {
  checkPeriod,
  DdasExportError,
  type DeliveryTarget,
  ddasDateTime,
  resolveDeliveryTarget,
} from '../../ddas/service.ts';
import { schemaErrors } from '../../ddas/validate.ts';
import {
  mapSchuldhulptraject,
  type ShvExportIssue,
  type ShvSchuldhulptraject,
  shvGemeentecode,
} from './mapping.ts';
import * as repo from './repository.ts';
import { shvValidators, validateShvDocument } from './validate.ts';

/** A failure of the SHV export with a stable code; the CLI prints it. */
export class ShvExportError extends Error {
  constructor(
    readonly code: 'records_niet_exporteerbaar' | 'schema_ongeldig',
    message: string,
    readonly invalidParams: InvalidParam[] = [],
    readonly issues: ShvExportIssue[] = [],
    readonly issueCount = issues.length,
  ) {
    super(message);
  }
}

export { checkPeriod, DdasExportError };

const CHUNK = 1000;
const MAX_LISTED_ISSUES = 1000;

export type ShvEnvelope = {
  startdatumLevering: string;
  einddatumLevering: string;
  aanleverdatumEnTijd: string;
  codeGegevensleverancier: string;
};

/**
 * The levering head. The organisation's own gemeentecode is optional and left out: the deliverer is a region
 * (docs/decisions/0007), and every trajectory carries the gemeentecode it belongs to.
 */
export function shvLeveringHead(target: DeliveryTarget) {
  return { teller: 1, aanleverende_organisatie: { '(Statutaire) Naam': target.organisation.name } };
}

async function* mapped(
  tx: Orm,
  scope: repo.ShvScope,
  onIssues: (issues: ShvExportIssue[]) => void,
  validate: boolean,
): AsyncGenerator<ShvSchuldhulptraject> {
  const v = shvValidators();
  let after: repo.ShvKey | undefined;
  for (;;) {
    const chunk = await repo.trajectoryChunk(tx, scope, { after, limit: CHUNK });
    for (const row of chunk) {
      const m = mapSchuldhulptraject(row);
      if (!m.ok) onIssues(m.issues);
      else if (validate && !v.schuldhulptraject(m.record)) {
        onIssues(
          schemaErrors(v.schuldhulptraject.errors).map((e) => ({
            recordType: 'schuldhulptraject' as const,
            recordId: row.id,
            municipalityId: row.municipalityId,
            rule: 'schema',
            message: `${e.path}: ${e.message}`,
          })),
        );
      } else yield m.record;
    }
    const last = chunk.at(-1);
    if (!last || chunk.length < CHUNK) break;
    after = { requestedOn: last.requestedOn, id: last.id };
  }
}

export type ShvExportSummary = {
  organisation: { id: string; naam: string };
  trajecten: { gemeentecode: string; schuldhulptrajecten: number }[];
  bytes: number;
};

export async function exportShvUitwisselmodel(
  db: Orm,
  input: { organisation?: string; van?: string; tot?: string },
  write: (chunk: string) => unknown,
  opts: { codeGegevensleverancier: string; ctx: Omit<ServiceContext, 'municipalityId'>; now?: Date },
): Promise<ShvExportSummary> {
  const { van, tot } = checkPeriod(input.van, input.tot);
  const now = opts.now ?? new Date();
  return db.transaction(
    async (tx) => {
      const target = await resolveDeliveryTarget(tx, input.organisation);
      const envelope: ShvEnvelope = {
        startdatumLevering: van,
        einddatumLevering: tot,
        aanleverdatumEnTijd: ddasDateTime(now),
        codeGegevensleverancier: opts.codeGegevensleverancier,
      };
      const head = shvLeveringHead(target);
      const headErrors = validateShvDocument({
        ...envelope,
        leveringen: [{ ...head, schuldhulptrajecten: [] }],
      });
      if (headErrors.length > 0) {
        throw new ShvExportError(
          'schema_ongeldig',
          `De kop van de levering is ongeldig: ${headErrors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
        );
      }
      const scopes = target.municipalities.map((m) => ({
        municipalityId: m.id,
        cbsCode: m.cbsCode,
        van,
        tot,
      }));

      // Pass 1: map and validate everything; collect what cannot be delivered.
      const issues: ShvExportIssue[] = [];
      let issueCount = 0;
      const onIssues = (list: ShvExportIssue[]) => {
        issueCount += list.length;
        for (const i of list) if (issues.length < MAX_LISTED_ISSUES) issues.push(i);
      };
      for (const scope of scopes) for await (const _ of mapped(tx, scope, onIssues, true)) void _;
      if (issueCount > 0) {
        const records = new Set(issues.map((i) => i.recordId)).size;
        throw new ShvExportError(
          'records_niet_exporteerbaar',
          `${issueCount} probleem/problemen in ${records}${issues.length < issueCount ? '+' : ''} traject(en) ` +
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
      const fail = () => {
        throw new Error('a record changed between the passes of one snapshot');
      };
      const counts: ShvExportSummary['trajecten'] = [];
      await out(`${JSON.stringify(envelope).slice(0, -1)},"leveringen":[\n`);
      await out(`${JSON.stringify(head).slice(0, -1)},"schuldhulptrajecten":[`);
      let first = true;
      for (const [i, scope] of scopes.entries()) {
        let n = 0;
        for await (const record of mapped(tx, scope, fail, false)) {
          await out(`${first ? '' : ','}\n${JSON.stringify(record)}`);
          first = false;
          n++;
        }
        counts.push({ gemeentecode: shvGemeentecode(scope.cbsCode), schuldhulptrajecten: n });
        await recordAudit(
          tx,
          { ...opts.ctx, municipalityId: target.municipalities[i]?.id ?? scope.municipalityId },
          {
            action: 'ddas.export_shv',
            purpose: PURPOSES.debtHelp,
            subjectType: 'ddas_levering',
            details: { van, tot, organisation: target.organisation.id, schuldhulptrajecten: n },
          },
        );
      }
      await out('\n]}\n]}\n');
      return {
        organisation: { id: target.organisation.id, naam: target.organisation.name },
        trajecten: counts,
        bytes,
      };
    },
    { isolationLevel: 'repeatable read' },
  );
}
