// Debt help in the browser: the schuldhulpverlener's caseload with the statutory clocks in words, one trajectory
// (phases, clocks, steps, periods), its debts and the aanmelding page, each checked for structure, axe and reflow
// at 360 px; the main path: open a trajectory from the caseload, register a step (a missing choice is named next
// to its field first), and import a debt list with one bad line (line, column and reason shown, the good lines
// stored and counted in the totals).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import { checkPage } from './demo-data.ts';
import { type DemoLogin, setUpBrowserSuite } from './fixtures.ts';
import { settled } from './helpers.ts';

const suite = setUpBrowserSuite();
const counsellor: DemoLogin = {
  email: 'schuldhulp@voorbeeldstad.demo',
  password: DEMO_PASSWORD,
  roles: ['schuldhulpverlener'],
};
const regisseur: DemoLogin = {
  email: 'regisseur@voorbeeldstad.demo',
  password: DEMO_PASSWORD,
  roles: ['regisseur'],
};

/** Both widths, for a page in a state reached by clicking. */
async function checkBothWidths(page: Page, label: string): Promise<void> {
  await checkPage(page, label);
  await page.setViewportSize({ width: 360, height: 740 });
  await checkPage(page, label);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A demo trajectory of Voorbeeldstad by the label its seed gives it ("Demo: <label>"). */
async function demoTrajectory(label: string): Promise<{ id: string; householdCaseId: string }> {
  const [row] = await suite.query<{ id: string; householdCaseId: string }>(
    `SELECT r.id::text AS id, r.household_case_id::text AS "householdCaseId"
       FROM debt_help_requests r JOIN municipalities m ON m.id = r.municipality_id
      WHERE m.name = 'Voorbeeldstad' AND r.note = $1`,
    [`Demo: ${label}`],
  );
  if (!row) throw new Error(`no demo trajectory "${label}"`);
  return row;
}

/** An open household case of Voorbeeldstad without a debt-help trajectory (for the aanmelding page). */
async function caseWithoutTrajectory(): Promise<string> {
  const [row] = await suite.query<{ id: string }>(
    `SELECT c.id::text AS id FROM household_cases c JOIN municipalities m ON m.id = c.municipality_id
      WHERE m.name = 'Voorbeeldstad' AND c.status = 'open'
        AND NOT EXISTS (SELECT 1 FROM debt_help_requests r WHERE r.household_case_id = c.id)
      ORDER BY c.opened_at LIMIT 1`,
  );
  if (!row) throw new Error('no open household case without a trajectory');
  return row.id;
}

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/** The text of an element with non-breaking spaces (Intl currency) as plain spaces. */
async function text(locator: { textContent: () => Promise<string | null> }): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\u00a0/g, ' ');
}

describe('debt help in the browser', { timeout: 240_000 }, () => {
  it('caseload, trajectory, debts and aanmelding: landmarks, title, axe, no horizontal scroll at 360 px', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, counsellor);
      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      await nav.getByRole('link', { name: 'Schuldhulp' }).click();
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Schuldhulp');
      const crisis = await demoTrajectory('schuldregeling (schuldbemiddeling)');
      const freshCase = await caseWithoutTrajectory();
      const pages = [
        '/schuldhulp',
        `/schuldhulp/trajecten/${crisis.id}`,
        `/schuldhulp/trajecten/${crisis.id}/schulden`,
        `/schuldhulp/aanmelden?huishouden=${freshCase}`,
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
      expect(problems.errors).toEqual([]);
    }));

  it('shows the clocks in words: an overdue first conversation in the caseload and on the trajectory', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, counsellor);
      await page.goto(`${suite.url}/schuldhulp`);
      await settled(page);
      await page.getByLabel('Termijn', { exact: true }).selectOption({ label: 'Alleen te laat' });
      const table = page.getByRole('table', { name: 'Trajecten schuldhulpverlening' });
      await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0);
      const rows = await table.locator('tbody tr').allTextContents();
      for (const row of rows) expect(row).toContain('Te laat');
      // Every row of this filter says "Te laat" in words, next to the name of the clock.
      expect(rows.some((r) => r.includes('Eerste gesprek: Te laat'))).toBe(true);

      const late = await demoTrajectory('eerste gesprek te laat');
      await page.goto(`${suite.url}/schuldhulp/trajecten/${late.id}`);
      await settled(page);
      const clocks = page.getByRole('table', { name: 'Termijnen van dit traject' });
      const first = clocks.getByRole('row', { name: /Eerste gesprek/ });
      expect(await first.textContent()).toContain('Te laat');
      expect(await first.textContent()).toContain('Nog niet');
      expect(problems.errors).toEqual([]);
    }));

  it('opens a trajectory, registers a step (a missing choice is named at its field) and imports a debt list', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, counsellor);
      const intake = await demoTrajectory('intake loopt');
      await page.goto(`${suite.url}/schuldhulp`);
      await settled(page);
      await page.getByLabel('Van wie').selectOption({ label: 'Alle trajecten' });
      const link = page.locator(`a[href="/schuldhulp/trajecten/${intake.id}"]`);
      await link.waitFor();
      await link.click();
      await page.waitForURL(`**/schuldhulp/trajecten/${intake.id}`);
      await settled(page);
      // The heading names the clients once the trajectory has loaded ("Schuldhulptraject" until then).
      await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Schuldhulp voor /);
      expect(await page.locator('[aria-current="step"]').textContent()).toContain('Intake');

      // The decision, first without choosing which: the API's error is shown at the field.
      const step = page.getByRole('article', { name: 'Besluit (beschikking)' });
      expect(await step.getByText('Nog niet vastgelegd').count()).toBe(1);
      await step.getByRole('button', { name: 'Besluit (beschikking) vastleggen' }).click();
      await step.getByLabel('Datum besluit').fill(today());
      await step.getByRole('button', { name: 'Opslaan' }).click();
      const error = page.locator('#shv-beschikking-soort-error');
      await error.waitFor();
      expect(await page.locator('#shv-beschikking-soort').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#shv-beschikking-datum-error').count()).toBe(0);
      await checkBothWidths(page, 'step form with an error');

      await step.getByLabel('Besluit', { exact: true }).selectOption({ label: 'Toelating: wel schuldhulp' });
      await step.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Besluit (beschikking) is opgeslagen.').waitFor();
      expect(await step.getByText('Vastgelegd', { exact: true }).count()).toBe(1);
      expect(await step.getByText('Toelating: wel schuldhulp').count()).toBe(1);
      const clocks = page.getByRole('table', { name: 'Termijnen van dit traject' });
      expect(await clocks.getByRole('row', { name: /Besluit \(beschikking\)/ }).textContent()).toContain(
        'Op tijd gehaald',
      );

      // The debts: totals per kind, then a debt list with one bad line.
      await page.getByRole('link', { name: 'Schulden bekijken en toevoegen' }).click();
      await page.waitForURL(`**/schuldhulp/trajecten/${intake.id}/schulden`);
      await settled(page);
      const totals = page.getByRole('table', { name: 'Schulden per soort, oorspronkelijk en nu' });
      const totalRow = totals.getByRole('row', { name: /^Totaal/ });
      const countBefore = Number(await totalRow.locator('td').first().textContent());
      const csv = [
        'schuldeiser;soort;oorspronkelijk_bedrag;huidig_bedrag',
        'Bakkerij De Korenschoof;Overig;125,50;100',
        'Huisartsenpraktijk Centrum;Zorg;80;',
        'Lening van de buurman;Lening;300;300',
      ].join('\r\n');
      await page.getByLabel('CSV-bestand met schulden').setInputFiles({
        name: 'schuldenlijst.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`${csv}\r\n`, 'utf8'),
      });
      await page.getByRole('button', { name: 'Inlezen' }).click();
      await page.getByText('2 schulden ingelezen.').waitFor();
      expect(await page.getByText('1 regel is niet ingelezen. Zie de lijst hieronder.').count()).toBe(1);
      const bad = page.getByRole('table', { name: 'Fouten in de schuldenlijst' });
      const badRows = bad.locator('tbody tr');
      expect(await badRows.count()).toBe(1);
      const cells = await badRows.first().locator('th, td').allTextContents();
      expect(cells).toEqual([
        '4',
        'soort',
        'Dit is geen soort schuld. Gebruik Zorg, Publiek, Nuts of Overig.',
      ]);
      await expect
        .poll(async () => Number(await totalRow.locator('td').first().textContent()))
        .toBe(countBefore + 2);
      const list = page.getByRole('table', { name: 'Schulden per schuldeiser' });
      const bakery = list.getByRole('row', { name: /Bakkerij De Korenschoof/ });
      expect(await text(bakery)).toContain('€ 125,50');
      expect(await text(bakery)).toContain('€ 100,00');
      expect(await list.getByText('Lening van de buurman').count()).toBe(0);
      await checkBothWidths(page, 'debts after an import with a bad line');

      // A negative amount is refused at the field, nothing is sent.
      await page.getByRole('button', { name: 'Een schuld toevoegen' }).click();
      await page.getByLabel('Schuldeiser', { exact: true }).fill('Telefoonwinkel');
      await page.getByLabel('Soort schuld', { exact: true }).selectOption({ label: 'Overig' });
      await page.getByLabel('Oorspronkelijk bedrag').fill('-50');
      await page.getByRole('button', { name: 'Schuld toevoegen' }).click();
      await page.locator('#shv-debt-originalCents-error').waitFor();
      expect(await page.locator('#shv-debt-originalCents-error').textContent()).toContain(
        'Een bedrag kan niet negatief zijn.',
      );
      await page.getByLabel('Oorspronkelijk bedrag').fill('50');
      await page.getByRole('button', { name: 'Schuld toevoegen' }).click();
      await page.getByText('De schuld bij Telefoonwinkel is toegevoegd.').waitFor();
      await expect
        .poll(async () => Number(await totalRow.locator('td').first().textContent()))
        .toBe(countBefore + 3);
      expect(problems.errors).toEqual([]);
    }));

  it('registers a help request from the household view; a threatening situation gets the short clock', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, counsellor);
      const caseId = await caseWithoutTrajectory();
      await page.goto(`${suite.url}/huishoudens/${caseId}`);
      await settled(page);
      await page.getByRole('link', { name: 'Aanmelden voor schuldhulp' }).click();
      await page.waitForURL('**/schuldhulp/aanmelden?**');
      await settled(page);
      await page.getByLabel('Dreigende situatie').check();
      await page.getByLabel('Wat dreigt er?').selectOption({ label: 'Dreigende huisuitzetting' });
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.waitForURL('**/schuldhulp/trajecten/*');
      await settled(page);
      await page.getByText('De aanmelding is vastgelegd.').waitFor();
      expect(await page.locator('[aria-current="step"]').textContent()).toContain('Aanmelding');
      const clocks = page.getByRole('table', { name: 'Termijnen van dit traject' });
      expect(await clocks.getByRole('row', { name: /Eerste gesprek/ }).textContent()).toContain('Nog niet');
      // Three working days instead of four weeks: the due day lies within a week.
      const id = new URL(page.url()).pathname.split('/').at(-1);
      const [row] = await suite.query<{ days: number }>(
        'SELECT (first_conversation_due - requested_on)::int AS days FROM debt_help_requests WHERE id = $1',
        [id],
      );
      expect(row?.days).toBeGreaterThanOrEqual(3);
      expect(row?.days).toBeLessThanOrEqual(7);
      expect(await page.getByText('Dreigende huisuitzetting').count()).toBe(1);
      expect(problems.errors).toEqual([]);
    }));

  it('links the household view to its trajectory for the regisseur, who may read but not change it', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regisseur);
      const plan = await demoTrajectory('plan van aanpak, stabilisatie');
      await page.goto(`${suite.url}/huishoudens/${plan.householdCaseId}`);
      await settled(page);
      const link = page.getByRole('link', { name: /^Schuldhulp: Stabilisatie/ });
      await link.click();
      await page.waitForURL(`**/schuldhulp/trajecten/${plan.id}`);
      await settled(page);
      // The heading names the clients once the trajectory has loaded ("Schuldhulptraject" until then).
      await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Schuldhulp voor /);
      // Reading only: no forms to record a step.
      expect(await page.getByRole('button', { name: /vastleggen$/ }).count()).toBe(0);
      await checkPage(page, 'trajectory for the regisseur');
      expect(problems.errors).toEqual([]);
    }));
});
