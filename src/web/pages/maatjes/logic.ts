// Budgetmaatjes' client-side rules, pure so they are unit-tested (logic.test.ts): lists typed as text ("nl, ar"),
// the state of a VOG, availability slots, and the body of the volunteer form.
import type { z } from 'zod';
import type { VolunteerBody } from '../../../shared/schemas/volunteers.ts';

/** Codes typed as text: "nl, AR; tr" → ['nl', 'ar', 'tr'] (lower case, each once, in the order typed). */
export function parseCodes(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,;\s]+/)) {
    const code = part.trim().toLowerCase();
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

/** Background words typed as text: "turks, Syrisch" → ['turks', 'syrisch'] (a word may contain spaces). */
export function parseWords(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,;]+/)) {
    const word = part.trim().toLowerCase().replace(/\s+/g, ' ');
    if (word && !out.includes(word)) out.push(word);
  }
  return out;
}

export type VogState = 'missing' | 'expired' | 'expiresSoon' | 'valid';

/** A VOG counts on the day it expires and not after (as the server counts); within 60 days it expires soon. */
export function vogState(expiresOn: string | null | undefined, today: string): VogState {
  if (!expiresOn) return 'missing';
  if (expiresOn < today) return 'expired';
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);
  return expiresOn <= soon ? 'expiresSoon' : 'valid';
}

/** A slot `di-avond` as its weekday and part of the day. */
export function splitSlot(slot: string): { day: string; part: string } {
  const [day = '', part = ''] = slot.split('-');
  return { day, part };
}

export interface VolunteerValues {
  organisationId: string;
  /** The volunteer's own login; '' for none. */
  userId: string;
  displayName: string;
  email: string;
  phone: string;
  intakeOn: string;
  trainingStatus: string;
  vogIssuedOn: string;
  vogExpiresOn: string;
  availability: string[];
  languages: string;
  backgrounds: string;
  migrationExperience: boolean;
  wijkId: string;
  helpKinds: string[];
  maxMatches: string;
  status: string;
  note: string;
}

/**
 * The body of the volunteer form. Empty optional texts are left out (the server keeps or defaults them); a wijk
 * can be cleared (null). maxMatches that is no whole number is sent as typed, so the server names the field.
 */
export function volunteerBody(v: VolunteerValues): z.input<typeof VolunteerBody> {
  const text = (s: string) => (s.trim() === '' ? undefined : s.trim());
  const max = v.maxMatches.trim();
  return {
    organisationId: v.organisationId,
    userId: v.userId || null,
    displayName: v.displayName.trim(),
    email: text(v.email),
    phone: text(v.phone),
    intakeOn: text(v.intakeOn),
    trainingStatus: (text(v.trainingStatus) as never) ?? undefined,
    vogIssuedOn: text(v.vogIssuedOn),
    vogExpiresOn: text(v.vogExpiresOn),
    availability: v.availability as never,
    languages: parseCodes(v.languages),
    backgrounds: parseWords(v.backgrounds),
    migrationExperience: v.migrationExperience,
    wijkId: v.wijkId || null,
    helpKinds: v.helpKinds as never,
    maxMatches: max === '' ? undefined : /^\d+$/.test(max) ? Number(max) : (max as never),
    status: (text(v.status) as never) ?? undefined,
    note: text(v.note),
  };
}
