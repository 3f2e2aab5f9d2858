// Outreach use cases: templates and settings, the worker's contact card, letters (one or a werkbakje's batch)
// and e-mail/text messages. Every letter printed and every message delivered is a DDAS contact attempt, written
// in the same transaction as the message record; every read of personal data is audited.

import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { todayInNetherlands } from '../../../../shared/calendar.ts';
import {
  CHANNEL_CONTACTSOORT,
  type ContactCardBody,
  type LetterBody,
  type MessageBody,
  type MessageListQuery,
  type OutreachPreviewBody,
  type OutreachSettingsBody,
  type OutreachTemplateCreateBody,
  type OutreachTemplateUpdateBody,
  type QueueLettersBody,
  TEMPLATE_LANGUAGE_META,
  type TemplateLanguage,
} from '../../../../shared/schemas/outreach.ts';
import type { Config } from '../../../config.ts';
import type { Database, Orm } from '../../../db/client.ts';
import type { ServiceContext, UserContext } from '../../../http/context.ts';
import { decodeKeyCursor, encodeKeyCursor } from '../../../http/cursor.ts';
import { ProblemError, problems } from '../../../http/problem.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { PURPOSES, recordAudit } from '../../audit/service.ts';
import { composeLetter, type LetterFacts, mergeValues, postingKey, residentName } from './compose.ts';
import { DEFAULT_TEMPLATES } from './defaults.ts';
import { DeliveryError, normalisePhone, sendMail, sendSms } from './delivery.ts';
import { renderLettersPdf } from './pdf.ts';
import { presentMessage, presentTemplate } from './presenter.ts';
import * as repo from './repository.ts';
import {
  compileTemplate,
  type ParsedTemplate,
  parseTemplate,
  renderTemplate,
  TemplateInvalidError,
  type TemplateSource,
} from './template.ts';

export const OUTREACH_SEND_JOB = 'outreach.send';
const purpose = PURPOSES.earlySignalling;

/** A short reference for the appointment link: random, no personal data, easy to read out on the phone. */
function newReference(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
}

// Letters are dated on the Dutch calendar day.
const today = (): string => todayInNetherlands();

/** DDAS EnumDagdeel of now, Dutch time. */
function dagdeel(): 'Ochtend' | 'Middag' | 'Avond' {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hour12: false }).format(
      new Date(),
    ),
  );
  return hour < 12 ? 'Ochtend' : hour < 18 ? 'Middag' : 'Avond';
}

/** A broken template becomes 400 with one invalidParam per error, naming the part and where in it. */
function templateProblem(err: TemplateInvalidError, prefix = 'body') {
  return problems.badRequest(
    'The template has errors; nothing was saved or sent.',
    err.errors.map((e) => ({
      name: `${prefix}.${e.part}`,
      code: e.code,
      reason: `Line ${e.line}, column ${e.column}: ${e.message}`,
    })),
  );
}

function compileOrProblem(t: TemplateSource, prefix = 'body'): ParsedTemplate {
  try {
    return compileTemplate(t);
  } catch (err) {
    if (err instanceof TemplateInvalidError) throw templateProblem(err, prefix);
    throw err;
  }
}

// --- Settings ---------------------------------------------------------------------------------------------------

function presentSettings(s: repo.SettingsRow) {
  return {
    senderName: s.sender_name,
    returnAddress: s.return_address,
    appointmentUrl: s.appointment_url,
    mentionPartnerTypes: s.mention_partner_types,
  };
}

export async function getOutreachSettings(db: Orm, ctx: UserContext) {
  const s = await repo.findSettings(db, ctx.municipalityId);
  if (!s) throw problems.notFound();
  return presentSettings(s);
}

export async function saveOutreachSettings(
  db: Orm,
  ctx: UserContext,
  body: z.output<typeof OutreachSettingsBody>,
) {
  return db.transaction(async (tx) => {
    await repo.upsertSettings(tx, ctx.municipalityId, body);
    await recordAudit(tx, ctx, { action: 'outreach.settings.save', purpose: PURPOSES.administration });
    const s = await repo.findSettings(tx, ctx.municipalityId);
    if (!s) throw problems.notFound();
    return presentSettings(s);
  });
}

// --- Templates --------------------------------------------------------------------------------------------------

/** A municipality without any template gets the defaults (also one created after the first start). */
export async function ensureDefaultTemplates(tx: Orm, municipalityId: string): Promise<void> {
  if ((await repo.listTemplates(tx, municipalityId)).length > 0) return;
  for (const t of DEFAULT_TEMPLATES) {
    await repo.insertTemplate(tx, municipalityId, { ...t, isDefault: true }, null);
  }
}

export async function listTemplates(db: Orm, ctx: UserContext) {
  return db.transaction(async (tx) => {
    await ensureDefaultTemplates(tx, ctx.municipalityId);
    return (await repo.listTemplates(tx, ctx.municipalityId)).map(presentTemplate);
  });
}

export async function getTemplate(db: Orm, ctx: UserContext, id: string) {
  const t = await repo.findTemplate(db, ctx.municipalityId, id);
  if (!t) throw problems.notFound();
  return presentTemplate(t);
}

function nameTaken() {
  return problems.badRequest('A template with this name exists.', [
    { name: 'body.name', code: 'duplicate', reason: 'Choose another name' },
  ]);
}

export async function createTemplate(
  db: Orm,
  ctx: UserContext,
  body: z.output<typeof OutreachTemplateCreateBody>,
) {
  compileOrProblem(body);
  return db.transaction(async (tx) => {
    if (await repo.templateNameTaken(tx, ctx.municipalityId, body.name)) throw nameTaken();
    if (body.isDefault) await repo.clearDefault(tx, ctx.municipalityId, body.channel, body.language);
    const row = await repo.insertTemplate(
      tx,
      ctx.municipalityId,
      { ...body, isDefault: body.isDefault ?? false },
      ctx.actor.userId,
    );
    if (!row) throw nameTaken();
    await recordAudit(tx, ctx, {
      action: 'outreach.template.create',
      purpose: PURPOSES.administration,
      subjectType: 'outreach_template',
      subjectIds: [row.id],
    });
    return presentTemplate(row);
  });
}

export async function updateTemplate(
  db: Orm,
  ctx: UserContext,
  id: string,
  body: z.output<typeof OutreachTemplateUpdateBody>,
) {
  return db.transaction(async (tx) => {
    const current = await repo.findTemplate(tx, ctx.municipalityId, id);
    if (!current) throw problems.notFound();
    compileOrProblem({ channel: current.channel, subject: body.subject, body: body.body });
    if (await repo.templateNameTaken(tx, ctx.municipalityId, body.name, id)) throw nameTaken();
    if (body.isDefault)
      await repo.clearDefault(tx, ctx.municipalityId, current.channel, current.language, id);
    const row = await repo.updateTemplate(tx, ctx.municipalityId, id, body.version, body, ctx.actor.userId);
    if (!row) {
      throw problems.conflict(
        `Someone saved this template after you opened it (now version ${current.version}). Reload it and make your change again.`,
      );
    }
    await recordAudit(tx, ctx, {
      action: 'outreach.template.update',
      purpose: PURPOSES.administration,
      subjectType: 'outreach_template',
      subjectIds: [id],
      details: { version: row.version },
    });
    return presentTemplate(row);
  });
}

export async function deleteTemplate(db: Orm, ctx: UserContext, id: string) {
  await db.transaction(async (tx) => {
    if (!(await repo.deleteTemplate(tx, ctx.municipalityId, id))) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'outreach.template.delete',
      purpose: PURPOSES.administration,
      subjectType: 'outreach_template',
      subjectIds: [id],
    });
  });
}

/** Sample values for the editor's preview: a fictitious resident, the editor as the worker. */
function sampleFacts(ctx: UserContext, language: TemplateLanguage, s: repo.SettingsRow) {
  return {
    language,
    resident: { full: 'Sanne de Vries', first: 'Sanne' },
    worker: { name: ctx.actor.displayName, phone: '06-12345678', email: ctx.actor.email },
    municipality: s.municipality_name,
    partnerTypes: ['Energie', 'Huur'],
    mentionPartnerTypes: s.mention_partner_types,
    appointmentUrl: s.appointment_url ?? 'https://afspraak.example.nl/vroeg',
    reference: 'VOORBEELD',
    date: today(),
  };
}

/** Live preview: every error with its place, or the filled-in text; never a 400 (the editor is mid-typing). */
export async function previewTemplate(db: Orm, ctx: UserContext, body: z.output<typeof OutreachPreviewBody>) {
  const s = await repo.findSettings(db, ctx.municipalityId);
  if (!s) throw problems.notFound();
  const dir = TEMPLATE_LANGUAGE_META[body.language].dir;
  try {
    const parsed = compileTemplate(body);
    const rendered = renderTemplate(parsed, mergeValues(sampleFacts(ctx, body.language, s)));
    const strip = (t: string) => t.replace(/[\u2066-\u2069]/g, '');
    return {
      valid: true,
      errors: [],
      dir,
      subject: strip(rendered.subject),
      blocks: rendered.blocks.map((b) => (b.type === 'image' ? b : { ...b, text: strip(b.text) })),
      text: strip(rendered.text),
    };
  } catch (err) {
    if (!(err instanceof TemplateInvalidError)) throw err;
    return { valid: false, errors: err.errors, dir, subject: '', blocks: [], text: '' };
  }
}

/** The preview as the real PDF (letters and cards), with the sample resident and the editor's own card. */
export async function previewTemplatePdf(
  db: Orm,
  ctx: UserContext,
  body: z.output<typeof OutreachPreviewBody>,
) {
  if (body.channel !== 'brief' && body.channel !== 'kaartje') {
    throw problems.badRequest('Only letters and cards have a PDF.', [
      { name: 'body.channel', code: 'not_paper', reason: 'Choose brief or kaartje' },
    ]);
  }
  const parsed = compileOrProblem(body);
  const s = await repo.findSettings(db, ctx.municipalityId);
  if (!s) throw problems.notFound();
  const [worker] = await repo.findWorkers(db, ctx.municipalityId, [ctx.actor.userId]);
  const facts = sampleFacts(ctx, body.language, s);
  const letter = composeLetter(parsed, {
    ...facts,
    worker: { ...facts.worker, phone: worker?.direct_phone || facts.worker.phone },
    format: body.channel,
    recipient: {
      name: facts.resident.full,
      address: {
        straat: 'Voorbeeldstraat',
        huisnummer: 1,
        huisletter: null,
        toevoeging: null,
        postcode: '9999ZZ',
        woonplaats: s.municipality_name,
      },
    },
    sender: { name: s.sender_name || `Gemeente ${s.municipality_name}`, returnAddress: s.return_address },
    photo: worker?.photo ? { key: worker.id, data: Buffer.from(worker.photo) } : null,
  });
  return renderLettersPdf([letter], {
    title: letter.subject,
    author: s.sender_name || s.municipality_name,
    language: body.language,
  });
}

// --- Contact card -----------------------------------------------------------------------------------------------

export async function getContactCard(db: Orm, ctx: UserContext) {
  const [w] = await repo.findWorkers(db, ctx.municipalityId, [ctx.actor.userId]);
  return {
    directPhone: w?.direct_phone ?? '',
    hasPhoto: Boolean(w?.photo),
    photoDataUrl: w?.photo ? `data:${w.photo_type};base64,${Buffer.from(w.photo).toString('base64')}` : null,
  };
}

function looksLikeImage(data: Buffer, type: string): boolean {
  if (type === 'image/png') return data.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  return data[0] === 0xff && data[1] === 0xd8;
}

export async function saveContactCard(db: Orm, ctx: UserContext, body: z.output<typeof ContactCardBody>) {
  const photo = body.photo ? Buffer.from(body.photo.base64, 'base64') : null;
  if (photo && body.photo && !looksLikeImage(photo, body.photo.type)) {
    throw problems.badRequest('The photo is not a PNG or JPEG image.', [
      { name: 'body.photo.base64', code: 'invalid_image', reason: 'Upload a PNG or JPEG photo' },
    ]);
  }
  await db.transaction(async (tx) => {
    await repo.upsertContactCard(tx, ctx.municipalityId, ctx.actor.userId, {
      directPhone: body.directPhone,
      photo,
      photoType: body.photo?.type ?? null,
      keepPhoto: body.photo === undefined,
    });
    await recordAudit(tx, ctx, { action: 'outreach.contact_card.save', purpose: PURPOSES.administration });
  });
  return getContactCard(db, ctx);
}

// --- Letters ----------------------------------------------------------------------------------------------------

async function chooseTemplate(
  tx: Orm,
  ctx: ServiceContext,
  channel: 'brief' | 'kaartje' | 'mail' | 'sms',
  templateId: string | undefined,
  language: TemplateLanguage | undefined,
): Promise<{ row: repo.TemplateRow; parsed: ParsedTemplate }> {
  if (!templateId) await ensureDefaultTemplates(tx, ctx.municipalityId);
  const row = templateId
    ? await repo.findTemplate(tx, ctx.municipalityId, templateId)
    : await repo.findDefaultTemplate(tx, ctx.municipalityId, channel, language ?? 'nl');
  if (!row || row.channel !== channel) {
    throw problems.badRequest('There is no such template for this channel.', [
      {
        name: templateId ? 'body.templateId' : 'body.language',
        code: 'unknown_template',
        reason: `No ${channel} template${templateId ? ' with this id' : ` in language ${language ?? 'nl'}`}`,
      },
    ]);
  }
  try {
    return { row, parsed: compileTemplate(row) };
  } catch (err) {
    // A stored template that no longer parses (e.g. a field was retired): say where, send nothing.
    if (err instanceof TemplateInvalidError) throw templateProblem(err, `template.${row.name}`);
    throw err;
  }
}

type Composed = { meldingId: string; key: string; facts: LetterFacts; reference: string };

async function composeFor(
  tx: Orm,
  ctx: UserContext,
  meldingIds: string[],
  format: 'brief' | 'kaartje',
  language: TemplateLanguage,
): Promise<Composed[]> {
  const s = await repo.findSettings(tx, ctx.municipalityId);
  if (!s) throw problems.notFound();
  const rows = await repo.findMeldingsForOutreach(tx, ctx.municipalityId, meldingIds);
  const workerIds = [
    ...new Set([ctx.actor.userId, ...rows.flatMap((r) => (r.assigned_to ? [r.assigned_to] : []))]),
  ];
  const workers = new Map((await repo.findWorkers(tx, ctx.municipalityId, workerIds)).map((w) => [w.id, w]));
  const date = today();
  return rows.map((r) => {
    const worker = workers.get(r.assigned_to ?? '') ?? workers.get(ctx.actor.userId);
    const resident = r.p_geslachtsnaam
      ? residentName({
          voornamen: r.p_voornamen,
          voorvoegsel: r.p_voorvoegsel,
          geslachtsnaam: r.p_geslachtsnaam,
          partnerVoorvoegsel: r.p_partner_voorvoegsel,
          partnerGeslachtsnaam: r.p_partner_geslachtsnaam,
          naamgebruik: r.p_naamgebruik,
        })
      : residentName({
          voornamen: r.s_voornamen ?? r.s_voorletters,
          voorvoegsel: r.s_voorvoegsel,
          geslachtsnaam: r.s_achternaam ?? '',
        });
    const address = {
      straat: r.straat,
      huisnummer: r.huisnummer,
      huisletter: r.huisletter,
      toevoeging: r.toevoeging,
      postcode: r.postcode,
      woonplaats: r.woonplaats,
    };
    const reference = newReference();
    return {
      meldingId: r.id,
      key: postingKey(address),
      reference,
      facts: {
        format,
        language,
        resident: resident.full ? resident : { full: language === 'nl' ? 'bewoner' : 'resident', first: '' },
        worker: {
          name: worker?.display_name ?? ctx.actor.displayName,
          phone: worker?.direct_phone ?? '',
          email: worker?.email ?? ctx.actor.email,
        },
        municipality: s.municipality_name,
        partnerTypes: r.partner_types,
        mentionPartnerTypes: s.mention_partner_types,
        appointmentUrl: s.appointment_url,
        reference,
        date,
        recipient: format === 'brief' ? { name: resident.full || 'De bewoner(s)', address } : null,
        sender: { name: s.sender_name || `Gemeente ${s.municipality_name}`, returnAddress: s.return_address },
        photo: worker?.photo ? { key: worker.id, data: Buffer.from(worker.photo) } : null,
      },
    };
  });
}

function presentBatch(
  b: { id: string; queueId: string | null; channel: 'brief' | 'kaartje'; letterCount: number },
  created: boolean,
  meldingIds: string[],
) {
  return { ...b, created, meldingIds };
}

/**
 * Prints letters for the given meldingen as one PDF, sorted for posting, and registers each as a contact attempt
 * (Brief or Kaartje) with its message record, all in one transaction. The batch key makes it idempotent.
 */
async function printLetters(
  db: Orm,
  ctx: UserContext,
  input: {
    queueId: string | null;
    meldingIds: (tx: Orm) => Promise<string[]>;
    channel: 'brief' | 'kaartje';
    batchKey: string;
    templateId?: string;
    language?: TemplateLanguage;
  },
) {
  return db.transaction(async (tx) => {
    const existing = await repo.findBatchByKey(tx, ctx.municipalityId, input.batchKey);
    if (existing) {
      if (existing.queue_id !== input.queueId || existing.channel !== input.channel) {
        throw problems.conflict('This batch key was used for another print run; make a new one.');
      }
      const ids = await repo.meldingIdsOfBatch(tx, ctx.municipalityId, existing.id);
      await recordAudit(tx, ctx, {
        action: 'outreach.letters.reprint',
        purpose,
        subjectType: 'letter_batch',
        subjectIds: [existing.id],
      });
      return presentBatch(
        {
          id: existing.id,
          queueId: existing.queue_id,
          channel: existing.channel,
          letterCount: existing.letter_count,
        },
        false,
        ids,
      );
    }
    const { row: template, parsed } = await chooseTemplate(
      tx,
      ctx,
      input.channel,
      input.templateId,
      input.language,
    );
    const language = template.language;
    const meldingIds = await input.meldingIds(tx);
    const composed = (await composeFor(tx, ctx, meldingIds, input.channel, language)).sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : a.meldingId < b.meldingId ? -1 : 1,
    );
    if (composed.length === 0) {
      throw problems.badRequest('There are no open meldingen to write to.', [
        { name: 'path.id', code: 'nothing_to_print', reason: 'No open meldingen' },
      ]);
    }
    const letters = composed.map((c) => composeLetter(parsed, c.facts));
    const pdf = await renderLettersPdf(letters, {
      title:
        composed.length === 1
          ? (letters[0]?.subject ?? template.name)
          : `${template.name} (${composed.length})`,
      author: composed[0]?.facts.sender.name ?? '',
      language,
    });
    const batchId = await repo.insertBatch(
      tx,
      ctx.municipalityId,
      {
        queueId: input.queueId,
        channel: input.channel,
        batchKey: input.batchKey,
        letterCount: composed.length,
        pdf,
      },
      ctx.actor.userId,
    );
    // A concurrent request with the same key won the insert: this transaction registers nothing.
    if (!batchId) throw problems.conflict('This batch is being printed by another request; try again.');
    const date = today();
    const part = dagdeel();
    const attempts = await repo.insertContactAttempts(
      tx,
      ctx.municipalityId,
      composed.map((c) => ({
        meldingId: c.meldingId,
        soort: CHANNEL_CONTACTSOORT[input.channel],
        datum: date,
        dagdeel: part,
        note: `${input.channel === 'brief' ? 'Brief' : 'Kaartje'} afgedrukt: ${template.name}`,
        createdBy: ctx.actor.userId,
      })),
    );
    await repo.takeUpByContact(
      tx,
      ctx.municipalityId,
      composed.map((c) => c.meldingId),
      date,
    );
    await repo.insertMessages(
      tx,
      ctx.municipalityId,
      composed.map((c, i) => ({
        meldingId: c.meldingId,
        channel: input.channel,
        templateId: template.id,
        language,
        batchId,
        recipient: null,
        subject: letters[i]?.subject ?? '',
        body: '',
        reference: c.reference,
        status: 'printed' as const,
        contactAttemptId: attempts.get(c.meldingId) ?? null,
        createdBy: ctx.actor.userId,
      })),
    );
    await recordAudit(tx, ctx, {
      action: 'outreach.letters.print',
      purpose,
      subjectType: 'melding',
      subjectIds: composed.map((c) => c.meldingId),
      details: { batchId, channel: input.channel, templateId: template.id, count: composed.length },
    });
    return presentBatch(
      { id: batchId, queueId: input.queueId, channel: input.channel, letterCount: composed.length },
      true,
      composed.map((c) => c.meldingId),
    );
  });
}

export async function printLetterForMelding(
  db: Orm,
  ctx: UserContext,
  meldingId: string,
  body: z.output<typeof LetterBody>,
) {
  const [m] = await repo.findMeldingsForOutreach(db, ctx.municipalityId, [meldingId]);
  if (!m) throw problems.notFound();
  if (m.status === 'afgesloten') throw problems.conflict('This melding is closed; no letter is sent.');
  return printLetters(db, ctx, { ...body, queueId: null, meldingIds: async () => [meldingId] });
}

export async function printLettersForQueue(
  db: Orm,
  ctx: UserContext,
  queueId: string,
  body: z.output<typeof QueueLettersBody>,
) {
  if (!(await repo.queueExists(db, ctx.municipalityId, queueId))) throw problems.notFound();
  return printLetters(db, ctx, {
    ...body,
    queueId,
    meldingIds: (tx) => repo.openMeldingenOfQueue(tx, ctx.municipalityId, queueId, body.limit ?? 1000),
  });
}

export async function getBatchPdf(db: Orm, ctx: UserContext, batchId: string) {
  return db.transaction(async (tx) => {
    const b = await repo.findBatchPdf(tx, ctx.municipalityId, batchId);
    if (!b) throw problems.notFound();
    // The retention job deleted the letters (one of their meldingen expired): say so, rather than an empty file.
    if (b.pdf_deleted) {
      throw new ProblemError(
        410,
        'verwijderd',
        'Gone',
        'These letters were deleted under the retention policy.',
      );
    }
    await recordAudit(tx, ctx, {
      action: 'outreach.letters.download',
      purpose,
      subjectType: 'letter_batch',
      subjectIds: [batchId],
    });
    return { pdf: Buffer.from(b.pdf), channel: b.channel, count: b.letter_count };
  });
}

// --- E-mail and text messages -----------------------------------------------------------------------------------

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export async function sendMessage(
  database: Database,
  config: Config,
  jobs: JobQueue | null,
  ctx: UserContext,
  meldingId: string,
  body: z.output<typeof MessageBody>,
) {
  const db = database.orm;
  const id = await db.transaction(async (tx) => {
    const [m] = await repo.findMeldingsForOutreach(tx, ctx.municipalityId, [meldingId]);
    if (!m) throw problems.notFound();
    if (m.status === 'afgesloten') throw problems.conflict('This melding is closed; no message is sent.');
    const { row: template, parsed } = await chooseTemplate(
      tx,
      ctx,
      body.channel,
      body.templateId,
      body.language,
    );
    const raw = body.recipient ?? (body.channel === 'mail' ? m.email : m.telefoon) ?? '';
    const recipient =
      body.channel === 'mail' ? (EMAIL.test(raw) ? raw.toLowerCase() : null) : normalisePhone(raw);
    if (!recipient) {
      throw problems.badRequest(
        raw ? 'This is not a valid address for this channel.' : 'There is no address to send to.',
        [
          {
            name: 'body.recipient',
            code: raw ? 'invalid_recipient' : 'missing_recipient',
            reason:
              body.channel === 'mail' ? 'Give an e-mail address' : 'Give a mobile number, e.g. 06 12345678',
          },
        ],
      );
    }
    const [c] = await composeFor(tx, ctx, [meldingId], 'brief', template.language);
    if (!c) throw problems.notFound();
    const rendered = renderTemplate(parsed, mergeValues(c.facts));
    const [messageId] = await repo.insertMessages(tx, ctx.municipalityId, [
      {
        meldingId,
        channel: body.channel,
        templateId: template.id,
        language: template.language,
        batchId: null,
        recipient,
        subject: rendered.subject,
        body: rendered.text,
        reference: c.reference,
        status: 'queued',
        contactAttemptId: null,
        createdBy: ctx.actor.userId,
      },
    ]);
    if (!messageId) throw new Error('message insert failed');
    await recordAudit(tx, ctx, {
      action: 'outreach.message.queue',
      purpose,
      subjectType: 'melding',
      subjectIds: [meldingId, messageId],
      details: { channel: body.channel, templateId: template.id },
    });
    return messageId;
  });
  await dispatch(database, config, jobs, id);
  return getMessage(db, ctx, id);
}

/** Hands a queued message to the job queue, or (no job queue: tests, a single process) delivers it now. */
async function dispatch(database: Database, config: Config, jobs: JobQueue | null, id: string) {
  if (jobs) await jobs.send(OUTREACH_SEND_JOB, { messageId: id });
  else await deliverMessage(database, config, id).catch(() => {});
}

/**
 * The delivery job: send, then mark the message sent and register the contact attempt in one transaction; on
 * failure keep the reason (without personal data) and throw, so the job queue retries with back-off.
 */
export async function deliverMessage(database: Database, config: Config, messageId: string): Promise<void> {
  const db = database.orm;
  const message = await db.transaction(async (tx) => {
    const m = await repo.lockMessage(tx, messageId);
    if (!m || m.status === 'sent' || m.status === 'printed') return null;
    await repo.setMessageStatus(tx, m.id, { status: 'sending', attemptsDelta: 1, lastError: m.last_error });
    return m;
  });
  if (!message?.recipient) return;
  const ctx: ServiceContext = {
    actor: { type: 'system', name: OUTREACH_SEND_JOB },
    municipalityId: message.municipality_id,
    requestId: `job:${OUTREACH_SEND_JOB}:${message.id}`,
  };
  let providerId: string;
  try {
    const language = message.language as TemplateLanguage;
    providerId =
      message.channel === 'mail'
        ? (
            await sendMail(config, {
              id: message.id,
              to: message.recipient,
              subject: message.subject,
              text: message.body,
              language,
            })
          ).providerId
        : (await sendSms(config, { id: message.id, to: message.recipient, text: message.body })).providerId;
  } catch (err) {
    const reason = err instanceof DeliveryError ? err.message : 'Sending failed.';
    await db.transaction(async (tx) => {
      await repo.setMessageStatus(tx, message.id, { status: 'failed', lastError: reason });
      await recordAudit(tx, ctx, {
        action: 'outreach.message.failed',
        purpose,
        subjectType: 'outreach_message',
        subjectIds: [message.id],
        details: { channel: message.channel, reason },
      });
    });
    throw err;
  }
  await db.transaction(async (tx) => {
    const attempts = await repo.insertContactAttempts(tx, message.municipality_id, [
      {
        meldingId: message.melding_id,
        soort: CHANNEL_CONTACTSOORT[message.channel],
        datum: today(),
        dagdeel: dagdeel(),
        note: `${message.channel === 'mail' ? 'E-mail' : 'Sms'} verzonden: ${message.template_name ?? message.subject}`,
        createdBy: message.created_by,
      },
    ]);
    await repo.takeUpByContact(tx, message.municipality_id, [message.melding_id], today());
    await repo.setMessageStatus(tx, message.id, {
      status: 'sent',
      providerMessageId: providerId,
      contactAttemptId: attempts.get(message.melding_id) ?? null,
      sent: true,
    });
    await recordAudit(tx, ctx, {
      action: 'outreach.message.sent',
      purpose,
      subjectType: 'outreach_message',
      subjectIds: [message.id, message.melding_id],
      details: { channel: message.channel },
    });
  });
}

export async function getMessage(db: Orm, ctx: UserContext, id: string) {
  return db.transaction(async (tx) => {
    const m = await repo.findMessage(tx, ctx.municipalityId, id);
    if (!m) throw problems.notFound();
    await recordAudit(tx, ctx, {
      action: 'outreach.message.read',
      purpose,
      subjectType: 'outreach_message',
      subjectIds: [id],
    });
    return presentMessage(m);
  });
}

export async function listMessages(db: Orm, ctx: UserContext, q: z.output<typeof MessageListQuery>) {
  const after = decodeKeyCursor(q.cursor, 2);
  return db.transaction(async (tx) => {
    const rows = await repo.listMessages(tx, ctx.municipalityId, {
      status: q.status,
      channel: q.channel,
      meldingId: q.meldingId,
      after,
      limit: q.limit + 1,
    });
    const items = rows.slice(0, q.limit);
    await recordAudit(tx, ctx, {
      action: 'outreach.message.list',
      purpose,
      subjectType: 'outreach_message',
      subjectIds: items.map((m) => m.id),
    });
    const last = items.at(-1);
    return {
      items: items.map(presentMessage),
      nextCursor: rows.length > q.limit && last ? encodeKeyCursor([last.created_at, last.id]) : null,
    };
  });
}

/** A failed message goes back in the queue (the job queue's own retries are used up, or the worker fixed it). */
export async function retryMessage(
  database: Database,
  config: Config,
  jobs: JobQueue | null,
  ctx: UserContext,
  id: string,
) {
  const db = database.orm;
  await db.transaction(async (tx) => {
    const m = await repo.findMessage(tx, ctx.municipalityId, id);
    if (!m) throw problems.notFound();
    if (m.status !== 'failed') throw problems.conflict('Only a failed message can be sent again.');
    await repo.setMessageStatus(tx, id, { status: 'queued', lastError: m.last_error });
    await recordAudit(tx, ctx, {
      action: 'outreach.message.retry',
      purpose,
      subjectType: 'outreach_message',
      subjectIds: [id],
    });
  });
  await dispatch(database, config, jobs, id);
  return getMessage(db, ctx, id);
}

export { parseTemplate };
