// The DDAS export command as operators run it: real child processes on the embedded demo database, right after
// the server (src/server/main.ts, what `npm start` runs) seeded it on first start.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInNetherlands } from '../../shared/calendar.ts';
import { openDatabase } from '../db/client.ts';
import { validateDocument } from '../modules/ddas/validate.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

type Result = { code: number | null; stdout: string; stderr: string };

function run(
  script: string,
  args: string[],
  env: Record<string, string>,
  untilListening = false,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.tmpdir(),
        LOG_LEVEL: 'silent',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      // The server seeded the demo and listens: stop it the way an operator does (Ctrl+C).
      if (untilListening && /Vangnet runs at/.test(stdout)) child.kill('SIGINT');
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run ddas:export', () => {
  let dir: string;
  let env: Record<string, string>;
  const exportCli = (...args: string[]) => run('src/server/cli/ddas-export.ts', args, env);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-ddas-cli-'));
    env = { DATA_DIR: dir };
    const server = await run(
      'src/server/main.ts',
      [],
      { ...env, HOST: '127.0.0.1', PORT: '0', JOBS_ENABLED: 'false' },
      true,
    );
    expect(server.stdout).toContain('Vangnet runs at');
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exports the demo region to standard output as a valid Uitwisselmodel', async () => {
    const today = todayInNetherlands();
    const year = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const res = await exportCli('--van', year, '--tot', today);
    expect(res.stderr).toContain('valid DDAS vroegsignalering v1.2 export for Regio Voorbeeld');
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(validateDocument(doc)).toEqual([]);
    expect(doc.leveringen.map((l: { gemeentecode: string }) => l.gemeentecode)).toEqual(['9901', '9902']);
    expect(doc.leveringen[0].aanleverendeOrganisatie.naam).toBe('Regio Voorbeeld');
    expect(doc.leveringen[0].vroegsignalen.length).toBeGreaterThan(0);
  }, 60_000);

  it('writes one municipality to --out, delivered by its region', async () => {
    const out = path.join(dir, 'levering.json');
    const res = await exportCli(
      '--organisatie',
      'GM9902',
      '--van',
      '2000-01-01',
      '--tot',
      '2004-12-31',
      '--out',
      out,
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(validateDocument(doc)).toEqual([]);
    expect(doc.leveringen).toEqual([
      expect.objectContaining({ gemeentecode: '9902', aanleverendeOrganisatie: { naam: 'Regio Voorbeeld' } }),
    ]);
  }, 60_000);

  it.each([
    [
      ['--van', '2025-03-01', '--tot', '2025-02-01'],
      /einddatum 2025-02-01 ligt voor de begindatum.*period_end_before_start/s,
    ],
    [['--van', '2020-01-01', '--tot', '2025-01-01'], /hoogstens 5 jaar.*period_too_long/s],
    [['--van', '2025-02-29', '--tot', '2025-03-01'], /--van: "2025-02-29" is geen bestaande datum/],
    [['--van', '1-1-2025', '--tot', '2025-03-01'], /--van: "1-1-2025" is geen bestaande datum/],
    [['--tot', '2025-03-01'], /--van: Geef de begindatum/],
    [
      ['--van', '2025-01-01', '--tot', '2025-03-01', '--organisatie', '0001'],
      /Geen gemeente of organisatie gevonden voor "0001"/,
    ],
    [
      ['--van', '2025-01-01', '--tot', '2025-03-01', '--organisatie', 'Voorbeeld'],
      /"Voorbeeld" is geen gemeentecode/,
    ],
    [['--van', '2025-01-01', '--tot', '2025-03-01', '--gemeente', '0363'], /Unknown option '--gemeente'/],
  ])(
    'refuses %j with a specific message and exit status 2',
    async (args, message) => {
      const res = await exportCli(...args);
      expect(res.stderr).toMatch(message);
      expect(res.code).toBe(2);
      expect(res.stdout).toBe('');
    },
    60_000,
  );

  it('lists records that cannot be exported, exits 3 and delivers no file', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
    let meldingId: string | undefined;
    try {
      const [m] = await db.query<{ id: string }>(
        `UPDATE meldingen SET status = 'in_behandeling', taken_up_on = NULL
          WHERE id = (SELECT id FROM meldingen WHERE status = 'open' ORDER BY period_start DESC, id LIMIT 1)
          RETURNING id::text AS id`,
      );
      meldingId = m?.id;
    } finally {
      await db.close();
    }
    expect(meldingId).toBeDefined();
    const out = path.join(dir, 'ongeldig.json');
    const today = todayInNetherlands();
    const res = await exportCli('--van', '2022-01-01', '--tot', today, '--out', out);
    expect(res.code).toBe(3);
    expect(res.stderr).toContain(`vroegsignaalzaak ${meldingId}`);
    expect(res.stderr).toContain('datum_opgepakt_ontbreekt');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  }, 60_000);
});
