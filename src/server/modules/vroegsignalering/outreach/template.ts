// The merge-field language of letters, cards, e-mails and text messages. Deliberately tiny: `{{veld}}` inserts a
// value, `{{#if veld}} … {{/if}}` keeps a part only when the value is not empty, and a paragraph of its own with
// `{{foto}}` or `{{qr}}` places the worker's photo or the appointment QR code. Anything else is an error with
// the line and column of the field, so an editor can point at it and nothing is sent with a broken template.
// A general template engine (Handlebars and the like) would allow loops, helpers and HTML, none of which a
// letter to a resident needs, and would report errors far less precisely.

export const MERGE_FIELDS = [
  'naam',
  'voornaam',
  'medewerker',
  'telefoon',
  'email',
  'afspraaklink',
  'gemeente',
  'datum',
  'partners',
  'foto',
  'qr',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** Fields that stand for an image: only allowed as a paragraph of their own, and only on paper. */
export const BLOCK_FIELDS: readonly MergeField[] = ['foto', 'qr'];

export const TEMPLATE_CHANNELS = ['brief', 'kaartje', 'mail', 'sms'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

export type TemplatePart = 'subject' | 'body';

export type TemplateError = {
  part: TemplatePart;
  line: number;
  column: number;
  code:
    | 'unknown_field'
    | 'unclosed_tag'
    | 'bad_tag'
    | 'unclosed_if'
    | 'unexpected_end_if'
    | 'block_field_inline'
    | 'block_field_channel'
    | 'empty';
  field?: string;
  message: string;
};

export type TemplateNode =
  | { type: 'text'; value: string }
  | { type: 'field'; name: MergeField; line: number; column: number }
  | { type: 'if'; name: MergeField; children: TemplateNode[] };

export class TemplateInvalidError extends Error {
  constructor(readonly errors: TemplateError[]) {
    super(errors.map((e) => `${e.part} ${e.line}:${e.column} ${e.message}`).join('; '));
  }
}

function position(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset; i++) {
    if (source[i] === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

/** The closest known field, for "did you mean" in the error. */
function suggestion(name: string): string | null {
  const distance = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]) as number[][];
    for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) {
        const row = d[i] as number[];
        const prev = d[i - 1] as number[];
        row[j] = Math.min(
          (prev[j] as number) + 1,
          (row[j - 1] as number) + 1,
          (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
      }
    return (d[a.length] as number[])[b.length] as number;
  };
  let best: { field: string; d: number } | null = null;
  for (const field of MERGE_FIELDS) {
    const d = distance(name.toLowerCase(), field);
    if (!best || d < best.d) best = { field, d };
  }
  return best && best.d <= 2 ? best.field : null;
}

const TAG = /\{\{\s*([#/]?)\s*([^{}]*?)\s*\}\}/y;

/** Parses one part of a template; returns the tree and every error found (it does not stop at the first). */
export function parseTemplate(
  source: string,
  part: TemplatePart,
  channel: TemplateChannel,
): { nodes: TemplateNode[]; errors: TemplateError[] } {
  const errors: TemplateError[] = [];
  const root: TemplateNode[] = [];
  const stack: { node: Extract<TemplateNode, { type: 'if' }>; offset: number }[] = [];
  const current = () => stack.at(-1)?.node.children ?? root;
  const fail = (offset: number, e: Omit<TemplateError, 'part' | 'line' | 'column'>) =>
    errors.push({ part, ...position(source, offset), ...e });
  let text = '';
  const flush = () => {
    if (text) current().push({ type: 'text', value: text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    const close = source.indexOf('}}', i);
    if (close !== -1 && (open === -1 || close < open)) {
      fail(close, { code: 'bad_tag', message: '"}}" without "{{" before it.' });
    }
    if (open === -1) {
      text += source.slice(i);
      break;
    }
    text += source.slice(i, open);
    TAG.lastIndex = open;
    const m = TAG.exec(source);
    if (!m) {
      const nextOpen = source.indexOf('{{', open + 2);
      const nextClose = source.indexOf('}}', open + 2);
      if (nextClose === -1 || (nextOpen !== -1 && nextOpen < nextClose)) {
        fail(open, { code: 'unclosed_tag', message: '"{{" is not closed with "}}".' });
        text += source.slice(open, nextOpen === -1 ? source.length : nextOpen);
        i = nextOpen === -1 ? source.length : nextOpen;
      } else {
        fail(open, { code: 'bad_tag', message: 'A field name may not contain "{" or "}".' });
        i = nextClose + 2;
      }
      continue;
    }
    const [whole, sigil, inner] = m as unknown as [string, string, string];
    i = open + whole.length;
    if (sigil === '/') {
      if (inner !== 'if') {
        fail(open, {
          code: 'bad_tag',
          field: inner,
          message: `Unknown closing tag "{{/${inner}}}"; use {{/if}}.`,
        });
      } else if (stack.length === 0) {
        fail(open, { code: 'unexpected_end_if', message: '{{/if}} without an {{#if …}} before it.' });
      } else {
        flush();
        stack.pop();
      }
      continue;
    }
    if (sigil === '#') {
      const [keyword, name = '', ...rest] = inner.split(/\s+/);
      if (keyword !== 'if' || !name || rest.length > 0) {
        fail(open, {
          code: 'bad_tag',
          field: inner,
          message: `"{{#${inner}}}" is not valid; write {{#if field}}.`,
        });
        continue;
      }
      if (!(MERGE_FIELDS as readonly string[]).includes(name)) {
        const hint = suggestion(name);
        fail(open + whole.indexOf(name), {
          code: 'unknown_field',
          field: name,
          message: `Unknown field "${name}".${hint ? ` Did you mean "${hint}"?` : ''}`,
        });
        continue;
      }
      flush();
      const node: Extract<TemplateNode, { type: 'if' }> = {
        type: 'if',
        name: name as MergeField,
        children: [],
      };
      current().push(node);
      stack.push({ node, offset: open });
      continue;
    }
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(inner)) {
      fail(open, { code: 'bad_tag', field: inner, message: `"{{${inner}}}" is not a field name.` });
      continue;
    }
    if (!(MERGE_FIELDS as readonly string[]).includes(inner)) {
      const hint = suggestion(inner);
      fail(open + whole.indexOf(inner), {
        code: 'unknown_field',
        field: inner,
        message: `Unknown field "${inner}".${hint ? ` Did you mean "${hint}"?` : ''}`,
      });
      continue;
    }
    const name = inner as MergeField;
    if (BLOCK_FIELDS.includes(name)) {
      if (part === 'subject' || channel === 'mail' || channel === 'sms') {
        fail(open, {
          code: 'block_field_channel',
          field: name,
          message: `{{${name}}} is an image: it can only be used in the text of a letter or card.`,
        });
        continue;
      }
      // An image is a paragraph of its own: only blank space on its line.
      const lineStart = source.lastIndexOf('\n', open - 1) + 1;
      const lineEnd = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
      if (source.slice(lineStart, open).trim() !== '' || source.slice(i, lineEnd).trim() !== '') {
        fail(open, {
          code: 'block_field_inline',
          field: name,
          message: `{{${name}}} is an image: put it on a line of its own.`,
        });
        continue;
      }
    }
    flush();
    current().push({ type: 'field', name, ...position(source, open) });
  }
  flush();
  for (const open of stack)
    fail(open.offset, {
      code: 'unclosed_if',
      field: open.node.name,
      message: `{{#if ${open.node.name}}} is not closed with {{/if}}.`,
    });
  return { nodes: root, errors };
}

export type TemplateSource = { channel: TemplateChannel; subject: string; body: string };
export type ParsedTemplate = { channel: TemplateChannel; subject: TemplateNode[]; body: TemplateNode[] };

/** Parses subject and body; throws TemplateInvalidError with every error when either is broken. */
export function compileTemplate(t: TemplateSource): ParsedTemplate {
  const subject = parseTemplate(t.subject, 'subject', t.channel);
  const body = parseTemplate(t.body, 'body', t.channel);
  const errors = [...subject.errors, ...body.errors];
  if (t.body.trim() === '')
    errors.push({ part: 'body', line: 1, column: 1, code: 'empty', message: 'The text is empty.' });
  if (t.channel !== 'sms' && t.subject.trim() === '')
    errors.push({ part: 'subject', line: 1, column: 1, code: 'empty', message: 'The subject is empty.' });
  if (errors.length > 0) throw new TemplateInvalidError(errors);
  return { channel: t.channel, subject: subject.nodes, body: body.nodes };
}

/** Values for the text fields; the image fields are placed by the renderer. */
export type MergeValues = Record<Exclude<MergeField, 'foto' | 'qr'>, string>;

/** Marks where an image goes in the rendered text; never typed by a person, so it cannot collide. */
export const IMAGE_MARK = (field: 'foto' | 'qr') => `\u0000${field}\u0000`;

function renderNodes(nodes: TemplateNode[], values: MergeValues, out: string[]): void {
  for (const node of nodes) {
    if (node.type === 'text') out.push(node.value);
    else if (node.type === 'field') {
      out.push(node.name === 'foto' || node.name === 'qr' ? IMAGE_MARK(node.name) : values[node.name]);
    } else {
      const value = node.name === 'foto' || node.name === 'qr' ? 'x' : values[node.name];
      if (value.trim() !== '') renderNodes(node.children, values, out);
    }
  }
}

export function renderNodesToText(nodes: TemplateNode[], values: MergeValues): string {
  const out: string[] = [];
  renderNodes(nodes, values, out);
  return out.join('');
}

export type LetterBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'image'; field: 'foto' | 'qr' };

/**
 * The body as blocks: paragraphs are separated by blank lines, a single line break stays a line break (a
 * greeting and the name under it), and "# " starts a heading.
 */
export function toBlocks(text: string): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  for (const raw of text.split(/\n[ \t]*\n/)) {
    const para = raw
      .split('\n')
      .map((line) => line.replace(/[ \t]+/g, ' ').trim())
      .filter(Boolean)
      .join('\n');
    if (!para) continue;
    if (para === IMAGE_MARK('foto')) blocks.push({ type: 'image', field: 'foto' });
    else if (para === IMAGE_MARK('qr')) blocks.push({ type: 'image', field: 'qr' });
    else if (para.startsWith('# ')) blocks.push({ type: 'heading', text: para.slice(2).replace(/\n/g, ' ') });
    else blocks.push({ type: 'paragraph', text: para });
  }
  return blocks;
}

export type RenderedTemplate = { subject: string; blocks: LetterBlock[]; text: string };

/** Fills in a compiled template. */
export function renderTemplate(t: ParsedTemplate, values: MergeValues): RenderedTemplate {
  const subject = renderNodesToText(t.subject, values).replace(/\s+/g, ' ').trim();
  const body = renderNodesToText(t.body, values);
  const blocks = toBlocks(body);
  const text = blocks.flatMap((b) => (b.type === 'image' ? [] : [b.text])).join('\n\n');
  return { subject, blocks, text };
}
