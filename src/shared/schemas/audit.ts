import { z } from 'zod';

export const AuditEventSchema = z
  .object({
    id: z.string(),
    occurredAt: z.iso.datetime({ offset: true }),
    actorType: z.enum(['user', 'machine', 'system']),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    subjectType: z.string().nullable(),
    subjectIds: z.array(z.string()),
    purpose: z.string(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

export const AuditFilterQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  action: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
});

export const AuditListQuery = AuditFilterQuery.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
