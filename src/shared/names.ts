export type NameParts = {
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  partnerVoorvoegsel: string | null;
  partnerGeslachtsnaam: string | null;
  /** BRP aanduiding naamgebruik. */
  naamgebruik: 'E' | 'P' | 'V' | 'N';
};

function surname(prefix: string | null, name: string | null): string {
  return [prefix, name].filter(Boolean).join(' ');
}

/**
 * The surname as the person wants to be addressed, following the BRP aanduiding naamgebruik:
 * E own name, P partner's name, V partner's name then own, N own name then partner's.
 */
export function displaySurname(p: NameParts): string {
  const own = surname(p.voorvoegsel, p.geslachtsnaam);
  const partner = p.partnerGeslachtsnaam ? surname(p.partnerVoorvoegsel, p.partnerGeslachtsnaam) : '';
  if (!partner) return own;
  switch (p.naamgebruik) {
    case 'P':
      return partner;
    case 'V':
      return `${partner}-${own}`;
    case 'N':
      return `${own}-${partner}`;
    default:
      return own;
  }
}

export function displayName(p: NameParts): string {
  return `${p.voornamen} ${displaySurname(p)}`.trim();
}
