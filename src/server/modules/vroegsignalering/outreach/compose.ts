// From the facts of one melding to the values of the merge fields, and the letter that pdf.ts draws. Pure: the
// service fetches the facts, this decides what the resident reads.
import type { DdasSignaalpartner } from '../../../../shared/ddas.ts';
import { TEMPLATE_LANGUAGE_META, type TemplateLanguage } from '../../../../shared/schemas/outreach.ts';
import { PARTNER_PHRASES } from './defaults.ts';
import { isolate, type LetterFormat, type LetterInput } from './pdf.ts';
import type { MergeValues, ParsedTemplate } from './template.ts';
import { renderTemplate } from './template.ts';

export type PersonName = {
  voornamen: string | null;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  partnerVoorvoegsel?: string | null;
  partnerGeslachtsnaam?: string | null;
  /** BRP aanduiding naamgebruik: E eigen, P partner, V partner + eigen, N eigen + partner. */
  naamgebruik?: 'E' | 'P' | 'V' | 'N' | string | null;
};

function joined(parts: (string | null | undefined)[]): string {
  return parts.filter((p) => p && p.trim() !== '').join(' ');
}

/** The surname as the resident uses it (BRP naamgebruik), e.g. "Jansen-de Vries". */
export function surname(p: PersonName): string {
  const own = joined([p.voorvoegsel, p.geslachtsnaam]);
  const partner = p.partnerGeslachtsnaam ? joined([p.partnerVoorvoegsel, p.partnerGeslachtsnaam]) : '';
  switch (partner ? p.naamgebruik : 'E') {
    case 'P':
      return partner;
    case 'V':
      return `${partner}-${own}`;
    case 'N':
      return `${own}-${partner}`;
    default:
      return own;
  }
}

/** "Jan de Vries": first given name and the surname in use. Personal, not "de heer/mevrouw". */
export function residentName(p: PersonName): { full: string; first: string } {
  const first = (p.voornamen ?? '').trim().split(/\s+/)[0] ?? '';
  return { full: joined([first, surname(p)]), first };
}

export type Address = {
  straat: string | null;
  huisnummer: number | null;
  huisletter: string | null;
  toevoeging: string | null;
  postcode: string | null;
  woonplaats: string | null;
};

/** Address lines as PostNL wants them: street and number, then postcode, two spaces, town in capitals. */
export function addressLines(a: Address): string[] {
  const number = [a.huisnummer, a.huisletter, a.toevoeging ? `-${a.toevoeging}` : null]
    .filter(Boolean)
    .join('');
  const pc = a.postcode ? `${a.postcode.slice(0, 4)} ${a.postcode.slice(4)}` : '';
  return [
    joined([a.straat, number]),
    joined([pc, a.woonplaats ? ` ${a.woonplaats.toUpperCase()}` : null]),
  ].filter((l) => l.trim() !== '');
}

/** The key letters are sorted on for posting: postcode, house number, letter, addition. */
export function postingKey(a: Address): string {
  return [
    a.postcode ?? 'ZZZZZZ',
    String(a.huisnummer ?? 99999).padStart(5, '0'),
    (a.huisletter ?? '').toUpperCase().padEnd(1, ' '),
    (a.toevoeging ?? '').toUpperCase().padEnd(4, ' '),
  ].join('|');
}

export function formatDate(date: string, language: TemplateLanguage): string {
  return new Intl.DateTimeFormat(TEMPLATE_LANGUAGE_META[language].locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

export function appointmentLink(baseUrl: string | null, reference: string): string {
  if (!baseUrl) return '';
  return `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}ref=${encodeURIComponent(reference)}`;
}

export type OutreachFacts = {
  language: TemplateLanguage;
  resident: { full: string; first: string };
  worker: { name: string; phone: string; email: string };
  municipality: string;
  partnerTypes: string[];
  /** The municipality's choice: name the partner types in letters (never amounts). */
  mentionPartnerTypes: boolean;
  appointmentUrl: string | null;
  reference: string;
  date: string;
};

export function mergeValues(f: OutreachFacts): MergeValues {
  const partners = f.mentionPartnerTypes
    ? new Intl.ListFormat(TEMPLATE_LANGUAGE_META[f.language].locale, { type: 'conjunction' }).format(
        [...new Set(f.partnerTypes)]
          .map((t) => (PARTNER_PHRASES[f.language] ?? PARTNER_PHRASES.nl)[t as DdasSignaalpartner])
          .filter(Boolean),
      )
    : '';
  const values: MergeValues = {
    naam: f.resident.full,
    voornaam: f.resident.first,
    medewerker: f.worker.name,
    telefoon: f.worker.phone,
    email: f.worker.email,
    afspraaklink: appointmentLink(f.appointmentUrl, f.reference),
    gemeente: f.municipality,
    datum: formatDate(f.date, f.language),
    partners,
  };
  if (TEMPLATE_LANGUAGE_META[f.language].dir === 'rtl') {
    for (const key of Object.keys(values) as (keyof MergeValues)[]) values[key] = isolate(values[key]);
  }
  return values;
}

export type LetterFacts = OutreachFacts & {
  format: LetterFormat;
  recipient: { name: string; address: Address } | null;
  sender: { name: string; returnAddress: string };
  photo: { key: string; data: Buffer } | null;
};

const ALT = {
  nl: { photo: (n: string) => `Foto van ${n}`, qr: 'QR-code: scan om zelf een afspraak te maken' },
  en: { photo: (n: string) => `Photo of ${n}`, qr: 'QR code: scan to make an appointment yourself' },
  ar: { photo: (n: string) => `صورة ${n}`, qr: 'رمز QR: امسحه لحجز موعد بنفسك' },
  tr: { photo: (n: string) => `${n} fotoğrafı`, qr: 'QR kodu: randevu almak için tarayın' },
} as const;

/** One letter or card, ready to draw. */
export function composeLetter(template: ParsedTemplate, f: LetterFacts): LetterInput {
  const values = mergeValues(f);
  const rendered = renderTemplate(template, values);
  const link = appointmentLink(f.appointmentUrl, f.reference);
  const alt = ALT[f.language];
  return {
    format: f.format,
    language: f.language,
    subject: rendered.subject,
    blocks: rendered.blocks,
    sender: f.sender,
    recipient: f.recipient
      ? { name: f.recipient.name, addressLines: addressLines(f.recipient.address) }
      : null,
    date: values.datum,
    photo: f.photo ? { ...f.photo, alt: alt.photo(f.worker.name) } : null,
    qr: link ? { url: link, alt: alt.qr } : null,
  };
}
