import type { MessageRow, TemplateRow } from './repository.ts';

export function presentTemplate(t: TemplateRow) {
  return {
    id: t.id,
    channel: t.channel,
    language: t.language,
    name: t.name,
    subject: t.subject,
    body: t.body,
    isDefault: t.is_default,
    version: t.version,
    updatedAt: t.updated_at,
  };
}

/** The message log as staff see it: status and where it went; the text itself stays in the database. */
export function presentMessage(m: MessageRow) {
  return {
    id: m.id,
    meldingId: m.melding_id,
    channel: m.channel,
    templateName: m.template_name,
    language: m.language,
    batchId: m.batch_id,
    recipient: m.recipient,
    subject: m.subject,
    status: m.status,
    attempts: m.attempts,
    lastError: m.last_error,
    contactAttemptId: m.contact_attempt_id,
    createdByName: m.created_by_name,
    createdAt: m.created_at,
    sentAt: m.sent_at,
  };
}
