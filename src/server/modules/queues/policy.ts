// Rules of the queues module that do not need the database: postcode ranges and the postcode → wijk lookup.
import type { InvalidParam } from '../../../shared/problem.ts';
import { normalisePostcode, POSTCODE_RANGE_PATTERN } from '../../../shared/schemas/queues.ts';

export type Range = { from: string; to: string };

/** A PC6 range only meets PC6 ranges and a PC4 range only PC4 ranges: PC6 takes precedence, so no conflict. */
export function rangesOverlap(a: Range, b: Range): boolean {
  return a.from.length === b.from.length && a.from <= b.to && b.from <= a.to;
}

export function formatRange(r: Range): string {
  return r.from === r.to ? r.from : `${r.from}–${r.to}`;
}

/** Each range on its own (same length at both ends, from <= to), then the ranges against each other. */
export function rangeProblems(ranges: readonly Range[]): InvalidParam[] {
  const invalid: InvalidParam[] = [];
  ranges.forEach((r, i) => {
    if (r.from.length !== r.to.length) {
      invalid.push({
        name: `body.ranges.${i}`,
        code: 'mixed_formats',
        reason: 'Both ends must be PC4 (1234) or both PC6 (1234AB).',
      });
    } else if (r.from > r.to) {
      invalid.push({ name: `body.ranges.${i}.to`, code: 'from_after_to', reason: 'to lies before from.' });
    }
  });
  if (invalid.length > 0) return invalid;
  ranges.forEach((r, i) => {
    const j = ranges.findIndex((other, k) => k < i && rangesOverlap(other, r));
    if (j >= 0) {
      invalid.push({
        name: `body.ranges.${i}`,
        code: 'overlapping_ranges',
        reason: `Overlaps range ${j} (${formatRange(ranges[j] as Range)}) of the same list.`,
      });
    }
  });
  return invalid;
}

export type TakenRange = Range & { wijkId: string; wijkCode: string; wijkName: string };

/** The new ranges that overlap ranges of other wijken, each naming the wijk and range it collides with. */
export function overlapProblems(ranges: readonly Range[], taken: readonly TakenRange[]): InvalidParam[] {
  const invalid: InvalidParam[] = [];
  ranges.forEach((r, i) => {
    for (const t of taken) {
      if (!rangesOverlap(r, t)) continue;
      invalid.push({
        name: `body.ranges.${i}`,
        code: 'overlap',
        reason: `${formatRange(r)} overlaps ${formatRange(t)} of wijk ${t.wijkName} (${t.wijkCode}).`,
      });
    }
  });
  return invalid;
}

// --- Lookup ------------------------------------------------------------------------------------------------

/** A normalised PC6 (`1234AB`) or PC4 (`1234`), or null when the text is no postcode at all. */
export function parsePostcode(value: string): { pc6: string | null; pc4: string } | null {
  const pc = normalisePostcode(value);
  if (!POSTCODE_RANGE_PATTERN.test(pc)) return null;
  return { pc6: pc.length === 6 ? pc : null, pc4: pc.slice(0, 4) };
}

export type RoutedRange = Range & { id: string; wijkId: string; teamId: string | null };

type SortedRanges = { items: RoutedRange[]; maxTo: string[] };

function byFromThenId(a: RoutedRange, b: RoutedRange): number {
  if (a.from !== b.from) return a.from < b.from ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function sorted(items: RoutedRange[]): SortedRanges {
  const sortedItems = [...items].sort(byFromThenId);
  const maxTo: string[] = [];
  for (const [i, r] of sortedItems.entries()) {
    const before = maxTo[i - 1];
    maxTo.push(before !== undefined && before > r.to ? before : r.to);
  }
  return { items: sortedItems, maxTo };
}

/**
 * The containing range with the greatest `from` (then the greatest id), exactly as the SQL lookup orders them.
 * Overlaps are refused on input, but the search stays correct if the table holds some anyway.
 */
function search(s: SortedRanges, key: string): RoutedRange | null {
  let lo = 0;
  let hi = s.items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((s.items[mid] as RoutedRange).from <= key) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && (s.maxTo[i] as string) >= key; i--) {
    const r = s.items[i] as RoutedRange;
    if (r.to >= key) return r;
  }
  return null;
}

/** An in-memory postcode map of one municipality, for looking up many postcodes at once. */
export class PostcodeMap {
  private readonly pc6: SortedRanges;
  private readonly pc4: SortedRanges;

  constructor(ranges: readonly RoutedRange[]) {
    this.pc6 = sorted(ranges.filter((r) => r.from.length === 6));
    this.pc4 = sorted(ranges.filter((r) => r.from.length === 4));
  }

  /** PC6 ranges first; PC4 ranges compare on the four digits. A bare PC4 postcode only meets PC4 ranges. */
  lookup(postcode: string): RoutedRange | null {
    const parsed = parsePostcode(postcode);
    if (!parsed) return null;
    return (parsed.pc6 ? search(this.pc6, parsed.pc6) : null) ?? search(this.pc4, parsed.pc4);
  }
}
