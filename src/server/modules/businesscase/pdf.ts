// The business-case view as an accessible, tagged PDF (PDF/UA identification, document language, a structure tree
// in reading order: title, period, one table per intervention type, then every assumption with its source), so the
// figures can go into a council letter with their assumptions attached.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { BusinessCaseRow, BusinessCaseView } from '../../../shared/schemas/businesscase.ts';
import { SUPPRESSED_DISPLAY, SUPPRESSION_THRESHOLD } from '../../../shared/suppression.ts';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

type Lang = 'nl' | 'en';

const T = {
  title: { nl: 'Businesscase per interventie', en: 'Business case per intervention' },
  period: { nl: 'Periode', en: 'Period' },
  scenario: { nl: 'Scenario', en: 'Scenario' },
  priceList: { nl: 'Prijslijst versie', en: 'Price list version' },
  none: { nl: 'geen', en: 'none' },
  total: { nl: 'Totaal', en: 'Total' },
  interventions: { nl: 'Interventies', en: 'Interventions' },
  households: { nl: 'Huishoudens', en: 'Households' },
  costs: { nl: 'Kosten (geld en uren)', en: 'Costs (money and hours)' },
  avoided: { nl: 'Waarschijnlijk vermeden kosten', en: 'Likely avoided costs' },
  ratio: { nl: 'Verhouding', en: 'Ratio' },
  assumptions: { nl: 'Aannames', en: 'Assumptions' },
  hourlyRate: { nl: 'Uurtarief', en: 'Hourly rate' },
  index: { nl: 'Indexatie per jaar', en: 'Yearly index' },
  probability: {
    nl: 'Kans dat het risico zich had voorgedaan',
    en: 'Probability the risk would have occurred',
  },
  spread: { nl: 'Onzekerheid van de prijs', en: 'Uncertainty of the price' },
  prices: { nl: 'Maatschappelijke prijzen en bronnen', en: 'Societal prices and sources' },
  example: { nl: 'voorbeeldwaarde, geen bron', en: 'example value, not sourced' },
  missing: { nl: 'Zonder prijs (telt als 0)', en: 'Without a price (counted as 0)' },
  range: { nl: 'tot', en: 'to' },
  suppressed: {
    nl:
      `Kleine aantallen zijn verborgen (${SUPPRESSED_DISPLAY}): een cijfer over minder dan ${SUPPRESSION_THRESHOLD} ` +
      'huishoudens (een risico: minder dan 5 keer vastgelegd), en een cijfer waaruit zo’n cijfer terug te rekenen is.',
    en:
      `Small numbers are hidden (${SUPPRESSED_DISPLAY}): a figure about fewer than ${SUPPRESSION_THRESHOLD} ` +
      'households (a risk: recorded fewer than 5 times), and a figure from which such a figure could be worked out.',
  },
  confidence: {
    nl: { laag: 'laag', midden: 'midden', hoog: 'hoog' },
    en: { laag: 'low', midden: 'medium', hoog: 'high' },
  },
} as const;

export function renderBusinessCasePdf(
  view: BusinessCaseView,
  lang: Lang,
  municipality: string,
): Promise<Buffer> {
  const title = `${T.title[lang]} – ${municipality}`;
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  });
  const eur = (cents: number) => money.format(cents / 100);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    lang,
    displayTitle: true,
    info: {
      Title: title,
      Author: 'Vangnet',
      Subject: T.title[lang],
      Creator: 'Vangnet',
      Producer: 'Vangnet',
    },
  });
  doc.registerFont('Regular', FONT_REGULAR);
  doc.registerFont('Bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  const draw = (
    parent: PDFKit.PDFStructureElement,
    type: string,
    text: string,
    o: { size?: number; bold?: boolean; gap?: number; indent?: number } = {},
  ) => {
    doc.font(o.bold ? 'Bold' : 'Regular').fontSize(o.size ?? 10);
    const w = width - (o.indent ?? 0);
    if (doc.y + doc.heightOfString(text, { width: w }) > bottom()) doc.addPage();
    parent.add(
      doc.struct(type, {}, () => {
        doc.text(text, left + (o.indent ?? 0), doc.y, { width: w });
      }),
    );
    doc.moveDown(o.gap ?? 0.3);
  };
  const list = (parent: PDFKit.PDFStructureElement, items: string[]) => {
    const l = doc.struct('L');
    parent.add(l);
    for (const item of items) {
      const li = doc.struct('LI');
      l.add(li);
      draw(li, 'LBody', `• ${item}`, { indent: 10, gap: 0.15 });
      li.end();
    }
    l.end();
  };
  const ratio = (r: BusinessCaseRow) =>
    r.ratioLow === null || r.ratioHigh === null ? '–' : `${r.ratioLow} ${T.range[lang]} ${r.ratioHigh}`;
  // A suppressed row or risk prints "<5" for its figures, never a number.
  const figures = (r: BusinessCaseRow): string[] => {
    if (r.suppressed) {
      return [T.interventions, T.households, T.costs, T.avoided, T.ratio].map(
        (label) => `${label[lang]}: ${SUPPRESSED_DISPLAY}`,
      );
    }
    const n = (v: number | null) => v ?? 0;
    return [
      `${T.interventions[lang]}: ${n(r.interventions)}`,
      `${T.households[lang]}: ${n(r.households)}`,
      `${T.costs[lang]}: ${eur(n(r.costsCents))} (${eur(n(r.moneyCents))} + ${n(r.hours)} h = ${eur(n(r.hourCostsCents))})`,
      `${T.avoided[lang]}: ${eur(n(r.avoidedLowCents))} ${T.range[lang]} ${eur(n(r.avoidedHighCents))}`,
      `${T.ratio[lang]}: ${ratio(r)}`,
      ...r.risks.map((k) =>
        k.suppressed || k.avoidedLowCents === null || k.avoidedHighCents === null
          ? `${k.label ?? k.riskCode}: ${SUPPRESSED_DISPLAY}`
          : `${k.label ?? k.riskCode}: ${k.outcomes} × → ${eur(k.avoidedLowCents)} ${T.range[lang]} ${eur(k.avoidedHighCents)}`,
      ),
    ];
  };
  const section = (parent: PDFKit.PDFStructureElement, heading: string, r: BusinessCaseRow) => {
    const sect = doc.struct('Sect');
    parent.add(sect);
    draw(sect, 'H2', heading, { size: 13, bold: true, gap: 0.2 });
    list(sect, figures(r));
    sect.end();
  };

  const root = doc.struct('Document');
  doc.addStructure(root);
  draw(root, 'H1', title, { size: 18, bold: true, gap: 0.3 });
  draw(root, 'P', `${T.period[lang]}: ${view.from} – ${view.to}`);
  draw(root, 'P', `${T.scenario[lang]}: ${view.scenario?.name ?? T.none[lang]}`);
  draw(
    root,
    'P',
    `${T.priceList[lang]}: ${view.priceList ? `${view.priceList.version} (${view.priceList.validFrom})` : T.none[lang]}`,
    {
      gap: view.suppressed ? 0.3 : 0.6,
    },
  );
  if (view.suppressed) draw(root, 'P', T.suppressed[lang], { gap: 0.6 });
  section(root, T.total[lang], view.total);
  for (const r of view.rows) section(root, r.interventionType, r);

  const a = view.assumptions;
  const sect = doc.struct('Sect');
  root.add(sect);
  draw(sect, 'H2', T.assumptions[lang], { size: 13, bold: true, gap: 0.2 });
  const conf = T.confidence[lang];
  list(sect, [
    `${T.hourlyRate[lang]}: ${eur(a.hourlyRateCents)}`,
    `${T.index[lang]}: ${a.indexPercent}%`,
    ...(['laag', 'midden', 'hoog'] as const).map(
      (c) =>
        `${T.probability[lang]} (${conf[c]}): ${a.probability[c][0]} ${T.range[lang]} ${a.probability[c][1]}`,
    ),
    ...(['laag', 'midden', 'hoog'] as const).map(
      (c) => `${T.spread[lang]} (${conf[c]}): ±${a.priceSpread[c] * 100}%`,
    ),
  ]);
  draw(sect, 'H3', T.prices[lang], { size: 11, bold: true, gap: 0.2 });
  list(
    sect,
    a.prices.map(
      (p) =>
        `${p.label} (${p.code}): ${eur(p.amountCents)} ${p.unit}, ${p.priceYear}; ${p.source}` +
        `${p.isExample ? ` [${T.example[lang]}]` : ''}`,
    ),
  );
  if (view.missingPrices.length > 0) draw(sect, 'P', `${T.missing[lang]}: ${view.missingPrices.join(', ')}`);
  sect.end();
  root.end();
  doc.end();
  return done;
}
