import { type Berekening, cents, pos } from './context.ts';

const WKB = 'Wet op het kindgebonden budget (BWBR0022751)';

export type KindgebondenBudgetVraag = {
  toetsingsinkomen: number;
  toeslagpartner: boolean;
  leeftijdenKinderen: readonly number[];
  vermogen?: number | undefined;
};

/**
 * Kindgebonden budget per year. Wet op het kindgebonden budget art. 2: an amount per child, raised for children of
 * 12-15 and 16-17, plus the alleenstaande-ouderkop, reduced by the afbouw percentage of the toetsingsinkomen above
 * the drempel. Art. 3: nothing above the vermogensgrens. The order of the children does not matter.
 */
export function kindgebondenBudgetPerJaar(b: Berekening, v: KindgebondenBudgetVraag, log = true): number {
  const step = (code: string, tekst: string, bedrag: number | null, wet?: string) => {
    if (log) b.stap(code, tekst, bedrag, wet);
  };
  const kinderen = v.leeftijdenKinderen.filter((l) => l >= 0 && l < 18);
  if (kinderen.length === 0) {
    step('kinderen', 'Geen kinderen jonger dan 18 jaar: geen kindgebonden budget', 0, `${WKB} art. 2`);
    return 0;
  }
  const partner = v.toeslagpartner;
  const vermogensgrens = b.p.get(
    'kindgebonden-budget',
    partner ? 'vermogensgrens_partners' : 'vermogensgrens_alleenstaande',
  );
  if ((v.vermogen ?? 0) > vermogensgrens) {
    step(
      'vermogen',
      `Vermogen boven de vermogensgrens van ${vermogensgrens}: geen kindgebonden budget`,
      0,
      `${WKB} art. 3`,
    );
    return 0;
  }
  const perKind = b.p.get('kindgebonden-budget', 'bedrag_per_kind');
  let totaal = perKind * kinderen.length;
  step(
    'per-kind',
    `${kinderen.length} x ${perKind} per kind`,
    perKind * kinderen.length,
    `${WKB} art. 2, eerste lid`,
  );
  const n12 = kinderen.filter((l) => l >= 12 && l <= 15).length;
  const n16 = kinderen.filter((l) => l >= 16).length;
  if (n12 > 0) {
    const x = b.p.get('kindgebonden-budget', 'verhoging_12_15');
    totaal += n12 * x;
    step(
      'verhoging-12-15',
      `${n12} kind(eren) van 12-15 jaar: ${n12} x ${x}`,
      n12 * x,
      `${WKB} art. 2, tweede lid`,
    );
  }
  if (n16 > 0) {
    const x = b.p.get('kindgebonden-budget', 'verhoging_16_17');
    totaal += n16 * x;
    step(
      'verhoging-16-17',
      `${n16} kind(eren) van 16-17 jaar: ${n16} x ${x}`,
      n16 * x,
      `${WKB} art. 2, tweede lid`,
    );
  }
  if (!partner) {
    const kop = b.p.get('kindgebonden-budget', 'alleenstaande_ouderkop');
    totaal += kop;
    step('alleenstaande-ouderkop', 'Alleenstaande-ouderkop', kop, `${WKB} art. 2, derde lid`);
  }
  const drempel = b.p.get('kindgebonden-budget', partner ? 'drempel_partners' : 'drempel_alleenstaande');
  const afbouw = b.p.get('kindgebonden-budget', 'afbouwpercentage');
  const korting = afbouw * pos(v.toetsingsinkomen - drempel);
  step(
    'afbouw',
    `Afbouw: ${(afbouw * 100).toFixed(2)} % van het inkomen boven ${drempel}`,
    -Math.min(totaal, korting),
    `${WKB} art. 2, zesde lid`,
  );
  return cents(pos(totaal - korting));
}
