// The DDAS SHV export command as operators run it: real child processes on the embedded demo database, right after
// the server (src/server/main.ts, what `npm start` runs) seeded it on first start.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInNetherlands } from '../../shared/calendar.ts';
import { openDatabase } from '../db/client.ts';
import { validateShvDocument } from '../modules/schuldhulp/ddas/validate.ts';

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
      if (untilListening && /Vangnet runs at/.test(stdout)) child.kill('SIGINT');
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run ddas:export-shv', () => {
  let dir: string;
  let env: Record<string, string>;
  const today = todayInNetherlands();
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const exportCli = (...args: string[]) => run('src/server/cli/ddas-export-shv.ts', args, env);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-shv-cli-'));
    env = { DATA_DIR: dir };
    const server = await run(
      'src/server/main.ts',
      [],
      { ...env, HOST: '127.0.0.1', PORT: '0', JOBS_ENABLED: 'false' },
      true,
    );
    expect(server.stdout).toContain('Vangnet runs at');
  }, 240_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exports the seeded demo trajectories of the region as a valid DDAS SHV document', async () => {
    const res = await exportCli('--van', yearAgo, '--tot', today);
    expect(res.stderr).toContain('valid DDAS schuldhulpverlening v1.0 export for Regio Voorbeeld');
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(validateShvDocument(doc)).toEqual([]);
    expect(doc.leveringen).toHaveLength(1);
    expect(doc.leveringen[0].aanleverende_organisatie).toEqual({ '(Statutaire) Naam': 'Regio Voorbeeld' });
    const trajecten = doc.leveringen[0].schuldhulptrajecten as {
      gemeentecode: string;
      uitstroom?: { reden: string };
    }[];
    expect(new Set(trajecten.map((t) => t.gemeentecode))).toEqual(new Set(['GM9901', 'GM9902']));
    // Every phase of the demo is there, the uitstroom with its reason.
    expect(trajecten.some((t) => t.uitstroom?.reden === 'Afgerond')).toBe(true);
    expect(trajecten.some((t) => 'nazorg' in t)).toBe(true);
    expect(trajecten.some((t) => 'schuldregeling' in t)).toBe(true);
  }, 90_000);

  it('writes one municipality to --out', async () => {
    const out = path.join(dir, 'shv.json');
    const res = await exportCli('--organisatie', 'GM9902', '--van', yearAgo, '--tot', today, '--out', out);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(validateShvDocument(doc)).toEqual([]);
    const codes = new Set(
      doc.leveringen[0].schuldhulptrajecten.map((t: { gemeentecode: string }) => t.gemeentecode),
    );
    expect(codes).toEqual(new Set(['GM9902']));
  }, 90_000);

  it.each([
    [['--van', '2025-03-01', '--tot', '2025-02-01'], /ligt voor de begindatum.*period_end_before_start/s],
    [['--van', '2025-02-29', '--tot', '2025-03-01'], /--van: "2025-02-29" is geen bestaande datum/],
    [['--tot', '2025-03-01'], /--van: Geef de begindatum/],
    [
      ['--van', '2025-01-01', '--tot', '2025-03-01', '--organisatie', '0001'],
      /Geen gemeente of organisatie gevonden/,
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
    90_000,
  );

  it('lists trajectories that cannot be exported, exits 3 and delivers no file', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
    let id: string | undefined;
    try {
      // A trajectory of a household that is not (or no longer) matched to the BRP names no resident.
      const [row] = await db.query<{ id: string; case_id: string }>(
        `SELECT id::text, household_case_id::text AS case_id FROM debt_help_requests
          ORDER BY requested_on DESC, id LIMIT 1`,
      );
      await db.query('DELETE FROM debt_help_clients WHERE debt_help_request_id = $1', [row?.id]);
      await db.query('UPDATE household_cases SET household_id = NULL WHERE id = $1', [row?.case_id]);
      id = row?.id;
    } finally {
      await db.close();
    }
    expect(id).toBeDefined();
    const out = path.join(dir, 'ongeldig.json');
    const res = await exportCli('--van', yearAgo, '--tot', today, '--out', out);
    expect(res.code).toBe(3);
    expect(res.stderr).toContain(`schuldhulptraject ${id}`);
    expect(res.stderr).toContain('client_ontbreekt');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  }, 90_000);
});
