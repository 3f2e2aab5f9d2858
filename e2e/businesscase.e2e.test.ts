// The business case in the browser (issue 9): the policy adviser finds it in the menu (a chunk of its own), sees
// costs, avoided costs as a range, ratio and households with a chart (text alternative) and a table, a type on too
// few households as "<5" (small numbers), and every assumption; a scenario copy changes the figures of the scenario
// and not the base; a price-list file with a line without source is refused with that line named, and its good
// lines can be read in on their own; the "wat werkt" file travels from Voorbeeldstad to Dorpsveld with a preview; a
// regisseur records an intervention and its outcome from a household plan. Every page: landmarks, one h1, title,
// axe at 1280 and 360 px, no horizontal scroll.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import { type DemoLogin, setUpBrowserSuite } from './fixtures.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll, expectPageStructure, settled } from './helpers.ts';

const suite = setUpBrowserSuite();
const policy: DemoLogin = {
  email: 'beleid@voorbeeldstad.demo',
  password: DEMO_PASSWORD,
  roles: ['beleidsmedewerker'],
};
const regisseur: DemoLogin = {
  email: 'regisseur@voorbeeldstad.demo',
  password: DEMO_PASSWORD,
  roles: ['regisseur'],
};
const nl = JSON.parse(readFileSync(new URL('../src/web/i18n/nl.json', import.meta.url), 'utf8'));
const bc = nl.businesscase;

async function checkPage(page: Page, label: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 1280;
  await expectPageStructure(page, label);
  expect(await page.locator('h1').textContent(), label).not.toBe(nl.forbidden.title);
  await expectNoAxeViolations(page, `${label} at ${width}px`);
  if (width <= 360) await expectNoHorizontalScroll(page, `${label} at ${width}px`);
}

async function atBothWidths(page: Page, label: string, paths: string[]): Promise<void> {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    for (const path of paths) {
      await page.goto(`${suite.url}${path}`);
      await settled(page);
      await checkPage(page, `${label} ${path}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Makes the municipality active (the policy adviser also works for Dorpsveld once the "wat werkt" test ran). */
async function activate(page: Page, municipality: string): Promise<void> {
  const active = await page.locator('.vangnet-brand__municipality').textContent();
  if (active === municipality) return;
  await page.locator('#municipality-switch').selectOption({ label: municipality });
  await page.getByRole('button', { name: nl.municipalitySwitch.submit }).click();
  await page.locator('.vangnet-brand__municipality', { hasText: municipality }).waitFor();
}

/** Follows a link of the main menu and waits for the page's own h1. */
async function openFromMenu(page: Page, link: string, path: string, h1: string): Promise<void> {
  await mainNav(page).getByRole('link', { name: link, exact: true }).click();
  await page.waitForURL((url) => url.pathname === path);
  await page.getByRole('heading', { level: 1, name: h1, exact: true }).waitFor();
  await settled(page);
}

function mainNav(page: Page) {
  return page.getByRole('navigation', { name: nl.nav.label });
}

/** The cells of the total row (the table footer) of the table "per type", by column header. */
async function totalRow(page: Page): Promise<Record<string, string>> {
  const table = page.getByRole('table', { name: bc.view.perTypeCaption });
  await table.waitFor();
  const headers = await table.locator('thead th').allTextContents();
  const cells = await table.locator('tfoot tr').first().locator('th, td').allTextContents();
  return Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
}

describe('the business case in the browser', { timeout: 300_000 }, () => {
  it('the view: from the menu, a chart with a text alternative, the table, every assumption, CSV and PDF', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, policy);
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await openFromMenu(page, bc.nav.view, '/businesscase', bc.view.title);
      // The business case arrives as a chunk of its own when it is opened.
      expect(scripts.length).toBeGreaterThan(0);

      // The demo has a year of interventions with outcomes and an example price list.
      const total = await totalRow(page);
      expect(Number(total[bc.view.interventions])).toBeGreaterThan(0);
      expect(Number(total[bc.view.households])).toBeGreaterThan(0);
      // Avoided costs and the ratio are ranges, never one number.
      expect(total[bc.view.avoided]).toMatch(/^€\s?[\d.]+ tot €\s?[\d.]+$/);
      expect(total[bc.view.ratio]).toMatch(/^[\d,]+ tot [\d,]+$/);

      const chart = page.locator('[role="img"].vangnet-monitor-chart');
      await chart.locator('canvas').first().waitFor();
      const alt = (await chart.getAttribute('aria-label')) ?? '';
      expect(alt).toContain(bc.view.chartAlt);
      expect(alt).toContain(`${bc.types.energiecoaching}: kosten €`);
      expect(alt).toContain(bc.view.chartTable);

      // Small numbers: the demo's budgetmaatje rests on fewer than five households. The policy adviser reads the
      // rule in one sentence, sees "<5" in each of its cells (in words for a screen reader), and no bar for it.
      expect(await page.locator('#bc-suppressed').textContent()).toBe(bc.view.suppressedNote);
      const small = page
        .getByRole('table', { name: bc.view.perTypeCaption })
        .locator('tbody tr', { has: page.locator('th', { hasText: bc.types.budgetmaatje }) });
      const smallCells = await small.locator('td').allTextContents();
      expect(smallCells).toHaveLength(7);
      expect(new Set(smallCells)).toEqual(new Set([`<5${bc.view.suppressedCell}`]));
      expect(await small.locator('td [aria-hidden="true"]').first().textContent()).toBe('<5');
      expect(alt).not.toContain(`${bc.types.budgetmaatje}: kosten`);
      expect(alt).toContain(bc.view.chartHidden.split('{{types}}')[0]);

      // Every assumption: the hourly rate of the demo, the chances per confidence, each price with its source.
      const assumptions = page.locator('section', {
        has: page.getByRole('heading', { name: bc.assumptions.title }),
      });
      await expect
        .poll(() => assumptions.getByText(/^Uurtarief van een professional: €\s85,00\.$/).count())
        .toBe(1);
      const chances = page.getByRole('table', { name: bc.assumptions.chanceCaption });
      expect(await chances.getByRole('row', { name: /^Hoog/ }).locator('td').first().textContent()).toBe(
        '60% tot 90%',
      );
      const prices = page.getByRole('table', { name: /^Prijzen van de risico’s/ });
      expect(await prices.getByRole('row', { name: /^Huisuitzetting/ }).textContent()).toContain(
        bc.prices.example,
      );

      // The downloads carry the same figures.
      const csvHref = await page.getByRole('link', { name: bc.view.downloadCsv }).getAttribute('href');
      expect(csvHref).toContain('/api/v1/businesscase.csv?');
      const csv = await (await page.request.get(`${suite.url}${csvHref}`)).text();
      const totalLine = csv.split('\n').find((l) => l.startsWith('totaal,')) ?? '';
      expect(totalLine.split(',')[1]).toBe(total[bc.view.interventions]);
      expect(csv).toContain('uurtarief_eur,85.00');
      expect(csv).toContain(`budgetmaatje,${Array(10).fill('<5').join(',')}`);
      const pdfHref = await page.getByRole('link', { name: bc.view.downloadPdf }).getAttribute('href');
      const pdf = await page.request.get(`${suite.url}${pdfHref}`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');

      // One type: the total is that type's row.
      await page.locator('#bc-type').selectOption('energiecoaching');
      await page.getByRole('button', { name: bc.view.show }).click();
      await page.waitForURL((url) => url.searchParams.get('soort') === 'energiecoaching');
      await settled(page);
      const table = page.getByRole('table', { name: bc.view.perTypeCaption });
      await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
      expect(await table.locator('tbody th').textContent()).toBe(bc.types.energiecoaching);

      // A period that ends before it starts is explained next to the field.
      await page.locator('#bc-from').fill('2025-06-01');
      await page.locator('#bc-to').fill('2025-05-01');
      await page.getByRole('button', { name: bc.view.show }).click();
      await page.locator('#bc-to-error').waitFor();
      expect(await page.locator('#bc-to-error').textContent()).toContain(bc.errors.before_from);
      expect(problems.errors).toEqual([]);
    }));

  it('a scenario copy changes the figures of the scenario, not the base', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, policy);
      await activate(page, 'Voorbeeldstad');
      await page.goto(`${suite.url}/businesscase`);
      await settled(page);
      const base = await totalRow(page);

      await page.getByLabel(bc.scenario.name).fill('Dubbel uurtarief');
      await page.getByRole('button', { name: bc.scenario.create }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/businesscase/scenarios/'));
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Scenario: Dubbel uurtarief');
      const compare = page.getByRole('table', { name: /^De echte aannames en het scenario/ });
      const totalCells = async () =>
        compare
          .getByRole('row', { name: /^Totaal/ })
          .locator('td')
          .allTextContents();
      await compare.waitFor();
      // A fresh copy: the same figures on both sides.
      let [costsBase, costsScenario] = await totalCells();
      expect(costsScenario).toBe(costsBase);

      // Doubling the hourly rate in the copy raises the costs of the scenario only.
      await page.locator('#sc-rate').fill('170,00');
      await page.getByRole('button', { name: bc.scenario.save }).click();
      await page.getByText(bc.scenario.saved).waitFor();
      await expect.poll(async () => (await totalCells())[1]).not.toBe(costsBase);
      [costsBase, costsScenario] = await totalCells();
      const euros = (s: string | undefined) => Number((s ?? '').replace(/[^\d]/g, ''));
      expect(euros(costsScenario)).toBeGreaterThan(euros(costsBase));
      expect(costsBase).toBe(base[bc.view.costs]);

      // The view with the scenario says so, and shows the scenario's costs; the base is unchanged.
      await page.getByRole('link', { name: 'Open de business case met ‘Dubbel uurtarief’' }).click();
      await page.waitForURL((url) => !!url.searchParams.get('scenario'));
      await settled(page);
      await page
        .getByText('U ziet de cijfers met de aannames van het scenario ‘Dubbel uurtarief’.', { exact: false })
        .waitFor();
      expect((await totalRow(page))[bc.view.costs]).toBe(costsScenario);
      await page.goto(`${suite.url}/businesscase`);
      await settled(page);
      expect((await totalRow(page))[bc.view.costs]).toBe(base[bc.view.costs]);
      expect(problems.errors).toEqual([]);
    }));

  it('a price-list file: a line without source is named and refused, the good lines can be read in', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, policy);
      await openFromMenu(page, bc.nav.prices, '/businesscase/prijslijst', bc.prices.title);
      const versions = page.getByRole('table', { name: bc.prices.versionsCaption });
      await versions.waitFor();
      const before = await versions.locator('tbody tr').count();

      const csv =
        'code;omschrijving;bedrag;eenheid;prijsjaar;bron;betrouwbaarheid\n' +
        'huisuitzetting;Huisuitzetting;12.500,00;per_gebeurtenis;2025;Testbron huisuitzetting, p. 4;hoog\n' +
        'afsluiting_energie;Afsluiting energie;1.200,00;per_gebeurtenis;2025;;midden\n' +
        'bewindvoering_maand;Maand bewind;150,00;per_maand;2025;Testbron bewind, p. 9;midden\n';
      await page.locator('#pl-file').setInputFiles({
        name: 'prijslijst.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
      await page.locator('#pl-index').fill('2,5');
      await page.getByRole('button', { name: bc.import.submit, exact: true }).click();
      const problemsTable = page.getByRole('table', { name: bc.import.problemsCaption });
      await problemsTable.waitFor();
      const rows = await problemsTable.locator('tbody tr').all();
      expect(rows).toHaveLength(1);
      expect(await rows[0]?.locator('th').textContent()).toBe('3');
      expect(await rows[0]?.locator('td').allTextContents()).toEqual(['bron', bc.errors.bron_ontbreekt]);
      await checkPage(page, 'price list with a refused line');
      // Nothing was saved.
      expect(await versions.locator('tbody tr').count()).toBe(before);

      await page.getByRole('button', { name: 'Lees alleen de 2 goede regels in' }).click();
      await page.getByText(/^Versie \d+ is opgeslagen met 2 posten\.$/).waitFor();
      await page.getByText('1 regel met een probleem is overgeslagen.', { exact: true }).waitFor();
      await expect.poll(() => versions.locator('tbody tr').count()).toBe(before + 1);
      await page.getByRole('link', { name: /^Bekijk versie \d+$/ }).click();
      await settled(page);
      const items = page.getByRole('table', { name: /^Posten van versie/ });
      await items.waitFor();
      const text = (await items.locator('tbody').textContent()) ?? '';
      expect(text).toContain('(huisuitzetting)');
      expect(text).toContain('(bewindvoering_maand)');
      expect(text).not.toContain('(afsluiting_energie)');
      // The amount indexed to this year with the version's 2.5 % a year.
      const year = new Date().getFullYear();
      const expected = (1_250_000 * 1.025 ** (year - 2025)) / 100;
      const formatted = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(
        Math.round(expected * 100) / 100,
      );
      const row = items.getByRole('row', { name: /Huisuitzetting/ });
      expect(await row.locator('td').nth(2).textContent()).toBe(formatted);
      expect(problems.errors).toEqual([]);
    }));

  it('"wat werkt": Voorbeeldstad exports, Dorpsveld previews and imports the file once', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.query(
        `INSERT INTO memberships (user_id, municipality_id, role)
         SELECT u.id, m.id, 'beleidsmedewerker' FROM users u, municipalities m
          WHERE u.email = 'beleid@voorbeeldstad.demo' AND m.name = 'Dorpsveld' ON CONFLICT DO NOTHING`,
      );
      await suite.login(page, policy);
      await activate(page, 'Voorbeeldstad');
      await openFromMenu(page, bc.nav.whatWorks, '/wat-werkt', bc.whatworks.title);
      const catalogue = page.getByRole('table', { name: bc.whatworks.caption });
      await catalogue.waitFor();
      const own = await catalogue.locator('tbody tr').count();
      expect(own).toBeGreaterThan(0);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: bc.whatworks.exportLink }).click(),
      ]);
      const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
      expect(file.format).toBe('vangnet-wat-werkt');
      expect(file.municipality).toBe('Voorbeeldstad');
      expect(file.entries).toHaveLength(own);

      await activate(page, 'Dorpsveld');
      await page.goto(`${suite.url}/wat-werkt`);
      await settled(page);

      // A file that is not a "wat werkt" file is refused before it is sent, with the reason at the field.
      await page.locator('#ww-file').setInputFiles({
        name: 'iets.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"hallo": 1}'),
      });
      await page.getByRole('button', { name: bc.whatworks.preview }).click();
      await page.locator('#ww-file-error').waitFor();
      expect(await page.locator('#ww-file-error').textContent()).toContain(bc.whatworks.notOurFormat);

      await page.locator('#ww-file').setInputFiles(await download.path());
      await page.getByRole('button', { name: bc.whatworks.preview }).click();
      await page.getByRole('heading', { name: 'In het bestand van Voorbeeldstad' }).waitFor();
      const preview = page.getByRole('table', { name: bc.whatworks.previewCaption });
      expect(await preview.locator('tbody tr').count()).toBe(own);
      expect(await preview.getByText(bc.whatworks.willImport).count()).toBe(own);
      await checkPage(page, '/wat-werkt with a preview');
      await page.getByRole('button', { name: new RegExp(`^Lees ${own} aanpak`) }).click();
      await page.getByText(new RegExp(`^${own} aanpak(ken)? (is|zijn) toegevoegd\\.$`)).waitFor();
      const imported = page.getByRole('table', { name: bc.whatworks.caption });
      await expect.poll(() => imported.getByText('Van Voorbeeldstad').count()).toBe(own);

      // The same file again: every entry is already there.
      await page.locator('#ww-file').setInputFiles(await download.path());
      await page.getByRole('button', { name: bc.whatworks.preview }).click();
      await expect.poll(() => preview.getByText(bc.whatworks.willSkip).count()).toBe(own);

      // The detail of an imported entry: evidence, contact and the results Voorbeeldstad sent along.
      const title = (file.entries[0] as { title: string }).title;
      await imported.getByRole('link', { name: title }).click();
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe(title);
      await page.getByRole('heading', { name: 'Resultaten die Voorbeeldstad meestuurde' }).waitFor();
      expect(await page.locator('main').textContent()).toContain(file.entries[0].evidenceSource);
      expect(problems.errors).toEqual([]);
    }));

  it('a regisseur records an intervention of a household and the risk it likely avoided', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regisseur);
      const [household] = await suite.query<{ id: string }>(
        `SELECT c.id FROM household_cases c JOIN users u ON u.id = c.regisseur_id
          WHERE u.email = 'regisseur@voorbeeldstad.demo' AND c.status = 'open' ORDER BY c.opened_at LIMIT 1`,
      );
      await page.goto(`${suite.url}/huishoudens/${household?.id}`);
      await settled(page);
      await page.getByRole('link', { name: bc.interventions.householdLink }).click();
      await page.waitForURL((url) => url.pathname === '/interventies' && url.searchParams.has('huishouden'));
      await settled(page);
      await page.getByText(bc.interventions.forHousehold).waitFor();

      // The hours are priced at the hourly rate while typing.
      await page.locator('#iv-type').selectOption('energiecoaching');
      await page.locator('#iv-money').fill('150');
      await page.locator('#iv-hours').fill('2');
      expect(await page.locator('#iv-hours-description').textContent()).toMatch(
        /deze uren kosten €\s170,00\.$/,
      );
      await page.getByRole('button', { name: bc.interventions.record }).click();
      await page.getByText(/^De interventie \(Energiecoaching\) is vastgelegd\./).waitFor();
      // The new intervention is the one whose outcome form is open.
      const headingId = await page
        .locator('article', { has: page.locator('form') })
        .getByRole('heading')
        .first()
        .getAttribute('id');
      const item = page.locator(`article[aria-labelledby="${headingId}"]`);
      expect(await item.getByRole('heading').first().textContent()).toMatch(/^Energiecoaching, /);
      expect(await item.textContent()).toMatch(/Geld €\s150,00, 2 uur\. Kosten samen: €\s320\./);

      // The outcome form of the new intervention is open; a missing judgement is named at its field.
      const form = item.locator('form');
      await form.getByLabel(bc.interventions.risk).selectOption('afsluiting_energie');
      await form.getByLabel(bc.interventions.confidence).selectOption('hoog');
      await form.getByRole('button', { name: bc.interventions.saveOutcome }).click();
      await item.locator('[id$="-judgement-error"]').waitFor();
      await checkPage(page, '/interventies with an outcome error');
      await form
        .getByLabel(bc.interventions.judgement)
        .fill('De afsluiting was aangekondigd; met de coach niet doorgegaan.');
      await form.getByRole('button', { name: bc.interventions.saveOutcome }).click();
      const outcomes = item.getByRole('table');
      await outcomes.waitFor();
      const row = outcomes.locator('tbody tr').first();
      expect(await row.locator('th').textContent()).toMatch(/^Afsluiting/);
      expect(await row.locator('td').allTextContents()).toEqual(
        expect.arrayContaining([
          '1',
          bc.confidences.hoog,
          'De afsluiting was aangekondigd; met de coach niet doorgegaan.',
        ]),
      );
      expect(problems.errors).toEqual([]);
    }));

  it('every page of the policy adviser: landmarks, one h1, a title, axe, no horizontal scroll at 360 px', () =>
    suite.withPage(async ({ page, problems }) => {
      const [ids] = await suite.query<{ version: string; scenario: string; entry: string }>(
        `SELECT (SELECT v.id::text FROM price_list_versions v WHERE v.municipality_id = m.id ORDER BY v.version LIMIT 1)
                  AS version,
                (SELECT s.id::text FROM businesscase_scenarios s WHERE s.municipality_id = m.id LIMIT 1) AS scenario,
                (SELECT w.id::text FROM whatworks_entries w WHERE w.municipality_id = m.id ORDER BY w.title LIMIT 1)
                  AS entry
           FROM municipalities m WHERE m.name = 'Voorbeeldstad'`,
      );
      await suite.login(page, policy);
      await activate(page, 'Voorbeeldstad');
      await atBothWidths(page, 'policy', [
        '/businesscase',
        `/businesscase/scenarios/${ids?.scenario}`,
        '/businesscase/aannames',
        '/businesscase/prijslijst',
        `/businesscase/prijslijst/${ids?.version}`,
        '/wat-werkt',
        `/wat-werkt/${ids?.entry}`,
      ]);
      // Policy has no interventions to record.
      expect(await mainNav(page).getByRole('link', { name: bc.nav.interventions }).count()).toBe(0);
      expect(problems.errors).toEqual([]);
    }));

  it('every page of the regisseur: landmarks, one h1, a title, axe, no horizontal scroll at 360 px', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regisseur);
      const [household] = await suite.query<{ id: string }>(
        `SELECT household_case_id AS id FROM interventions WHERE household_case_id IS NOT NULL
          ORDER BY created_at DESC LIMIT 1`,
      );
      await atBothWidths(page, 'regisseur', [
        '/interventies',
        `/interventies?huishouden=${household?.id}`,
        '/wat-werkt',
      ]);
      // The regisseur records interventions but has no business-case view in the menu.
      expect(await mainNav(page).getByRole('link', { name: bc.nav.view, exact: true }).count()).toBe(0);
      expect(await mainNav(page).getByRole('link', { name: bc.nav.interventions }).count()).toBe(1);
      expect(problems.errors).toEqual([]);
    }));
});
