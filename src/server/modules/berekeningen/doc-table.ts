// Prints the parameter tables of docs/berekeningen.md from the YAML files:
//   npx tsx src/server/modules/berekeningen/doc-table.ts
// and paste the output under "Every parameter and its source" (parameters.test.ts checks the document).
import { loadParameterFile, PARAMETER_SETS } from './parameters.ts';

export function parameterTables(): string {
  const out: string[] = [];
  for (const set of PARAMETER_SETS) {
    out.push(
      `### ${set}`,
      '',
      '| Parameter | Wet | Vanaf | Waarde | Status | Bron |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const [naam, p] of Object.entries(loadParameterFile(set).parameters)) {
      for (const w of p.waarden) {
        const titel = w.bron.titel.replace(/\|/g, '/');
        const bron =
          (w.bron.url ? `[${titel}](${w.bron.url})` : titel) +
          (w.toelichting ? ` (${w.toelichting.replace(/\|/g, '/')})` : '');
        out.push(
          `| \`${naam}\` ${p.omschrijving} | ${p.wet.bwbr} art. ${p.wet.artikel} | ${w.vanaf} | ${w.waarde} | ${w.status} | ${bron} |`,
        );
      }
    }
    out.push('');
  }
  return out.join('\n');
}

if (process.argv[1]?.endsWith('doc-table.ts')) process.stdout.write(parameterTables());
