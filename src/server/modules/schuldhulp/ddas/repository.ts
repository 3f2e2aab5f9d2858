// SQL of the DDAS SHV export: the trajectories of one municipality that ran in a period, with their clients,
// periods and debts, in a stable order (keyset chunks, so a large delivery streams).
import { sql } from 'drizzle-orm';
import type { Orm } from '../../../db/client.ts';
import type { ShvTrajectoryRow } from './mapping.ts';

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export type ShvScope = { municipalityId: string; cbsCode: string; van: string; tot: string };
export type ShvKey = { requestedOn: string; id: string };

/** Trajectories that ran in the period: requested on or before its end, not ended before its start. */
export async function trajectoryChunk(
  tx: Orm,
  scope: ShvScope,
  opts: { after?: ShvKey; limit: number },
): Promise<ShvTrajectoryRow[]> {
  return rows<ShvTrajectoryRow>(
    await tx.execute(sql`
      SELECT r.id::text, r.municipality_id::text AS "municipalityId", ${scope.cbsCode}::text AS "cbsCode",
        r.requested_on::text AS "requestedOn", r.crisis, r.aanmelding_end::text AS "aanmeldingEnd",
        r.info_advies_start::text AS "infoAdviesStart", r.info_advies_end::text AS "infoAdviesEnd",
        r.first_conversation_on::text AS "firstConversationOn", r.intake_end::text AS "intakeEnd",
        r.beschikking_on::text AS "beschikkingOn", r.beschikkingssoort,
        r.plan_van_aanpak_on::text AS "planVanAanpakOn", r.stabilisatie_start::text AS "stabilisatieStart",
        r.stabilisatie_end::text AS "stabilisatieEnd", r.oplossing_soort AS "oplossingSoort",
        r.oplossing_start::text AS "oplossingStart", r.oplossing_end::text AS "oplossingEnd",
        r.vtlb_cents::float8 AS "vtlbCents", r.schuldregeling_on::text AS "schuldregelingOn",
        r.schuldregeling_toegekend::text AS "schuldregelingToegekend",
        r.schuldregeling_afgewezen::text AS "schuldregelingAfgewezen",
        r.schuldregeling_ingetrokken::text AS "schuldregelingIngetrokken", r.dwangakkoord,
        r.dwangakkoord_verzoek_on::text AS "dwangakkoordVerzoekOn", r.nazorg_start::text AS "nazorgStart",
        r.nazorg_end::text AS "nazorgEnd", r.uitstroom_on::text AS "uitstroomOn", r.uitstroom_reden AS "uitstroomReden",
        r.beeindigingsbeschikking_on::text AS "beeindigingsbeschikkingOn",
        coalesce((SELECT json_agg(json_build_object('bsn', p.bsn, 'geboortedatum', p.geboortedatum::text,
            'geslacht', p.geslacht, 'postcode', a.postcode, 'huisnummer', a.huisnummer, 'huisletter', a.huisletter,
            'toevoeging', a.toevoeging) ORDER BY c.position)
           FROM debt_help_clients c JOIN persons p ON p.id = c.person_id JOIN addresses a ON a.id = p.address_id
          WHERE c.debt_help_request_id = r.id),
          -- A request from a warm handover names no residents yet: the adults of the household (as at an aanmelding).
          (SELECT json_agg(json_build_object('bsn', p.bsn, 'geboortedatum', p.geboortedatum::text,
            'geslacht', p.geslacht, 'postcode', a.postcode, 'huisnummer', a.huisnummer, 'huisletter', a.huisletter,
            'toevoeging', a.toevoeging) ORDER BY p.ord)
           FROM (SELECT q.*, row_number() OVER (ORDER BY CASE q.household_role WHEN 'hoofd' THEN 0 ELSE 1 END,
                   q.geboortedatum, q.id) AS ord
                   FROM persons q JOIN household_cases hc ON hc.household_id = q.household_id
                  WHERE hc.id = r.household_case_id AND q.household_role IN ('hoofd', 'partner')) p
           JOIN addresses a ON a.id = p.address_id WHERE p.ord <= 2),
          '[]'::json) AS clients,
        coalesce((SELECT json_agg(json_build_object('kind', x.kind, 'startOn', x.start_on::text,
            'endOn', x.end_on::text, 'requestedOn', x.requested_on::text, 'approvedOn', x.approved_on::text,
            'begeleidingssoort', x.begeleidingssoort) ORDER BY x.start_on, x.created_at, x.id)
           FROM debt_help_periods x WHERE x.debt_help_request_id = r.id), '[]'::json) AS periods,
        coalesce((SELECT json_agg(json_build_object('creditorName', d.creditor_name, 'creditorKvk', d.creditor_kvk,
            'creditorPostcode', d.creditor_postcode, 'creditorIsPrivate', d.creditor_is_private,
            'schuldsoort', d.schuldsoort, 'isBusiness', d.is_business, 'originalCents', d.original_cents::float8,
            'establishedOn', d.established_on::text) ORDER BY d.created_at, d.id)
           FROM debts d WHERE d.debt_help_request_id = r.id), '[]'::json) AS debts
        FROM debt_help_requests r
       WHERE r.municipality_id = ${scope.municipalityId}::uuid
         AND r.requested_on <= ${scope.tot}::date
         AND (r.uitstroom_on IS NULL OR r.uitstroom_on >= ${scope.van}::date)
         ${opts.after ? sql`AND (r.requested_on, r.id) > (${opts.after.requestedOn}::date, ${opts.after.id}::uuid)` : sql``}
       ORDER BY r.requested_on, r.id
       LIMIT ${opts.limit}`),
  );
}
