import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeLetter, type LetterFacts } from './compose.ts';
import { DEFAULT_TEMPLATES } from './defaults.ts';
import { renderLettersPdf, visualRuns } from './pdf.ts';
import { PdfFile } from './pdf-inspect.ts';
import { compileTemplate } from './template.ts';

function template(channel: 'brief' | 'kaartje', language: 'nl' | 'en' | 'ar') {
  const t = DEFAULT_TEMPLATES.find((d) => d.channel === channel && d.language === language);
  if (!t) throw new Error('no default template');
  return compileTemplate(t);
}

let photo: Buffer;
beforeAll(async () => {
  photo = await QRCode.toBuffer('a stand-in photo', { type: 'png' });
});

function facts(language: 'nl' | 'en' | 'ar', over: Partial<LetterFacts> = {}): LetterFacts {
  return {
    format: 'brief',
    language,
    resident: { full: 'Jan de Vries', first: 'Jan' },
    worker: { name: 'Vera van Vroeg', phone: '06-12345678', email: 'vera@voorbeeldstad.demo' },
    municipality: 'Voorbeeldstad',
    partnerTypes: ['Energie', 'Huur'],
    mentionPartnerTypes: true,
    appointmentUrl: 'https://afspraak.voorbeeldstad.example/vroeg',
    reference: 'K7Q2M9',
    date: '2026-05-01',
    recipient: {
      name: 'Jan de Vries',
      address: {
        straat: 'Dorpsstraat',
        huisnummer: 12,
        huisletter: 'a',
        toevoeging: null,
        postcode: '9901AB',
        woonplaats: 'Voorbeeldstad',
      },
    },
    sender: { name: 'Gemeente Voorbeeldstad', returnAddress: 'Postbus 1, 9901 AA Voorbeeldstad' },
    photo: { key: 'worker-1', data: photo },
    ...over,
  };
}

describe('bidi runs', () => {
  it('keeps a left-to-right line as one run', () => {
    expect(visualRuns('Beste Jan,', 'ltr')).toEqual([{ text: 'Beste Jan,', rtl: false }]);
  });

  it('orders Arabic and Latin runs right to left, each in logical order, and mirrors brackets', () => {
    const runs = visualRuns('مرحبا \u2068Jan de Vries\u2069، (نعم)', 'rtl');
    // Logical order inside a run (fontkit shapes and reverses Arabic runs itself); brackets mirrored.
    expect(runs.map((r) => r.text)).toEqual(['، )نعم(', 'Jan de Vries', 'مرحبا ']);
    expect(runs.map((r) => r.rtl)).toEqual([true, false, true]);
  });

  it('keeps an isolated phone number in one left-to-right piece', () => {
    const runs = visualRuns('على الرقم \u206806-12345678\u2069.', 'rtl');
    expect(runs.find((r) => !r.rtl)?.text).toBe('06-12345678');
    expect(runs.map((r) => r.text).join('')).not.toMatch(/[\u2066-\u2069]/);
  });
});

describe('letters as accessible tagged PDF', () => {
  it('marks the document as tagged PDF/UA with language, title and a structure tree', async () => {
    const letter = composeLetter(template('brief', 'nl'), facts('nl'));
    const pdf = new PdfFile(
      await renderLettersPdf([letter], {
        title: letter.subject,
        author: 'Gemeente Voorbeeldstad',
        language: 'nl',
      }),
    );
    const catalog = pdf.catalog;
    expect(catalog.StructTreeRoot).toBeDefined();
    expect(pdf.dict(catalog.MarkInfo).Marked).toBe(true);
    expect(catalog.Lang).toBe('nl');
    expect(pdf.dict(catalog.ViewerPreferences).DisplayDocTitle).toBe(true);
    expect(pdf.info.Title).toBe('Ik wil u graag helpen');
    expect(pdf.info.Author).toBe('Gemeente Voorbeeldstad');
    const metadata = pdf.objects.get((catalog.Metadata as { ref: number }).ref)?.stream?.toString('utf8');
    expect(metadata).toContain('<pdfuaid:part>1</pdfuaid:part>');
    const [root] = pdf.structure();
    expect(root?.type).toBe('Document');
    const section = root?.children[0];
    expect(section).toMatchObject({ type: 'Sect', lang: 'nl' });
    expect(section?.children.map((c) => c.type)).toEqual([
      'P',
      'P',
      'P',
      'H1',
      'P',
      'P',
      'P',
      'P',
      'Figure',
      'P',
      'Figure',
    ]);
    const figures = section?.children.filter((c) => c.type === 'Figure').map((c) => c.alt);
    expect(figures).toEqual(['QR-code: scan om zelf een afspraak te maken', 'Foto van Vera van Vroeg']);
  });

  it('has extractable text in reading order', async () => {
    const letter = composeLetter(template('brief', 'nl'), facts('nl'));
    const pdf = new PdfFile(await renderLettersPdf([letter], { title: 't', author: 'a', language: 'nl' }));
    const text = pdf.textInReadingOrder().map((t) => t.replace(/\s+/g, ' '));
    expect(text).toEqual([
      'Gemeente Voorbeeldstad',
      'Postbus 1, 9901 AA Voorbeeldstad Jan de Vries Dorpsstraat 12a 9901 AB VOORBEELDSTAD',
      '1 mei 2026',
      'Ik wil u graag helpen',
      'Beste Jan de Vries,',
      'Ik ben Vera van Vroeg van de gemeente Voorbeeldstad. Ik hoorde dat het misschien niet lukt om alle rekeningen op tijd te betalen. Het gaat om uw energieleverancier en uw verhuurder. Dat kan iedereen overkomen.',
      'Ik wil graag met u praten. Samen zoeken we een oplossing. Het gesprek is gratis. U zit nergens aan vast.',
      'Bel of app mij op 06-12345678. Of maak zelf een afspraak: https://afspraak.voorbeeldstad.example/vroeg?ref=K7Q2M9',
      'Met vriendelijke groet, Vera van Vroeg',
    ]);
  });

  it('names no partner type when the municipality chose not to, and never an amount', async () => {
    const letter = composeLetter(template('brief', 'en'), facts('en', { mentionPartnerTypes: false }));
    const pdf = new PdfFile(await renderLettersPdf([letter], { title: 't', author: 'a', language: 'en' }));
    const text = pdf.textInReadingOrder().join(' ');
    expect(text).toContain('Dear Jan de Vries,');
    expect(text).not.toMatch(/landlord|energy supplier|It is about/);
    expect(text).not.toMatch(/€|EUR/);
  });

  it('lays out an Arabic letter right to left with joined letters, and reads back in logical order', async () => {
    const letter = composeLetter(template('brief', 'ar'), facts('ar'));
    const bytes = await renderLettersPdf([letter], { title: letter.subject, author: 'a', language: 'ar' });
    const pdf = new PdfFile(bytes);
    expect(pdf.catalog.Lang).toBe('ar');
    const section = pdf.structure()[0]?.children[0];
    expect(section).toMatchObject({ type: 'Sect', lang: 'ar', title: 'أود مساعدتك' });
    const text = pdf.textInReadingOrder().map((t) => t.replace(/\s+/g, ' '));
    expect(text).toContain('أود مساعدتك');
    expect(text).toContain('مرحبا Jan de Vries،');
    expect(text).toContain('أود أن أتحدث معك. سنبحث معا عن حل. المحادثة مجانية، ولا تلزمك بشيء.');
    expect(text.join(' ')).toContain('على الرقم 06-12345678.');
    expect(text.join(' ')).toContain('شركة الطاقة والمؤجر');

    // The glyphs as drawn: per Unicode letter, the codes used. Shaping uses a different glyph for a letter at the
    // start, in the middle and at the end of a word; unshaped text would use one glyph per letter.
    const glyphs = pdf.pages().flatMap((p) => pdf.markedContent(p).flatMap((s) => s.glyphs));
    for (const letterChar of ['م', 'ع', 'ح', 'ت']) {
      const codes = new Set(glyphs.filter((g) => g.text === letterChar).map((g) => g.code));
      expect(codes.size, `distinct glyphs for ${letterChar}`).toBeGreaterThanOrEqual(2);
    }
    // Drawn right to left: the glyphs of a word appear in reverse of its logical order; the Latin phone number in
    // its own order.
    const drawn = glyphs.map((g) => g.text).join('');
    expect(drawn).toContain([...'مساعدتك'].reverse().join(''));
    expect(drawn).not.toContain('مساعدتك');
    expect(drawn).toContain('06-12345678');
    // Lam followed by alef is one ligature glyph standing for both letters ("ولا", "لأي").
    expect(glyphs.some((g) => g.text === 'لا' || g.text === 'لأ')).toBe(true);
  });

  it('renders a card on A6 without an address block', async () => {
    const card = composeLetter(
      template('kaartje', 'nl'),
      facts('nl', { format: 'kaartje', recipient: null }),
    );
    const pdf = new PdfFile(await renderLettersPdf([card], { title: 't', author: 'a', language: 'nl' }));
    const [page] = pdf.pages();
    const box = pdf.resolve(page?.dict.MediaBox) as number[];
    expect(Math.round(box[2] ?? 0)).toBe(298);
    expect(Math.round(box[3] ?? 0)).toBe(420);
    expect(pdf.textInReadingOrder()[0]).toBe('Ik was bij u langs');
  });

  it('puts many letters in one document, one section each, and embeds a shared photo once', async () => {
    const letters = Array.from({ length: 5 }, (_, i) =>
      composeLetter(
        template('brief', i % 2 ? 'en' : 'nl'),
        facts(i % 2 ? 'en' : 'nl', { reference: `REF${i}` }),
      ),
    );
    const pdf = new PdfFile(await renderLettersPdf(letters, { title: 'Batch', author: 'a', language: 'nl' }));
    expect(pdf.pages()).toHaveLength(5);
    expect(pdf.structure()[0]?.children.map((s) => s.lang)).toEqual(['nl', 'en', 'nl', 'en', 'nl']);
    // The photo once (with its transparency mask); the QR codes are vector graphics.
    const images = [...pdf.objects.values()].filter(
      (o) => (pdf.dict(o.value).Subtype as { name?: string } | undefined)?.name === 'Image',
    );
    expect(images.length).toBeGreaterThanOrEqual(1);
    expect(images.length).toBeLessThanOrEqual(2);
  });
});
