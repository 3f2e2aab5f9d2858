import { describe, expect, it } from 'vitest';
import { CHECKLIST_TEXTS } from '../../../../shared/schemas/household-appointments.ts';
import { renderLettersPdf } from '../../vroegsignalering/outreach/pdf.ts';
import { PdfFile } from '../../vroegsignalering/outreach/pdf-inspect.ts';
import { composePreparation, type PreparationFacts, preparationLetter } from './preparation.ts';

function facts(over: Partial<PreparationFacts> = {}): PreparationFacts {
  return {
    language: 'nl',
    residentName: 'Jan de Vries',
    calledOn: '2026-05-11',
    // 10:30 in Amsterdam (summer time).
    appointment: { startsAt: new Date('2026-05-19T08:30:00Z'), mode: 'locatie', location: 'Stadskantoor' },
    items: [{ text: CHECKLIST_TEXTS.identiteitsbewijs.nl }, { text: 'Uw WOZ-beschikking' }],
    worker: { name: 'Rachid Regisseur', phone: '06-12345678', email: 'rachid@voorbeeldstad.demo' },
    ...over,
  };
}

const address = {
  straat: 'Dorpsstraat',
  huisnummer: 12,
  huisletter: null,
  toevoeging: null,
  postcode: '9901AB',
  woonplaats: 'Voorbeeldstad',
};

async function pdfOf(f: PreparationFacts) {
  const composed = composePreparation(f);
  const letter = preparationLetter(f, composed, {
    sender: { name: 'Gemeente Voorbeeldstad', returnAddress: 'Postbus 1, 9901 AA Voorbeeldstad' },
    address,
    date: '2026-05-11',
  });
  return new PdfFile(
    await renderLettersPdf([letter], { title: composed.subject, author: 'a', language: f.language }),
  );
}

describe('the preparation letter and e-mail', () => {
  it('names the appointment in Dutch time, the documents and whom to ask, in plain Dutch', () => {
    const c = composePreparation(facts());
    expect(c.subject).toBe('Wat neemt u mee naar ons gesprek?');
    expect(c.text).toContain('Beste Jan de Vries,');
    expect(c.text).toContain('Bedankt voor ons telefoongesprek van 11 mei 2026.');
    expect(c.text).toContain('Op dinsdag 19 mei 2026 om 10:30 uur.\nWaar: Stadskantoor.');
    expect(c.text).toContain(`- ${CHECKLIST_TEXTS.identiteitsbewijs.nl}\n- Uw WOZ-beschikking`);
    expect(c.text).toContain('Bel mij op 06-12345678 of mail naar rachid@voorbeeldstad.demo.');
  });

  it('says an appointment will follow when none is planned, and how a phone appointment goes', () => {
    expect(composePreparation(facts({ appointment: null })).text).toContain(
      'We maken samen een afspraak voor het gesprek.',
    );
    const phone = composePreparation(
      facts({
        language: 'en',
        appointment: { startsAt: new Date('2026-01-13T13:00:00Z'), mode: 'telefoon', location: null },
      }),
    );
    // Winter time: 14:00 in Amsterdam.
    // (ICU versions differ in the comma after the weekday.)
    expect(phone.text).toMatch(/On Tuesday,? 13 January 2026 at 14:00\.\nI will call you\./);
  });

  it('writes the e-mail as accessible HTML: language, direction, a heading and the documents as a list', () => {
    const c = composePreparation(facts({ language: 'ar', items: [{ text: CHECKLIST_TEXTS.zorgpolis.ar }] }));
    expect(c.html).toContain('<html lang="ar" dir="rtl">');
    expect(c.html).toContain('<h1>ماذا تحضر معك إلى لقائنا؟</h1>');
    expect(c.html).toContain(`<ul>\n<li>${CHECKLIST_TEXTS.zorgpolis.ar}</li>\n</ul>`);
    const escaped = composePreparation(facts({ items: [{ text: '<b>Loonstrook & meer</b>' }] }));
    expect(escaped.html).toContain('<li>&lt;b&gt;Loonstrook &amp; meer&lt;/b&gt;</li>');
  });

  it('prints a tagged letter with the documents as a real list (L, LI, Lbl, LBody), in reading order', async () => {
    const pdf = await pdfOf(facts());
    expect(pdf.catalog.Lang).toBe('nl');
    const section = pdf.structure()[0]?.children[0];
    expect(section?.children.map((c) => c.type)).toEqual([
      'P',
      'P',
      'P',
      'H1',
      'P',
      'P',
      'H2',
      'P',
      'H2',
      'L',
      'P',
      'P',
      'P',
    ]);
    const list = section?.children.find((c) => c.type === 'L');
    expect(list?.children.map((li) => li.children.map((x) => x.type))).toEqual([
      ['Lbl', 'LBody'],
      ['Lbl', 'LBody'],
    ]);
    const text = pdf.textInReadingOrder().map((t) => t.replace(/\s+/g, ' '));
    expect(text).toContain('Wat neemt u mee naar ons gesprek?');
    expect(text).toContain('Neem dit mee');
    expect(text).toContain(CHECKLIST_TEXTS.identiteitsbewijs.nl);
    expect(text).toContain('Uw WOZ-beschikking');
    expect(text.join(' ')).toContain('Dorpsstraat 12 9901 AB VOORBEELDSTAD');
  });

  it('prints an Arabic letter right to left and reads it back in logical order, numbers kept whole', async () => {
    const f = facts({
      language: 'ar',
      items: [{ text: CHECKLIST_TEXTS.bankafschriften.ar }, { text: CHECKLIST_TEXTS.zorgpolis.ar }],
    });
    const pdf = await pdfOf(f);
    expect(pdf.catalog.Lang).toBe('ar');
    const section = pdf.structure()[0]?.children[0];
    expect(section).toMatchObject({ type: 'Sect', lang: 'ar', title: 'ماذا تحضر معك إلى لقائنا؟' });
    const text = pdf.textInReadingOrder().map((t) => t.replace(/\s+/g, ' '));
    expect(text).toContain('أحضر معك');
    expect(text).toContain(CHECKLIST_TEXTS.bankafschriften.ar);
    expect(text).toContain('مرحبا Jan de Vries،');
    expect(text.join(' ')).toContain('الساعة 10:30');
    expect(text.join(' ')).toContain('على الرقم 06-12345678');
    // Drawn right to left: the glyphs of an Arabic word appear reversed on the page.
    const drawn = pdf
      .pages()
      .flatMap((p) => pdf.markedContent(p).flatMap((s) => s.glyphs))
      .map((g) => g.text)
      .join('');
    expect(drawn).toContain([...'التأمين'].reverse().join(''));
    expect(drawn).toContain('06-12345678');
  });
});
