// Demo follow-up: the demo year's meldingen in every state a worker meets. Older meldingen are closed with each of
// the 16 DDAS end results (with the contact that result needs, quick fixes with their 30-day check, warm handovers
// to debt help, the regisseur and an external organisation); recent ones are untouched, claimed, in progress with
// contact attempts of every kind and home visits on the route list, or overdue. Everything goes through the
// follow-up services, so the demo data obeys the same rules as the real thing.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { DDAS_CONTACTSOORTEN, DDAS_EINDRESULTATEN, type DdasEindresultaat } from '../../shared/ddas.ts';
import { permissionsFor, type StaffRole } from '../../shared/roles.ts';
import type { Database, Orm } from '../db/client.ts';
import { meldingen, memberships, users } from '../db/schema.ts';
import type { UserContext } from '../http/context.ts';
import { addDays } from '../modules/vroegsignalering/followup/deadlines.ts';
import {
  RESULTS_NEEDING_ATTEMPT,
  RESULTS_NEEDING_CONTACT,
} from '../modules/vroegsignalering/followup/policy.ts';
import * as followup from '../modules/vroegsignalering/followup/service.ts';
import type { PipelineDeps } from '../modules/vroegsignalering/pipeline/process.ts';
import { Prng } from './generator.ts';

type Melding = { id: string; firstSignal: string; householdId: string | null };

async function membersWithRole(db: Orm, municipalityId: string, role: StaffRole) {
  return db
    .select({ id: users.id, name: users.displayName, email: users.email, regionId: users.regionId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.municipalityId, municipalityId), eq(memberships.role, role)))
    .orderBy(asc(users.email));
}

function contextOf(
  user: { id: string; name: string; email: string; regionId: string },
  municipalityId: string,
): UserContext {
  const roles: StaffRole[] = ['vroegsignalering_medewerker'];
  return {
    actor: {
      type: 'user',
      userId: user.id,
      regionId: user.regionId,
      displayName: user.name,
      email: user.email,
      preferredLanguage: 'nl',
      sessionId: 'demo-seed',
      csrfToken: '',
      mfaState: 'not_required',
      activeMunicipalityId: municipalityId,
      roles,
      permissions: permissionsFor(roles),
    },
    municipalityId,
    requestId: 'demo-seed',
  };
}

const versionOf = async (db: Orm, id: string) =>
  (await db.select({ v: meldingen.version }).from(meldingen).where(eq(meldingen.id, id)))[0]?.v ?? 1;

/** Returns how many meldingen it touched. */
export async function seedDemoFollowup(
  database: Database,
  municipality: { id: string; seed: number },
  pipeline: PipelineDeps,
): Promise<number> {
  const db = database.orm;
  const [worker] = await membersWithRole(db, municipality.id, 'vroegsignalering_medewerker');
  if (!worker) return 0;
  const [regisseur] = await membersWithRole(db, municipality.id, 'regisseur');
  const ctx = contextOf(worker, municipality.id);
  const today = pipeline.today();
  const deps: followup.FollowupDeps = { today: pipeline.today, brp: pipeline.brp, jobs: null };
  const rng = new Prng(`demo-followup:${municipality.seed}`);

  // The demo year was loaded in one go; let each melding arise on the day of its first signal, with its deadline
  // moved along, so ages and deadlines look like a year of real work.
  await db.execute(sql`
    UPDATE meldingen m SET created_at = f.first_signal::timestamptz + interval '9 hours',
           deadline = m.deadline - ((m.created_at AT TIME ZONE 'UTC')::date - f.first_signal)
      FROM (SELECT melding_id, min(signal_date) AS first_signal FROM signals
             WHERE municipality_id = ${municipality.id}::uuid AND melding_id IS NOT NULL GROUP BY melding_id) f
     WHERE m.id = f.melding_id AND m.municipality_id = ${municipality.id}::uuid AND m.status = 'open'`);

  const rows = await db
    .select({
      id: meldingen.id,
      firstSignal: sql<string>`to_char((${meldingen.createdAt} AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD')`,
      householdId: meldingen.householdId,
    })
    .from(meldingen)
    .where(and(eq(meldingen.municipalityId, municipality.id), inArray(meldingen.status, ['open'])))
    .orderBy(asc(meldingen.createdAt), asc(meldingen.id));
  const old = rows.filter((m) => m.firstSignal < addDays(today, -45));
  const recent = rows.filter((m) => m.firstSignal >= addDays(today, -45));
  let touched = 0;

  const attempt = async (
    m: Melding,
    soort: (typeof DDAS_CONTACTSOORTEN)[number],
    day: number,
    bereikt: boolean,
  ) => {
    const datum = [addDays(m.firstSignal, day), today].sort()[0] ?? today;
    await followup.registerContactAttempt(db, ctx, deps, m.id, {
      version: await versionOf(db, m.id),
      soort,
      datum,
      dagdeel: (['Ochtend', 'Middag', 'Avond'] as const)[day % 3],
      bereikt,
      note: bereikt ? 'Inwoner gesproken' : 'Geen gehoor',
    });
    return datum;
  };

  // Older meldingen: closed, cycling through every end result (and the warm handovers).
  const handovers = ['schuldhulp', 'regisseur', 'extern'] as const;
  for (const [i, m] of old.entries()) {
    const result: DdasEindresultaat = DDAS_EINDRESULTATEN[
      i % DDAS_EINDRESULTATEN.length
    ] as DdasEindresultaat;
    let reachedOn: string | null = null;
    if (RESULTS_NEEDING_ATTEMPT.has(result)) {
      await attempt(m, 'Telefoon', 2, false);
      await attempt(m, 'Brief', 3, false);
      await attempt(m, 'Huisbezoek', 8, false);
    } else if (RESULTS_NEEDING_CONTACT.has(result)) {
      if (rng.float() < 0.5) await attempt(m, 'Kaartje', 1, false);
      reachedOn = await attempt(
        m,
        rng.pick(['Telefoon', 'Huisbezoek', 'Afspraak op locatie'] as const),
        4,
        true,
      );
    }
    const handover = handovers[Math.floor(i / DDAS_EINDRESULTATEN.length) % handovers.length];
    if (result === 'Vervolghulp en/of verwijzing financieel' && handover === 'schuldhulp') {
      await followup.handOver(db, ctx, deps, m.id, {
        kind: 'schuldhulp',
        version: await versionOf(db, m.id),
        threatening: rng.float() < 0.3,
        requestedOn: reachedOn ?? today,
        close: true,
      });
    } else if (result === 'Vervolghulp en/of verwijzing' && regisseur && m.householdId) {
      await followup.handOver(db, ctx, deps, m.id, {
        kind: 'regisseur',
        version: await versionOf(db, m.id),
        regisseurId: regisseur.id,
        close: true,
      });
    } else if (result === 'Vervolghulp en/of verwijzing niet financieel') {
      await followup.handOver(db, ctx, deps, m.id, {
        kind: 'extern',
        version: await versionOf(db, m.id),
        organisation: rng.pick(['Humanitas Thuisadministratie', 'SchuldHulpMaatje', 'Voedselbank']),
        consentGivenOn: reachedOn ?? today,
        financial: false,
        close: true,
      });
    } else {
      await followup.closeMelding(db, ctx, deps, m.id, {
        version: await versionOf(db, m.id),
        eindresultaat: result,
        note: 'Demo',
        ...(result === '(Budget)advies en/of quick fix' ? { quickFixAcceptedOn: reachedOn ?? today } : {}),
      });
    }
    touched++;
  }
  // Quick fixes whose 30 days have passed wait for the worker's confirmation.
  await followup.markDueQuickFixChecks(db, today);

  // Recent meldingen: a third untouched (some overdue by now), the rest claimed, in progress with every kind of
  // contact attempt, and home visits planned for today and tomorrow (the route list).
  for (const [i, m] of recent.entries()) {
    const kind = i % 6;
    if (kind === 0 || kind === 1) continue;
    await followup.assignMelding(db, ctx, deps, m.id, {
      version: await versionOf(db, m.id),
      assigneeId: worker.id,
    });
    if (kind >= 3) {
      const soorten = DDAS_CONTACTSOORTEN.filter((_, k) => k % 3 === i % 3);
      for (const [k, soort] of soorten.entries())
        await attempt(m, soort, k + 1, kind === 5 && k === soorten.length - 1);
    }
    if (kind === 4 || kind === 2) {
      await followup.planAction(db, ctx, deps, m.id, {
        kind: kind === 4 ? 'huisbezoek' : 'terugbellen',
        plannedFor: i % 4 < 2 ? today : addDays(today, 1),
        dagdeel: (['Ochtend', 'Middag'] as const)[i % 2],
        note: kind === 4 ? 'Kaartje achterlaten als er niemand is' : 'Terugbellen na vijf uur',
      });
    }
    touched++;
  }
  return touched;
}
