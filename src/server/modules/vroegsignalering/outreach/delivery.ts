// The two ways a message leaves the building: e-mail through SMTP (nodemailer) and text messages through an HTTP
// provider adapter (POST JSON with a bearer token; most Dutch SMS gateways accept this or sit behind a small
// proxy that does). Without configuration, the demo delivers to nobody and says so; production refuses.
import nodemailer, { type Transporter } from 'nodemailer';
import { TEMPLATE_LANGUAGE_META, type TemplateLanguage } from '../../../../shared/schemas/outreach.ts';
import type { Config } from '../../../config.ts';

export class DeliveryError extends Error {}

export type OutgoingMail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  language: TemplateLanguage;
  /** An HTML alternative of its own (e.g. with a real list); otherwise made from the text by mailHtml. */
  html?: string;
};

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** A plain, accessible HTML alternative: language and direction set, paragraphs, links clickable. */
export function mailHtml(m: Pick<OutgoingMail, 'subject' | 'text' | 'language'>): string {
  const dir = TEMPLATE_LANGUAGE_META[m.language].dir;
  const paragraphs = m.text
    .split(/\n\n+/)
    .map((p) =>
      escapeHtml(p)
        .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)
        .replace(/\n/g, '<br>'),
    )
    .map((p) => `<p>${p}</p>`)
    .join('\n');
  return `<!doctype html>\n<html lang="${m.language}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(m.subject)}</title></head>\n<body>\n${paragraphs}\n</body></html>`;
}

const transporters = new Map<string, Transporter>();

function transporterFor(config: Config): Transporter {
  const url = config.outreach.smtpUrl;
  if (!url) {
    if (!config.demo) throw new DeliveryError('E-mail is not configured: set SMTP_URL.');
    // Demo: the message is built in full but goes nowhere.
    return nodemailer.createTransport({ jsonTransport: true });
  }
  let t = transporters.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transporters.set(url, t);
  }
  return t;
}

export async function sendMail(config: Config, m: OutgoingMail): Promise<{ providerId: string }> {
  const transporter = transporterFor(config);
  try {
    const info = await transporter.sendMail({
      from: config.outreach.mailFrom,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html ?? mailHtml(m),
      // Stable per message: a retry after a lost answer can be recognised as the same mail.
      messageId: `<${m.id}@vangnet>`,
      headers: { 'Content-Language': m.language, 'Auto-Submitted': 'auto-generated' },
    });
    if (info.rejected?.length) throw new DeliveryError('The mail server refused the recipient.');
    return { providerId: config.outreach.smtpUrl ? String(info.messageId) : 'demo' };
  } catch (err) {
    if (err instanceof DeliveryError) throw err;
    // Only the SMTP code and the server's words: never the recipient in logs or the message log.
    const e = err as { responseCode?: number; code?: string; message?: string };
    throw new DeliveryError(
      `Sending the e-mail failed${e.responseCode ? ` (SMTP ${e.responseCode})` : e.code ? ` (${e.code})` : ''}.`,
    );
  }
}

export type OutgoingSms = { id: string; to: string; text: string };

/** The provider adapter: POST {to, from, text, reference} with the bearer token; 2xx with an optional {id}. */
export async function sendSms(config: Config, m: OutgoingSms): Promise<{ providerId: string }> {
  const { smsUrl, smsToken, smsSender } = config.outreach;
  if (!smsUrl) {
    if (!config.demo) throw new DeliveryError('Text messages are not configured: set SMS_PROVIDER_URL.');
    return { providerId: 'demo' };
  }
  let res: Response;
  try {
    res = await fetch(smsUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(smsToken ? { authorization: `Bearer ${smsToken}` } : {}),
      },
      body: JSON.stringify({ to: m.to, from: smsSender, text: m.text, reference: m.id }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new DeliveryError(`The text-message provider cannot be reached (${(err as Error).name}).`);
  }
  if (!res.ok) throw new DeliveryError(`The text-message provider answered ${res.status}.`);
  const body = (await res.json().catch(() => ({}))) as { id?: unknown };
  return { providerId: typeof body.id === 'string' || typeof body.id === 'number' ? String(body.id) : m.id };
}

/** Dutch mobile numbers to E.164 (+316…); other international numbers kept; anything else is refused. */
export function normalisePhone(input: string): string | null {
  const digits = input.replace(/[\s().-]/g, '');
  if (/^06\d{8}$/.test(digits)) return `+31${digits.slice(1)}`;
  if (/^00\d{8,15}$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^\+\d{8,15}$/.test(digits)) return digits;
  return null;
}
