import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './defaults.ts';
import {
  compileTemplate,
  IMAGE_MARK,
  type MergeValues,
  parseTemplate,
  renderTemplate,
  TemplateInvalidError,
} from './template.ts';

const VALUES: MergeValues = {
  naam: 'Jan de Vries',
  voornaam: 'Jan',
  medewerker: 'Vera van Vroeg',
  telefoon: '06-12345678',
  email: 'vera@voorbeeldstad.demo',
  afspraaklink: 'https://afspraak.example/?ref=AB12',
  gemeente: 'Voorbeeldstad',
  datum: '1 mei 2026',
  partners: '',
};

function errorsOf(body: string, channel: 'brief' | 'sms' = 'brief', subject = 'Onderwerp') {
  try {
    compileTemplate({ channel, subject, body });
  } catch (err) {
    if (err instanceof TemplateInvalidError) return err.errors;
    throw err;
  }
  return [];
}

describe('merge-field templates', () => {
  it('fills in fields and keeps {{#if}} parts only when the value is not empty', () => {
    const t = compileTemplate({
      channel: 'brief',
      subject: 'Voor {{naam}}',
      body: 'Beste {{naam}},{{#if partners}} Het gaat om {{partners}}.{{/if}}\n\nBel {{telefoon}}.',
    });
    const without = renderTemplate(t, VALUES);
    expect(without.subject).toBe('Voor Jan de Vries');
    expect(without.text).toBe('Beste Jan de Vries,\n\nBel 06-12345678.');
    const withPartners = renderTemplate(t, { ...VALUES, partners: 'uw verhuurder' });
    expect(withPartners.blocks[0]).toEqual({
      type: 'paragraph',
      text: 'Beste Jan de Vries, Het gaat om uw verhuurder.',
    });
  });

  it('never re-reads a value as template syntax', () => {
    const t = compileTemplate({ channel: 'sms', subject: '', body: 'Hallo {{naam}}' });
    expect(renderTemplate(t, { ...VALUES, naam: '{{telefoon}}' }).text).toBe('Hallo {{telefoon}}');
  });

  it('places images as blocks of their own and keeps single line breaks', () => {
    const t = compileTemplate({
      channel: 'brief',
      subject: 'x',
      body: '# Kop\n\nGroet,\n{{medewerker}}\n\n{{foto}}\n\n{{#if afspraaklink}}\n{{qr}}\n{{/if}}',
    });
    expect(renderTemplate(t, VALUES).blocks).toEqual([
      { type: 'heading', text: 'Kop' },
      { type: 'paragraph', text: 'Groet,\nVera van Vroeg' },
      { type: 'image', field: 'foto' },
      { type: 'image', field: 'qr' },
    ]);
    expect(renderTemplate(t, { ...VALUES, afspraaklink: '' }).blocks.at(-1)).toEqual({
      type: 'image',
      field: 'foto',
    });
    expect(IMAGE_MARK('qr')).not.toContain('{');
  });

  it('points at an unknown field with line, column and a suggestion', () => {
    const errors = errorsOf('Beste {{naam}},\n\nBel {{telefon}} vandaag.');
    expect(errors).toEqual([
      expect.objectContaining({
        part: 'body',
        code: 'unknown_field',
        field: 'telefon',
        line: 3,
        column: 7,
        message: expect.stringContaining('Did you mean "telefoon"?'),
      }),
    ]);
  });

  it('reports bad syntax: unclosed tags, unclosed and stray {{/if}}, stray }}, bad names', () => {
    expect(errorsOf('Hallo {{naam')[0]).toMatchObject({ code: 'unclosed_tag', line: 1, column: 7 });
    expect(errorsOf('{{#if naam}}Hallo')[0]).toMatchObject({ code: 'unclosed_if', field: 'naam' });
    expect(errorsOf('Hallo{{/if}}')[0]).toMatchObject({ code: 'unexpected_end_if', column: 6 });
    expect(errorsOf('Hallo }} daar')[0]).toMatchObject({ code: 'bad_tag', column: 7 });
    expect(errorsOf('{{naam met spatie}}')[0]).toMatchObject({ code: 'bad_tag' });
    expect(errorsOf('{{#als naam}}x{{/if}}')[0]).toMatchObject({ code: 'bad_tag' });
    expect(errorsOf('{{#if bedrag}}x{{/if}}')[0]).toMatchObject({ code: 'unknown_field', field: 'bedrag' });
  });

  it('finds every error, in subject and body, not only the first', () => {
    const errors = errorsOf('{{a}} en {{b}}', 'brief', '{{c}}');
    expect(errors.map((e) => `${e.part}:${e.field}`)).toEqual(['subject:c', 'body:a', 'body:b']);
  });

  it('keeps images on paper and on a line of their own', () => {
    expect(errorsOf('Zie {{foto}} hier')[0]).toMatchObject({ code: 'block_field_inline', field: 'foto' });
    expect(errorsOf('{{qr}}', 'sms')[0]).toMatchObject({ code: 'block_field_channel', field: 'qr' });
    expect(errorsOf('tekst', 'brief', '{{foto}}')[0]).toMatchObject({
      part: 'subject',
      code: 'block_field_channel',
    });
  });

  it('refuses empty texts and subjects (except the subject of a text message)', () => {
    expect(errorsOf('  ')[0]).toMatchObject({ code: 'empty', part: 'body' });
    expect(errorsOf('x', 'brief', '')[0]).toMatchObject({ code: 'empty', part: 'subject' });
    expect(errorsOf('x', 'sms', '')).toEqual([]);
  });

  it('ships default templates that all compile, for every channel in Dutch and English and a letter in Arabic', () => {
    for (const t of DEFAULT_TEMPLATES) expect(() => compileTemplate(t), t.name).not.toThrow();
    for (const channel of ['brief', 'kaartje', 'mail', 'sms'] as const)
      for (const language of ['nl', 'en'] as const)
        expect(DEFAULT_TEMPLATES.some((t) => t.channel === channel && t.language === language)).toBe(true);
    expect(DEFAULT_TEMPLATES.some((t) => t.channel === 'brief' && t.language === 'ar')).toBe(true);
  });

  it('keeps the default texts short: a text message fits in two SMS parts, a letter in about 120 words', () => {
    for (const t of DEFAULT_TEMPLATES) {
      const text = renderTemplate(compileTemplate(t), VALUES).text;
      if (t.channel === 'sms') expect(text.length, t.name).toBeLessThanOrEqual(306);
      else expect(text.split(/\s+/).length, t.name).toBeLessThanOrEqual(130);
    }
  });

  it('parses a part on its own for the editor', () => {
    expect(parseTemplate('{{naam}}', 'subject', 'brief').errors).toEqual([]);
  });
});
