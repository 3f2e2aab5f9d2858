import { describe, expect, it } from 'vitest';
import { VolunteerMatchViewSchema } from '../../../shared/schemas/volunteers.ts';
import { matchReasons, matchRefusal, scoreOf, vogValid, WEIGHTS } from './policy.ts';
import { presentVolunteerMatch } from './presenter.ts';

const request = {
  helpKinds: ['administratie', 'budgetteren'],
  languages: ['ar'],
  background: 'syrisch',
  wantsMigrationExperience: true,
  wijkId: 'w1',
  availability: ['di-avond', 'do-avond', 'za-ochtend', 'zo-middag'],
};
const volunteer = {
  helpKinds: ['budgetteren'],
  languages: ['nl'],
  backgrounds: [],
  migrationExperience: true,
  wijkId: 'w2',
  availability: [],
  activeMatches: 1,
  trainingStatus: 'bezig',
};

describe('budgetmaatjes policy', () => {
  it('counts a VOG up to and including its expiry day, and no date as no VOG', () => {
    expect(vogValid('2026-05-01', '2026-05-01')).toBe(true);
    expect(vogValid('2026-05-01', '2026-05-02')).toBe(false);
    expect(vogValid(null, '2026-05-02')).toBe(false);
  });

  it('gives a reason only for what the resident asked for', () => {
    const reasons = matchReasons(request, volunteer);
    expect(reasons).toEqual([
      { code: 'hulpsoort', values: ['budgetteren'], points: WEIGHTS.hulpsoort },
      { code: 'migratie_ervaring', values: [], points: WEIGHTS.migratie_ervaring },
    ]);
    // Migration experience counts only when asked for.
    expect(
      matchReasons({ ...request, wantsMigrationExperience: false }, volunteer).map((r) => r.code),
    ).toEqual(['hulpsoort']);
    // Background likewise: without a wish, a shared background is no reason.
    expect(
      matchReasons({ ...request, background: null }, { ...volunteer, backgrounds: ['syrisch'] }).some(
        (r) => r.code === 'achtergrond',
      ),
    ).toBe(false);
  });

  it('caps availability at three slots and sums the points into the score', () => {
    const reasons = matchReasons(request, {
      ...volunteer,
      availability: ['di-avond', 'do-avond', 'za-ochtend', 'zo-middag'],
      activeMatches: 0,
      trainingStatus: 'afgerond',
    });
    const slots = reasons.find((r) => r.code === 'beschikbaarheid');
    expect(slots?.values).toHaveLength(4);
    expect(slots?.points).toBe(3 * WEIGHTS.beschikbaarheid);
    expect(scoreOf(reasons)).toBe(reasons.reduce((s, r) => s + r.points, 0));
  });

  it('refuses an inactive volunteer, an expired VOG, a full volunteer and a wrong kind of help, in that order', () => {
    const ok = {
      status: 'actief',
      vogExpiresOn: '2030-01-01',
      activeMatches: 0,
      maxMatches: 1,
      helpKinds: ['taal'],
    };
    const ask = { helpKinds: ['taal'] };
    expect(matchRefusal(ok, ask, '2026-01-01')).toBeNull();
    expect(matchRefusal({ ...ok, status: 'pauze', vogExpiresOn: null }, ask, '2026-01-01')).toBe(
      'vrijwilliger-niet-actief',
    );
    expect(matchRefusal({ ...ok, vogExpiresOn: '2025-12-31' }, ask, '2026-01-01')).toBe('vog-verlopen');
    expect(matchRefusal({ ...ok, activeMatches: 1 }, ask, '2026-01-01')).toBe('vrijwilliger-vol');
    expect(matchRefusal(ok, { helpKinds: ['budgetteren'] }, '2026-01-01')).toBe('hulpsoort-past-niet');
  });

  it("builds the volunteer's view from a whitelist: nothing of the household record leaks through", () => {
    const leaky = {
      id: '00000000-0000-4000-8000-000000000001',
      request_id: '00000000-0000-4000-8000-000000000002',
      volunteer_id: '00000000-0000-4000-8000-000000000003',
      volunteer_name: 'V',
      volunteer_user_id: null,
      resident_name: 'Fatima',
      household_case_id: null,
      network_member_id: null,
      status: 'actief' as const,
      reasons: [],
      matched_at: new Date('2026-01-01T10:00:00Z'),
      ended_on: null,
      ended_side: null,
      end_reason: null,
      meetings: 0,
      bsn: '999999990',
    };
    const view = presentVolunteerMatch({
      match: leaky,
      request: {
        ...leaky,
        id: leaky.request_id,
        organisation_id: null,
        resident_contact: '06-1',
        shared_summary: 'Hulp bij post',
        consent_given_on: '2026-01-01',
        help_kinds: ['administratie'],
        languages: [],
        background: null,
        wants_migration_experience: false,
        wijk_id: null,
        wijk_name: null,
        availability: [],
        status: 'gekoppeld',
        created_at: new Date(),
        cursor_at: '',
        match_id: null,
        match_volunteer_id: null,
        match_volunteer_name: null,
        // Extra columns a future query might add must not pass the presenter.
        ...{ geboortedatum: '1980-01-01', postcode: '1234AB' },
      },
      regisseurName: 'R',
      goals: null,
      meetings: [],
      escalations: [],
    });
    expect(Object.keys(view).sort()).toEqual(Object.keys(VolunteerMatchViewSchema.shape).sort());
    expect(JSON.stringify(view)).not.toMatch(/999999990|1980-01-01|1234AB/);
  });
});
