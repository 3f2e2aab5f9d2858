// CSV and printable PDF of the monitor: both print the `display` of the same presented cells as the dashboard, so
// the three agree by construction (and monitor.db.test.ts checks it).

import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import type { MonitorResponse, MonitorRow } from '../../../shared/schemas/reporting.ts';
import { INDICATOR_LABELS, type Language } from './presenter.ts';

type Texts = Record<
  | 'title'
  | 'period'
  | 'previous'
  | 'wijk'
  | 'all'
  | 'indicator'
  | 'category'
  | 'current'
  | 'suppressed'
  | 'region'
  | 'municipality'
  | 'code'
  | 'id',
  string
>;
const TEXT: Record<Language, Texts> = {
  nl: {
    title: 'Monitor vroegsignalering',
    period: 'Periode',
    previous: 'Vorige periode',
    wijk: 'Wijk',
    all: 'hele gemeente',
    indicator: 'Indicator',
    category: 'Categorie',
    current: 'Deze periode',
    suppressed: 'Cellen met minder dan 5 inwoners zijn verborgen (<5).',
    region: 'Gemeenten in de regio naast elkaar',
    municipality: 'Gemeente',
    code: 'Gemeentecode',
    id: 'Indicator-id',
  },
  en: {
    title: 'Early-signalling monitor',
    period: 'Period',
    previous: 'Previous period',
    wijk: 'District (wijk)',
    all: 'whole municipality',
    indicator: 'Indicator',
    category: 'Category',
    current: 'This period',
    suppressed: 'Cells based on fewer than 5 residents are hidden (<5).',
    region: 'Municipalities of the region side by side',
    municipality: 'Municipality',
    code: 'Municipality code',
    id: 'Indicator id',
  },
};

function municipalities(d: MonitorResponse) {
  return d.region ?? [d.municipality];
}

export function monitorCsv(d: MonitorResponse, language: Language): string {
  const t = TEXT[language];
  const labels = INDICATOR_LABELS[language];
  const header = [
    t.code,
    t.municipality,
    t.id,
    t.indicator,
    t.category,
    `${t.current} ${d.period.van}/${d.period.tot}`,
    `${t.previous} ${d.previousPeriod.van}/${d.previousPeriod.tot}`,
  ];
  const records: string[][] = [];
  for (const m of municipalities(d)) {
    for (const r of m.rows) {
      records.push([
        m.cbsCode,
        m.name,
        r.indicator,
        labels[r.indicator as keyof typeof labels],
        r.category ?? '',
        r.current.display,
        r.previous.display,
      ]);
    }
  }
  // A byte order mark so spreadsheet programs read the UTF-8 correctly.
  return `\uFEFF${stringify([header, ...records], { delimiter: ';' })}`;
}

/** A printable A4 report: per municipality a table of every indicator, this period against the previous one. */
export function monitorPdf(d: MonitorResponse, language: Language): Promise<Buffer> {
  const t = TEXT[language];
  const labels = INDICATOR_LABELS[language];
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    compress: false,
    info: { Title: `${t.title} ${d.municipality.name}`, Author: 'Vangnet' },
    lang: language === 'nl' ? 'nl-NL' : 'en-GB',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.font('Helvetica-Bold').fontSize(18).text(`${t.title}: ${d.municipality.name}`);
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
  doc.text(
    `${t.period}: ${d.period.van} – ${d.period.tot}    ${t.previous}: ${d.previousPeriod.van} – ${d.previousPeriod.tot}`,
  );
  doc.text(`${t.wijk}: ${d.wijk ? `${d.wijk.name} (${d.wijk.code})` : t.all}`);
  if (d.suppressed) doc.text(t.suppressed);

  const columns = [48, 300, 430, 500];
  const row = (cells: string[], bold = false) => {
    if (doc.y > 770) doc.addPage();
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const heights = cells.map((c, i) => {
      const width = (columns[i + 1] ?? 547) - (columns[i] ?? 48) - 6;
      doc.text(c, columns[i] ?? 48, y, { width });
      return doc.y - y;
    });
    doc.x = 48;
    doc.y = y + Math.max(...heights) + 2;
  };
  const table = (rows: MonitorRow[]) => {
    row([t.indicator, t.category, t.current, t.previous].map(String), true);
    for (const r of rows) {
      row([
        labels[r.indicator as keyof typeof labels],
        r.category ?? '',
        r.current.display,
        r.previous.display,
      ]);
    }
  };
  for (const m of municipalities(d)) {
    doc.moveDown(1).font('Helvetica-Bold').fontSize(13).text(`${m.name} (${m.cbsCode})`, 48);
    doc.moveDown(0.3);
    table(m.rows);
  }
  doc.end();
  return done;
}
