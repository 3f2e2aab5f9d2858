import { describe, expect, it } from 'vitest';
import { permissionsFor, type StaffRole } from '../../../shared/roles.ts';
import {
  decideAccess,
  networkMemberProblems,
  notInFuture,
  notInPast,
  ownerProblems,
  timelineCategoriesFor,
  visibleParts,
} from './policy.ts';
import { presentMember } from './presenter.ts';

const open = { regisseurId: 'u-regisseur', status: 'open' as const };
const perms = (role: StaffRole) => permissionsFor([role]);

describe('who may open a household plan', () => {
  it('lets professionals read every plan, and only the household’s own regisseur change it', () => {
    const own = decideAccess(perms('regisseur'), 'u-regisseur', open, []);
    expect(own).toMatchObject({
      ok: true,
      access: { level: 'professional', canManage: true, withBsn: true },
    });
    const colleague = decideAccess(perms('regisseur'), 'u-other', open, []);
    expect(colleague).toMatchObject({ ok: true, access: { canManage: false } });
    const debt = decideAccess(perms('schuldhulpverlener'), 'u-regisseur', open, []);
    expect(debt).toMatchObject({ ok: true, access: { level: 'professional', canManage: false } });
    const closed = decideAccess(perms('regisseur'), 'u-regisseur', { ...open, status: 'gesloten' }, []);
    expect(closed).toMatchObject({ ok: true, access: { canManage: false } });
  });

  it('lets a network member in only with consent in force, for exactly the consented parts, never with a BSN', () => {
    const v = perms('vrijwilliger');
    expect(decideAccess(v, 'u-v', open, [])).toEqual({ ok: false, reason: 'not_found' });
    expect(decideAccess(v, 'u-v', open, [{ categories: null }])).toEqual({ ok: false, reason: 'no_consent' });
    const d = decideAccess(v, 'u-v', open, [{ categories: ['plan'] }, { categories: ['zrm', 'plan'] }]);
    if (!d.ok) throw new Error('expected access');
    expect([...d.access.categories].sort()).toEqual(['plan', 'zrm']);
    expect(d.access).toMatchObject({ level: 'netwerk', canManage: false, withBsn: false });
    expect(visibleParts(d.access)).toMatchObject({
      members: false,
      network: false,
      zrm: true,
      goals: true,
      referrals: false,
      timeline: false,
      consents: 'own',
      regisseurHistory: false,
    });
    // A closed plan is not shared any more.
    expect(decideAccess(v, 'u-v', { ...open, status: 'gesloten' }, [{ categories: ['plan'] }])).toEqual({
      ok: false,
      reason: 'no_consent',
    });
    // Roles without plan access see nothing, consent or not.
    expect(decideAccess(perms('beleidsmedewerker'), 'u-b', open, [{ categories: ['plan'] }]).ok).toBe(false);
  });

  it('shows a network member only the timeline categories of the parts that were shared', () => {
    const d = decideAccess(perms('netwerkpartner'), 'u-n', open, [
      { categories: ['tijdlijn', 'plan', 'verwijzingen'] },
    ]);
    if (!d.ok) throw new Error('expected access');
    expect(timelineCategoriesFor(d.access)).toEqual(['plan', 'verwijzing']);
    const noTimeline = decideAccess(perms('netwerkpartner'), 'u-n', open, [{ categories: ['plan'] }]);
    if (!noTimeline.ok) throw new Error('expected access');
    expect(timelineCategoriesFor(noTimeline.access)).toEqual([]);
    const pro = decideAccess(perms('regisseur'), 'u', open, []);
    if (!pro.ok) throw new Error('expected access');
    expect(timelineCategoriesFor(pro.access)).toBeNull();
  });
});

describe('invariants of the plan', () => {
  it('refuses an action owner outside the household’s circle', () => {
    const circle = { memberIds: new Set(['m1']), activeNetworkIds: new Set(['n1']), hasRegisseur: true };
    expect(ownerProblems({ kind: 'bewoner', memberId: 'm1' }, circle)).toEqual([]);
    expect(ownerProblems({ kind: 'netwerk', networkMemberId: 'n1' }, circle)).toEqual([]);
    expect(ownerProblems({ kind: 'regisseur' }, circle)).toEqual([]);
    expect(ownerProblems({ kind: 'bewoner', memberId: 'm2' }, circle)[0]?.code).toBe('not_in_household');
    expect(ownerProblems({ kind: 'netwerk', networkMemberId: 'n2' }, circle)[0]?.code).toBe('not_in_network');
    expect(ownerProblems({ kind: 'regisseur' }, { ...circle, hasRegisseur: false })[0]?.code).toBe(
      'no_regisseur',
    );
  });

  it('checks dates against today', () => {
    expect(notInPast('2026-05-01', '2026-05-01', 'x')).toEqual([]);
    expect(notInPast('2026-04-30', '2026-05-01', 'x')[0]).toMatchObject({ name: 'x', code: 'in_past' });
    expect(notInFuture('2026-05-02', '2026-05-01', 'y')[0]).toMatchObject({ name: 'y', code: 'in_future' });
    expect(notInPast(undefined, '2026-05-01', 'x')).toEqual([]);
  });

  it('wants a relation that fits the kind, and an organisation for a professional', () => {
    expect(networkMemberProblems({ kind: 'formeel', relation: 'ggz', organisation: 'GGZ Noord' })).toEqual(
      [],
    );
    expect(networkMemberProblems({ kind: 'formeel', relation: 'ggz' })[0]?.name).toBe('body.organisation');
    expect(networkMemberProblems({ kind: 'informeel', relation: 'wijkteam' })[0]?.code).toBe(
      'relation_kind_mismatch',
    );
  });

  it('never presents a BSN unless allowed', () => {
    const row = {
      id: 'm',
      person_id: 'p',
      bsn: '111222333',
      source: 'brp' as const,
      voornamen: 'Zoë',
      voorvoegsel: 'van',
      geslachtsnaam: 'Dijk',
      geboortedatum: '1990-01-01',
      role: 'hoofd' as const,
      phone: null,
      email: null,
    };
    expect(presentMember(row, { withBsn: false })).not.toHaveProperty('bsn');
    expect(JSON.stringify(presentMember(row, { withBsn: false }))).not.toContain('111222333');
    expect(presentMember(row, { withBsn: true })).toMatchObject({ bsn: '111222333', naam: 'Zoë van Dijk' });
  });
});
