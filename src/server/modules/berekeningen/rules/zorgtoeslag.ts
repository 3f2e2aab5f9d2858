import { type Berekening, cents, pos } from './context.ts';

const WZT = 'Wet op de zorgtoeslag (BWBR0018451)';

export type ZorgtoeslagVraag = {
  toetsingsinkomen: number;
  toeslagpartner: boolean;
  vermogen?: number | undefined;
};

/**
 * Zorgtoeslag per year. Wet op de zorgtoeslag art. 2: standaardpremie minus normpremie, where the normpremie rises
 * with a fixed percentage of the toetsingsinkomen above the drempelinkomen (Awir art. 8). We take the published
 * maximum, drempelinkomen and inkomensgrens and derive the afbouw percentage from them, so that both published
 * end points are exact. Art. 3: no zorgtoeslag above the vermogensgrens.
 */
export function zorgtoeslagPerJaar(b: Berekening, v: ZorgtoeslagVraag, log = true): number {
  const partner = v.toeslagpartner;
  const maximum = b.p.get('zorgtoeslag', partner ? 'maximum_partners_jaar' : 'maximum_alleenstaande_jaar');
  const drempel = b.p.get('zorgtoeslag', 'drempelinkomen');
  const grens = b.p.get('zorgtoeslag', partner ? 'inkomensgrens_partners' : 'inkomensgrens_alleenstaande');
  const vermogensgrens = b.p.get(
    'zorgtoeslag',
    partner ? 'vermogensgrens_partners' : 'vermogensgrens_alleenstaande',
  );
  const afbouw = maximum / (grens - drempel);
  if ((v.vermogen ?? 0) > vermogensgrens) {
    if (log)
      b.stap(
        'vermogen',
        `Vermogen boven de vermogensgrens van ${vermogensgrens}: geen zorgtoeslag`,
        0,
        `${WZT} art. 3`,
      );
    return 0;
  }
  const boven = pos(v.toetsingsinkomen - drempel);
  const jaar = pos(maximum - afbouw * boven);
  if (log) {
    b.stap(
      'maximum',
      `Maximale zorgtoeslag per jaar (${partner ? 'met' : 'zonder'} toeslagpartner)`,
      maximum,
      `${WZT} art. 2`,
    );
    b.stap(
      'afbouw',
      `Inkomen boven het drempelinkomen ${drempel}: ${cents(boven)}; afbouw ${(afbouw * 100).toFixed(3)} % daarvan per jaar (afgeleid: maximum / (inkomensgrens ${grens} - drempelinkomen))`,
      -Math.min(maximum, afbouw * boven),
      `${WZT} art. 2`,
    );
  }
  return cents(jaar);
}
