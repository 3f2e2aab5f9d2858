// The rules of the household plan that need no database: who may see which part of a plan, who may change it,
// and the invariants of goals, actions, network and consent. Pure functions, unit-tested in policy.test.ts.
import type { InvalidParam } from '../../../shared/problem.ts';
import type { Permission } from '../../../shared/roles.ts';
import {
  CONSENT_CATEGORIES,
  type ConsentCategory,
  NETWORK_RELATIONS,
  type NetworkKind,
  type NetworkRelation,
  type TimelineCategory,
} from '../../../shared/schemas/households.ts';

export type Access = {
  /** professional: every plan of the municipality (households:read); netwerk: by the resident's consent only. */
  level: 'professional' | 'netwerk';
  categories: ReadonlySet<ConsentCategory>;
  /** The caller is the household's regisseur, the case is open, and they may change plans. */
  canManage: boolean;
  /** Whether a BSN may be shown (never to a network member, never to a volunteer). */
  withBsn: boolean;
};

export type AccessDecision =
  | { ok: true; access: Access }
  /** not_found: the caller has nothing to do with this household (answered 404, existence is not revealed). */
  | { ok: false; reason: 'not_found' }
  /** no_consent: the caller is in the network, but no consent is in force (any more): answered 403. */
  | { ok: false; reason: 'no_consent' };

/**
 * Who may open a household plan and which parts. `links` are the caller's network memberships of this household
 * with the categories of each consent in force (null categories: a membership without consent).
 */
export function decideAccess(
  permissions: ReadonlySet<Permission>,
  userId: string,
  household: { regisseurId: string | null; status: 'open' | 'gesloten' },
  links: readonly { categories: readonly string[] | null }[],
): AccessDecision {
  if (permissions.has('households:read')) {
    return {
      ok: true,
      access: {
        level: 'professional',
        categories: new Set(CONSENT_CATEGORIES),
        canManage:
          permissions.has('households:manage') &&
          household.status === 'open' &&
          household.regisseurId === userId,
        withBsn: permissions.has('persons:read_bsn'),
      },
    };
  }
  if (!permissions.has('household_network:read') || links.length === 0)
    return { ok: false, reason: 'not_found' };
  // A closed plan is no longer shared with the network.
  if (household.status !== 'open') return { ok: false, reason: 'no_consent' };
  const categories = new Set<ConsentCategory>();
  for (const link of links)
    for (const c of link.categories ?? [])
      if ((CONSENT_CATEGORIES as readonly string[]).includes(c)) categories.add(c as ConsentCategory);
  if (categories.size === 0) return { ok: false, reason: 'no_consent' };
  return { ok: true, access: { level: 'netwerk', categories, canManage: false, withBsn: false } };
}

/** The parts of the household view a caller gets; everything else is null ("not shared with you"). */
export function visibleParts(access: Access) {
  const has = (c: ConsentCategory) => access.categories.has(c);
  const pro = access.level === 'professional';
  return {
    members: pro || has('netwerk'),
    regisseurHistory: pro,
    network: pro || has('netwerk'),
    /** Professionals see every consent; a network member sees the consents given to them. */
    consents: pro ? ('all' as const) : ('own' as const),
    zrm: pro || has('zrm'),
    goals: pro || has('plan'),
    referrals: pro || has('verwijzingen'),
    timeline: pro || has('tijdlijn'),
  };
}

/**
 * The timeline categories a caller may see: all for professionals; for a network member only those of the parts
 * the resident shared (so the timeline does not tell what the consent keeps back). null means all.
 */
export function timelineCategoriesFor(access: Access): TimelineCategory[] | null {
  if (access.level === 'professional') return null;
  if (!access.categories.has('tijdlijn')) return [];
  const out: TimelineCategory[] = [];
  if (access.categories.has('netwerk')) out.push('huishouden', 'netwerk', 'toestemming');
  if (access.categories.has('zrm')) out.push('zrm');
  if (access.categories.has('plan')) out.push('plan');
  if (access.categories.has('verwijzingen')) out.push('verwijzing');
  if (access.categories.has('financien')) out.push('schuldhulp');
  return out;
}

const problem = (name: string, code: string, reason: string): InvalidParam => ({ name, code, reason });

/** A date that must not lie before today (a goal's target date, an action's due date). */
export function notInPast(date: string | undefined, today: string, name: string): InvalidParam[] {
  return date !== undefined && date < today
    ? [problem(name, 'in_past', 'This date lies in the past. Choose today or a later day.')]
    : [];
}

/** A date that must not lie after today (consent given, an assessment done, progress made). */
export function notInFuture(date: string | undefined, today: string, name: string): InvalidParam[] {
  return date !== undefined && date > today
    ? [problem(name, 'in_future', 'This date lies in the future.')]
    : [];
}

/** A network member: the relation must fit the kind, and a professional names their organisation. */
export function networkMemberProblems(m: {
  kind: NetworkKind;
  relation: NetworkRelation;
  organisation?: string;
}): InvalidParam[] {
  const out: InvalidParam[] = [];
  if (!(NETWORK_RELATIONS[m.kind] as readonly string[]).includes(m.relation)) {
    out.push(
      problem(
        'body.relation',
        'relation_kind_mismatch',
        m.kind === 'formeel'
          ? 'A professional belongs to an organisation such as wijkteam, GGZ or bewindvoerder.'
          : 'An informal network member is family, a friend, a neighbour or a budgetmaatje.',
      ),
    );
  }
  if (m.kind === 'formeel' && !m.organisation?.trim()) {
    out.push(problem('body.organisation', 'required', 'Name the organisation of this professional.'));
  }
  return out;
}

export type Owner =
  | { kind: 'bewoner'; memberId: string }
  | { kind: 'netwerk'; networkMemberId: string }
  | { kind: 'regisseur' };

/**
 * An action's owner must be inside the household's circle: a member of the household, an active member of its
 * network, or its regisseur. Anyone else is refused.
 */
export function ownerProblems(
  owner: Owner,
  circle: { memberIds: ReadonlySet<string>; activeNetworkIds: ReadonlySet<string>; hasRegisseur: boolean },
): InvalidParam[] {
  switch (owner.kind) {
    case 'bewoner':
      return circle.memberIds.has(owner.memberId)
        ? []
        : [
            problem(
              'body.owner.memberId',
              'not_in_household',
              'This person is not a member of this household.',
            ),
          ];
    case 'netwerk':
      return circle.activeNetworkIds.has(owner.networkMemberId)
        ? []
        : [
            problem(
              'body.owner.networkMemberId',
              'not_in_network',
              'This person is not (or no longer) in the network of this household. Add them to the network first.',
            ),
          ];
    case 'regisseur':
      return circle.hasRegisseur
        ? []
        : [problem('body.owner.kind', 'no_regisseur', 'This household has no regisseur.')];
  }
}

/** A goal is linked to a ZRM domain or a Mobility Mentoring pillar (or both). */
export function goalLinkProblems(g: { zrmDomain?: string; pillar?: string }): InvalidParam[] {
  return g.zrmDomain || g.pillar
    ? []
    : [problem('body.zrmDomain', 'required', 'Link the goal to a ZRM domain or a pillar.')];
}
