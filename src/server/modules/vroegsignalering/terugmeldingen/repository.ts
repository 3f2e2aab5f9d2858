// SQL of the feedback to partners. It selects only what the convenant lets a partner learn (and the facts that
// decide it); names, addresses, amounts and notes are never read here.
import { type SQL, sql } from 'drizzle-orm';
import type { DdasEindresultaat, DdasSignaalstatus } from '../../../../shared/ddas.ts';
import type { Orm } from '../../../db/client.ts';

async function all<T>(tx: Orm, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

export type FeedbackRow = {
  id: string;
  external_id: string | null;
  version: number;
  signal_date: string;
  ddas_status: DdasSignaalstatus;
  melding_status: string | null;
  eindresultaat: DdasEindresultaat | null;
  /** ISO 8601 in UTC with microseconds: the exact sort key, so a cursor made from it skips nothing. */
  changed_at: string;
};

/** The active partner whose machine client asks (a partner without credentials has no feedback API). */
export async function partnerOfClient(tx: Orm, municipalityId: string, machineClientId: string) {
  const [row] = await all<{ id: string }>(
    tx,
    sql`SELECT id::text FROM signal_partners
         WHERE municipality_id = ${municipalityId}::uuid AND machine_client_id = ${machineClientId}::uuid
           AND is_active`,
  );
  return row?.id;
}

export async function partnerExists(tx: Orm, municipalityId: string, partnerId: string) {
  const found = await all<{ id: string }>(
    tx,
    sql`SELECT id::text FROM signal_partners WHERE municipality_id = ${municipalityId}::uuid AND id = ${partnerId}::uuid`,
  );
  return found.length > 0;
}

/**
 * One page of a partner's feedback in (change time, id) order. Signals whose personal data was deleted under
 * the retention policy are left out: without the partner's own id they cannot be told apart any more.
 */
export async function listFeedback(
  tx: Orm,
  municipalityId: string,
  partnerId: string,
  opts: { after?: { changedAt: string; id: string }; since?: string; limit: number },
): Promise<FeedbackRow[]> {
  const after = opts.after
    ? sql`AND (s.feedback_changed_at, s.id) > (${opts.after.changedAt}::timestamptz, ${opts.after.id}::uuid)`
    : opts.since
      ? sql`AND s.feedback_changed_at > ${opts.since}::timestamptz`
      : sql``;
  return all<FeedbackRow>(
    tx,
    sql`SELECT s.id::text, s.external_id, s.version, to_char(s.signal_date, 'YYYY-MM-DD') AS signal_date,
               s.ddas_status, m.status AS melding_status, m.eindresultaat,
               to_char(s.feedback_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS changed_at
          FROM signals s
          LEFT JOIN meldingen m ON m.id = s.melding_id AND m.municipality_id = s.municipality_id
         WHERE s.municipality_id = ${municipalityId}::uuid AND s.partner_id = ${partnerId}::uuid
           AND s.personal_data_deleted_at IS NULL
           ${after}
         ORDER BY s.feedback_changed_at, s.id
         LIMIT ${opts.limit}`,
  );
}
