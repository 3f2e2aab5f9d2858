import { describe, expect, it } from 'vitest';
import { CHECKLIST_TEXTS } from '../../../../shared/schemas/household-appointments.ts';
import {
  appointmentProblems,
  checklistForLetter,
  languageProblems,
  mailRecipient,
  resolveChecklist,
  transitionProblems,
} from './policy.ts';

const now = new Date('2026-05-11T12:00:00Z');
const at = (iso: string) => new Date(iso);
const codes = (p: { name: string; code: string }[]) => p.map((x) => `${x.name}:${x.code}`);

describe('appointment times', () => {
  const base = {
    startsAt: at('2026-05-12T08:00:00Z'),
    endsAt: at('2026-05-12T09:00:00Z'),
    status: 'gepland' as const,
    mode: 'locatie' as const,
    location: 'Stadskantoor',
  };

  it('accepts a planned appointment in the future', () => {
    expect(appointmentProblems(base, now, { timeChanged: true })).toEqual([]);
  });

  it('refuses a new planned appointment in the past, but records a held one there', () => {
    const past = { ...base, startsAt: at('2026-05-10T08:00:00Z'), endsAt: at('2026-05-10T09:00:00Z') };
    expect(codes(appointmentProblems(past, now, { timeChanged: true }))).toEqual(['body.startsAt:in_past']);
    expect(appointmentProblems({ ...past, status: 'gehouden' }, now, { timeChanged: true })).toEqual([]);
    expect(codes(appointmentProblems({ ...base, status: 'gehouden' }, now, { timeChanged: true }))).toEqual([
      'body.startsAt:in_future',
    ]);
  });

  it('leaves the start alone when the time does not change (a planned appointment that has begun)', () => {
    const begun = { ...base, startsAt: at('2026-05-11T11:30:00Z'), endsAt: at('2026-05-11T12:30:00Z') };
    expect(appointmentProblems(begun, now, { timeChanged: false })).toEqual([]);
  });

  it('needs the end after the start, at most 12 hours, and a place for an appointment at a place', () => {
    expect(
      codes(appointmentProblems({ ...base, endsAt: base.startsAt }, now, { timeChanged: true })),
    ).toEqual(['body.endsAt:end_before_start']);
    expect(
      codes(appointmentProblems({ ...base, endsAt: at('2026-05-12T07:00:00Z') }, now, { timeChanged: true })),
    ).toEqual(['body.endsAt:end_before_start']);
    expect(
      codes(appointmentProblems({ ...base, endsAt: at('2026-05-12T20:01:00Z') }, now, { timeChanged: true })),
    ).toEqual(['body.endsAt:too_long']);
    expect(codes(appointmentProblems({ ...base, location: ' ' }, now, { timeChanged: true }))).toEqual([
      'body.location:required',
    ]);
    expect(
      appointmentProblems({ ...base, mode: 'telefoon', location: null }, now, { timeChanged: true }),
    ).toEqual([]);
  });
});

describe('appointment status', () => {
  const later = at('2026-05-12T08:00:00Z');
  const earlier = at('2026-05-11T08:00:00Z');

  it('lets only a planned appointment change', () => {
    expect(transitionProblems('gehouden', 'geannuleerd', earlier, now, 'x').final).toBe(true);
    expect(transitionProblems('gepland', 'gehouden', earlier, now, undefined)).toEqual({
      final: false,
      problems: [],
    });
  });

  it('records held or missed only after the start, and a cancellation with a reason', () => {
    expect(codes(transitionProblems('gepland', 'gehouden', later, now, undefined).problems)).toEqual([
      'body.status:not_started',
    ]);
    expect(codes(transitionProblems('gepland', 'niet_verschenen', later, now, undefined).problems)).toEqual([
      'body.status:not_started',
    ]);
    expect(codes(transitionProblems('gepland', 'geannuleerd', later, now, '  ').problems)).toEqual([
      'body.reason:required',
    ]);
    expect(transitionProblems('gepland', 'geannuleerd', later, now, 'Ziek').problems).toEqual([]);
  });
});

describe('the list of documents', () => {
  it('names the languages there is a letter in when another is asked', () => {
    expect(languageProblems('ar')).toEqual([]);
    const [p] = languageProblems('xx');
    expect(p).toMatchObject({ name: 'body.language', code: 'unsupported_language' });
    expect(p?.reason).toContain('nl, en, ar, tr');
  });

  it('starts from the built-in list and fills in the municipality’s own items, English as the fallback', () => {
    expect(resolveChecklist(null).map((i) => i.code)).toEqual([
      'identiteitsbewijs',
      'inkomen',
      'bankafschriften',
      'brieven_schuldeisers',
      'huurcontract',
      'zorgpolis',
    ]);
    const own = resolveChecklist([
      { kind: 'standaard', code: 'zorgpolis' },
      { kind: 'eigen', texts: { nl: 'Uw WOZ-beschikking', en: 'Your WOZ assessment', tr: 'WOZ kararınız' } },
      { kind: 'standaard', code: 'teruggetrokken' as never },
    ]);
    expect(own).toHaveLength(2);
    expect(own[1]?.texts).toEqual({
      nl: 'Uw WOZ-beschikking',
      en: 'Your WOZ assessment',
      ar: 'Your WOZ assessment',
      tr: 'WOZ kararınız',
    });
  });

  it('writes built-in documents in the letter’s language, own ones as typed, each once', () => {
    const items = checklistForLetter(
      [
        { kind: 'standaard', code: 'identiteitsbewijs' },
        { kind: 'eigen', text: ' Uw WOZ-beschikking ' },
        { kind: 'standaard', code: 'identiteitsbewijs' },
        { kind: 'eigen', text: 'uw woz-beschikking' },
      ],
      'ar',
    );
    expect(items).toEqual([
      { code: 'identiteitsbewijs', text: CHECKLIST_TEXTS.identiteitsbewijs.ar },
      { code: null, text: 'Uw WOZ-beschikking' },
    ]);
  });

  it('sends an e-mail to the given address or the member’s own, and says when there is none', () => {
    expect(mailRecipient(undefined, 'Bewoner@Example.test')).toEqual({
      recipient: 'bewoner@example.test',
      problems: [],
    });
    expect(codes(mailRecipient(undefined, null).problems)).toEqual(['body.recipient:missing_recipient']);
    expect(codes(mailRecipient('geen-adres', null).problems)).toEqual(['body.recipient:invalid_recipient']);
  });
});
