// What every browser test file sets up: the demo server and Debian's Chromium (playwright-core) for the file,
// a fresh page per test, and the demo accounts to log in with.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer } from '../test/harness.ts';
import { ensureWebBuild, settled } from './helpers.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface PageProblems {
  /** Content-Security-Policy violations and uncaught errors seen in the page. */
  errors: string[];
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

/** A fresh browser context and page; records CSP violations and uncaught errors. */
export async function openPage(
  browser: Browser,
  opts: { width?: number; height?: number } = {},
): Promise<OpenPage> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems: PageProblems = { errors: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) {
      problems.errors.push(`CSP: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.errors.push(`Uncaught: ${err.message}`));
  return { context, page, problems };
}

export interface DemoLogin {
  email: string;
  password: string;
  roles: string[];
  municipalities?: string[];
}

export function findLogin(logins: DemoLogin[], match: (l: DemoLogin) => boolean, what: string): DemoLogin {
  const found = logins.find(match);
  if (!found) throw new Error(`No demo login for ${what} in ${JSON.stringify(logins.map((l) => l.email))}`);
  return found;
}

/** The demo accounts the tests log in with, by what they may do. */
const DEMO_ACCOUNTS = {
  /** The functioneel beheerder who also holds the auditor role and works in two municipalities: sees every page. */
  regional: {
    what: 'functioneel beheerder + auditor',
    match: (l: DemoLogin) => l.roles.includes('functioneel_beheerder') && l.roles.includes('auditor'),
  },
  administrator: {
    what: 'functioneel beheerder',
    match: (l: DemoLogin) => l.roles.length === 1 && l.roles[0] === 'functioneel_beheerder',
  },
  auditor: { what: 'auditor', match: (l: DemoLogin) => l.roles.includes('auditor') },
  /** The medewerker vroegsignalering: reads and handles signals (vroegsignalering:read and :manage). */
  vroegsignalering: {
    what: 'medewerker vroegsignalering',
    match: (l: DemoLogin) => l.roles.length === 1 && l.roles[0] === 'vroegsignalering_medewerker',
  },
};

export type DemoAccount = keyof typeof DEMO_ACCOUNTS;

/** Fills in the login form that the page shows and submits it. */
export async function submitLogin(page: Page, account: DemoLogin): Promise<void> {
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(account.password);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}

/** The demo server and Chromium of one test file; see setUpBrowserSuite. */
export class BrowserSuite {
  #server: TestServer | undefined;
  #browser: Browser | undefined;

  /** Builds the web UI when needed, then starts the demo server (with these environment variables) and Chromium. */
  async start(env?: Record<string, string>): Promise<void> {
    await ensureWebBuild();
    this.#server = await startTestServer({ demo: true, ...(env ? { env } : {}) });
    this.#browser = await launchBrowser();
  }

  async stop(): Promise<void> {
    await this.#browser?.close();
    await this.#server?.close();
  }

  /** The address of the server, e.g. http://127.0.0.1:41234 (paths are added to it). */
  get url(): string {
    return this.#started().server.url;
  }

  get browser(): Browser {
    return this.#started().browser;
  }

  /** The demo account of that kind. */
  account(kind: DemoAccount): DemoLogin {
    const { what, match } = DEMO_ACCOUNTS[kind];
    return findLogin(this.#started().server.logins as DemoLogin[], match, what);
  }

  /** Reads the demo database directly, for facts a test needs that no API lists (e.g. a person and address). */
  async query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.#started().server.vangnet.database.query<R>(sql, params);
  }

  /** Logs in through the login page and waits for the page the user lands on. */
  async login(page: Page, account: DemoLogin): Promise<void> {
    await page.goto(`${this.url}/inloggen`);
    await submitLogin(page, account);
    await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'));
    await settled(page);
  }

  /** Runs `use` with a fresh page, and closes its context afterwards, however `use` ends. */
  async withPage(use: (open: OpenPage) => Promise<void>): Promise<void> {
    const open = await openPage(this.browser);
    try {
      await use(open);
    } finally {
      await open.context.close();
    }
  }

  #started(): { server: TestServer; browser: Browser } {
    if (!this.#server || !this.#browser) throw new Error('The browser suite starts in beforeAll');
    return { server: this.#server, browser: this.#browser };
  }
}

/** Starts the demo server and Chromium before the tests of this file, and stops them after. */
export function setUpBrowserSuite(env?: Record<string, string>): BrowserSuite {
  const suite = new BrowserSuite();
  beforeAll(() => suite.start(env), 240_000);
  afterAll(() => suite.stop(), 60_000);
  return suite;
}
