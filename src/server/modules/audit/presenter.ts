import type { AuditEventRow } from './repository.ts';

export function presentAuditEvent(row: AuditEventRow) {
  return {
    id: String(row.id),
    occurredAt: row.occurredAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    subjectType: row.subjectType,
    subjectIds: row.subjectIds,
    purpose: row.purpose,
    requestId: row.requestId,
  };
}

export function encodeAuditCursor(row: AuditEventRow): string {
  return Buffer.from(`${row.occurredAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeAuditCursor(cursor: string): { occurredAt: Date; id: number } | null {
  const [time, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const occurredAt = new Date(time ?? '');
  const n = Number(id);
  return Number.isNaN(occurredAt.getTime()) || !Number.isSafeInteger(n) ? null : { occurredAt, id: n };
}
