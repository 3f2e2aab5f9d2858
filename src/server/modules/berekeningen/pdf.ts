// A calculation as an accessible, tagged PDF (PDF/UA identification, document language, a structure tree in reading
// order: title, outcome, steps, parameters with their sources, warnings), so a worker can hand a resident the
// explanation on paper. The engine writes its steps in Dutch: those parts are tagged lang="nl" in an English PDF.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Regel, Toelichting } from '../../../shared/schemas/berekeningen.ts';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

type Lang = 'nl' | 'en';
type T = Record<Lang, string>;

const TITLES: Record<Regel, T> = {
  'beslagvrije-voet': {
    nl: 'Berekening beslagvrije voet',
    en: 'Calculation of the protected income (beslagvrije voet)',
  },
  bijstandsnorm: { nl: 'Berekening bijstandsnorm', en: 'Calculation of the social assistance norm' },
  zorgtoeslag: { nl: 'Berekening zorgtoeslag', en: 'Calculation of the healthcare allowance' },
  huurtoeslag: { nl: 'Berekening huurtoeslag', en: 'Calculation of the rent benefit' },
  'kindgebonden-budget': {
    nl: 'Berekening kindgebonden budget',
    en: 'Calculation of the child-related budget',
  },
};

const LABELS: Record<string, T> = {
  beslagvrijeVoet: { nl: 'Beslagvrije voet per maand', en: 'Protected income per month' },
  afloscapaciteit: { nl: 'Afloscapaciteit per maand', en: 'Repayment capacity per month' },
  inkomensgroep: { nl: 'Inkomensgroep', en: 'Income group' },
  formule: { nl: 'Formule', en: 'Formula' },
  maximum: { nl: 'Maximum voor deze leefsituatie', en: 'Maximum for this living situation' },
  normPerMaand: { nl: 'Norm per maand (met vakantietoeslag)', en: 'Norm per month (with holiday allowance)' },
  normExclVakantietoeslag: { nl: 'Norm zonder vakantietoeslag', en: 'Norm without holiday allowance' },
  vakantietoeslagPerMaand: { nl: 'Vakantietoeslag per maand', en: 'Holiday allowance per month' },
  categorie: { nl: 'Categorie', en: 'Category' },
  zorgtoeslagPerMaand: { nl: 'Zorgtoeslag per maand', en: 'Healthcare allowance per month' },
  zorgtoeslagPerJaar: { nl: 'Zorgtoeslag per jaar', en: 'Healthcare allowance per year' },
  huurtoeslagPerMaand: { nl: 'Huurtoeslag per maand', en: 'Rent benefit per month' },
  huurtoeslagPerJaar: { nl: 'Huurtoeslag per jaar', en: 'Rent benefit per year' },
  systeem: { nl: 'Systeem', en: 'System' },
  kindgebondenBudgetPerMaand: { nl: 'Kindgebonden budget per maand', en: 'Child-related budget per month' },
  kindgebondenBudgetPerJaar: { nl: 'Kindgebonden budget per jaar', en: 'Child-related budget per year' },
};

const UI: Record<string, T> = {
  peildatum: { nl: 'Peildatum', en: 'Reference date' },
  uitkomst: { nl: 'Uitkomst', en: 'Outcome' },
  stappen: { nl: 'Zo is het bedrag berekend', en: 'How the amount was calculated' },
  parameters: { nl: 'Gebruikte bedragen en bronnen', en: 'Amounts used and their sources' },
  waarschuwingen: { nl: 'Let op', en: 'Please note' },
  betrouwbaarheid: { nl: 'Betrouwbaarheid', en: 'Reliability' },
  vanaf: { nl: 'geldig vanaf', en: 'in force from' },
  status: { nl: 'status', en: 'status' },
  bron: { nl: 'Bron', en: 'Source' },
  wet: { nl: 'Wet', en: 'Law' },
  artikel: { nl: 'artikel', en: 'article' },
};

const STATUS: Record<string, T> = {
  gepubliceerd: { nl: 'gepubliceerd', en: 'published' },
  afgeleid: { nl: 'afgeleid', en: 'derived' },
  onzeker: { nl: 'onzeker (niet gecontroleerd)', en: 'uncertain (not verified)' },
};

type Result = { regel: Regel; peildatum: string; toelichting: Toelichting } & Record<string, unknown>;

/** Renders one explained result as a tagged PDF. */
export function renderBerekeningPdf(result: Result, lang: Lang): Promise<Buffer> {
  const title = TITLES[result.regel][lang];
  const money = new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    lang,
    displayTitle: true,
    info: { Title: title, Author: 'Vangnet', Subject: title, Creator: 'Vangnet', Producer: 'Vangnet' },
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

  /** One structure element with its text; a new page first when the text would not fit (no split elements). */
  const draw = (
    parent: PDFKit.PDFStructureElement,
    type: string,
    text: string,
    o: { size?: number; bold?: boolean; lang?: Lang; gap?: number; indent?: number } = {},
  ) => {
    doc.font(o.bold ? 'Bold' : 'Regular').fontSize(o.size ?? 10.5);
    const w = width - (o.indent ?? 0);
    if (doc.y + doc.heightOfString(text, { width: w }) > bottom()) doc.addPage();
    parent.add(
      doc.struct(type, o.lang && o.lang !== lang ? { lang: o.lang } : {}, () => {
        doc.text(text, left + (o.indent ?? 0), doc.y, { width: w });
      }),
    );
    doc.moveDown(o.gap ?? 0.4);
  };
  const list = (parent: PDFKit.PDFStructureElement, items: { text: string; lang?: Lang }[]) => {
    const l = doc.struct('L');
    parent.add(l);
    for (const item of items) {
      const li = doc.struct('LI');
      l.add(li);
      draw(li, 'LBody', `• ${item.text}`, { indent: 10, lang: item.lang, gap: 0.25 });
      li.end();
    }
    l.end();
  };

  const root = doc.struct('Document');
  doc.addStructure(root);
  draw(root, 'H1', title, { size: 18, bold: true, gap: 0.3 });
  draw(root, 'P', `${UI.peildatum?.[lang]}: ${result.peildatum}`);

  const fmt = (v: unknown) => (typeof v === 'number' ? money.format(v) : String(v));
  draw(root, 'H2', UI.uitkomst?.[lang] ?? '', { size: 13, bold: true, gap: 0.2 });
  list(
    root,
    Object.entries(result)
      .filter(([k]) => LABELS[k])
      .map(([k, v]) => ({ text: `${LABELS[k]?.[lang]}: ${fmt(v)}` })),
  );
  doc.moveDown(0.4);
  draw(root, 'P', `${UI.betrouwbaarheid?.[lang]}: ${STATUS[result.toelichting.betrouwbaarheid]?.[lang]}`);

  draw(root, 'H2', UI.stappen?.[lang] ?? '', { size: 13, bold: true, gap: 0.2 });
  list(
    root,
    result.toelichting.stappen.map((s) => ({
      text: `${s.omschrijving}${s.bedrag === null ? '' : `: ${money.format(s.bedrag)}`}${s.wet ? ` (${s.wet})` : ''}`,
      lang: 'nl' as const,
    })),
  );
  doc.moveDown(0.4);

  draw(root, 'H2', UI.parameters?.[lang] ?? '', { size: 13, bold: true, gap: 0.2 });
  list(
    root,
    result.toelichting.parameters.map((p) => ({
      text:
        `${p.omschrijving}: ${p.eenheid === 'euro' ? money.format(p.waarde) : `${p.waarde} ${p.eenheid}`} ` +
        `(${UI.vanaf?.[lang]} ${p.geldigVanaf}; ${UI.status?.[lang]} ${STATUS[p.status]?.[lang]}). ` +
        `${UI.wet?.[lang]}: ${p.wet.bwbr} ${UI.artikel?.[lang]} ${p.wet.artikel}. ` +
        `${UI.bron?.[lang]}: ${p.bron.titel}${p.bron.url ? ` ${p.bron.url}` : ''}`,
      lang: 'nl' as const,
    })),
  );
  doc.moveDown(0.4);

  if (result.toelichting.waarschuwingen.length > 0) {
    draw(root, 'H2', UI.waarschuwingen?.[lang] ?? '', { size: 13, bold: true, gap: 0.2 });
    list(
      root,
      result.toelichting.waarschuwingen.map((w) => ({ text: w, lang: 'nl' as const })),
    );
  }
  root.end();
  doc.end();
  return done;
}
