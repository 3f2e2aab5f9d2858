import { describe, expect, it } from 'vitest';
import { parseCodes, parseWords, splitSlot, type VolunteerValues, vogState, volunteerBody } from './logic.ts';

describe('parseCodes', () => {
  it('reads codes separated by commas, semicolons or spaces, lower case, each once', () => {
    expect(parseCodes('nl, AR; tr  nl')).toEqual(['nl', 'ar', 'tr']);
    expect(parseCodes('  ')).toEqual([]);
  });
});

describe('parseWords', () => {
  it('keeps a word with a space together', () => {
    expect(parseWords('Turks, syrisch ;  kaap  verdisch')).toEqual(['turks', 'syrisch', 'kaap verdisch']);
  });
});

describe('vogState', () => {
  const today = '2026-03-01';

  it('counts a VOG on the day it expires and not after', () => {
    expect(vogState('2026-03-01', today)).toBe('expiresSoon');
    expect(vogState('2026-02-28', today)).toBe('expired');
  });

  it('warns within 60 days, and a missing date is no VOG', () => {
    expect(vogState('2026-04-30', today)).toBe('expiresSoon');
    expect(vogState('2026-05-01', today)).toBe('valid');
    expect(vogState(null, today)).toBe('missing');
  });
});

describe('splitSlot', () => {
  it('splits a slot in its weekday and part of the day', () => {
    expect(splitSlot('di-avond')).toEqual({ day: 'di', part: 'avond' });
  });
});

describe('volunteerBody', () => {
  const values: VolunteerValues = {
    organisationId: 'org',
    userId: '',
    displayName: ' Amira ',
    email: '',
    phone: ' 06 ',
    intakeOn: '2026-01-05',
    trainingStatus: 'afgerond',
    vogIssuedOn: '',
    vogExpiresOn: '2027-01-05',
    availability: ['ma-ochtend'],
    languages: 'nl, ar',
    backgrounds: 'Syrisch',
    migrationExperience: true,
    wijkId: '',
    helpKinds: ['formulieren'],
    maxMatches: '2',
    status: 'actief',
    note: '',
  };

  it('trims texts, leaves empty optional ones out, clears the wijk and parses the lists', () => {
    const body = volunteerBody(values);
    expect(body).toMatchObject({
      organisationId: 'org',
      displayName: 'Amira',
      phone: '06',
      languages: ['nl', 'ar'],
      backgrounds: ['syrisch'],
      wijkId: null,
      userId: null,
      maxMatches: 2,
    });
    expect(body.email).toBeUndefined();
    expect(body.vogIssuedOn).toBeUndefined();
    expect(body.note).toBeUndefined();
  });

  it('links the chosen login, and "no account" unlinks it (null)', () => {
    expect(volunteerBody({ ...values, userId: '0f7e0b8e-0000-4000-8000-000000000001' }).userId).toBe(
      '0f7e0b8e-0000-4000-8000-000000000001',
    );
    expect(volunteerBody(values).userId).toBeNull();
  });

  it('sends a maximum that is no whole number as typed, so the server names the field', () => {
    expect(volunteerBody({ ...values, maxMatches: 'twee' }).maxMatches).toBe('twee');
    expect(volunteerBody({ ...values, maxMatches: '' }).maxMatches).toBeUndefined();
  });
});
