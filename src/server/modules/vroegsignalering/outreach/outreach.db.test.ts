import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startTestApp, TestClient } from '../../../../../test/harness.ts';
import { todayInNetherlands } from '../../../../shared/calendar.ts';
import { type Config, loadConfig } from '../../../config.ts';
import type { Vangnet } from '../../../server.ts';
import { PdfFile } from './pdf-inspect.ts';
import { deliverMessage } from './service.ts';

const API = '/api/v1';
const today = todayInNetherlands();

type Person = {
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  geboortedatum: string;
  postcode: string;
  huisnummer: number;
};

type Mail = { to: string; raw: string };
type Sms = { auth: string | undefined; body: { to: string; from: string; text: string; reference: string } };

describe('outreach: letters, cards, e-mail and text messages, each a contact attempt', () => {
  let v: Vangnet;
  let vera: TestClient;
  let beheer: TestClient;
  let people: Person[];
  let next = 0;
  const mails: Mail[] = [];
  const sms: Sms[] = [];
  let smtp: SMTPServer;
  let smsServer: http.Server;
  let smsAnswer = 200;
  let smtpPort: number;
  let config: Config;

  async function loggedIn(email: string) {
    const c = new TestClient(v.app);
    expect((await c.login(email)).statusCode).toBe(200);
    return c;
  }

  async function newMelding(extra: Record<string, unknown> = {}): Promise<string> {
    const p = people[next++] as Person;
    const res = await vera.request('POST', `${API}/vroegsignalen/handmatig`, {
      signal: {
        voornamen: p.voornamen,
        ...(p.voorvoegsel ? { voorvoegsel: p.voorvoegsel } : {}),
        achternaam: p.geslachtsnaam,
        geboortedatum: p.geboortedatum,
        postcode: p.postcode,
        huisnummer: p.huisnummer,
        amountCents: 45_000,
        signalDate: today,
        ...extra,
      },
    });
    expect(res.statusCode).toBe(200);
    const [row] = await v.database.query<{ melding_id: string }>(
      'SELECT melding_id FROM signals WHERE id = $1',
      [res.json().results[0].id],
    );
    return row?.melding_id as string;
  }

  const attempts = async (meldingId: string) =>
    v.database.query<{ soort: string; dagdeel: string; note: string }>(
      'SELECT soort, dagdeel, note FROM contact_attempts WHERE melding_id = $1 ORDER BY created_at',
      [meldingId],
    );

  beforeAll(async () => {
    smtpPort = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('weigeren')) {
          const err = new Error('Mailbox unavailable') as Error & { responseCode: number };
          err.responseCode = 550;
          return callback(err);
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
    smsServer = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (smsAnswer !== 200) {
          res.writeHead(smsAnswer).end('busy');
          return;
        }
        sms.push({
          auth: req.headers.authorization,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: `sms-${sms.length}` }));
      });
    });
    await new Promise<void>((resolve) => smsServer.listen(0, '127.0.0.1', resolve));
    const smsPort = (smsServer.address() as { port: number }).port;
    v = await startTestApp({
      demoInhabitants: 300,
      env: {
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: 'Gemeente Voorbeeldstad <vroegsignalering@voorbeeldstad.demo>',
        SMS_PROVIDER_URL: `http://127.0.0.1:${smsPort}/berichten`,
        SMS_PROVIDER_TOKEN: 'geheim-token',
        SMS_SENDER: 'Gemeente',
      },
    });
    config = loadConfig({
      DEMO: 'false',
      DATABASE_URL: 'postgres://unused',
      SECRET_KEY: 'x'.repeat(40),
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SMS_PROVIDER_URL: `http://127.0.0.1:${smsPort}/berichten`,
      SMS_PROVIDER_TOKEN: 'geheim-token',
    });
    vera = await loggedIn('vroegsignalering@voorbeeldstad.demo');
    beheer = await loggedIn('beheer@voorbeeldstad.demo');
    people = await v.database.query<Person>(
      `SELECT p.voornamen, p.voorvoegsel, p.geslachtsnaam, p.geboortedatum::text AS geboortedatum,
              a.postcode, a.huisnummer
         FROM persons p JOIN addresses a ON a.id = p.address_id JOIN municipalities m ON m.id = p.municipality_id
        WHERE m.cbs_code = '9901' AND p.household_role = 'hoofd' AND p.geboortedatum < now() - interval '30 years'
          AND a.huisletter IS NULL AND a.toevoeging IS NULL
          AND NOT EXISTS (SELECT 1 FROM persons o WHERE o.address_id = p.address_id AND o.household_id <> p.household_id)
        ORDER BY p.bsn DESC LIMIT 20`,
    );
    expect(people.length).toBeGreaterThan(10);
  }, 120_000);

  afterAll(async () => {
    await v?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await new Promise<void>((resolve) => smsServer?.close(() => resolve()));
  });

  it('seeds default templates in Dutch, English and an Arabic letter, readable by the worker', async () => {
    const res = await vera.request('GET', `${API}/berichtsjablonen`);
    expect(res.statusCode).toBe(200);
    const keys = res
      .json()
      .items.map((t: { channel: string; language: string }) => `${t.channel}:${t.language}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'brief:nl',
        'brief:en',
        'brief:ar',
        'kaartje:nl',
        'mail:nl',
        'mail:en',
        'sms:nl',
        'sms:en',
      ]),
    );
  });

  it('refuses a broken template with the place of each error, and saves nothing', async () => {
    const before = (await beheer.request('GET', `${API}/berichtsjablonen`)).json().items.length;
    const res = await beheer.request('POST', `${API}/berichtsjablonen`, {
      channel: 'brief',
      language: 'nl',
      name: 'Kapot',
      subject: 'Hallo {{naam}}',
      body: 'Beste {{naam}},\n\nBel {{telefon}}.\n\n{{#if partners}}open',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([
      {
        name: 'body.body',
        code: 'unknown_field',
        reason: expect.stringMatching(/^Line 3, column 7: .*"telefon".*"telefoon"/),
      },
      { name: 'body.body', code: 'unclosed_if', reason: expect.stringMatching(/^Line 5, column 1/) },
    ]);
    expect((await beheer.request('GET', `${API}/berichtsjablonen`)).json().items).toHaveLength(before);
    const preview = await beheer.request('POST', `${API}/berichtsjablonen/voorbeeld`, {
      channel: 'brief',
      language: 'ar',
      subject: 'x',
      body: 'مرحبا {{naam}}',
    });
    expect(preview.json()).toMatchObject({ valid: true, dir: 'rtl', text: 'مرحبا Sanne de Vries' });
  });

  it('edits a template optimistically: a stale version gets 409', async () => {
    const created = await beheer.request('POST', `${API}/berichtsjablonen`, {
      channel: 'sms',
      language: 'nl',
      name: 'Sms kort',
      body: 'Hallo {{voornaam}}, bel {{telefoon}}.',
    });
    expect(created.statusCode).toBe(201);
    const t = created.json();
    const update = {
      name: t.name,
      subject: '',
      body: 'Hoi {{voornaam}}, bel {{telefoon}}.',
      isDefault: false,
    };
    expect(
      (await beheer.request('PUT', `${API}/berichtsjablonen/${t.id}`, { ...update, version: 1 })).statusCode,
    ).toBe(200);
    const stale = await beheer.request('PUT', `${API}/berichtsjablonen/${t.id}`, { ...update, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(
      (await vera.request('PUT', `${API}/berichtsjablonen/${t.id}`, { ...update, version: 2 })).statusCode,
    ).toBe(200);
    // The beheerder edits templates but writes to nobody.
    const m = await newMelding();
    const refused = await beheer.request('POST', `${API}/meldingen/${m}/berichten`, { channel: 'sms' });
    expect(refused.statusCode).toBe(403);
  });

  it('prints a werkbakje as one tagged PDF sorted for posting, each letter a contact attempt Brief; a retry registers nothing', async () => {
    const ids = [await newMelding(), await newMelding(), await newMelding(), await newMelding()];
    const [{ queue_id: queueId } = { queue_id: '' }] = await v.database.query<{ queue_id: string }>(
      'SELECT queue_id FROM meldingen WHERE id = $1',
      [ids[0]],
    );
    const open = await v.database.query<{ id: string }>(
      "SELECT id FROM meldingen WHERE queue_id = $1 AND status <> 'afgesloten'",
      [queueId],
    );
    const batchKey = randomUUID();
    const res = await vera.request('POST', `${API}/werkbakjes/${queueId}/brieven`, {
      channel: 'brief',
      batchKey,
    });
    expect(res.statusCode).toBe(200);
    const batch = res.json();
    expect(batch).toMatchObject({ created: true, channel: 'brief', letterCount: open.length, queueId });
    const pdfRes = await vera.request('GET', `${API}/briefbatches/${batch.id}/pdf`);
    expect(pdfRes.statusCode).toBe(200);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    const pdf = new PdfFile(pdfRes.rawPayload);
    expect(pdf.catalog.StructTreeRoot).toBeDefined();
    const sections = pdf.structure()[0]?.children ?? [];
    expect(sections).toHaveLength(open.length);
    // Each letter's address block (second paragraph) ends with "1234 AB  TOWN": sorted by postcode and number.
    const texts = pdf.textInReadingOrder();
    const postcodes = texts
      .filter((t) => /\d{4} [A-Z]{2}\s+[A-Z]/.test(t) && t.includes('Postbus'))
      .map((t) => {
        const lines = t.split('\n');
        const number = Number((lines[2] ?? '').match(/(\d+)\D*$/)?.[1]);
        return `${(lines.at(-1) ?? '').slice(0, 7)}|${String(number).padStart(5, '0')}`;
      });
    expect(postcodes).toHaveLength(open.length);
    expect(postcodes).toEqual([...postcodes].sort());
    for (const id of ids) expect((await attempts(id)).map((a) => a.soort)).toEqual(['Brief']);
    expect((await attempts(ids[0] as string))[0]?.dagdeel).toMatch(/^(Ochtend|Middag|Avond)$/);

    const again = await vera.request('POST', `${API}/werkbakjes/${queueId}/brieven`, {
      channel: 'brief',
      batchKey,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: batch.id, created: false, letterCount: open.length });
    for (const id of ids) expect(await attempts(id)).toHaveLength(1);
    const [count] = await v.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outreach_messages WHERE batch_id = $1',
      [batch.id],
    );
    expect(count?.n).toBe(open.length);
    // The same key for another run is a conflict, not a silent reprint.
    const other = await vera.request('POST', `${API}/werkbakjes/${queueId}/brieven`, {
      channel: 'kaartje',
      batchKey,
    });
    expect(other.statusCode).toBe(409);
  });

  it('prints a card for one melding as Kaartje, with the worker and the resident by name', async () => {
    const m = await newMelding();
    const res = await vera.request('POST', `${API}/meldingen/${m}/brieven`, {
      channel: 'kaartje',
      batchKey: randomUUID(),
      language: 'en',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ letterCount: 1, meldingIds: [m], queueId: null });
    const pdf = new PdfFile(
      (await vera.request('GET', `${API}/briefbatches/${res.json().id}/pdf`)).rawPayload,
    );
    const p = people[next - 1] as Person;
    const text = pdf.textInReadingOrder().join('\n');
    expect(text).toContain(`Dear ${p.voornamen.split(' ')[0]}`);
    expect(text).toContain('I am Vera van Vroeg from the municipality.');
    expect(text).toContain('06-12345678');
    expect(
      pdf
        .structure()[0]
        ?.children[0]?.children.some((c) => c.type === 'Figure' && c.alt === 'Photo of Vera van Vroeg'),
    ).toBe(true);
    expect((await attempts(m)).map((a) => a.soort)).toEqual(['Kaartje']);
  });

  it('sends nothing and registers nothing when the stored template is broken', async () => {
    const m = await newMelding();
    const [municipality] = await v.database.query<{ id: string }>(
      "SELECT id FROM municipalities WHERE cbs_code = '9901'",
    );
    const [broken] = await v.database.query<{ id: string }>(
      `INSERT INTO outreach_templates (municipality_id, channel, language, name, subject, body)
       VALUES ($1, 'brief', 'nl', 'Oud en kapot', 'Hallo', 'Beste {{naam}}, uw {{bedrag}}') RETURNING id`,
      [municipality?.id],
    );
    const res = await vera.request('POST', `${API}/meldingen/${m}/brieven`, {
      channel: 'brief',
      batchKey: randomUUID(),
      templateId: broken?.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams[0]).toMatchObject({
      name: 'template.Oud en kapot.body',
      code: 'unknown_field',
      reason: expect.stringContaining('Line 1, column 22'),
    });
    expect(await attempts(m)).toEqual([]);
    const [n] = await v.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outreach_messages WHERE melding_id = $1',
      [m],
    );
    expect(n?.n).toBe(0);
  });

  it('e-mails through SMTP, registers a contact attempt Mail once delivered, and retries a refused one', async () => {
    const m = await newMelding({ email: 'bewoner@example.test' });
    const res = await vera.request('POST', `${API}/meldingen/${m}/berichten`, { channel: 'mail' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'sent', recipient: 'bewoner@example.test', attempts: 1 });
    const mail = mails.find((x) => x.to === 'bewoner@example.test');
    expect(mail?.raw).toContain('Subject: Ik wil u graag helpen');
    expect(mail?.raw).toContain('Vera van Vroeg');
    expect(mail?.raw).toContain('lang=3D"nl"');
    expect(mail?.raw).not.toMatch(/€|45[.,]00/);
    expect((await attempts(m)).map((a) => a.soort)).toEqual(['Mail']);

    const m2 = await newMelding();
    const failed = await vera.request('POST', `${API}/meldingen/${m2}/berichten`, {
      channel: 'mail',
      recipient: 'weigeren@example.test',
    });
    expect(failed.json()).toMatchObject({
      status: 'failed',
      lastError: 'Sending the e-mail failed (SMTP 550).',
    });
    expect(await attempts(m2)).toEqual([]);
    // The job queue retries by the handler throwing.
    await v.database.query("UPDATE outreach_messages SET status = 'queued' WHERE id = $1", [
      failed.json().id,
    ]);
    await expect(deliverMessage(v.database, config, failed.json().id)).rejects.toThrow(/550/);
    const log = await vera.request('GET', `${API}/berichten?status=failed`);
    expect(log.json().items.map((x: { id: string }) => x.id)).toContain(failed.json().id);
    expect(log.json().items.find((x: { id: string }) => x.id === failed.json().id).attempts).toBe(2);
    // Not a failed one: nothing to retry.
    expect((await vera.request('POST', `${API}/berichten/${res.json().id}/opnieuw`)).statusCode).toBe(409);
  });

  it('texts through the HTTP provider with its token, registers SMS/Whatsapp, and sends a failed one again', async () => {
    const m = await newMelding({ telefoon: '06 98765432' });
    smsAnswer = 503;
    const failed = await vera.request('POST', `${API}/meldingen/${m}/berichten`, { channel: 'sms' });
    expect(failed.json()).toMatchObject({
      status: 'failed',
      lastError: 'The text-message provider answered 503.',
    });
    expect(await attempts(m)).toEqual([]);
    smsAnswer = 200;
    const retried = await vera.request('POST', `${API}/berichten/${failed.json().id}/opnieuw`);
    expect(retried.json()).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    const sent = sms.at(-1);
    expect(sent?.auth).toBe('Bearer geheim-token');
    expect(sent?.body).toMatchObject({ to: '+31698765432', from: 'Gemeente', reference: failed.json().id });
    expect(sent?.body.text).toMatch(/^Beste .+, ik ben Vera van Vroeg van gemeente Voorbeeldstad\./);
    expect((await attempts(m)).map((a) => a.soort)).toEqual(['SMS/Whatsapp']);
    // Delivering a sent message again (a duplicate job) sends nothing.
    await deliverMessage(v.database, config, failed.json().id);
    expect(sms.filter((s) => s.body.reference === failed.json().id)).toHaveLength(1);
  });

  it('refuses a message without a usable address, and to a closed melding', async () => {
    const m = await newMelding();
    const none = await vera.request('POST', `${API}/meldingen/${m}/berichten`, { channel: 'sms' });
    expect(none.statusCode).toBe(400);
    expect(none.json().invalidParams[0]).toMatchObject({ name: 'body.recipient', code: 'missing_recipient' });
    const bad = await vera.request('POST', `${API}/meldingen/${m}/berichten`, {
      channel: 'mail',
      recipient: 'geen-adres',
    });
    expect(bad.json().invalidParams[0]).toMatchObject({ code: 'invalid_recipient' });
  });

  it('takes the melding up with a printed letter or a delivered message, as a contact registered by hand', async () => {
    const state = async (id: string) => {
      const [m] = await v.database.query<{
        status: string;
        taken: string | null;
        first: string | null;
        version: number;
      }>(
        `SELECT status, taken_up_on::text AS taken, first_contact_on::text AS first, version FROM meldingen
          WHERE id = $1`,
        [id],
      );
      const signals = await v.database.query<{ ddas_status: string }>(
        'SELECT ddas_status FROM signals WHERE melding_id = $1',
        [id],
      );
      return { ...m, signals: signals.map((s) => s.ddas_status) };
    };
    const letter = await newMelding();
    const before = await state(letter);
    expect(before).toMatchObject({ status: 'open', taken: null, signals: ['Nog niet opgepakt'] });
    const printed = await vera.request('POST', `${API}/meldingen/${letter}/brieven`, {
      channel: 'brief',
      batchKey: randomUUID(),
    });
    expect(printed.statusCode).toBe(200);
    const after = await state(letter);
    expect(after).toMatchObject({
      status: 'in_behandeling',
      taken: today,
      first: today,
      signals: ['Opgepakt'],
    });
    expect(after.version).toBe((before.version ?? 0) + 1);

    const mail = await newMelding({ email: 'opgepakt@example.org' });
    expect(
      (await vera.request('POST', `${API}/meldingen/${mail}/berichten`, { channel: 'mail' })).statusCode,
    ).toBe(200);
    expect(await state(mail)).toMatchObject({
      status: 'in_behandeling',
      taken: today,
      signals: ['Opgepakt'],
    });
  });

  it('audits every read of the message log', async () => {
    await vera.request('GET', `${API}/berichten`);
    const [row] = await v.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'outreach.message.list'",
    );
    expect(row?.n).toBeGreaterThan(0);
  });
});
