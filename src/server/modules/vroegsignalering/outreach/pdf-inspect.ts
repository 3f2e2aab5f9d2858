// A small reader for the PDFs we make, for tests: objects, streams (Flate), the catalog, the structure tree and
// the text of each marked-content sequence decoded through the fonts' ToUnicode maps. It honours ActualText,
// like screen readers and text extraction do. It reads pdfkit's output, not every PDF in the world.
import { inflateSync } from 'node:zlib';

export type PdfValue =
  | null
  | boolean
  | number
  | string
  | { name: string }
  | { ref: number }
  | { hex: string }
  | PdfValue[]
  | { dict: Record<string, PdfValue> };

type Token = { op: string } | PdfValue;

const DELIM = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);
const WS = /[\s\0]/;

function decodeLiteral(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = raw[++i] ?? '';
    const map: Record<string, string> = {
      n: '\n',
      r: '\r',
      t: '\t',
      b: '\b',
      f: '\f',
      '(': '(',
      ')': ')',
      '\\': '\\',
    };
    if (map[next] !== undefined) out += map[next];
    else if (/[0-7]/.test(next)) {
      let oct = next;
      while (oct.length < 3 && /[0-7]/.test(raw[i + 1] ?? '')) oct += raw[++i];
      out += String.fromCharCode(Number.parseInt(oct, 8));
    } else if (next === '\n' || next === '\r') {
      // line continuation
    } else out += next;
  }
  return out;
}

/** PDF text strings: UTF-16BE with a byte order mark, or PDFDocEncoding (treated as Latin-1). */
export function textString(v: PdfValue | undefined): string | undefined {
  let bytes: string;
  if (typeof v === 'string') bytes = v;
  else if (v && typeof v === 'object' && 'hex' in v) bytes = Buffer.from(v.hex, 'hex').toString('latin1');
  else return undefined;
  if (bytes.startsWith('\xfe\xff')) {
    const buf = Buffer.from(bytes.slice(2), 'latin1');
    let out = '';
    for (let i = 0; i + 1 < buf.length; i += 2)
      out += String.fromCharCode(((buf[i] ?? 0) << 8) | (buf[i + 1] ?? 0));
    return out;
  }
  return bytes;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (WS.test(ch)) {
      i++;
      continue;
    }
    if (ch === '%') {
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
      continue;
    }
    if (ch === '/') {
      let j = i + 1;
      while (j < src.length && !WS.test(src[j] as string) && !DELIM.has(src[j] as string)) j++;
      tokens.push({ name: src.slice(i + 1, j) });
      i = j;
      continue;
    }
    if (ch === '(') {
      let depth = 1;
      let j = i + 1;
      while (j < src.length && depth > 0) {
        if (src[j] === '\\') j += 2;
        else {
          if (src[j] === '(') depth++;
          else if (src[j] === ')') depth--;
          j++;
        }
      }
      tokens.push(decodeLiteral(src.slice(i + 1, j - 1)));
      i = j;
      continue;
    }
    if (ch === '<' && src[i + 1] === '<') {
      tokens.push({ op: '<<' });
      i += 2;
      continue;
    }
    if (ch === '>' && src[i + 1] === '>') {
      tokens.push({ op: '>>' });
      i += 2;
      continue;
    }
    if (ch === '<') {
      const j = src.indexOf('>', i);
      tokens.push({ hex: src.slice(i + 1, j).replace(/\s+/g, '') });
      i = j + 1;
      continue;
    }
    if (ch === '[' || ch === ']') {
      tokens.push({ op: ch });
      i++;
      continue;
    }
    let j = i;
    while (j < src.length && !WS.test(src[j] as string) && !DELIM.has(src[j] as string)) j++;
    if (j === i) j++;
    const word = src.slice(i, j);
    i = j;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) tokens.push(Number(word));
    else if (word === 'true' || word === 'false') tokens.push(word === 'true');
    else if (word === 'null') tokens.push(null);
    else tokens.push({ op: word });
  }
  return tokens;
}

function isOp(t: Token | undefined, op?: string): t is { op: string } {
  return (
    typeof t === 'object' && t !== null && !Array.isArray(t) && 'op' in t && (op === undefined || t.op === op)
  );
}

/** Folds tokens into values: arrays, dictionaries and `n 0 R` references; operators stay as they are. */
function fold(tokens: Token[]): Token[] {
  const out: Token[] = [];
  const stack: { kind: '[' | '<<'; items: Token[] }[] = [];
  const push = (t: Token) => (stack.at(-1)?.items ?? out).push(t);
  for (const t of tokens) {
    if (isOp(t, '[') || isOp(t, '<<')) {
      stack.push({ kind: t.op as '[' | '<<', items: [] });
      continue;
    }
    if (isOp(t, ']') || isOp(t, '>>')) {
      const frame = stack.pop();
      if (!frame) continue;
      if (frame.kind === '[') push(frame.items as PdfValue[]);
      else {
        const dict: Record<string, PdfValue> = {};
        for (let k = 0; k + 1 < frame.items.length; k += 2) {
          const key = frame.items[k] as { name: string };
          dict[key.name] = frame.items[k + 1] as PdfValue;
        }
        push({ dict });
      }
      continue;
    }
    if (isOp(t, 'R')) {
      const items = stack.at(-1)?.items ?? out;
      items.pop();
      const num = items.pop() as number;
      push({ ref: num });
      continue;
    }
    push(t);
  }
  return out;
}

export type PdfObject = { num: number; value: PdfValue; stream?: Buffer };

export class PdfFile {
  readonly objects = new Map<number, PdfObject>();

  constructor(readonly bytes: Buffer) {
    const src = bytes.toString('latin1');
    const re = /(\d+) 0 obj\b/g;
    for (let m = re.exec(src); m; m = re.exec(src)) {
      const num = Number(m[1]);
      const start = m.index + m[0].length;
      const streamAt = src.indexOf('stream', start);
      const endAt = src.indexOf('endobj', start);
      let value: PdfValue;
      let stream: Buffer | undefined;
      if (streamAt !== -1 && streamAt < endAt) {
        value = fold(tokenize(src.slice(start, streamAt)))[0] as PdfValue;
        const dict = (value as { dict: Record<string, PdfValue> }).dict;
        let length = dict.Length as number | { ref: number };
        if (typeof length !== 'number') {
          const lenObj = src.match(new RegExp(`\\b${length.ref} 0 obj\\s*(\\d+)`));
          length = Number(lenObj?.[1]);
        }
        let dataStart = streamAt + 'stream'.length;
        if (src[dataStart] === '\r') dataStart++;
        if (src[dataStart] === '\n') dataStart++;
        stream = bytes.subarray(dataStart, dataStart + length);
        const filter = dict.Filter as { name: string } | undefined;
        if (filter?.name === 'FlateDecode') stream = inflateSync(stream);
        re.lastIndex = src.indexOf('endstream', dataStart + length);
      } else {
        value = fold(tokenize(src.slice(start, endAt)))[0] as PdfValue;
        re.lastIndex = endAt;
      }
      this.objects.set(num, { num, value, ...(stream ? { stream } : {}) });
    }
  }

  resolve(v: PdfValue | undefined): PdfValue | undefined {
    let current = v;
    for (let i = 0; i < 20 && current && typeof current === 'object' && 'ref' in current; i++)
      current = this.objects.get(current.ref)?.value;
    return current;
  }

  dict(v: PdfValue | undefined): Record<string, PdfValue> {
    const r = this.resolve(v);
    return r && typeof r === 'object' && 'dict' in r ? r.dict : {};
  }

  get catalog(): Record<string, PdfValue> {
    for (const o of this.objects.values()) {
      const d = this.dict(o.value);
      if ((d.Type as { name?: string } | undefined)?.name === 'Catalog') return d;
    }
    throw new Error('no catalog');
  }

  get info(): Record<string, string> {
    const trailer = this.bytes.toString('latin1').match(/trailer\s*<<[\s\S]*?\/Info (\d+) 0 R/);
    const d = this.dict(trailer ? { ref: Number(trailer[1]) } : undefined);
    return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, textString(this.resolve(v)) ?? '']));
  }

  /** The pages in order. */
  pages(): { ref: number; dict: Record<string, PdfValue> }[] {
    const out: { ref: number; dict: Record<string, PdfValue> }[] = [];
    const walk = (v: PdfValue | undefined) => {
      const d = this.dict(v);
      if ((d.Type as { name?: string }).name === 'Page')
        out.push({ ref: (v as { ref: number }).ref, dict: d });
      else for (const kid of (this.resolve(d.Kids) as PdfValue[]) ?? []) walk(kid);
    };
    walk(this.catalog.Pages);
    return out;
  }

  private cmaps = new Map<number, Map<number, string>>();

  private toUnicode(fontRef: PdfValue): Map<number, string> {
    const ref = (fontRef as { ref: number }).ref;
    const cached = this.cmaps.get(ref);
    if (cached) return cached;
    const map = new Map<number, string>();
    const tu = this.dict(fontRef).ToUnicode as { ref: number } | undefined;
    const stream = tu ? this.objects.get(tu.ref)?.stream?.toString('latin1') : undefined;
    const utf16 = (hex: string) => {
      let s = '';
      for (let i = 0; i < hex.length; i += 4)
        s += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
      return s;
    };
    for (const block of stream?.matchAll(/beginbfchar([\s\S]*?)endbfchar/g) ?? [])
      for (const m of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
        map.set(Number.parseInt(m[1] ?? '0', 16), utf16((m[2] ?? '').replace(/\s+/g, '')));
    for (const block of stream?.matchAll(/beginbfrange([\s\S]*?)endbfrange/g) ?? []) {
      for (const m of (block[1] ?? '').matchAll(
        /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]*>)/g,
      )) {
        const lo = Number.parseInt(m[1] ?? '0', 16);
        const hi = Number.parseInt(m[2] ?? '0', 16);
        const dst = m[3] ?? '';
        if (dst.startsWith('[')) {
          const items = [...dst.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((x) =>
            utf16((x[1] ?? '').replace(/\s+/g, '')),
          );
          for (let c = lo; c <= hi; c++) map.set(c, items[c - lo] ?? '');
        } else {
          const base = Number.parseInt(dst.slice(1, -1), 16);
          for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(base + c - lo));
        }
      }
    }
    this.cmaps.set(ref, map);
    return map;
  }

  /**
   * The marked-content sequences of a page in content order: MCID, text (ActualText where given), and the glyph
   * codes with the text each maps to (to see that shaped forms are distinct glyphs).
   */
  markedContent(page: { dict: Record<string, PdfValue> }) {
    const resources = this.dict(page.dict.Resources);
    const fonts = this.dict(resources.Font);
    const contents = this.resolve(page.dict.Contents);
    const refs = Array.isArray(contents) ? contents : [page.dict.Contents];
    const src = refs
      .map((r) => this.objects.get((r as { ref: number }).ref)?.stream?.toString('latin1') ?? '')
      .join('\n');
    const tokens = fold(tokenize(src));
    type Seq = { mcid: number | null; tag: string; text: string; glyphs: { code: number; text: string }[] };
    const sequences: Seq[] = [];
    const stack: { seq: Seq | null; actual: string | null; captured: string }[] = [];
    let font: Map<number, string> = new Map();
    let lastY: number | null = null;
    const operands: Token[] = [];
    const emit = (code: number, text: string) => {
      const top = stack.at(-1);
      const seq = [...stack].reverse().find((s) => s.seq)?.seq;
      seq?.glyphs.push({ code, text });
      if (stack.some((s) => s.actual !== null)) return;
      if (seq) seq.text += text;
      if (top) top.captured += text;
    };
    const show = (v: Token) => {
      if (v && typeof v === 'object' && 'hex' in v) {
        for (let i = 0; i < v.hex.length; i += 4) {
          const code = Number.parseInt(v.hex.slice(i, i + 4), 16);
          emit(code, font.get(code) ?? '\ufffd');
        }
      }
    };
    for (const t of tokens) {
      if (!isOp(t)) {
        operands.push(t);
        continue;
      }
      const args = operands.splice(0);
      switch (t.op) {
        case 'Tf':
          font = this.toUnicode(fonts[(args[0] as { name: string }).name] as PdfValue);
          break;
        case 'Tm': {
          const y = args[5] as number;
          const seq = [...stack].reverse().find((s) => s.seq)?.seq;
          if (seq && lastY !== null && Math.abs(y - lastY) > 0.5 && seq.text && !seq.text.endsWith('\n'))
            seq.text += '\n';
          lastY = y;
          break;
        }
        case 'TJ':
          for (const item of (args[0] as Token[]) ?? []) show(item);
          break;
        case 'Tj':
          show(args[0] as Token);
          break;
        case 'BMC':
          stack.push({ seq: null, actual: null, captured: '' });
          break;
        case 'BDC': {
          const tag = (args[0] as { name: string }).name;
          const props = (args[1] as { dict?: Record<string, PdfValue> })?.dict ?? {};
          const actual = textString(props.ActualText) ?? null;
          if (typeof props.MCID === 'number') {
            const seq: Seq = { mcid: props.MCID, tag, text: '', glyphs: [] };
            sequences.push(seq);
            stack.push({ seq, actual, captured: '' });
          } else {
            const enclosing = [...stack].reverse().find((s) => s.seq)?.seq;
            if (actual !== null && enclosing && !stack.some((s) => s.actual !== null))
              enclosing.text += actual;
            stack.push({ seq: null, actual, captured: '' });
          }
          break;
        }
        case 'EMC':
          stack.pop();
          break;
      }
    }
    return sequences;
  }

  /** The structure tree in document order: each element with its type, attributes and marked content ids. */
  structure() {
    type Elem = {
      type: string;
      lang?: string;
      alt?: string;
      title?: string;
      actual?: string;
      mcids: { page: number; mcid: number }[];
      children: Elem[];
    };
    const root = this.dict(this.catalog.StructTreeRoot);
    const walk = (v: PdfValue | undefined, pageRef: number | null): Elem[] => {
      const resolved = this.resolve(v);
      if (resolved === undefined || resolved === null) return [];
      if (Array.isArray(resolved)) return resolved.flatMap((k) => walk(k, pageRef));
      if (typeof resolved === 'number') return [];
      const d = this.dict(resolved);
      const s = (d.S as { name?: string } | undefined)?.name;
      if (!s) return [];
      const page = (d.Pg as { ref?: number } | undefined)?.ref ?? pageRef;
      const elem: Elem = {
        type: s,
        mcids: [],
        children: [],
        ...(textString(d.Lang) ? { lang: textString(d.Lang) } : {}),
        ...(textString(d.Alt) ? { alt: textString(d.Alt) } : {}),
        ...(textString(d.T) ? { title: textString(d.T) } : {}),
      };
      const kids = this.resolve(d.K);
      for (const k of Array.isArray(kids) ? kids : kids === undefined ? [] : [kids]) {
        const r = this.resolve(k);
        if (typeof r === 'number') elem.mcids.push({ page: page ?? -1, mcid: r });
        else if (
          r &&
          typeof r === 'object' &&
          'dict' in r &&
          (r.dict.Type as { name?: string })?.name === 'MCR'
        ) {
          elem.mcids.push({ page: (r.dict.Pg as { ref: number }).ref, mcid: r.dict.MCID as number });
        } else elem.children.push(...walk(k, page));
      }
      return [elem];
    };
    return walk(root.K, null);
  }

  /** The text of the document in the order of its structure tree. */
  textInReadingOrder(): string[] {
    const byPage = new Map<number, Map<number, string>>();
    for (const page of this.pages()) {
      const m = new Map<number, string>();
      for (const seq of this.markedContent(page)) if (seq.mcid !== null) m.set(seq.mcid, seq.text);
      byPage.set(page.ref, m);
    }
    const out: string[] = [];
    const walk = (elems: ReturnType<PdfFile['structure']>) => {
      for (const e of elems) {
        const text = e.mcids.map(({ page, mcid }) => byPage.get(page)?.get(mcid) ?? '').join('');
        if (text.trim()) out.push(text.trim());
        walk(e.children);
      }
    };
    walk(this.structure());
    return out;
  }
}
