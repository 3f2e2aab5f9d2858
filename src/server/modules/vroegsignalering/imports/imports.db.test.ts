import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, startTestApp, TestClient, testConfig } from '../../../../../test/harness.ts';
import type { Vangnet } from '../../../server.ts';
import { runImport } from './service.ts';

type Person = {
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  geboortedatum: string;
  postcode: string;
  huisnummer: number;
};

const MAPPING = JSON.stringify({
  columns: {
    externalId: 'Kenmerk',
    achternaam: 'Achternaam',
    voorvoegsel: 'Tussenvoegsel',
    voornamen: 'Voornamen',
    geboortedatum: 'Geboortedatum',
    postcode: 'Postcode',
    huisnummer: 'Huisnummer',
    amountCents: 'Achterstand',
    signalDate: 'Datum signaal',
    remark: 'Opmerking',
  },
});
const HEADER =
  'Kenmerk;Achternaam;Tussenvoegsel;Voornamen;Geboortedatum;Postcode;Huisnummer;Achterstand;Datum signaal;Opmerking';

function dmy(iso: string) {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

function line(id: string, p: Person, amount: string, remark = '') {
  return [
    id,
    p.geslachtsnaam,
    p.voorvoegsel ?? '',
    p.voornamen,
    dmy(p.geboortedatum),
    p.postcode,
    p.huisnummer,
    amount,
    dmy(new Date().toISOString().slice(0, 10)),
    remark,
  ].join(';');
}

describe('file imports: every line accepted, quarantined or refused as duplicate', () => {
  let v: Vangnet;
  let staff: TestClient;
  let partnerId: string;
  let people: Person[];

  async function upload(
    content: Buffer | string,
    name = 'signalen.csv',
    fields: Record<string, string> = { mapping: MAPPING },
  ) {
    return staff.send(
      'POST',
      `/api/v1/signaalpartners/${partnerId}/bestanden`,
      multipart({ name, content }, fields),
    );
  }

  beforeAll(async () => {
    v = await startTestApp({ demoInhabitants: 400 });
    staff = new TestClient(v.app);
    await staff.login('vroegsignalering@voorbeeldstad.demo');
    const [partner] = await v.database.query<{ id: string }>(
      "SELECT sp.id FROM signal_partners sp JOIN municipalities m ON m.id = sp.municipality_id WHERE m.cbs_code = '9901' AND sp.partner_type = 'Energie'",
    );
    partnerId = partner?.id as string;
    people = await v.database.query<Person>(
      `SELECT p.voornamen, p.voorvoegsel, p.geslachtsnaam, p.geboortedatum::text AS geboortedatum, a.postcode, a.huisnummer
         FROM persons p JOIN addresses a ON a.id = p.address_id JOIN municipalities m ON m.id = p.municipality_id
        WHERE m.cbs_code = '9901' AND p.household_role = 'hoofd' ORDER BY p.bsn LIMIT 40`,
    );
  });
  afterAll(async () => v?.close());

  it('imports a Windows-1252, semicolon file with Dutch amounts and dates, quarantining the bad line', async () => {
    const p = people as Person[];
    const csv = [
      HEADER,
      line('E-1', p[0] as Person, '1.234,56', '"Klant belt terug;\nna de zomer"'),
      line('E-2', p[1] as Person, '€ 75'),
      line('E-3', { ...(p[2] as Person), postcode: '0000XX' }, '99,-'),
      line('E-1', p[0] as Person, '1.234,56', '"Klant belt terug;\nna de zomer"'),
      line('E-4', { ...(p[3] as Person), geslachtsnaam: 'Müller-Ëlzen' }, '250'),
    ].join('\r\n');
    const res = await upload(iconv.encode(csv, 'win1252'));
    expect(res.statusCode).toBe(202);
    const imp = res.json();
    expect(imp).toMatchObject({
      status: 'completed',
      totalRows: 5,
      acceptedRows: 3,
      quarantinedRows: 1,
      duplicateRows: 1,
    });

    const lines = await staff.request('GET', `/api/v1/imports/${imp.id}/regels?outcome=quarantined`);
    expect(lines.json().items).toHaveLength(1);
    const bad = lines.json().items[0];
    // Line numbers are where the record starts in the file: the quoted remark of E-1 spans two lines.
    expect(bad.rowNumber).toBe(5);
    expect(bad.errors.map((e: { column: string; code: string }) => `${e.column}:${e.code}`)).toContain(
      'Postcode:invalid_postcode',
    );

    const [stored] = await v.database.query<{ amount_cents: string; remark: string; achternaam: string }>(
      "SELECT amount_cents, remark, achternaam FROM signals WHERE import_id = $1 AND external_id = 'E-1'",
      [imp.id],
    );
    expect(Number(stored?.amount_cents)).toBe(123456);
    expect(stored?.remark).toBe('Klant belt terug;\nna de zomer');
    const [umlaut] = await v.database.query<{ achternaam: string }>(
      "SELECT achternaam FROM signals WHERE import_id = $1 AND external_id = 'E-4'",
      [imp.id],
    );
    expect(umlaut?.achternaam).toBe('Müller-Ëlzen');

    const report = await staff.request('GET', `/api/v1/imports/${imp.id}/foutenrapport`);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.body).toContain('5');
    expect(report.body).toContain('invalid_postcode');

    // The same file again is recognised and nothing is imported twice.
    const again = await upload(iconv.encode(csv, 'win1252'));
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain(imp.id);
    expect(again.json().existingImportId).toBe(imp.id);

    // Correct the quarantined line in place and submit it again.
    const fixed = await staff.request('PUT', `/api/v1/imports/${imp.id}/regels/5`, {
      cells: { Postcode: (p[2] as Person).postcode },
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().outcome).toBe('accepted');
    const after = (await staff.request('GET', `/api/v1/imports/${imp.id}`)).json();
    expect(after).toMatchObject({ acceptedRows: 4, quarantinedRows: 0 });
  });

  it('reports a missing required column as a field-level problem and stores nothing', async () => {
    const before = await v.database.query<{ n: number }>('SELECT count(*)::int AS n FROM signal_imports');
    const res = await upload('Kenmerk;Achternaam\nX-1;Jansen\n', 'kapot.csv');
    expect(res.statusCode).toBe(400);
    const names = res.json().invalidParams.map((p: { name: string; code: string }) => `${p.name}:${p.code}`);
    expect(
      names.some((n: string) => n.includes('missing_required_column') || n.includes('unknown_column')),
    ).toBe(true);
    const after = await v.database.query<{ n: number }>('SELECT count(*)::int AS n FROM signal_imports');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('refuses binary garbage with a clear error', async () => {
    const garbage = Buffer.alloc(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 131) % 256;
    const res = await upload(garbage, 'foto.csv');
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams[0].code).toBe('binary_file');
  });

  it('accounts for every line of a larger file in the ledger, with as many signals as accepted lines', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 2300; i++) {
      const p = people[i % people.length] as Person;
      rows.push(line(`BIG-${i}`, p, String(100 + (i % 500))));
    }
    const res = await upload(rows.join('\n'), 'groot.csv');
    expect(res.statusCode).toBe(202);
    const imp = res.json();
    expect(imp).toMatchObject({ status: 'completed', totalRows: 2300 });
    expect(imp.acceptedRows + imp.quarantinedRows + imp.duplicateRows).toBe(2300);
    const [counts] = await v.database.query<{ signals: number; ledger: number }>(
      `SELECT (SELECT count(*)::int FROM signals WHERE import_id = $1) AS signals,
              (SELECT count(*)::int FROM signal_import_rows WHERE import_id = $1) AS ledger`,
      [imp.id],
    );
    expect(counts).toEqual({ signals: imp.acceptedRows, ledger: 2300 });
  });
});

describe('an import that crashes half-way', () => {
  let v: Vangnet;
  let staff: TestClient;
  let partnerId: string;

  beforeAll(async () => {
    v = await startTestApp({ demoInhabitants: 200 });
    staff = new TestClient(v.app);
    await staff.login('vroegsignalering@voorbeeldstad.demo');
    const [partner] = await v.database.query<{ id: string }>(
      "SELECT sp.id FROM signal_partners sp JOIN municipalities m ON m.id = sp.municipality_id WHERE m.cbs_code = '9901' AND sp.partner_type = 'Water'",
    );
    partnerId = partner?.id as string;
  });
  afterAll(async () => v?.close());

  function waterLines(prefix: string, n: number): string[] {
    const rows = [HEADER];
    for (let i = 0; i < n; i++) {
      rows.push(
        [
          `${prefix}-${i}`,
          `Naam${i}`,
          '',
          'Jan',
          '01-01-1980',
          '1234AB',
          String(1 + (i % 90)),
          '120,00',
          dmy(new Date().toISOString().slice(0, 10)),
          '',
        ].join(';'),
      );
    }
    return rows;
  }

  /** Registers an import through the service with jobs off, so that the test runs it itself. */
  async function register(content: string, fileName: string) {
    const config = testConfig();
    const { uploadFile } = await import('./service.ts');
    const { Readable } = await import('node:stream');
    const ctx = {
      actor: { type: 'system' as const, name: 'test' },
      municipalityId: (
        await v.database.query<{ id: string }>("SELECT id FROM municipalities WHERE cbs_code = '9901'")
      )[0]?.id as string,
      requestId: 'test',
    };
    const fakeJobs = { send: async () => null } as unknown as Parameters<typeof uploadFile>[2];
    const imp = await uploadFile(v.database, config, fakeJobs, ctx, {
      partnerId,
      fileName,
      stream: Readable.from([Buffer.from(content)]),
      mapping: JSON.parse(MAPPING),
    });
    return { config, imp };
  }

  async function ledgerOf(importId: string) {
    const [row] = await v.database.query<{
      status: string;
      error: string | null;
      processed_rows: number;
      ledger: number;
      first: number | null;
      last: number | null;
      signals: number;
    }>(
      `SELECT status, error, processed_rows,
              (SELECT count(*)::int FROM signal_import_rows WHERE import_id = $1) AS ledger,
              (SELECT min(row_number) FROM signal_import_rows WHERE import_id = $1) AS first,
              (SELECT max(row_number) FROM signal_import_rows WHERE import_id = $1) AS last,
              (SELECT count(*)::int FROM signals WHERE import_id = $1) AS signals
         FROM signal_imports WHERE id = $1`,
      [importId],
    );
    return row;
  }

  it('keeps the committed chunks and continues after them on the next run', async () => {
    const rows = waterLines('W', 2500);
    // Register the import through the API with jobs off, but make the first run "crash" after one chunk.
    const { config, imp } = await register(rows.join('\n'), 'water.csv');
    expect(imp.status).toBe('queued');
    await expect(
      runImport(v.database, config, imp.id, {
        chunkRows: 1000,
        afterChunk: () => {
          throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    const mid = await v.database.query<{ processed_rows: number; n: number }>(
      'SELECT processed_rows, (SELECT count(*)::int FROM signal_import_rows WHERE import_id = $1) AS n FROM signal_imports WHERE id = $1',
      [imp.id],
    );
    expect(mid[0]).toEqual({ processed_rows: 1000, n: 1000 });
    await runImport(v.database, config, imp.id);
    const end = await v.database.query<{
      status: string;
      processed_rows: number;
      total_rows: number;
      ledger: number;
      signals: number;
    }>(
      `SELECT status, processed_rows, total_rows,
              (SELECT count(*)::int FROM signal_import_rows WHERE import_id = $1) AS ledger,
              (SELECT count(*)::int FROM signals WHERE import_id = $1) AS signals
         FROM signal_imports WHERE id = $1`,
      [imp.id],
    );
    expect(end[0]).toEqual({
      status: 'completed',
      processed_rows: 2500,
      total_rows: 2500,
      ledger: 2500,
      signals: 2500,
    });
  });

  it('commits the chunks in file order: a chunk that fails stops the import before any line read after it', async () => {
    const { config, imp } = await register(waterLines('F', 2500).join('\n'), 'water-failing.csv');
    // The second chunk (lines 1002-2001) fails in the database while the third is being read.
    await v.database.query(`CREATE FUNCTION test_fail_line() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.row_number = 1502 THEN RAISE EXCEPTION 'simulated database failure'; END IF;
        RETURN NEW;
      END $$`);
    await v.database.query(
      'CREATE TRIGGER test_fail_line BEFORE INSERT ON signal_import_rows FOR EACH ROW EXECUTE FUNCTION test_fail_line()',
    );
    try {
      await expect(runImport(v.database, config, imp.id, { chunkRows: 1000 })).rejects.toThrow(
        'simulated database failure',
      );
    } finally {
      await v.database.query('DROP TRIGGER test_fail_line ON signal_import_rows');
      await v.database.query('DROP FUNCTION test_fail_line()');
    }
    expect(await ledgerOf(imp.id)).toMatchObject({
      status: 'failed',
      error: 'simulated database failure',
      processed_rows: 1000,
      ledger: 1000,
      first: 2,
      last: 1001,
      signals: 1000,
    });
    await runImport(v.database, config, imp.id, { chunkRows: 1000 });
    expect(await ledgerOf(imp.id)).toMatchObject({
      status: 'completed',
      processed_rows: 2500,
      ledger: 2500,
      first: 2,
      last: 2501,
      signals: 2500,
    });
  });

  it('keeps every line before the damage of a broken file, also when it breaks while a chunk commits', async () => {
    // 2,500 good lines, then a quote that is never closed: the reader fails at the end of the file.
    const content = `${waterLines('B', 2500).join('\n')}\nB-x;"Naam;;Jan;01-01-1980;1234AB;1;1,00;01-01-2026;`;
    const { config, imp } = await register(content, 'water-broken.csv');
    await runImport(v.database, config, imp.id, { chunkRows: 1000 });
    const after = await ledgerOf(imp.id);
    expect(after).toMatchObject({
      status: 'failed',
      processed_rows: 2500,
      ledger: 2500,
      first: 2,
      last: 2501,
      signals: 2500,
    });
    expect(after?.error).toMatch(/^unterminated_quote: /);
  });
});
