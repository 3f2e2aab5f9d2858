// The command line as a user calls it: real child processes, JSON on standard input, JSON on standard output.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

function run(
  args: string[],
  stdin: string,
  viaNpm = false,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = viaNpm
      ? spawn('npm', ['run', '--silent', 'calc', '--', ...args], { cwd: ROOT })
      : spawn(process.execPath, ['--import', 'tsx', 'src/server/cli/calc.ts', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('npm run calc', () => {
  it('computes the beslagvrije voet through npm run --silent calc, one JSON object out', async () => {
    const res = await run(
      ['beslagvrije-voet'],
      JSON.stringify({
        peildatum: '2025-07-01',
        leefsituatie: 'alleenstaande',
        belastbaarJaarinkomen: 90000,
        maandinkomen: 4500,
        bijstand: false,
      }),
      true,
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.beslagvrijeVoet).toBe(2093.67);
    expect(out.toelichting.stappen.length).toBeGreaterThan(0);
    expect(res.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('computes the bijstandsnorm and the zorgtoeslag', async () => {
    const norm = await run(
      ['bijstandsnorm'],
      '{"peildatum":"2025-01-01","leefsituatie":"gehuwd","leeftijd":30,"leeftijdPartner":31}',
    );
    expect(norm.code).toBe(0);
    expect(JSON.parse(norm.stdout).normPerMaand).toBe(1922.07);
    const zt = await run(
      ['zorgtoeslag'],
      '{"peildatum":"2026-01-01","toetsingsinkomen":10000,"toeslagpartner":false}',
    );
    expect(zt.code).toBe(0);
    expect(JSON.parse(zt.stdout)).toMatchObject({ zorgtoeslagPerMaand: 129, zorgtoeslagPerJaar: 1548 });
  });

  it.each([
    [
      'unknown leefsituatie',
      '{"peildatum":"2025-01-01","leefsituatie":"weduwe","leeftijd":30}',
      /leefsituatie: .*invalid_value/,
    ],
    [
      'negative income',
      '{"peildatum":"2025-01-01","toetsingsinkomen":-1,"toeslagpartner":false}',
      /toetsingsinkomen: .*too_small/,
    ],
    [
      'a string for a number',
      '{"peildatum":"2025-01-01","toetsingsinkomen":"1000","toeslagpartner":false}',
      /toetsingsinkomen: .*expected number, received string/,
    ],
    [
      'a missing field',
      '{"peildatum":"2025-01-01","toetsingsinkomen":1000}',
      /toeslagpartner: .*received undefined/,
    ],
    [
      'a date out of range',
      '{"peildatum":"2027-03-01","toetsingsinkomen":1000,"toeslagpartner":false}',
      /peildatum: No rules are known for 2027-03-01.*peildatum_buiten_bereik/,
    ],
    ['no JSON', 'hello', /not JSON/],
  ])('refuses %s with a clear message and a non-zero exit', async (_name, input, message) => {
    const regel = input.includes('leefsituatie') ? 'bijstandsnorm' : 'zorgtoeslag';
    const res = await run([regel], input);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(message);
  });

  it('scans an ad hoc household for the provisions it probably misses', async () => {
    const res = await run(
      ['voorzieningen-scan'],
      JSON.stringify({
        peildatum: '2025-07-01',
        leden: [{ rol: 'aanvrager', leeftijd: 30, nettoMaandinkomen: 1000 }],
        ontvangt: ['zorgtoeslag'],
      }),
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.kansen.map((k: { voorziening: string }) => k.voorziening)).toEqual(['bijstand']);
    expect(out.kansen[0]).toMatchObject({ bedragPerMaand: 369.06, bedragPerJaar: 4428.72 });
    const bad = await run(['voorzieningen-scan'], '{"peildatum":"2025-07-01","leden":[]}');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/leden: .*too_small/);
  });

  it('explains its usage for an unknown rule', async () => {
    const res = await run(['belasting'], '{}');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Unknown regel "belasting"');
    expect(res.stderr).toContain('beslagvrije-voet, bijstandsnorm');
  });
});
