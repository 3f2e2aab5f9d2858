// npm run bench:matching -- [--signals 20000] [--inhabitants 100000] [--seed 42]
// BRP matching on distorted signals with known truth (src/server/modules/vroegsignalering/matching/distort.ts):
// a synthetic population is generated in memory, signals are written for sampled persons the way partners write
// them (tussenvoegsel moved, diacritics dropped, ij/y, initials, partner names, typos, toevoegingen, wrong or
// missing birth dates, ...), plus signals for people who are not registered at the address, twins and
// businesses. matchSignal is compared in the same run with a naive baseline: exact lower-case surname +
// postcode + huisnummer + birth date. Prints precision, recall (automatic-match rate), outcomes, per-kind rates
// and signals per second on one core.
import { parseArgs } from 'node:util';
import type { BrpPerson } from '../src/server/modules/brp/adapter.ts';
import {
  type BenchmarkCase,
  buildBenchmark,
  type CaseKind,
  MANUAL_EXPECTED_KINDS,
  naiveMatch,
  type Outcome,
  POSITIVE_KINDS,
  type Tally,
  tally,
} from '../src/server/modules/vroegsignalering/matching/distort.ts';
import { matchSignal } from '../src/server/modules/vroegsignalering/matching/match.ts';

const BATCH = 2_000;

function fail(message: string): never {
  process.stderr.write(`bench:matching: ${message}\n`);
  process.exit(1);
}

function parseOptions() {
  let values: { signals?: string; inhabitants?: string; seed?: string };
  try {
    ({ values } = parseArgs({
      options: { signals: { type: 'string' }, inhabitants: { type: 'string' }, seed: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  const num = (v: string | undefined, fallback: number, name: string, min: number, max: number) => {
    const n = Number((v ?? String(fallback)).replaceAll('_', ''));
    if (!Number.isInteger(n) || n < min || n > max)
      fail(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  return {
    signals: num(values.signals, 20_000, 'signals', 100, 2_000_000),
    inhabitants: num(values.inhabitants, 100_000, 'inhabitants', 5_000, 5_000_000),
    seed: num(values.seed, 42, 'seed', 0, 0xffffffff),
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(2)} %`);

function runMatch(cases: readonly BenchmarkCase[]): Outcome[] {
  return cases.map((c) => {
    const r = matchSignal(c.signal, c.candidates);
    return { status: r.status, personId: r.person?.id ?? null };
  });
}

function runNaive(cases: readonly BenchmarkCase[]): Outcome[] {
  return cases.map((c) => naiveMatch(c.signal, c.candidates));
}

/** Signals per second over all cases, best of a few rounds (after a warm-up round). */
function throughputWarm(cases: readonly BenchmarkCase[], fn: (c: BenchmarkCase) => unknown): number {
  for (const c of cases) fn(c);
  let best = 0;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (const c of cases) fn(c);
    best = Math.max(best, cases.length / ((performance.now() - t0) / 1000));
  }
  return best;
}

/**
 * As in intake: per batch the BRP adapter returns fresh person objects, so the normalised keys of every
 * candidate are computed again (only matchSignal is timed, not the copying).
 */
function throughputCold(cases: readonly BenchmarkCase[]): number {
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let ms = 0;
    for (let start = 0; start < cases.length; start += BATCH) {
      const batch = cases.slice(start, start + BATCH);
      const fresh: BrpPerson[][] = batch.map((c) => c.candidates.map((p) => ({ ...p })));
      const t0 = performance.now();
      for (let i = 0; i < batch.length; i++)
        matchSignal((batch[i] as BenchmarkCase).signal, fresh[i] as BrpPerson[]);
      ms += performance.now() - t0;
    }
    best = Math.max(best, cases.length / (ms / 1000));
  }
  return best;
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
}

function main() {
  const opts = parseOptions();
  const negatives = Math.max(100, Math.round(opts.signals / 10));
  const twins = Math.max(50, Math.round(opts.signals / 40));
  const businesses = Math.max(20, Math.round(opts.signals / 200));
  const t0 = performance.now();
  const bench = buildBenchmark({
    seed: opts.seed,
    inhabitants: opts.inhabitants,
    positives: opts.signals,
    negatives,
    twins,
    businesses,
  });
  const buildMs = performance.now() - t0;
  const candidates = bench.positives.reduce((n, c) => n + c.candidates.length, 0) / bench.positives.length;

  const groups = [
    ['positives', bench.positives],
    ['negatives', bench.negatives],
    ['twins', bench.twins],
    ['businesses', bench.businesses],
  ] as const;
  const ours = new Map<string, Tally>();
  const naive = new Map<string, Tally>();
  for (const [name, cases] of groups) {
    ours.set(name, tally(cases, runMatch(cases)));
    naive.set(name, tally(cases, runNaive(cases)));
  }
  const sum = (m: Map<string, Tally>, f: (t: Tally) => number) =>
    [...m.values()].reduce((n, t) => n + f(t), 0);
  const all = [...bench.positives, ...bench.negatives];
  const speedOurs = throughputWarm(all, (c) => matchSignal(c.signal, c.candidates));
  const speedCold = throughputCold(all);
  const speedNaive = throughputWarm(all, (c) => naiveMatch(c.signal, c.candidates));

  const pos = ours.get('positives') as Tally;
  const posNaive = naive.get('positives') as Tally;
  const out: string[] = [];
  out.push('bench:matching: BRP matching of distorted signals with known truth');
  out.push(
    `population: ${fmt(bench.persons.length)} synthetic persons (seed ${opts.seed}, 2 % moved out, 1 % deceased), ` +
      `built in ${Math.round(buildMs)} ms`,
  );
  out.push(
    `signals: ${fmt(bench.positives.length)} positive (one distortion each, ${candidates.toFixed(1)} candidates on ` +
      `average), ${fmt(bench.negatives.length)} negative (person not registered at the address), ` +
      `${fmt(bench.twins.length)} twins, ${fmt(bench.businesses.length)} businesses`,
  );
  out.push('');
  const w = [44, 16, 16];
  out.push(row(['', 'matchSignal', 'naive baseline'], w));
  const autoAll = (m: Map<string, Tally>) => sum(m, (t) => t.auto);
  const correctAll = (m: Map<string, Tally>) => sum(m, (t) => t.correct);
  const wrongAll = (m: Map<string, Tally>) => sum(m, (t) => t.wrong);
  out.push(
    row(
      [
        'precision of automatic matches (all signals)',
        pct(correctAll(ours), autoAll(ours)),
        pct(correctAll(naive), autoAll(naive)),
      ],
      w,
    ),
  );
  out.push(row(['false automatic matches', fmt(wrongAll(ours)), fmt(wrongAll(naive))], w));
  out.push(
    row(
      [
        'recall: positives matched automatically',
        pct(pos.correct, pos.total),
        pct(posNaive.correct, posNaive.total),
      ],
      w,
    ),
  );
  const manual = [...MANUAL_EXPECTED_KINDS].reduce((n, k) => n + (pos.byKind.get(k)?.total ?? 0), 0);
  const manualCorrect = [...MANUAL_EXPECTED_KINDS].reduce((n, k) => n + (pos.byKind.get(k)?.correct ?? 0), 0);
  const manualNaive = [...MANUAL_EXPECTED_KINDS].reduce(
    (n, k) => n + (posNaive.byKind.get(k)?.correct ?? 0),
    0,
  );
  out.push(
    row(
      [
        '  excluding wrong birth dates (left to a person)',
        pct(pos.correct - manualCorrect, pos.total - manual),
        pct(posNaive.correct - manualNaive, pos.total - manual),
      ],
      w,
    ),
  );
  const neg = ours.get('negatives') as Tally;
  const negNaive = naive.get('negatives') as Tally;
  out.push(
    row(
      [
        'negatives matched automatically',
        `${fmt(neg.auto)} / ${fmt(neg.total)}`,
        `${fmt(negNaive.auto)} / ${fmt(negNaive.total)}`,
      ],
      w,
    ),
  );
  const tw = ours.get('twins') as Tally;
  const twNaive = naive.get('twins') as Tally;
  out.push(
    row(
      [
        'twins: right twin / wrong twin',
        `${fmt(tw.correct)} / ${fmt(tw.wrong)}`,
        `${fmt(twNaive.correct)} / ${fmt(twNaive.wrong)}`,
      ],
      w,
    ),
  );
  const bz = ours.get('businesses') as Tally;
  out.push(row(['businesses recognised', `${fmt(bz.byStatus.business)} / ${fmt(bz.total)}`, '-'], w));
  out.push(
    row(
      [
        'signals per second, one core (keys prepared)',
        fmt(Math.round(speedOurs)),
        fmt(Math.round(speedNaive)),
      ],
      w,
    ),
  );
  out.push(
    row([`signals per second, fresh BRP objects per ${fmt(BATCH)}`, fmt(Math.round(speedCold)), '-'], w),
  );
  out.push('');
  out.push(
    `recall improvement: ${(pos.correct / Math.max(1, posNaive.correct)).toFixed(2)}x the naive baseline ` +
      `(${fmt(pos.correct)} vs ${fmt(posNaive.correct)} of ${fmt(pos.total)} positives matched automatically)`,
  );
  out.push('');
  out.push('outcomes (positives):');
  for (const [status, n] of Object.entries(pos.byStatus)) {
    out.push(
      `  ${status.padEnd(10)} ${fmt(n).padStart(8)}   naive ${fmt(posNaive.byStatus[status as keyof typeof pos.byStatus]).padStart(8)}`,
    );
  }
  out.push('');
  const kw = [36, 7, 12, 6, 12, 6];
  out.push(row(['per distortion kind', 'signals', 'matchSignal', 'false', 'naive', 'false'], kw));
  const kinds: CaseKind[] = [
    ...POSITIVE_KINDS,
    'other_person',
    'relative_not_registered',
    'twin_first_name',
    'twin_initials',
  ];
  for (const kind of kinds) {
    const group = (POSITIVE_KINDS as readonly string[]).includes(kind)
      ? 'positives'
      : kind.startsWith('twin')
        ? 'twins'
        : 'negatives';
    const k = ours.get(group)?.byKind.get(kind);
    const kn = naive.get(group)?.byKind.get(kind);
    if (!k) continue;
    const shown = group === 'negatives' ? `${fmt(k.auto)} auto` : pct(k.correct, k.total);
    const shownNaive = group === 'negatives' ? `${fmt(kn?.auto ?? 0)} auto` : pct(kn?.correct ?? 0, k.total);
    const label = MANUAL_EXPECTED_KINDS.has(kind) ? `${kind} (manual expected)` : kind;
    out.push(row([label, fmt(k.total), shown, fmt(k.wrong), shownNaive, fmt(kn?.wrong ?? 0)], kw));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
