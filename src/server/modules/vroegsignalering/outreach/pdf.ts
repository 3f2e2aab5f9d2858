// Letters and cards as accessible, tagged PDF (PDF/UA identification, document language, a structure tree in
// reading order, title and metadata) with pdfkit. One font (DejaVu Sans) covers Latin and Arabic.
//
// Right-to-left: pdfkit lays text out word by word from left to right. We therefore break lines ourselves in
// logical order, run the Unicode bidirectional algorithm (bidi-js) per line, and draw the level runs in visual
// order. An Arabic run is handed to fontkit whole (the `features` option makes pdfkit shape it as one run): the
// OpenType shaper joins the letters (init/medi/fina forms) and puts the glyphs right to left. Each right-to-left
// line carries its logical text as ActualText, so copying and screen readers get the words in reading order.
import { createRequire } from 'node:module';
import path from 'node:path';
import bidiFactory from 'bidi-js';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { TEMPLATE_LANGUAGE_META, type TemplateLanguage } from '../../../../shared/schemas/outreach.ts';
import type { LetterBlock } from './template.ts';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONT_REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
export const FONT_BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

const bidi = bidiFactory();

export type LetterFormat = 'brief' | 'kaartje';

/**
 * What a letter is made of: the blocks of a template, and a bulleted list (tagged L > LI > Lbl + LBody), which
 * letters composed in code use (the household plan's list of documents to bring).
 */
export type PdfBlock = LetterBlock | { type: 'list'; items: string[] };

export type LetterInput = {
  format: LetterFormat;
  language: TemplateLanguage;
  subject: string;
  blocks: PdfBlock[];
  /** The municipality as sender (return address above the window). */
  sender: { name: string; returnAddress: string };
  /** Name and address lines for the envelope window; empty for a card put through the door. */
  recipient: { name: string; addressLines: string[] } | null;
  date: string;
  photo: { key: string; data: Buffer; alt: string } | null;
  qr: { url: string; alt: string } | null;
};

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;

const PAGE = {
  brief: { size: 'A4', margin: 62, body: 11, heading: 16, photo: 72, qr: 84 },
  kaartje: { size: 'A6', margin: 28, body: 9.5, heading: 12, photo: 52, qr: 60 },
} as const;

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const ISOLATES = /[\u2066-\u2069]/g;

/**
 * Wraps a merge value in a first-strong isolate (FSI … PDI) for right-to-left letters: a Dutch phone number,
 * name or link then stays in one piece in its own direction ("06-12345678", not "12345678-06").
 */
export function isolate(value: string): string {
  return value ? `\u2068${value}\u2069` : value;
}

/** The isolate marks steer the bidi algorithm only; they are never drawn or measured. */
export function withoutIsolates(text: string): string {
  return text.replace(ISOLATES, '');
}

/** Runs of one bidi level in visual order (rule L2), each with its text in logical order. */
export function visualRuns(line: string, direction: 'ltr' | 'rtl'): { text: string; rtl: boolean }[] {
  if (direction === 'ltr' && !RTL_LETTER.test(line)) return [{ text: withoutIsolates(line), rtl: false }];
  const { levels } = bidi.getEmbeddingLevels(line, direction);
  const runs: { start: number; end: number; level: number }[] = [];
  for (let i = 0; i < line.length; i++) {
    const level = levels[i] ?? 0;
    const last = runs.at(-1);
    if (last && last.level === level) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, level });
  }
  const max = Math.max(...runs.map((r) => r.level));
  const minOdd = Math.min(...runs.map((r) => (r.level % 2 === 1 ? r.level : Number.POSITIVE_INFINITY)));
  for (let level = max; level >= minOdd && Number.isFinite(minOdd); level--) {
    for (let i = 0; i < runs.length; ) {
      if ((runs[i]?.level ?? 0) < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && (runs[j]?.level ?? 0) >= level) j++;
      const reversed = runs.slice(i, j).reverse();
      runs.splice(i, j - i, ...reversed);
      i = j;
    }
  }
  return runs.flatMap((r): { text: string; rtl: boolean }[] => {
    const text = withoutIsolates(line.slice(r.start, r.end));
    if (!text) return [];
    const rtl = r.level % 2 === 1;
    if (!rtl) return [{ text, rtl }];
    // Brackets and the like face the other way in right-to-left text (rule L4).
    const mirrored = [...text].map((ch) => bidi.getMirroredCharacter(ch) ?? ch).join('');
    // Without an Arabic letter fontkit would not reverse the run (it only sees punctuation): do it here.
    return [{ text: RTL_LETTER.test(mirrored) ? mirrored : [...mirrored].reverse().join(''), rtl }];
  });
}

function shapeOptions(rtl: boolean, text: string) {
  // `features` makes pdfkit lay the run out as one piece, so fontkit can shape and order it right to left.
  return rtl && RTL_LETTER.test(text) ? { features: [] as PDFKit.Mixins.OpenTypeFeatures[] } : {};
}

function runWidth(doc: Doc, run: { text: string; rtl: boolean }): number {
  return doc.widthOfString(run.text, shapeOptions(run.rtl, run.text));
}

/** Greedy line breaking in logical order; a word longer than the line is cut. */
export function breakLines(doc: Doc, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const hard of text.split('\n')) {
    let line = '';
    for (const word of hard.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (doc.widthOfString(withoutIsolates(candidate)) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (doc.widthOfString(withoutIsolates(line)) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && doc.widthOfString(withoutIsolates(line.slice(0, cut))) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

type Frame = { left: number; right: number; top: number; bottom: number };

class LetterWriter {
  private y: number;

  constructor(
    private readonly doc: Doc,
    private readonly frame: Frame,
    /** Images opened in this document, by key: a batch embeds a worker's photo once. */
    private readonly images: Map<string, object>,
  ) {
    this.y = frame.top;
  }

  at(y: number) {
    this.y = y;
  }

  get cursor() {
    return this.y;
  }

  private ensureSpace(height: number, size: string) {
    if (this.y + height <= this.frame.bottom) return;
    this.doc.addPage({ size, margin: 0 });
    this.y = this.frame.top;
  }

  /** Draws a paragraph line by line, in the direction of its language; RTL lines carry their ActualText. */
  text(
    text: string,
    opts: {
      size: number;
      bold?: boolean;
      dir: 'ltr' | 'rtl';
      pageSize: string;
      gapAfter: number;
      left?: number;
      right?: number;
    },
  ) {
    const doc = this.doc;
    doc.font(opts.bold ? 'Bold' : 'Regular').fontSize(opts.size);
    const left = opts.left ?? this.frame.left;
    const right = opts.right ?? this.frame.right;
    const width = right - left;
    const lineHeight = opts.size * 1.45;
    for (const line of breakLines(doc, text, width)) {
      this.ensureSpace(lineHeight, opts.pageSize);
      const runs = visualRuns(line, opts.dir);
      const widths = runs.map((r) => runWidth(doc, r));
      const total = widths.reduce((a, b) => a + b, 0);
      let x = opts.dir === 'rtl' ? right - total : left;
      const mixed = runs.some((r) => r.rtl);
      if (mixed) doc.markContent('Span', { actual: withoutIsolates(line) });
      runs.forEach((run, i) => {
        doc.text(run.text, x, this.y, { lineBreak: false, ...shapeOptions(run.rtl, run.text) });
        x += widths[i] ?? 0;
      });
      if (mixed) doc.endMarkedContent();
      this.y += lineHeight;
    }
    this.y += opts.gapAfter;
  }

  image(key: string, data: Buffer, size: number, align: 'left' | 'right', pageSize: string) {
    this.ensureSpace(size, pageSize);
    let image = this.images.get(key);
    if (!image) {
      image = (this.doc as unknown as { openImage(src: Buffer): object }).openImage(data);
      this.images.set(key, image);
    }
    const x = align === 'left' ? this.frame.left : this.frame.right - size;
    this.doc.image(image as never, x, this.y, { fit: [size, size] });
    this.y += size + 10;
  }

  qr(url: string, size: number, align: 'left' | 'right', pageSize: string) {
    this.ensureSpace(size, pageSize);
    const matrix = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const quiet = 2;
    const cell = size / (matrix.size + 2 * quiet);
    const x0 = (align === 'left' ? this.frame.left : this.frame.right - size) + quiet * cell;
    const y0 = this.y + quiet * cell;
    // Dark modules as horizontal strips: a crisp vector code at a fraction of an image's size.
    for (let row = 0; row < matrix.size; row++) {
      let start = -1;
      for (let col = 0; col <= matrix.size; col++) {
        const dark = col < matrix.size && matrix.get(row, col);
        if (dark && start < 0) start = col;
        if (!dark && start >= 0) {
          this.doc.rect(x0 + start * cell, y0 + row * cell, (col - start) * cell, cell);
          start = -1;
        }
      }
    }
    this.doc.fillColor('black').fill();
    this.y += size + 10;
  }
}

/** Adds one letter (new page) to the document, as a section of the structure tree in its own language. */
function addLetter(
  doc: Doc,
  root: StructElement,
  letter: LetterInput,
  first: boolean,
  images: Map<string, object>,
) {
  const page = PAGE[letter.format];
  const meta = TEMPLATE_LANGUAGE_META[letter.language];
  const dir = meta.dir;
  if (!first) doc.addPage({ size: page.size, margin: 0 });
  const width = doc.page.width;
  const height = doc.page.height;
  const frame = {
    left: page.margin,
    right: width - page.margin,
    top: page.margin,
    bottom: height - page.margin,
  };
  const w = new LetterWriter(doc, frame, images);
  const section = doc.struct('Sect', { lang: letter.language, title: letter.subject });
  root.add(section);
  const pageSize = page.size;

  if (letter.format === 'brief') {
    // Dutch window envelope (left window): the address block is always on the left, whatever the language.
    const sender = doc.struct('P', { lang: 'nl' }, () => {
      w.at(frame.top);
      w.text(letter.sender.name, { size: 12, bold: true, dir: 'ltr', pageSize, gapAfter: 0 });
    });
    section.add(sender);
    if (letter.recipient) {
      const recipient = letter.recipient;
      section.add(
        doc.struct('P', { lang: 'nl' }, () => {
          w.at(136);
          w.text(letter.sender.returnAddress, { size: 7, dir: 'ltr', pageSize, gapAfter: 4, left: 70 });
          w.text([recipient.name, ...recipient.addressLines].join('\n'), {
            size: 10.5,
            dir: 'ltr',
            pageSize,
            gapAfter: 0,
            left: 70,
          });
        }),
      );
    }
    section.add(
      doc.struct('P', {}, () => {
        w.at(Math.max(w.cursor, 250));
        w.text(letter.date, { size: page.body, dir, pageSize, gapAfter: 18 });
      }),
    );
  }
  section.add(
    doc.struct('H1', {}, () => {
      w.text(letter.subject, { size: page.heading, bold: true, dir, pageSize, gapAfter: 10 });
    }),
  );
  const align = dir === 'rtl' ? 'right' : 'left';
  for (const block of letter.blocks) {
    if (block.type === 'heading') {
      section.add(
        doc.struct('H2', {}, () =>
          w.text(block.text, { size: page.body + 2, bold: true, dir, pageSize, gapAfter: 4 }),
        ),
      );
    } else if (block.type === 'paragraph') {
      section.add(
        doc.struct('P', {}, () =>
          w.text(block.text, { size: page.body, dir, pageSize, gapAfter: page.body * 0.8 }),
        ),
      );
    } else if (block.type === 'list') {
      const list = doc.struct('L');
      section.add(list);
      const indent = page.body * 1.6;
      for (const item of block.items) {
        const li = doc.struct('LI');
        list.add(li);
        // The bullet is a label of its own (Lbl), on the side where the reading starts.
        li.add(
          doc.struct('Lbl', {}, () => {
            w.text('•', { size: page.body, dir, pageSize, gapAfter: 0 });
            // Back to the bullet's line (after any page break it caused), for the item's text beside it.
            w.at(w.cursor - page.body * 1.45);
          }),
        );
        li.add(
          doc.struct('LBody', {}, () =>
            w.text(item, {
              size: page.body,
              dir,
              pageSize,
              gapAfter: page.body * 0.3,
              ...(dir === 'rtl' ? { right: frame.right - indent } : { left: frame.left + indent }),
            }),
          ),
        );
        li.end();
      }
      list.end();
      w.at(w.cursor + page.body * 0.5);
    } else if (block.field === 'foto' && letter.photo) {
      const photo = letter.photo;
      section.add(
        doc.struct('Figure', { alt: photo.alt }, () =>
          w.image(photo.key, photo.data, page.photo, align, pageSize),
        ),
      );
    } else if (block.field === 'qr' && letter.qr) {
      const qr = letter.qr;
      section.add(doc.struct('Figure', { alt: qr.alt }, () => w.qr(qr.url, page.qr, align, pageSize)));
    }
  }
  section.end();
}

export type PdfMeta = { title: string; author: string; language: TemplateLanguage };

/** Renders letters into one tagged PDF; the document language is the first letter's (each section has its own). */
export function renderLettersPdf(letters: LetterInput[], meta: PdfMeta): Promise<Buffer> {
  const firstFormat = letters[0]?.format ?? 'brief';
  const doc = new PDFDocument({
    size: PAGE[firstFormat].size,
    margin: 0,
    pdfVersion: '1.7',
    tagged: true,
    // PDF/UA identification (pdfkit supports it; its type definitions do not know it yet).
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    lang: meta.language,
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.title,
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
  const root = doc.struct('Document');
  doc.addStructure(root);
  const images = new Map<string, object>();
  letters.forEach((letter, i) => {
    addLetter(doc, root, letter, i === 0, images);
  });
  root.end();
  doc.end();
  return done;
}
