import { describe, expect, it } from 'vitest';
import { cellsToSuppress, SUPPRESSION_THRESHOLD, seesSmallNumbers } from './suppression.ts';

const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe('small-number suppression', () => {
  it('hides cells under five, zero included, and keeps five and more', () => {
    expect(SUPPRESSION_THRESHOLD).toBe(5);
    expect(sorted(cellsToSuppress([0, 4, 5, 12, 3], { totalShown: false }))).toEqual([0, 1, 4]);
  });

  it('with the total shown, one hidden cell takes the next-smallest with it', () => {
    expect(sorted(cellsToSuppress([3, 20, 6, 8], { totalShown: true }))).toEqual([0, 2]);
    // Of equals the first, so the same figures always hide the same cells.
    expect(sorted(cellsToSuppress([9, 7, 2, 7], { totalShown: true }))).toEqual([1, 2]);
  });

  it('needs no second cell when the total is hidden, two are hidden already, or there is no other cell', () => {
    expect(sorted(cellsToSuppress([3, 20, 6], { totalShown: false }))).toEqual([0]);
    expect(sorted(cellsToSuppress([3, 1, 20, 6], { totalShown: true }))).toEqual([0, 1]);
    expect(sorted(cellsToSuppress([3], { totalShown: true }))).toEqual([0]);
    expect(sorted(cellsToSuppress([30, 40], { totalShown: true }))).toEqual([]);
  });

  it('counts a forced cell as hidden, and protects it the same way', () => {
    expect(sorted(cellsToSuppress([30, 8, 40], { totalShown: true, forced: new Set([2]) }))).toEqual([1, 2]);
  });

  it('shows small numbers only to whoever may read personal data', () => {
    expect(seesSmallNumbers(new Set(['aggregates:read', 'businesscase:manage']))).toBe(false);
    expect(seesSmallNumbers(new Set(['aggregates:read', 'persons:read']))).toBe(true);
  });
});
