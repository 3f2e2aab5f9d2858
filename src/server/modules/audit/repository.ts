import { and, desc, eq, gte, lt, lte, or, sql } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';
import { auditEvents, users } from '../../db/schema.ts';

export type NewAuditEvent = typeof auditEvents.$inferInsert;
export type AuditEventRow = typeof auditEvents.$inferSelect & { actorName: string | null };

export async function insertAuditEvent(tx: Orm, event: NewAuditEvent): Promise<void> {
  await tx.insert(auditEvents).values(event);
}

export type AuditFilter = {
  municipalityId: string;
  from?: Date;
  to?: Date;
  action?: string;
  actorId?: string;
  /** Keyset cursor: events strictly older than (occurredAt, id). */
  before?: { occurredAt: Date; id: number };
  limit: number;
};

export async function findAuditEvents(tx: Orm, f: AuditFilter): Promise<AuditEventRow[]> {
  const conditions = [eq(auditEvents.municipalityId, f.municipalityId)];
  if (f.from) conditions.push(gte(auditEvents.occurredAt, f.from));
  if (f.to) conditions.push(lte(auditEvents.occurredAt, f.to));
  if (f.action) conditions.push(eq(auditEvents.action, f.action));
  if (f.actorId) conditions.push(eq(auditEvents.actorId, f.actorId));
  if (f.before) {
    const b = f.before;
    const older = or(
      lt(auditEvents.occurredAt, b.occurredAt),
      and(eq(auditEvents.occurredAt, b.occurredAt), lt(auditEvents.id, b.id)),
    );
    if (older) conditions.push(older);
  }
  const rows = await tx
    .select({ event: auditEvents, actorName: users.displayName })
    .from(auditEvents)
    // Staff names make the log readable for auditors; machine and system actors have none.
    .leftJoin(users, and(eq(auditEvents.actorType, 'user'), sql`${users.id}::text = ${auditEvents.actorId}`))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(f.limit);
  return rows.map((r) => ({ ...r.event, actorName: r.actorName }));
}

export async function countAuditEvents(tx: Orm, municipalityId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(eq(auditEvents.municipalityId, municipalityId));
  return row?.n ?? 0;
}
