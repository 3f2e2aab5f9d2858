// Starts the real server (src/server/main.ts) as child processes, the way `npm start` does, on embedded PGlite.
// Runs once (unit project): it uses no TEST_DATABASE_URL.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 120_000;
const DEMO_PASSWORD = 'Vangnet-demo-2026';

type Started = {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const children = new Set<ChildProcess>();
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-startup-'));
  tempDirs.push(dir);
  return dir;
}

/** `node --import tsx src/server/main.ts` with only the given environment (plus PATH and HOME). */
function startVangnet(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      JOBS_ENABLED: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** Waits until the server prints its address; returns the base URL to reach it on 127.0.0.1. */
async function whenListening(s: Started): Promise<string> {
  const until = Date.now() + START_TIMEOUT_MS;
  let exit: { code: number | null } | null = null;
  void s.exited.then((e) => {
    exit = e;
  });
  while (Date.now() < until) {
    const match = /Vangnet runs at http:\/\/[^:\s]+:(\d+)/.exec(s.output().stdout);
    if (match) return `http://127.0.0.1:${match[1]}`;
    if (exit)
      throw new Error(`Vangnet exited (${JSON.stringify(exit)}) before listening:\n${s.output().stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Vangnet did not start within ${START_TIMEOUT_MS} ms:\n${JSON.stringify(s.output())}`);
}

async function exitOf(s: Started, timeoutMs = START_TIMEOUT_MS) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no exit within ${timeoutMs} ms: ${JSON.stringify(s.output())}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([s.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function stop(s: Started) {
  s.child.kill('SIGTERM');
  return exitOf(s, 30_000);
}

/** A start-up failure as a person should see it: one clear message, no JavaScript stack trace. */
function expectCleanFailure(stderr: string, mentions: string | RegExp) {
  expect(stderr).toContain('Vangnet could not start');
  expect(stderr).toMatch(mentions);
  expect(stderr).not.toMatch(/^\s{4}at /m);
  expect(stderr).not.toMatch(/node:internal|\.ts:\d+:\d+/);
}

/** A browser-like API session: cookies and the CSRF token. */
class Session {
  readonly jar = new Map<string, string>();
  csrf = '';

  constructor(readonly base: string) {}

  async call(method: string, url: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers,
      redirect: 'manual',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const i = pair.indexOf('=');
      const value = pair.slice(i + 1);
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(line)) this.jar.delete(pair.slice(0, i));
      else this.jar.set(pair.slice(0, i), value);
    }
    return res;
  }

  async login(email: string): Promise<void> {
    const anonymous = await this.call('GET', '/api/v1/session');
    this.csrf = ((await anonymous.json()) as { csrfToken: string }).csrfToken;
    const res = await this.call('POST', '/api/v1/auth/login', { email, password: DEMO_PASSWORD });
    const body = (await res.json()) as { authenticated?: boolean; csrfToken: string };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.authenticated).toBe(true);
    this.csrf = body.csrfToken;
  }

  async json<T>(url: string): Promise<T> {
    const res = await this.call('GET', url);
    expect(res.status, url).toBe(200);
    return (await res.json()) as T;
  }
}

async function loginEventIds(base: string): Promise<string[]> {
  const auditor = new Session(base);
  await auditor.login('auditor@voorbeeldstad.demo');
  const page = await auditor.json<{ items: { id: string; action: string }[] }>(
    '/api/v1/audit-events?action=auth.login&limit=500',
  );
  expect(page.items.every((e) => e.action === 'auth.login')).toBe(true);
  return page.items.map((e) => e.id);
}

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('starting Vangnet as a process', () => {
  it(
    'starts on a fresh data directory, refuses a second process on it, and keeps the data over a restart',
    async () => {
      const dataDir = tempDir();
      const first = startVangnet({ DATA_DIR: dataDir });
      const base = await whenListening(first);
      const { stdout } = first.output();
      expect(stdout).toContain(`embedded PGlite in ${path.join(dataDir, 'pglite')}`);
      expect(stdout).toContain('Demo logins');
      expect(stdout).toMatch(/beheer@voorbeeldstad\.demo\s+Vangnet-demo-2026\s+functioneel_beheerder/);
      expect(stdout).toMatch(/auditor@voorbeeldstad\.demo\s+Vangnet-demo-2026\s+auditor/);
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ok' });

      // A second process on the same data directory must not open (and so corrupt) the embedded database.
      const second = startVangnet({ DATA_DIR: dataDir });
      const refused = await exitOf(second);
      expect(refused.code).not.toBe(0);
      expectCleanFailure(second.output().stderr, /already in use/);
      expect(second.output().stdout).not.toContain('Vangnet runs at');
      // ... and its refusal leaves the first one running.
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);

      // Some data through the API: a new account, and login events in the audit log.
      const beheer = new Session(base);
      await beheer.login('beheer@voorbeeldstad.demo');
      const email = `herstart-${randomBytes(4).toString('hex')}@voorbeeldstad.demo`;
      const created = await beheer.call('POST', '/api/v1/users', {
        email,
        displayName: 'Herstart Controle',
        password: 'een-lang-genoeg-wachtwoord',
        roles: ['vrijwilliger'],
      });
      expect(created.status).toBe(201);
      const userId = ((await created.json()) as { id: string }).id;
      const eventsBefore = await loginEventIds(base);
      expect(eventsBefore.length).toBeGreaterThanOrEqual(2);

      const stopped = await stop(first);
      expect(stopped.code).toBe(0);

      const restarted = startVangnet({ DATA_DIR: dataDir });
      const base2 = await whenListening(restarted);
      try {
        expect((await fetch(`${base2}/health/ready`)).status).toBe(200);
        const again = new Session(base2);
        await again.login('beheer@voorbeeldstad.demo');
        const users = await again.json<{ items: { id: string; email: string }[] }>('/api/v1/users?limit=200');
        expect(users.items).toContainEqual(expect.objectContaining({ id: userId, email }));
        // The same demo region, not a second one seeded over it.
        expect(users.items.filter((u) => u.email === 'beheer@voorbeeldstad.demo')).toHaveLength(1);
        const eventsAfter = await loginEventIds(base2);
        expect(eventsAfter).toEqual(expect.arrayContaining(eventsBefore));
        expect(eventsAfter.length).toBeGreaterThan(eventsBefore.length);
      } finally {
        expect((await stop(restarted)).code).toBe(0);
      }
    },
    4 * START_TIMEOUT_MS,
  );

  it(
    'refuses a damaged data directory with a clear message and leaves it untouched',
    async () => {
      // A data directory with junk where PostgreSQL keeps its version and its databases.
      const junkDir = tempDir();
      fs.mkdirSync(path.join(junkDir, 'pglite'), { recursive: true });
      fs.writeFileSync(path.join(junkDir, 'pglite', 'PG_VERSION'), '9');
      const garbage = randomBytes(4096);
      fs.writeFileSync(path.join(junkDir, 'pglite', 'base'), garbage);
      const junk = startVangnet({ DATA_DIR: junkDir });
      expect((await exitOf(junk)).code).toBe(1);
      expectCleanFailure(junk.output().stderr, /could not be opened: it looks damaged/);
      expect(junk.output().stderr).toContain(path.join(junkDir, 'pglite'));
      expect(fs.readFileSync(path.join(junkDir, 'pglite', 'base'))).toEqual(garbage);

      // Files that are not a database at all.
      const strayDir = tempDir();
      fs.mkdirSync(path.join(strayDir, 'pglite'), { recursive: true });
      fs.writeFileSync(path.join(strayDir, 'pglite', 'notes.txt'), 'not a database');
      const stray = startVangnet({ DATA_DIR: strayDir });
      expect((await exitOf(stray)).code).toBe(1);
      expectCleanFailure(stray.output().stderr, /could not be opened/);
      expect(fs.readdirSync(path.join(strayDir, 'pglite'))).toEqual(['notes.txt']);
    },
    2 * START_TIMEOUT_MS,
  );

  it(
    'names DATA_DIR when the data directory cannot be created',
    async () => {
      const file = path.join(tempDir(), 'a-file');
      fs.writeFileSync(file, 'not a directory');
      const s = startVangnet({ DATA_DIR: path.join(file, 'data') });
      expect((await exitOf(s)).code).toBe(1);
      expectCleanFailure(s.output().stderr, /DATA_DIR/);
    },
    START_TIMEOUT_MS,
  );

  it(
    'names DATABASE_URL when PostgreSQL cannot be reached',
    async () => {
      const s = startVangnet({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nope', DATA_DIR: tempDir() });
      expect((await exitOf(s)).code).toBe(1);
      expectCleanFailure(s.output().stderr, /DATABASE_URL/);
      expect(s.output().stderr).toContain('127.0.0.1:1/nope');
    },
    START_TIMEOUT_MS,
  );

  it(
    'names PORT when it is not a port number',
    async () => {
      const s = startVangnet({ PORT: 'abc', DATA_DIR: tempDir() });
      expect((await exitOf(s)).code).toBe(1);
      expectCleanFailure(s.output().stderr, /Invalid configuration:\s+PORT:/);
      expect(s.output().stdout).not.toContain('Vangnet runs at');
    },
    START_TIMEOUT_MS,
  );
});
