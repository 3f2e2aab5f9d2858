// Rules as code in the browser: the calculator (explained result, bad input, the tagged PDF), the non-take-up
// outreach list and the scan of one household, and the municipal schemes under Beheer. Every page: landmarks,
// title, axe and no sideways scrolling at 360 px. The demo seed has schemes, profiles and a first scan.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPage } from './demo-data.ts';
import { type DemoLogin, setUpBrowserSuite } from './fixtures.ts';
import { settled } from './helpers.ts';

const suite = setUpBrowserSuite();
let worker: DemoLogin;
let administrator: DemoLogin;

beforeAll(() => {
  worker = suite.account('vroegsignalering');
  administrator = suite.account('administrator');
});

async function checkBothWidths(page: Page, label: string): Promise<void> {
  await checkPage(page, label);
  await page.setViewportSize({ width: 360, height: 740 });
  await checkPage(page, label);
  await page.setViewportSize({ width: 1280, height: 900 });
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').replace(/\u00a0/g, ' ');

async function firstOutreachHousehold(): Promise<string> {
  const [row] = await suite.query<{ household_id: string }>(
    `SELECT r.household_id FROM nontakeup_scan_results r
       JOIN municipalities m ON m.id = r.municipality_id
      WHERE m.name = 'Voorbeeldstad' ORDER BY r.total_yearly_cents DESC, r.household_id LIMIT 1`,
  );
  if (!row) throw new Error('the demo seed made no outreach list');
  return row.household_id;
}

describe('berekeningen in the browser', { timeout: 240_000 }, () => {
  it('every page: landmarks, title, no axe violations, no horizontal scroll at 360 px', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, worker);
      const household = await firstOutreachHousehold();
      for (const path of [
        '/berekeningen',
        '/berekeningen/niet-gebruik',
        `/berekeningen/huishoudens/${household}`,
      ]) {
        await page.goto(`${suite.url}${path}`);
        await settled(page);
        await checkBothWidths(page, path);
      }
      expect(problems.errors).toEqual([]);
    }));

  it('calculates a rule with its explanation, names a bad field, and prints a tagged PDF', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, worker);
      await page.goto(`${suite.url}/berekeningen`);
      await settled(page);
      await page.getByLabel('Wat wilt u berekenen?').selectOption('bijstandsnorm');
      await page.getByLabel('Peildatum').fill('2025-07-01');
      await page.getByLabel('Leeftijd', { exact: true }).fill('veertig');
      await page.getByRole('button', { name: 'Berekenen' }).click();
      // Bad input: the server names the field, the form keeps what was typed.
      await expect.poll(() => text(page, '#leeftijd-error')).toContain('niet van de goede soort');
      expect(await page.getByLabel('Leeftijd', { exact: true }).inputValue()).toBe('veertig');

      await page.getByLabel('Leeftijd', { exact: true }).fill('40');
      await page.getByRole('button', { name: 'Berekenen' }).click();
      await page.getByRole('heading', { name: 'Uitkomst' }).waitFor();
      expect(await text(page, '.vangnet-berekening dl')).toContain('€ 1.369,06');
      expect(await page.getByRole('table', { name: 'Zo is het bedrag berekend' }).count()).toBe(1);
      const sources = page.getByRole('table', { name: 'Gebruikte bedragen en bronnen' });
      expect(await sources.textContent()).toContain('BWBR0015703');
      await checkBothWidths(page, 'calculator with a result');

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download als PDF' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('berekening-bijstandsnorm.pdf');
      const path = await file.path();
      const { readFileSync } = await import('node:fs');
      const pdf = readFileSync(path).toString('latin1');
      expect(pdf.startsWith('%PDF-1.7')).toBe(true);
      expect(pdf).toContain('/StructTreeRoot');
      expect(pdf).toMatch(/\/Lang \(nl\)/);
      expect(problems.errors).toEqual([]);
    }));

  it('starts a scan, shows the outreach list and the scan of one household', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, worker);
      await page.goto(`${suite.url}/berekeningen/niet-gebruik`);
      await settled(page);
      await page.getByLabel('Peildatum').fill('2026-03-01');
      await page.getByRole('button', { name: 'Scan starten' }).click();
      await page.getByText('De scan is klaar').waitFor();
      const table = page.getByRole('table', { name: 'Huishoudens, het hoogste bedrag eerst' });
      await table.waitFor();
      expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
      await checkBothWidths(page, 'outreach list after a scan');
      await table.locator('tbody tr').first().getByRole('link').click();
      await page.getByRole('heading', { name: 'Voorzieningen van een huishouden' }).waitFor();
      await settled(page);
      expect(page.url()).toContain('peildatum=2026-03-01');
      await page.getByRole('heading', { name: /Mist waarschijnlijk \(\d+\)/ }).waitFor();
      expect(await page.getByText('Controleer eerst:').count()).toBeGreaterThan(0);
      expect(await page.getByText('Zo vraagt u het aan:').count()).toBeGreaterThan(0);
      expect(problems.errors).toEqual([]);
    }));

  it('lets the beheerder add a municipal scheme, and keeps what was typed on bad input', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, administrator);
      await page.goto(`${suite.url}/beheer/regelingen`);
      await settled(page);
      await checkBothWidths(page, '/beheer/regelingen');
      await page.getByRole('link', { name: 'Nieuwe regeling' }).click();
      await settled(page);
      await checkBothWidths(page, '/beheer/regelingen/nieuw');
      await page.getByLabel('Soort regeling').selectOption('minimaregeling');
      await page.getByLabel('Naam').fill('Zwemdiploma-regeling');
      await page.getByLabel('Inkomensgrens (% van de bijstandsnorm)').fill('130');
      await page.getByLabel('Bedrag per huishouden (euro)').fill('veel');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await expect.poll(() => text(page, '#bedrag-error')).toContain('niet van de goede soort');
      expect(await page.getByLabel('Naam').inputValue()).toBe('Zwemdiploma-regeling');
      await page.getByLabel('Bedrag per huishouden (euro)').fill('0');
      await page.getByLabel('Extra bedrag per kind (euro)').fill('125,50');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.waitForURL((url) => url.pathname === '/beheer/regelingen');
      await settled(page);
      const link = page.getByRole('link', { name: 'Zwemdiploma-regeling' });
      await link.waitFor();
      await link.click();
      await settled(page);
      expect(await page.getByLabel('Extra bedrag per kind (euro)').inputValue()).toBe('125,5');
      await checkBothWidths(page, 'edit scheme');
      expect(problems.errors).toEqual([]);
    }));
});
