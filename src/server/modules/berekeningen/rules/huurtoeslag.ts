import { type Berekening, cents, pos } from './context.ts';

const WHT = 'Wet op de huurtoeslag (BWBR0008659)';

export type HuurtoeslagVraag = {
  toetsingsinkomen: number;
  toeslagpartner: boolean;
  huishoudgrootte: number;
  kaleHuur: number;
  servicekosten?: number | undefined;
  leeftijdOudste?: number | undefined;
  vermogen?: number | undefined;
};

/**
 * Huurtoeslag per month. Wet op de huurtoeslag art. 13-21. The 2025 system excludes rents above the maximale
 * huurgrens and raises the basishuur (eigen bijdrage) with income; the 2026 system has no maximum rent (only a cap
 * on the rekenhuur), ignores service costs and lowers the toeslag linearly with income.
 */
export function huurtoeslagPerMaand(
  b: Berekening,
  v: HuurtoeslagVraag,
  log = true,
): { bedrag: number; systeem: 2025 | 2026 } {
  const systeem = b.p.get('huurtoeslag', 'systeem') === 2026 ? 2026 : 2025;
  const step = (code: string, tekst: string, bedrag: number | null, wet?: string) => {
    if (log) b.stap(code, tekst, bedrag, wet);
  };
  const vermogensgrens = b.p.get(
    'huurtoeslag',
    v.toeslagpartner ? 'vermogensgrens_partners' : 'vermogensgrens_alleenstaande',
  );
  if ((v.vermogen ?? 0) > vermogensgrens) {
    step(
      'vermogen',
      `Vermogen boven de vermogensgrens van ${vermogensgrens}: geen huurtoeslag`,
      0,
      `${WHT} art. 14`,
    );
    return { bedrag: 0, systeem };
  }
  const jong = (v.leeftijdOudste ?? 23) < b.p.get('huurtoeslag', 'jongerengrens_leeftijd');
  const maxServicekosten = b.p.get('huurtoeslag', 'maximum_servicekosten');
  const rekenhuurVoorGrens = v.kaleHuur + Math.min(v.servicekosten ?? 0, maxServicekosten);
  const plafond = b.p.get('huurtoeslag', jong ? 'maximale_huurgrens_jongeren' : 'maximale_huurgrens');
  step(
    'rekenhuur',
    `Rekenhuur: kale huur plus ten hoogste ${maxServicekosten} servicekosten`,
    rekenhuurVoorGrens,
    `${WHT} art. 5`,
  );
  let rekenhuur = rekenhuurVoorGrens;
  if (rekenhuurVoorGrens > plafond) {
    if (systeem === 2025) {
      step(
        'maximale-huurgrens',
        `Rekenhuur boven de maximale huurgrens ${plafond}: geen recht (systeem 2025)`,
        0,
        `${WHT} art. 13`,
      );
      return { bedrag: 0, systeem };
    }
    rekenhuur = plafond;
    step(
      'maximale-huurgrens',
      `Rekenhuur begrensd op ${plafond} (systeem 2026: geen uitsluiting meer)`,
      rekenhuur,
      `${WHT} art. 13`,
    );
  }
  const minBasishuur = b.p.get('huurtoeslag', 'minimale_basishuur');
  const drempel = b.p.get('huurtoeslag', 'inkomensdrempel');
  const afbouw = b.p.get('huurtoeslag', 'afbouwpercentage');
  const inkomensdeel = (afbouw * pos(v.toetsingsinkomen - drempel)) / 12;
  const kwkg = b.p.get('huurtoeslag', 'kwaliteitskortingsgrens');
  const aftop = b.p.get(
    'huurtoeslag',
    v.huishoudgrootte >= 3 ? 'aftoppingsgrens_3_personen' : 'aftoppingsgrens_1_2_personen',
  );
  // In 2025 the income raises the basishuur; in 2026 the toeslag at the minimum basishuur drops linearly.
  const basishuur = systeem === 2025 ? minBasishuur + inkomensdeel : minBasishuur;
  step(
    'basishuur',
    `Basishuur (eigen bijdrage)${systeem === 2025 ? ', stijgt met het inkomen boven de drempel' : ''}`,
    basishuur,
    `${WHT} art. 17`,
  );
  const deel100 = pos(Math.min(rekenhuur, kwkg) - basishuur);
  const deel65 = 0.65 * pos(Math.min(rekenhuur, aftop) - Math.max(kwkg, basishuur));
  const deel40 = 0.4 * pos(rekenhuur - Math.max(aftop, basishuur));
  step(
    'deel-100',
    `100 % van de huur tussen basishuur en kwaliteitskortingsgrens ${kwkg}`,
    deel100,
    `${WHT} art. 20`,
  );
  step('deel-65', `65 % van de huur tussen ${kwkg} en de aftoppingsgrens ${aftop}`, deel65, `${WHT} art. 20`);
  step('deel-40', `40 % van de huur boven de aftoppingsgrens ${aftop}`, deel40, `${WHT} art. 20`);
  let bedrag = deel100 + deel65 + deel40;
  if (systeem === 2026) {
    step(
      'afbouw',
      `Lineaire afbouw: ${afbouw * 100} % van het inkomen boven ${drempel}, per maand`,
      -Math.min(bedrag, inkomensdeel),
      `${WHT} art. 17`,
    );
    bedrag = pos(bedrag - inkomensdeel);
  }
  return { bedrag: cents(bedrag), systeem };
}
