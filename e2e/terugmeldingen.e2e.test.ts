// Feedback to partners in the browser: the staff view per partner (axe, structure, reflow at 360 px) shows the
// partner's own signals with only "taken up" and "help accepted", and downloads the same list as CSV.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiCall as callApi, checkPage } from './demo-data.ts';
import { setUpBrowserSuite } from './fixtures.ts';
import { settled } from './helpers.ts';

const suite = setUpBrowserSuite();
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

const apiCall = <T>(page: Page, method: 'GET' | 'POST', path: string, body?: unknown) =>
  callApi<T>(suite, page, method, path, body);

describe('terugmeldingen in the browser', { timeout: 240_000 }, () => {
  it('shows a partner its feedback without case details, and downloads it as CSV', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, suite.account('administrator'));
      const { items } = await apiCall<{ items: { id: string; name: string; partnerType: string }[] }>(
        page,
        'GET',
        'signaalpartners?limit=100',
      );
      const partner = items[0];
      if (!partner) throw new Error('no partner in the demo data');
      await apiCall(page, 'POST', 'vroegsignalen/handmatig', {
        partnerId: partner.id,
        signal: {
          externalId: 'TM-0001',
          achternaam: 'Terugmeldtest',
          postcode: '9999ZZ',
          huisnummer: 7,
          amountCents: 31_000,
          signalDate: today(),
        },
      });

      await page.goto(`${suite.url}/beheer/terugmeldingen`);
      await settled(page);
      await page.getByLabel('Signaalpartner').selectOption(partner.id);
      const table = page.getByRole('table', { name: 'Terugmeldingen' });
      await table.waitFor();
      await expect.poll(() => table.textContent()).toContain('TM-0001');
      const text = (await table.textContent()) ?? '';
      expect(text).toContain('Nog niet bekend');
      expect(text).not.toContain('Terugmeldtest');
      expect(text).not.toContain('310');
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
        await checkPage(page, '/beheer/terugmeldingen');
      }
      await page.setViewportSize({ width: 1280, height: 900 });

      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Download als CSV-bestand' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('terugmeldingen.csv');
      const csv = readFileSync(await file.path(), 'utf8');
      expect(csv).toContain('signalId;externalId;version;signalDate;takenUp;helpAccepted;changedAt');
      expect(csv).toContain(';TM-0001;');
      expect(csv).not.toContain('Terugmeldtest');

      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      expect(await nav.getByRole('link', { name: 'Terugmeldingen', exact: true }).count()).toBe(1);
      expect(problems.errors).toEqual([]);
    }));
});
