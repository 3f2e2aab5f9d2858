// npm run --silent ddas:export-shv -- [--organisatie CODE|ID] --van YYYY-MM-DD --tot YYYY-MM-DD [--out FILE]
// Writes the DDAS schuldhulpverlening v1.0 Uitwisselmodel (JSON) for CBS, with the conventions of ddas:export.
// Exit status 0 only for a valid export.
import { DdasExportError } from '../modules/ddas/service.ts';
import { exportShvUitwisselmodel, ShvExportError } from '../modules/schuldhulp/ddas/export.ts';
import { runExportCommand } from './export-command.ts';

const USAGE = `Usage: npm run --silent ddas:export-shv -- [--organisatie CODE|ID] --van YYYY-MM-DD --tot YYYY-MM-DD [--out FILE]

  --organisatie X   CBS gemeentecode (0363 or GM0363): that municipality's trajectories, delivered by its region;
                    or the id of an organisation (region): all its municipalities. Default: this installation's
                    organisation.
  --van DATE        first day of the period (inclusive); trajectories that ran in the period are delivered
  --tot DATE        last day of the period (inclusive); a period is at most 5 years
  --out FILE        write to FILE instead of standard output (only a complete, valid file appears there)

Uses DATABASE_URL when set, otherwise the embedded database in DATA_DIR (default ./data/pglite).
Exit status: 0 valid export; 2 bad input; 3 records that cannot be exported (listed); 1 other failure.
`;

runExportCommand({
  name: 'ddas:export-shv',
  usage: USAGE,
  // A bad period or organisation is refused by the rules the two exports share (DdasExportError).
  isExportError: (err) => err instanceof DdasExportError || err instanceof ShvExportError,
  run: exportShvUitwisselmodel,
  describe: (summary) => {
    const parts = summary.trajecten.map(
      (l) => `${l.gemeentecode}: ${l.schuldhulptrajecten} schuldhulptrajecten`,
    );
    return `valid DDAS schuldhulpverlening v1.0 export for ${summary.organisation.naam} (${parts.join('; ')})`;
  },
});
