import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import { checkPage } from './demo-data.ts';
import { type DemoLogin, setUpBrowserSuite } from './fixtures.ts';
import { settled } from './helpers.ts';

const suite = setUpBrowserSuite();
const regisseur: DemoLogin = {
  email: 'regisseur@voorbeeldstad.demo',
  password: DEMO_PASSWORD,
  roles: ['regisseur'],
};
const volunteer: DemoLogin = {
  email: 'vrijwilliger@voorbeeldstad.demo',
  password: DEMO_PASSWORD,
  roles: ['vrijwilliger'],
};

/** The demo household with a ZRM history (three assessments): the richest plan of the demo. */
async function fullHousehold(): Promise<{ id: string; label: string }> {
  const [row] = await suite.query<{ id: string; label: string }>(
    `SELECT c.id, c.label FROM household_cases c
      WHERE (SELECT count(*) FROM household_zrm_assessments z WHERE z.household_case_id = c.id) >= 3
      ORDER BY c.opened_at LIMIT 1`,
  );
  if (!row) throw new Error('no demo household with a ZRM history');
  return row;
}

describe('the household plan in the browser', { timeout: 240_000 }, () => {
  it('caseload, household and next step: landmarks, title, axe, no horizontal scroll at 360 px', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regisseur);
      const household = await fullHousehold();
      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      await nav.getByRole('link', { name: 'Huishoudens' }).click();
      await settled(page);
      await page.getByRole('link', { name: household.label }).waitFor();
      const pages = [
        '/huishoudens',
        `/huishoudens/${household.id}`,
        `/huishoudens/${household.id}/volgende-stap`,
      ];
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
        for (const path of pages) {
          await page.goto(`${suite.url}${path}`);
          await settled(page);
          expect(await page.locator('h1').textContent(), path).not.toBe('Geen toegang');
          await checkPage(page, path);
        }
      }
      // From the household to what it is probably entitled to (the rules engine's scan of the same household).
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${suite.url}/huishoudens/${household.id}`);
      await settled(page);
      await page.getByRole('link', { name: /voorzieningen-scan/ }).click();
      await page.waitForURL(/\/berekeningen\/huishoudens\/[0-9a-f-]{36}/);
      await settled(page);
      expect(await page.locator('h1').textContent()).not.toBe('Geen toegang');
      expect(problems.errors).toEqual([]);
    }));

  it('shows the ZRM as a chart with a text alternative and a table, and the bridge in words', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regisseur);
      const household = await fullHousehold();
      await page.goto(`${suite.url}/huishoudens/${household.id}`);
      await settled(page);
      const chart = page.locator('[role="img"].vangnet-hh-chart');
      await chart.waitFor();
      expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
      const label = (await chart.getAttribute('aria-label')) ?? '';
      expect(label).toContain('Financiën: van 1 naar 3');
      await expect.poll(() => page.getByText('Financiën: van 1 naar 3').count()).toBeGreaterThan(0);
      const table = page.getByRole('table', { name: 'ZRM-scores per meting' });
      expect(await table.locator('thead th').count()).toBe(4);
      expect(await page.getByText('Financieel beheer: stap 2 van 5, Kwetsbaar').count()).toBe(1);
      // A goal that was reached is celebrated in the plan.
      expect(await page.getByText('Gelukt!').count()).toBeGreaterThan(0);
      expect(problems.errors).toEqual([]);
    }));

  it('adds a goal and a step; a target date in the past is named next to the field', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regisseur);
      const household = await fullHousehold();
      await page.goto(`${suite.url}/huishoudens/${household.id}`);
      await settled(page);
      await page.getByRole('button', { name: 'Een doel toevoegen' }).click();
      await page.getByLabel('Wat wil de bewoner bereiken?').fill('Zelf de huur op tijd betalen');
      await page.getByLabel('ZRM-domein').selectOption({ label: 'Huisvesting' });
      await page.getByLabel('Wanneer klaar').fill('2020-01-01');
      await page.getByRole('button', { name: 'Doel toevoegen' }).click();
      const error = page.locator('#hh-goal-targetDate-error');
      await error.waitFor();
      expect(await page.locator('#hh-goal-targetDate').getAttribute('aria-invalid')).toBe('true');
      await checkPage(page, 'goal form with an error');
      const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Wanneer klaar').fill(future);
      await page.getByRole('button', { name: 'Doel toevoegen' }).click();
      const goal = page.getByRole('article', { name: /Zelf de huur op tijd betalen/ });
      await goal.waitFor();
      await goal.getByRole('button', { name: 'Een stap toevoegen' }).click();
      await goal.getByLabel('Wat is de stap?').fill('Een automatische betaling regelen');
      await goal.getByLabel('Wanneer').fill(future);
      await goal.getByRole('button', { name: 'Stap toevoegen' }).click();
      await expect.poll(() => goal.getByText(/Een automatische betaling regelen/).count()).toBe(1);
      expect(await goal.getByText('0 van 1 stappen gedaan').count()).toBe(1);
      // The timeline tells who did it.
      await expect
        .poll(() => page.locator('.vangnet-hh-timeline li').first().textContent())
        .toContain('Rachid Regisseur');
      expect(problems.errors).toEqual([]);
    }));

  it('shows the budgetmaatje only what the resident shares, without a BSN, in English too', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, volunteer);
      const household = await fullHousehold();
      await page.goto(`${suite.url}/huishoudens`);
      await settled(page);
      await page.getByRole('link', { name: household.label }).click();
      await settled(page);
      await page.getByText('U ziet alleen wat de bewoner met u deelt').waitFor();
      expect(await page.getByRole('heading', { name: 'Doelen' }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Verwijzingen' }).count()).toBe(0);
      expect(await page.getByRole('columnheader', { name: 'BSN' }).count()).toBe(0);
      const bsns = await suite.query<{ bsn: string }>(
        'SELECT p.bsn FROM household_members m JOIN persons p ON p.id = m.person_id WHERE m.household_case_id = $1',
        [household.id],
      );
      const html = await page.content();
      for (const { bsn } of bsns) expect(html).not.toContain(bsn);
      await checkPage(page, 'household as budgetmaatje');
      await page.goto(`${suite.url}/huishoudens/${household.id}/volgende-stap`);
      await settled(page);
      await page.getByText(/Stap 1 van \d+/).waitFor();
      await checkPage(page, 'next step as budgetmaatje');
      await page.evaluate((k) => localStorage.setItem(k, 'en'), 'vangnet.language');
      await page.goto(`${suite.url}/huishoudens/${household.id}`);
      await settled(page);
      await page.getByText('You only see what the resident shares with you').waitFor();
      expect(await page.getByRole('heading', { name: 'Goals' }).count()).toBe(1);
      await checkPage(page, 'household as budgetmaatje in English');
      expect(problems.errors).toEqual([]);
    }));
});
