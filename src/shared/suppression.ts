// Small-number suppression, shared by the monitor and the business case: people who may not see personal data see
// no figure that rests on fewer than five residents or households, because a small group can be recognised.

/** Figures based on fewer residents or households than this are suppressed ("<5"). */
export const SUPPRESSION_THRESHOLD = 5;

/** What a suppressed figure reads as, on screen, in CSV and in PDF. */
export const SUPPRESSED_DISPLAY = '<5';

/** Only those who may read the personal data anyway see small numbers. */
export function seesSmallNumbers(permissions: ReadonlySet<string>): boolean {
  return permissions.has('persons:read');
}

/**
 * The cells of one breakdown to suppress, by index. `bases[i]` is how many residents or households cell i rests
 * on. A cell below the threshold is suppressed (primary), as is every index in `forced`. When the breakdown's total
 * is shown and exactly one cell is suppressed, the total minus the other cells would give it back, so the
 * next-smallest other cell is suppressed too (secondary; the first of equals, so the choice is stable).
 */
export function cellsToSuppress(
  bases: readonly number[],
  opts: { totalShown: boolean; forced?: ReadonlySet<number> },
): Set<number> {
  const out = new Set<number>();
  for (const [i, basis] of bases.entries()) {
    if (basis < SUPPRESSION_THRESHOLD || opts.forced?.has(i)) out.add(i);
  }
  if (opts.totalShown && out.size === 1 && bases.length > 1) {
    let next = -1;
    for (const [i, basis] of bases.entries()) {
      if (out.has(i)) continue;
      if (next === -1 || basis < (bases[next] as number)) next = i;
    }
    out.add(next);
  }
  return out;
}
