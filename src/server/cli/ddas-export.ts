// npm run --silent ddas:export -- [--organisatie CODE|ID] --van YYYY-MM-DD --tot YYYY-MM-DD [--out FILE]
// Writes the DDAS vroegsignalering v1.2 Uitwisselmodel (JSON) for CBS. Exit status 0 only for a valid export.
import { DdasExportError, exportUitwisselmodel } from '../modules/ddas/service.ts';
import { runExportCommand } from './export-command.ts';

const USAGE = `Usage: npm run --silent ddas:export -- [--organisatie CODE|ID] --van YYYY-MM-DD --tot YYYY-MM-DD [--out FILE]

  --organisatie X   CBS gemeentecode (0363 or GM0363): that municipality, delivered by its region; or the id of
                    an organisation (region): all its municipalities. Default: this installation's organisation.
  --van DATE        first day of the period (inclusive)
  --tot DATE        last day of the period (inclusive); a period is at most 5 years
  --out FILE        write to FILE instead of standard output (only a complete, valid file appears there)

Uses DATABASE_URL when set, otherwise the embedded database in DATA_DIR (default ./data/pglite).
Exit status: 0 valid export; 2 bad input; 3 records that cannot be exported (listed); 1 other failure.
`;

runExportCommand({
  name: 'ddas:export',
  usage: USAGE,
  isExportError: (err) => err instanceof DdasExportError,
  run: exportUitwisselmodel,
  describe: (summary) => {
    const parts = summary.leveringen.map(
      (l) => `${l.gemeentecode}: ${l.vroegsignalen} vroegsignalen, ${l.vroegsignaalzaken} vroegsignaalzaken`,
    );
    return `valid DDAS vroegsignalering v1.2 export for ${summary.organisation.naam} (${parts.join('; ')})`;
  },
});
