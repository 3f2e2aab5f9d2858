// npm run bench:letters -- [--letters N] [--samples N] [--language nl|en|ar]
// Time to generate a batch of personalised letters (default 1,000) as one tagged PDF, against its own baseline
// measured in the same run: rendering one letter as its own PDF, times the number of letters. A ratio below 1
// means the batch is cheaper than letter by letter (fonts and the photo are shared).
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { composeLetter, type LetterFacts } from '../src/server/modules/vroegsignalering/outreach/compose.ts';
import { DEFAULT_TEMPLATES } from '../src/server/modules/vroegsignalering/outreach/defaults.ts';
import { type LetterInput, renderLettersPdf } from '../src/server/modules/vroegsignalering/outreach/pdf.ts';
import { compileTemplate } from '../src/server/modules/vroegsignalering/outreach/template.ts';
import { demoPortraitPng } from '../src/server/seed/demo-outreach.ts';
import type { TemplateLanguage } from '../src/shared/schemas/outreach.ts';

const FIRST = ['Anna', 'Mohamed', 'Sanne', 'Daan', 'Fatima', 'Jan', 'Emma', 'Yusuf', 'Lotte', 'Sem'];
const LAST = ['de Vries', 'Jansen', 'El Amrani', 'Bakker', 'Yilmaz', 'Visser', 'Smit', 'de Boer', 'Mulder'];

/** n different letters: names, addresses, references (so QR codes) and partner types differ per letter. */
export function sampleLetters(n: number, language: TemplateLanguage = 'nl'): LetterInput[] {
  const source = DEFAULT_TEMPLATES.find((t) => t.channel === 'brief' && t.language === language);
  if (!source) throw new Error(`no default letter in ${language}`);
  const template = compileTemplate(source);
  const photo = { key: 'worker', data: demoPortraitPng() };
  return Array.from({ length: n }, (_, i) => {
    const first = FIRST[i % FIRST.length] as string;
    const name = `${first} ${LAST[(i * 7) % LAST.length]}`;
    const facts: LetterFacts = {
      format: 'brief',
      language,
      resident: { full: name, first },
      worker: { name: 'Vera van Vroeg', phone: '06-12345678', email: 'vera@voorbeeldstad.demo' },
      municipality: 'Voorbeeldstad',
      partnerTypes: i % 3 === 0 ? ['Energie', 'Huur'] : ['Zorg'],
      mentionPartnerTypes: true,
      appointmentUrl: 'https://afspraak.voorbeeldstad.demo/geldzaken',
      reference: `R${String(i).padStart(7, '0')}`,
      date: '2026-05-01',
      recipient: {
        name,
        address: {
          straat: 'Dorpsstraat',
          huisnummer: 1 + (i % 250),
          huisletter: null,
          toevoeging: null,
          postcode: `99${String(10 + (i % 90)).padStart(2, '0')}AB`,
          woonplaats: 'Voorbeeldstad',
        },
      },
      sender: { name: 'Gemeente Voorbeeldstad', returnAddress: 'Postbus 1, 9999 ZZ Voorbeeldstad' },
      photo,
    };
    return composeLetter(template, facts);
  });
}

export type LetterBenchResult = {
  letters: number;
  batchMs: number;
  batchBytes: number;
  singleMedianMs: number;
  baselineMs: number;
  ratio: number;
};

/** The measurement itself, for npm run bench:letters and for a combined outreach benchmark. */
export async function measureLetterBatch(
  opts: { letters?: number; samples?: number; language?: TemplateLanguage } = {},
): Promise<LetterBenchResult> {
  const n = opts.letters ?? 1000;
  const samples = opts.samples ?? 25;
  const letters = sampleLetters(Math.max(n, samples), opts.language ?? 'nl');
  const meta = {
    title: 'Brieven',
    author: 'Gemeente Voorbeeldstad',
    language: opts.language ?? ('nl' as const),
  };
  // Warm up: font parsing and JIT, so neither side pays them alone.
  await renderLettersPdf(letters.slice(0, 2), meta);
  const singles: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await renderLettersPdf([letters[i] as LetterInput], meta);
    singles.push(performance.now() - t0);
  }
  singles.sort((a, b) => a - b);
  const singleMedianMs = singles[Math.floor(singles.length / 2)] ?? 0;
  const t0 = performance.now();
  const pdf = await renderLettersPdf(letters.slice(0, n), meta);
  const batchMs = performance.now() - t0;
  const baselineMs = singleMedianMs * n;
  return {
    letters: n,
    batchMs,
    batchBytes: pdf.length,
    singleMedianMs,
    baselineMs,
    ratio: batchMs / baselineMs,
  };
}

export function formatLetterBench(r: LetterBenchResult): string {
  return [
    `letters in one PDF:            ${r.letters}`,
    `batch as one PDF:              ${(r.batchMs / 1000).toFixed(2)} s (${(r.batchBytes / 1_048_576).toFixed(1)} MiB, ${(r.batchMs / r.letters).toFixed(1)} ms per letter)`,
    `one letter as its own PDF:     ${r.singleMedianMs.toFixed(1)} ms (median)`,
    `baseline (one letter x ${r.letters}): ${(r.baselineMs / 1000).toFixed(2)} s`,
    `ratio batch / baseline:        ${r.ratio.toFixed(2)}`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      letters: { type: 'string', default: '1000' },
      samples: { type: 'string', default: '25' },
      language: { type: 'string', default: 'nl' },
    },
  });
  const result = await measureLetterBatch({
    letters: Number(values.letters),
    samples: Number(values.samples),
    language: (values.language as TemplateLanguage) ?? 'nl',
  });
  console.log(formatLetterBench(result));
}
