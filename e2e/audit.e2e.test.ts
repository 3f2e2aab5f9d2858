import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoLogin, setUpBrowserSuite } from './fixtures.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll, settled } from './helpers.ts';

const suite = setUpBrowserSuite();
let auditor: DemoLogin;

beforeAll(() => {
  auditor = suite.account('auditor');
});

describe('audit log', { timeout: 180_000 }, () => {
  it('lists entries, pages with "Volgende", filters, and downloads CSV', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, auditor);
      // Every read of the audit log is itself audited: make sure there is more than one page (50 per page).
      for (let i = 0; i < 55; i++) {
        const res = await page.request.get(`${suite.url}/api/v1/audit-events?limit=1`);
        expect(res.status()).toBe(200);
      }
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Auditlog' })
        .click();
      await page.waitForURL(`${suite.url}/audit`);
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Auditlog');
      const rows = page.locator('table tbody tr');
      await expect.poll(() => rows.count()).toBe(50);
      expect(await page.locator('table').textContent()).toContain('audit.list');
      await expectNoAxeViolations(page, '/audit');

      // Cursor pagination.
      const firstRow = await rows.first().textContent();
      await page.getByRole('button', { name: 'Volgende' }).click();
      await expect.poll(() => rows.first().textContent()).not.toBe(firstRow);
      expect(await page.getByRole('button', { name: 'Vorige' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Vorige' }).click();
      await expect.poll(() => rows.first().textContent()).toBe(firstRow);

      // Filter on an action: in the address bar, and every row matches.
      await page.getByLabel('Actie').fill('auth.login');
      await page.getByRole('button', { name: 'Filter toepassen' }).click();
      await page.waitForURL(/action=auth\.login/);
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      await expect.poll(() => rows.count()).toBeLessThan(50);
      for (const text of await page.locator('table tbody tr td:nth-child(3)').allTextContents()) {
        expect(text).toBe('auth.login');
      }

      // The CSV link carries the same filters and downloads text/csv.
      const link = page.getByRole('link', { name: 'Download CSV' });
      const href = await link.getAttribute('href');
      expect(href).toContain('/api/v1/audit-events/export?');
      expect(href).toContain('action=auth.login');
      const res = await page.request.get(`${suite.url}${href}`);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toMatch(/^text\/csv/);
      const csv = await res.text();
      expect(csv.split('\n')[0]).toContain('occurredAt');
      expect(csv).toContain('auth.login');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);

      // Date filters round-trip through the address bar.
      const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
      await page.getByLabel('Vanaf datum').fill(today);
      await page.getByLabel('Tot en met datum').fill(today);
      await page.getByRole('button', { name: 'Filter toepassen' }).click();
      await page.waitForURL(new RegExp(`from=${today}`));
      await settled(page);
      await expect.poll(() => rows.count()).toBeGreaterThan(0);

      await page.setViewportSize({ width: 360, height: 740 });
      await expectNoHorizontalScroll(page, '/audit at 360px');
      await expectNoAxeViolations(page, '/audit at 360px');
      expect(problems.errors).toEqual([]);
    }));
});
