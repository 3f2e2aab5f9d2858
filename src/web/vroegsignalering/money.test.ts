import { describe, expect, it } from 'vitest';
import { parseEuros } from './money.ts';

describe('parseEuros', () => {
  it.each([
    ['75', 7500],
    ['75,5', 7550],
    ['75,50', 7550],
    ['75.50', 7550],
    ['1.234', 123400],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1234,56', 123456],
    ['€ 12', 1200],
    ['12 EUR', 1200],
    ['0', 0],
    [',5', 50],
    ['1.234.567', 123456700],
  ])('%s is %i cents', (text, cents) => {
    expect(parseEuros(text)).toBe(cents);
  });

  it.each(['', 'abc', '-5', '1,2,3', '1.2.3', '12,345', '1.23,4.5', '75,555', '1e5'])(
    '%s is no amount',
    (text) => {
      expect(parseEuros(text)).toBeNull();
    },
  );
});
