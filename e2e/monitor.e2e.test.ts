// The monitor dashboard in the browser: the policy adviser finds it in the menu (a chunk of its own, with echarts),
// sees every indicator with charts that have a text alternative and a table, "<5" where a cell rests on fewer than
// 5 residents (also in the CSV), downloads CSV and PDF, filters on a wijk and the region, gets a clear error for a
// period that ends before it starts; the worker sees the small numbers; English is complete; axe and reflow at 360 px.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import { checkPage } from './demo-data.ts';
import { type DemoLogin, setUpBrowserSuite } from './fixtures.ts';
import { settled } from './helpers.ts';

const suite = setUpBrowserSuite();
const policy: DemoLogin = {
  email: 'beleid@voorbeeldstad.demo',
  password: DEMO_PASSWORD,
  roles: ['beleidsmedewerker'],
};
const nl = JSON.parse(readFileSync(new URL('../src/web/i18n/nl.json', import.meta.url), 'utf8'));
const en = JSON.parse(readFileSync(new URL('../src/web/i18n/en.json', import.meta.url), 'utf8'));

/** Opens the monitor from the menu and waits for the charts. */
async function openMonitor(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: /Hoofdmenu|Main menu/ })
    .getByRole('link', { name: 'Monitor' })
    .click();
  await page.waitForURL((url) => url.pathname === '/monitor');
  await settled(page);
  await page.locator('.vangnet-monitor-chart canvas').first().waitFor();
}

describe('the monitor dashboard in the browser', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    // Signals, meldingen and contact attempts in the last three months for Voorbeeldstad: 24 Huur signals (shown
    // to the policy adviser), 3 Water signals (hidden as "<5"); later the policy adviser also works for Dorpsveld.
    const [mu] = await suite.query<{ id: string; wijk: string }>(
      `SELECT m.id::text AS id, (SELECT w.id::text FROM wijken w WHERE w.municipality_id = m.id ORDER BY w.code LIMIT 1) AS wijk
         FROM municipalities m WHERE m.name = 'Voorbeeldstad'`,
    );
    const partners = await suite.query<{ id: string; partner_type: string }>(
      `INSERT INTO signal_partners (municipality_id, name, partner_type)
       SELECT $1::uuid, 'Monitor ' || t, t FROM unnest(ARRAY['Huur', 'Energie', 'Water']) t
       RETURNING id::text AS id, partner_type`,
      [mu?.id],
    );
    const partner = (type: string) => partners.find((p) => p.partner_type === type)?.id;
    await suite.query(
      `INSERT INTO meldingen (id, municipality_id, address_fingerprint, period_start, status, is_crisis, enkelvoudig,
          meervoudig, deadline, taken_up_on, eindresultaat, closed_at, wijk_id)
       SELECT md5('monitor-e2e' || g)::uuid, $1::uuid, 'monitor-e2e-' || g, p, s, g % 9 = 0, g % 2 = 0, g % 2 = 1,
              p + 14, CASE WHEN s <> 'open' THEN p + 2 + g % 10 END,
              CASE WHEN s = 'afgesloten' THEN (ARRAY['Vervolghulp en/of verwijzing financieel',
                'Definitief geen contact kunnen krijgen'])[1 + g % 2] END,
              CASE WHEN s = 'afgesloten' THEN now() END,
              CASE WHEN g % 2 = 0 THEN $2::uuid END
         FROM generate_series(1, 30) g
        CROSS JOIN LATERAL (SELECT (date_trunc('month', current_date) - (g % 3) * interval '1 month')::date AS p,
               CASE WHEN g % 3 = 0 THEN 'afgesloten' WHEN g % 3 = 1 THEN 'in_behandeling' ELSE 'open' END AS s) x`,
      [mu?.id, mu?.wijk],
    );
    await suite.query(
      `INSERT INTO signals (municipality_id, partner_id, source, content_hash, created_by_type, created_by,
          achternaam, amount_cents, signal_date, ddas_status, match_status, melding_id)
       SELECT m.municipality_id, CASE WHEN g <= 24 THEN $2::uuid WHEN g <= 27 THEN $3::uuid ELSE $4::uuid END,
              'api', md5('monitor-e2e-s' || g), 'machine', 'e2e', 'Jansen', 25000, m.period_start + 1,
              'Nog niet opgepakt', 'not_found', m.id
         FROM generate_series(1, 30) g JOIN meldingen m ON m.id = md5('monitor-e2e' || g)::uuid
        WHERE m.municipality_id = $1::uuid`,
      [mu?.id, partner('Huur'), partner('Water'), partner('Energie')],
    );
    await suite.query(
      `INSERT INTO contact_attempts (municipality_id, melding_id, soort, datum, dagdeel, bereikt)
       SELECT municipality_id, id, 'Telefoon', period_start + 3, 'Ochtend', status = 'afgesloten'
         FROM meldingen WHERE address_fingerprint LIKE 'monitor-e2e-%' AND status <> 'open'`,
    );
  }, 60_000);

  it('is its own chunk; every indicator with charts, text alternatives and tables; "<5" also in the CSV', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, policy);
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await openMonitor(page);
      // The monitor (and echarts) arrive as a chunk of their own when the page is opened.
      expect(scripts.length).toBeGreaterThan(0);
      expect(await page.locator('h1').textContent()).toBe(nl.monitor.title);
      await page.getByText(nl.monitor.suppressedNote).waitFor();
      await page.getByText(/^Voorbeeldstad: /).waitFor();

      const main = page.locator('main');
      for (const [id, name] of Object.entries(nl.monitor.indicators as Record<string, string>)) {
        expect(await main.getByText(name, { exact: true }).count(), id).toBeGreaterThan(0);
      }
      // Each chart is an image with a text alternative, followed by a table with the same figures.
      const charts = page.locator('[role="img"].vangnet-monitor-chart');
      expect(await charts.count()).toBeGreaterThanOrEqual(5);
      for (const chart of await charts.all()) {
        expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
        const alt = (await chart.getAttribute('aria-label')) ?? '';
        expect(alt).toMatch(/^Grafiek: .+ Alle cijfers staan in de tabel hieronder\.$/);
      }
      const partnerTable = page.getByRole('table', { name: nl.monitor.indicators.signalen_per_partnertype });
      const huur = partnerTable.getByRole('row', { name: /^Huur/ });
      expect(await huur.locator('td').first().textContent()).toBe('24');
      const water = partnerTable.getByRole('row', { name: /^Water/ });
      expect(await water.locator('td').first().textContent()).toContain('<5');
      const partnerChart = charts.first();
      expect(await partnerChart.getAttribute('aria-label')).toContain('Huur 24');

      // The downloads carry the same cells, "<5" included.
      const csvHref = await page.getByRole('link', { name: nl.monitor.downloadCsv }).getAttribute('href');
      expect(csvHref).toContain('/api/v1/monitor/export.csv?');
      const csv = await page.request.get(`${suite.url}${csvHref}`);
      expect(csv.status()).toBe(200);
      const lines = (await csv.text()).split('\n');
      expect(
        lines
          .find((l) => l.includes(';Water;'))
          ?.split(';')
          .slice(-2)[0],
      ).toBe('<5');
      expect(
        lines
          .find((l) => l.includes(';Huur;'))
          ?.split(';')
          .slice(-2)[0],
      ).toBe('24');
      const pdfHref = await page.getByRole('link', { name: nl.monitor.downloadPdf }).getAttribute('href');
      const pdf = await page.request.get(`${suite.url}${pdfHref}`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');

      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
        await checkPage(page, '/monitor');
      }
      expect(problems.errors).toEqual([]);
    }));

  it('filters on a wijk, shows the region side by side, and explains a period that ends before it starts', () =>
    suite.withPage(async ({ page, problems }) => {
      // The policy adviser also works for Dorpsveld: the region shows both.
      await suite.query(
        `INSERT INTO memberships (user_id, municipality_id, role)
       SELECT u.id, m.id, 'beleidsmedewerker' FROM users u, municipalities m
        WHERE u.email = 'beleid@voorbeeldstad.demo' AND m.name = 'Dorpsveld' ON CONFLICT DO NOTHING`,
      );
      await suite.login(page, policy);
      await openMonitor(page);
      const wijk = page.locator('#wijk');
      // The wijken load after the form: wait for one besides "all wijken".
      await expect.poll(() => wijk.locator('option').count()).toBeGreaterThan(1);
      const options = await wijk.locator('option').all();
      const wijkName = (await options[1]?.textContent()) ?? '';
      await wijk.selectOption({ label: wijkName });
      await page.getByLabel(nl.monitor.regio).check();
      await page.getByRole('button', { name: nl.monitor.show }).click();
      await page.waitForURL(
        (url) => url.searchParams.get('regio') === 'true' && !!url.searchParams.get('wijk'),
      );
      await settled(page);
      await page.getByText(`wijk ${wijkName}:`, { exact: false }).waitFor();
      const region = page.getByRole('table', { name: nl.monitor.regionCaption });
      await region.waitFor();
      expect(await region.locator('thead th').allTextContents()).toEqual([
        nl.monitor.indicator,
        'Voorbeeldstad',
        'Dorpsveld',
      ]);
      await page.locator('.vangnet-monitor-chart canvas').first().waitFor();
      await checkPage(page, '/monitor?wijk&regio');

      await page.locator('#van').fill('2025-06-01');
      await page.locator('#tot').fill('2025-05-01');
      await page.getByRole('button', { name: nl.monitor.show }).click();
      await page.locator('#tot-error').waitFor();
      expect(await page.locator('#tot-error').textContent()).toContain(nl.errorCodes.period_end_before_start);
      await checkPage(page, '/monitor with an invalid period');
      expect(problems.errors).toEqual([]);
    }));

  it('shows the worker every figure, and the whole page in English', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, suite.account('vroegsignalering'));
      await openMonitor(page);
      expect(await page.getByText(nl.monitor.suppressedNote).count()).toBe(0);
      const water = page
        .getByRole('table', { name: nl.monitor.indicators.signalen_per_partnertype })
        .getByRole('row', { name: /^Water/ });
      expect(await water.locator('td').first().textContent()).toBe('3');

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: en.monitor.title }).waitFor();
      await page.locator('.vangnet-monitor-chart canvas').first().waitFor();
      for (const name of Object.values(en.monitor.indicators as Record<string, string>)) {
        expect(await page.locator('main').getByText(name, { exact: true }).count(), name).toBeGreaterThan(0);
      }
      const alt =
        (await page.locator('[role="img"].vangnet-monitor-chart').first().getAttribute('aria-label')) ?? '';
      expect(alt).toMatch(/^Chart: .+ All figures are in the table below\.$/);
      await checkPage(page, '/monitor in English');
      expect(problems.errors).toEqual([]);
    }));
});
