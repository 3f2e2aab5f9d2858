// Shared helpers for the browser tests: build the web UI when needed, wait for a page to settle and check pages
// with axe and for their structure. Starting the server and Chromium, pages and logins: fixtures.ts.
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_SRC = path.join(ROOT, 'src/web');
const WEB_INDEX = path.join(ROOT, 'dist/web/index.html');
const LOCK = path.join(ROOT, '.tmp/web-build.lock');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsFresh(): boolean {
  try {
    const built = statSync(WEB_INDEX).mtimeMs;
    return built >= newestMtime(WEB_SRC) && built >= statSync(path.join(ROOT, 'vite.config.ts')).mtimeMs;
  } catch {
    return false;
  }
}

/** Builds dist/web with Vite unless it is newer than every source file (the server serves dist/web). */
export async function ensureWebBuild(): Promise<void> {
  if (buildIsFresh()) return;
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 180_000;
  // Test files run in parallel workers: one builds, the others wait for it.
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${LOCK}; remove it if no build runs`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (buildIsFresh()) return;
    const { build } = await import('vite');
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    rmdirSync(LOCK);
  }
}

/** Waits until the page shows its h1 and nothing is loading any more. */
export async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ state: 'visible' });
  await page.waitForFunction(() => !document.querySelector('.vangnet-loading'));
}

export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const violations = result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
  }));
  if (violations.length > 0) {
    console.error(`axe violations on ${label}:\n${JSON.stringify(violations, null, 2)}`);
  }
  expect(violations, `axe violations on ${label}`).toEqual([]);
}

/** WCAG 1.4.10 reflow: at 360 CSS pixels wide the page itself must not scroll sideways. */
export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const sizes = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(sizes.scrollWidth, `horizontal scroll on ${label} (${JSON.stringify(sizes)})`).toBeLessThanOrEqual(
    sizes.clientWidth,
  );
}

/** Each page has the landmarks, a skip link, one h1 and a document title. */
export async function expectPageStructure(page: Page, label: string): Promise<void> {
  expect(await page.locator('header').count(), `header on ${label}`).toBeGreaterThan(0);
  expect(await page.locator('nav').count(), `nav on ${label}`).toBeGreaterThan(0);
  expect(await page.locator('main#main').count(), `main on ${label}`).toBe(1);
  expect(await page.locator('footer').count(), `footer on ${label}`).toBeGreaterThan(0);
  expect(await page.locator('h1').count(), `one h1 on ${label}`).toBe(1);
  expect(await page.locator('a[href="#main"]').count(), `skip link on ${label}`).toBe(1);
  expect(await page.title(), `title on ${label}`).toMatch(/ - Vangnet$/);
}
