import { describe, expect, it } from 'vitest';
import {
  DDAS_EINDRESULTATEN,
  DDAS_SIGNAALSTATUSSEN,
  type DdasSignaalstatus,
} from '../../../../shared/ddas.ts';
import {
  closingProblems,
  contactDateProblems,
  handoverResult,
  nextStep,
  signalStatusAfter,
} from './policy.ts';

describe('follow-up policy', () => {
  it('sets every one of the 8 DDAS signal statuses consistently with what happened to the melding', () => {
    const reached = new Set<DdasSignaalstatus>();
    reached.add('Nog niet opgepakt');
    reached.add(signalStatusAfter('Nog niet opgepakt', { type: 'contact_attempt' }));
    for (const eindresultaat of DDAS_EINDRESULTATEN) {
      reached.add(signalStatusAfter('Nog niet opgepakt', { type: 'closed', eindresultaat, takenUp: false }));
    }
    expect([...reached].sort()).toEqual([...DDAS_SIGNAALSTATUSSEN].sort());
    expect(signalStatusAfter('Nog niet opgepakt', { type: 'contact_attempt' })).toBe('Opgepakt');
    expect(signalStatusAfter('Inwoner al bekend bij schuldhulpverlening', { type: 'contact_attempt' })).toBe(
      'Inwoner al bekend bij schuldhulpverlening',
    );
    expect(
      signalStatusAfter('Opgepakt', {
        type: 'closed',
        eindresultaat: 'Vervolghulp en/of verwijzing',
        takenUp: true,
      }),
    ).toBe('Opgepakt');
    expect(
      signalStatusAfter('Opgepakt', {
        type: 'closed',
        eindresultaat: 'Persoon is geen inwoner (meer) in de gemeente',
        takenUp: true,
      }),
    ).toBe('Persoon is geen inwoner (meer) in de gemeente');
    expect(
      signalStatusAfter('Inwoner al bekend bij schuldhulpverlening', {
        type: 'closed',
        eindresultaat: 'Geen reactie na eerder contact',
        takenUp: true,
      }),
    ).toBe('Inwoner al bekend bij schuldhulpverlening');
  });

  it('asks for contact before results that need the resident, and a date for a quick fix', () => {
    const today = '2026-03-10';
    expect(
      closingProblems('Vervolghulp en/of verwijzing', { attempts: 2, reached: false, today })[0]?.code,
    ).toBe('needs_contact');
    expect(
      closingProblems('Definitief geen contact kunnen krijgen', { attempts: 0, reached: false, today })[0]
        ?.code,
    ).toBe('needs_attempt');
    expect(
      closingProblems('Definitief geen contact kunnen krijgen', { attempts: 3, reached: false, today }),
    ).toEqual([]);
    expect(
      closingProblems('Verwijzing zonder tussenkomst inwoner', { attempts: 0, reached: false, today }),
    ).toEqual([]);
    expect(
      closingProblems('(Budget)advies en/of quick fix', { attempts: 1, reached: true, today })[0]?.name,
    ).toBe('body.quickFixAcceptedOn');
    expect(
      closingProblems('(Budget)advies en/of quick fix', {
        attempts: 1,
        reached: true,
        today,
        quickFixAcceptedOn: '2026-03-11',
      })[0]?.code,
    ).toBe('in_future');
    expect(
      closingProblems('Niet opgepakt: andere reden', {
        attempts: 0,
        reached: false,
        today,
        quickFixAcceptedOn: today,
      })[0]?.code,
    ).toBe('not_allowed');
  });

  it('refuses contact dated in the future or before the first signal', () => {
    expect(contactDateProblems('2026-03-11', '2026-03-10', '2026-03-01')[0]?.code).toBe('in_future');
    expect(contactDateProblems('2026-02-28', '2026-03-10', '2026-03-01')[0]?.code).toBe('before_signal');
    expect(contactDateProblems('2026-03-01', '2026-03-10', '2026-03-01')).toEqual([]);
  });

  it('suggests the next step along the common path', () => {
    const base = {
      status: 'open' as const,
      assigned: false,
      attempts: 0,
      reached: false,
      contactStrategy: 'telefoon',
      plannedActions: 0,
      quickFixToConfirm: false,
      informNewMunicipality: false,
      firstContactDue: '2026-03-16',
      firstAnalysisDue: '2026-03-30',
      deadlineState: 'on_track' as const,
    };
    expect(nextStep(base).code).toBe('claim');
    expect(nextStep({ ...base, assigned: true }).code).toBe('first_contact');
    expect(nextStep({ ...base, assigned: true, contactStrategy: 'huisbezoek' }).code).toBe('plan_home_visit');
    expect(nextStep({ ...base, assigned: true, attempts: 1 }).code).toBe('try_again');
    expect(nextStep({ ...base, assigned: true, attempts: 3 }).code).toBe('plan_home_visit');
    expect(nextStep({ ...base, assigned: true, attempts: 5, plannedActions: 1 }).code).toBe('close');
    expect(nextStep({ ...base, assigned: true, attempts: 1, reached: true }).code).toBe('analyse');
    expect(nextStep({ ...base, status: 'afgesloten', quickFixToConfirm: true }).code).toBe(
      'confirm_quick_fix',
    );
    expect(handoverResult('extern', true)).toBe('Vervolghulp en/of verwijzing financieel');
  });
});
