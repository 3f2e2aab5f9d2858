// The rules of budgetmaatjes that need no database: when a VOG counts as valid, how a volunteer is scored for a
// resident's request and why. The matching query (repository.ts) computes the same score in SQL with these
// weights, so the ranking and the reasons shown next to it can never disagree (tested in policy.test.ts).
import type { MatchReason } from '../../../shared/schemas/volunteers.ts';

/** Points per reason. Kind of help weighs most: a volunteer who does not give the help asked for is no match. */
export const WEIGHTS = {
  /** Per kind of help asked for that the volunteer gives. */
  hulpsoort: 3,
  /** A language the resident asked for. */
  taal: 3,
  /** The background the resident asked for. */
  achtergrond: 2,
  /** Migration experience, when the resident asked for it. */
  migratie_ervaring: 2,
  /** Living or working in the resident's wijk (the nearest measure of distance the municipality keeps). */
  wijk: 2,
  /** Per matching availability slot, up to three. */
  beschikbaarheid: 1,
  beschikbaarheidMax: 3,
  /** No match yet: spreads the work over the volunteers. */
  ruimte: 1,
  /** Finished the training. */
  training_afgerond: 1,
} as const;

/** A VOG counts on the day it expires and not after; no expiry date means no VOG. */
export function vogValid(vogExpiresOn: string | null, today: string): boolean {
  return vogExpiresOn !== null && vogExpiresOn >= today;
}

export type RequestPreferences = {
  helpKinds: readonly string[];
  languages: readonly string[];
  background: string | null;
  wantsMigrationExperience: boolean;
  wijkId: string | null;
  availability: readonly string[];
};

export type CandidateFacts = {
  helpKinds: readonly string[];
  languages: readonly string[];
  backgrounds: readonly string[];
  migrationExperience: boolean;
  wijkId: string | null;
  availability: readonly string[];
  activeMatches: number;
  trainingStatus: string;
};

const overlap = (a: readonly string[], b: readonly string[]) => a.filter((x) => b.includes(x));

/** The reasons one volunteer fits a request, each with its points; the score is their sum. */
export function matchReasons(request: RequestPreferences, v: CandidateFacts): MatchReason[] {
  const reasons: MatchReason[] = [];
  const help = overlap(request.helpKinds, v.helpKinds);
  if (help.length > 0)
    reasons.push({ code: 'hulpsoort', values: help, points: help.length * WEIGHTS.hulpsoort });
  const languages = overlap(request.languages, v.languages);
  if (languages.length > 0) reasons.push({ code: 'taal', values: languages, points: WEIGHTS.taal });
  if (request.background && v.backgrounds.includes(request.background)) {
    reasons.push({ code: 'achtergrond', values: [request.background], points: WEIGHTS.achtergrond });
  }
  if (request.wantsMigrationExperience && v.migrationExperience) {
    reasons.push({ code: 'migratie_ervaring', values: [], points: WEIGHTS.migratie_ervaring });
  }
  if (request.wijkId && v.wijkId === request.wijkId)
    reasons.push({ code: 'wijk', values: [], points: WEIGHTS.wijk });
  const slots = overlap(request.availability, v.availability);
  if (slots.length > 0) {
    reasons.push({
      code: 'beschikbaarheid',
      values: slots,
      points: Math.min(slots.length, WEIGHTS.beschikbaarheidMax) * WEIGHTS.beschikbaarheid,
    });
  }
  if (v.activeMatches === 0) reasons.push({ code: 'ruimte', values: [], points: WEIGHTS.ruimte });
  if (v.trainingStatus === 'afgerond') {
    reasons.push({ code: 'training_afgerond', values: [], points: WEIGHTS.training_afgerond });
  }
  return reasons;
}

export function scoreOf(reasons: readonly MatchReason[]): number {
  return reasons.reduce((s, r) => s + r.points, 0);
}

/** Why a volunteer cannot be matched now, or null when they can. */
export function matchRefusal(
  v: {
    status: string;
    vogExpiresOn: string | null;
    activeMatches: number;
    maxMatches: number;
    helpKinds: readonly string[];
  },
  request: { helpKinds: readonly string[] },
  today: string,
): 'vog-verlopen' | 'vrijwilliger-niet-actief' | 'vrijwilliger-vol' | 'hulpsoort-past-niet' | null {
  if (v.status !== 'actief') return 'vrijwilliger-niet-actief';
  if (!vogValid(v.vogExpiresOn, today)) return 'vog-verlopen';
  if (v.activeMatches >= v.maxMatches) return 'vrijwilliger-vol';
  if (overlap(request.helpKinds, v.helpKinds).length === 0) return 'hulpsoort-past-niet';
  return null;
}
