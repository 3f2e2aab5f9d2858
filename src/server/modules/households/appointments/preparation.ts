// From the facts of a preparation call to what the resident reads: the letter (drawn by the outreach PDF machinery
// as tagged PDF, right to left for Arabic) and the e-mail (plain text and accessible HTML with a real list). Pure:
// the service fetches the facts, this decides the words.
import type {
  AppointmentMode,
  PreparationLanguage,
} from '../../../../shared/schemas/household-appointments.ts';
import { TEMPLATE_LANGUAGE_META } from '../../../../shared/schemas/outreach.ts';
import { type Address, addressLines, formatDate } from '../../vroegsignalering/outreach/compose.ts';
import { isolate, type LetterInput, type PdfBlock } from '../../vroegsignalering/outreach/pdf.ts';
import { PREPARATION_TEXTS } from './preparation-texts.ts';

/** Appointments are in Dutch time, wherever the server runs. */
export const APPOINTMENT_TIME_ZONE = 'Europe/Amsterdam';

export type PreparationFacts = {
  language: PreparationLanguage;
  residentName: string;
  calledOn: string;
  appointment: { startsAt: Date; mode: AppointmentMode; location: string | null } | null;
  items: readonly { text: string }[];
  worker: { name: string; phone: string; email: string };
};

export type ComposedPreparation = {
  subject: string;
  blocks: PdfBlock[];
  /** The e-mail as plain text (also stored as what was sent). */
  text: string;
  html: string;
};

/** "dinsdag 12 mei 2026" and "10:30" in the letter's language, in Dutch time. */
export function appointmentDateTime(at: Date, language: PreparationLanguage): { date: string; time: string } {
  const locale = TEMPLATE_LANGUAGE_META[language].locale;
  const date = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: APPOINTMENT_TIME_ZONE,
  }).format(at);
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: APPOINTMENT_TIME_ZONE,
  }).format(at);
  return { date, time };
}

/** The words of the letter and the e-mail. Values are isolated in right-to-left languages (names, numbers). */
export function composePreparation(f: PreparationFacts): ComposedPreparation {
  const t = PREPARATION_TEXTS[f.language];
  const rtl = TEMPLATE_LANGUAGE_META[f.language].dir === 'rtl';
  const v = (value: string) => (rtl ? isolate(value) : value);
  const blocks: PdfBlock[] = [
    { type: 'paragraph', text: t.greeting(v(f.residentName || t.resident)) },
    { type: 'paragraph', text: t.thanks(v(formatDate(f.calledOn, f.language))) },
    { type: 'heading', text: t.appointmentHeading },
  ];
  if (f.appointment) {
    const { date, time } = appointmentDateTime(f.appointment.startsAt, f.language);
    blocks.push({
      type: 'paragraph',
      text: `${t.when(v(date), v(time))}\n${t.where[f.appointment.mode](v(f.appointment.location ?? ''))}`,
    });
  } else {
    blocks.push({ type: 'paragraph', text: t.noAppointment });
  }
  blocks.push(
    { type: 'heading', text: t.listHeading },
    { type: 'list', items: f.items.map((i) => i.text) },
    { type: 'paragraph', text: t.missing },
    { type: 'paragraph', text: t.questions(v(f.worker.phone), v(f.worker.email)) },
    { type: 'paragraph', text: `${t.closing}\n${v(f.worker.name)}` },
  );
  return {
    subject: t.subject,
    blocks,
    text: blocks
      .map((b) =>
        b.type === 'list' ? b.items.map((i) => `- ${i}`).join('\n') : b.type === 'image' ? '' : b.text,
      )
      .filter(Boolean)
      .join('\n\n'),
    html: preparationHtml(t.subject, blocks, f.language),
  };
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The e-mail as HTML: language and direction set, a heading, paragraphs, the documents as a list. */
export function preparationHtml(subject: string, blocks: PdfBlock[], language: PreparationLanguage): string {
  const dir = TEMPLATE_LANGUAGE_META[language].dir;
  const inline = (s: string) =>
    escapeHtml(s)
      .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)
      .replace(/\n/g, '<br>');
  const body = blocks
    .map((b) => {
      if (b.type === 'heading') return `<h2>${inline(b.text)}</h2>`;
      if (b.type === 'paragraph') return `<p>${inline(b.text)}</p>`;
      if (b.type === 'list') return `<ul>\n${b.items.map((i) => `<li>${inline(i)}</li>`).join('\n')}\n</ul>`;
      return '';
    })
    .filter(Boolean)
    .join('\n');
  return `<!doctype html>\n<html lang="${language}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body>\n<h1>${escapeHtml(subject)}</h1>\n${body}\n</body></html>`;
}

/** The letter, ready for renderLettersPdf: the window envelope address when the household has one. */
export function preparationLetter(
  f: PreparationFacts,
  composed: ComposedPreparation,
  o: {
    sender: { name: string; returnAddress: string };
    address: Address | null;
    date: string;
  },
): LetterInput {
  return {
    format: 'brief',
    language: f.language,
    subject: composed.subject,
    blocks: composed.blocks,
    sender: o.sender,
    recipient: o.address
      ? {
          name: f.residentName || PREPARATION_TEXTS[f.language].resident,
          addressLines: addressLines(o.address),
        }
      : null,
    date: formatDate(o.date, f.language),
    photo: null,
    qr: null,
  };
}
