// The ZRM and bridge texts (shared/schemas/households.ts, in Dutch and English) in the language of the page.
import { PILLAR_TEXTS, type Pillar, ZRM, type ZrmDomain } from '../../../shared/schemas/households.ts';

/** The English text for English, the Dutch text for every other language (Dutch is the source). */
export function bi(text: { nl: string; en: string }, lang: string): string {
  return lang.startsWith('en') ? text.en : text.nl;
}

export const zrmDomainName = (d: ZrmDomain, lang: string) => bi(ZRM[d].name, lang);
export const pillarName = (p: Pillar, lang: string) => bi(PILLAR_TEXTS[p].name, lang);
