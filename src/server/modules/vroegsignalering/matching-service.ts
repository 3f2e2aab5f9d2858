import { and, eq, inArray } from 'drizzle-orm';
import { displayName } from '../../../shared/names.ts';
import type { Config } from '../../config.ts';
import type { Orm } from '../../db/client.ts';
import { addresses, persons } from '../../db/schema.ts';
import type { UserContext } from '../../http/context.ts';
import { decodeKeyCursor, encodeKeyCursor } from '../../http/cursor.ts';
import { problems } from '../../http/problem.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { presentSignal } from './meldingen/presenter.ts';
import * as meldingRepo from './meldingen/repository.ts';
import { processSignals } from './pipeline/process.ts';
import { pipelineDeps } from './pipeline-deps.ts';

type StoredCandidate = { personId: string; score: number; reasons: string[] };

/** Signals waiting for a person, with the ranked BRP candidates automatic matching found. */
export async function listMatchingQueue(db: Orm, ctx: UserContext, q: { cursor?: string; limit: number }) {
  const after = decodeKeyCursor(q.cursor, 2);
  return db.transaction(async (tx) => {
    const rows = await meldingRepo.matchingQueue(tx, ctx.municipalityId, q.limit + 1, after);
    const page = rows.slice(0, q.limit);
    const candidateIds = [
      ...new Set(page.flatMap((r) => (r.signal.matchCandidates as StoredCandidate[]).map((c) => c.personId))),
    ];
    const people = candidateIds.length
      ? await tx
          .select({ person: persons, address: addresses })
          .from(persons)
          .innerJoin(addresses, eq(addresses.id, persons.addressId))
          .where(and(eq(persons.municipalityId, ctx.municipalityId), inArray(persons.id, candidateIds)))
      : [];
    const byId = new Map(people.map((p) => [p.person.id, p]));
    await recordAudit(tx, ctx, {
      action: 'matching.list',
      purpose: PURPOSES.earlySignalling,
      subjectType: 'signal',
      subjectIds: page.map((r) => r.signal.id),
      details: { candidates: candidateIds.length },
    });
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        signal: presentSignal(r),
        candidates: (r.signal.matchCandidates as StoredCandidate[]).flatMap((c) => {
          const p = byId.get(c.personId);
          if (!p) return [];
          const a = p.address;
          return [
            {
              personId: c.personId,
              score: c.score,
              reasons: c.reasons,
              naam: displayName(p.person),
              geboortedatum: p.person.geboortedatum,
              adres: `${a.straat} ${a.huisnummer}${a.huisletter ?? ''}${a.toevoeging ? `-${a.toevoeging}` : ''}, ${a.postcode} ${a.woonplaats}`,
              brpStatus: p.person.brpStatus,
            },
          ];
        }),
      })),
      nextCursor:
        rows.length > q.limit && last ? encodeKeyCursor([last.signal.signalDate, last.signal.id]) : null,
    };
  });
}

/** Staff choose the person (or "not a resident"); the signal then continues through the pipeline. */
export async function matchByHand(
  db: Orm,
  config: Config,
  ctx: UserContext,
  signalId: string,
  personId: string | null,
) {
  const deps = pipelineDeps(config);
  return db.transaction(async (tx) => {
    const signal = await meldingRepo.signalById(tx, ctx.municipalityId, signalId);
    if (!signal) throw problems.notFound();
    if (!['not_found', 'ambiguous', 'business', 'pending'].includes(signal.signal.matchStatus)) {
      throw problems.conflict('This signal is already matched.');
    }
    let person = null;
    if (personId) {
      const [row] = await tx
        .select({ bsn: persons.bsn })
        .from(persons)
        .where(and(eq(persons.municipalityId, ctx.municipalityId), eq(persons.id, personId)));
      if (!row) {
        throw problems.badRequest('Unknown person.', [
          { name: 'body.personId', code: 'unknown', reason: 'Not a person of this municipality' },
        ]);
      }
      person = (await deps.brp(tx).findByBsn(ctx.municipalityId, [row.bsn])).get(row.bsn) ?? null;
    }
    await processSignals(tx, ctx, [signalId], deps, new Map([[signalId, person]]));
    await recordAudit(tx, ctx, {
      action: 'signals.match_manually',
      purpose: PURPOSES.earlySignalling,
      subjectType: 'signal',
      subjectIds: personId ? [signalId, personId] : [signalId],
      details: { outcome: personId ? 'matched' : 'not_a_resident' },
    });
    const updated = await meldingRepo.signalById(tx, ctx.municipalityId, signalId);
    if (!updated) throw problems.notFound();
    return presentSignal(updated);
  });
}
