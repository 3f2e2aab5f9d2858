// npm run bench:meldingen -- [--db postgres|pglite] [--meldingen N]
// The meldingen list with its filters at 100,000 meldingen: median and p95 per query shape, against a plain
// primary-key page of the same table measured in the same run.
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { type BulkColumn, bulkInsert } from '../src/server/db/bulk.ts';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import {
  listMeldingen,
  type MeldingFilter,
} from '../src/server/modules/vroegsignalering/meldingen/repository.ts';
import { DDAS_SIGNAALPARTNERS } from '../src/shared/ddas.ts';

const { values } = parseArgs({
  options: { db: { type: 'string', default: 'postgres' }, meldingen: { type: 'string' } },
});
const kind = values.db === 'pglite' ? 'pglite' : 'postgres';
const total = Number(values.meldingen ?? 100_000);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function open(): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite')
    return { db: await openDatabase({ kind: 'pglite', dataDir: null }), drop: async () => {} };
  const name = `vangnet_meldingen_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url: serverUrl });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    db: await openDatabase({ kind: 'postgres', url: url.toString() }),
    drop: async () => {
      const a = await openDatabase({ kind: 'postgres', url: serverUrl });
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  };
}

let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

async function time(fn: () => Promise<unknown>, runs = 30): Promise<{ median: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(runs / 2)] ?? 0, p95: ms[Math.floor(runs * 0.95)] ?? 0 };
}

const { db, drop } = await open();
try {
  await migrate(db);
  const [region] = await db.query<{ id: string }>("INSERT INTO regions (name) VALUES ('Bench') RETURNING id");
  const [m] = await db.query<{ id: string }>(
    "INSERT INTO municipalities (region_id, cbs_code, name) VALUES ($1, '9999', 'Benchstad') RETURNING id",
    [region?.id],
  );
  const mid = m?.id as string;
  const queues = await db.query<{ id: string }>(
    `INSERT INTO work_queues (municipality_id, name) SELECT $1, 'Werkbakje ' || g FROM generate_series(1, 5) g RETURNING id`,
    [mid],
  );
  const rows = Array.from({ length: total }, (_, i) => ({
    id: randomUUID(),
    fp: `fp-${i}`,
    period: `2026-${String(1 + Math.floor(rand() * 11)).padStart(2, '0')}-01`,
    status: rand() < 0.7 ? 'open' : rand() < 0.5 ? 'in_behandeling' : 'afgesloten',
    crisis: rand() < 0.05,
    meervoudig: rand() < 0.2,
    queue: queues[Math.floor(rand() * queues.length)]?.id,
    priority: 1 + Math.floor(rand() * 5),
    deadline: `2026-12-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
    amount: Math.floor(rand() * 500_000),
    age: 18 + Math.floor(rand() * 70),
  }));
  const t0 = performance.now();
  type Row = (typeof rows)[number];
  const columns: BulkColumn<Row>[] = [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'municipality_id', type: 'uuid', value: () => mid },
    { name: 'address_fingerprint', type: 'text', value: (r) => r.fp },
    { name: 'period_start', type: 'date', value: (r) => r.period },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'is_crisis', type: 'bool', value: (r) => r.crisis },
    { name: 'meervoudig', type: 'bool', value: (r) => r.meervoudig },
    { name: 'queue_id', type: 'uuid', value: (r) => r.queue },
    { name: 'priority', type: 'int', value: (r) => r.priority },
    { name: 'deadline', type: 'date', value: (r) => r.deadline },
    { name: 'total_amount_cents', type: 'bigint', value: (r) => r.amount },
    { name: 'youngest_adult_age', type: 'int', value: (r) => r.age },
    { name: 'oldest_adult_age', type: 'int', value: (r) => r.age + 3 },
  ];
  await bulkInsert(db.orm, 'meldingen', columns, rows);
  // unnest cannot produce array columns, so the partner types are set afterwards.
  await db.query(
    `UPDATE meldingen SET partner_types = ARRAY[($1::text[])[1 + abs(hashtext(id::text)) % 11]]`,
    [[...DDAS_SIGNAALPARTNERS]],
  );
  await db.query('ANALYZE meldingen');
  console.log(
    `Meldingen list benchmark on ${kind}: ${total.toLocaleString('en')} meldingen inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const base: MeldingFilter = { municipalityId: mid, sort: 'priority', limit: 51 };
  const baseline = await time(() =>
    db.query('SELECT * FROM meldingen WHERE municipality_id = $1 ORDER BY id LIMIT 51', [mid]),
  );
  const shapes: [string, MeldingFilter][] = [
    ['open, by priority (default)', { ...base, status: 'open' }],
    ['open crisis', { ...base, status: 'open', flags: ['crisis'] }],
    ['werkbakje + deadline sort', { ...base, status: 'open', queueId: queues[0]?.id, sort: 'deadline' }],
    ['partner type Huur', { ...base, partnerTypes: ['Huur'] }],
    ['amount >= EUR 2,500, by amount', { ...base, minAmountCents: 250_000, sort: 'amount' }],
    ['age 18-27, meervoudig', { ...base, minAge: 18, maxAge: 27, flags: ['meervoudig'] }],
  ];
  console.log('');
  console.log('  query                                   median      p95    x baseline');
  console.log(
    `  plain primary-key page (baseline)   ${baseline.median.toFixed(2).padStart(8)} ms ${baseline.p95.toFixed(2).padStart(8)} ms      1.0x`,
  );
  for (const [label, filter] of shapes) {
    const r = await time(() => listMeldingen(db.orm, filter));
    console.log(
      `  ${label.padEnd(34)} ${r.median.toFixed(2).padStart(8)} ms ${r.p95.toFixed(2).padStart(8)} ms ${(r.median / baseline.median).toFixed(1).padStart(8)}x`,
    );
  }
  // A deep page: the keyset cursor keeps later pages as fast as the first.
  const page1 = await listMeldingen(db.orm, { ...base, status: 'open' });
  const last = page1.at(-1)?.melding;
  if (last) {
    const deep = await time(() =>
      listMeldingen(db.orm, {
        ...base,
        status: 'open',
        after: [last.priority, last.deadline ?? '9999-12-31', last.id],
      }),
    );
    console.log(
      `  ${'next page via cursor'.padEnd(34)} ${deep.median.toFixed(2).padStart(8)} ms ${deep.p95.toFixed(2).padStart(8)} ms ${(deep.median / baseline.median).toFixed(1).padStart(8)}x`,
    );
  }
} finally {
  await db.close();
  await drop();
}
