// Follow-up in the browser: the werkbakjes with counts, claiming from the list, the follow-up panel of a melding
// (contact attempt, planning a home visit, closing with a DDAS end result), the agenda, the printable route and
// "my work" on the home screen; every page with axe, structure and reflow at 360 px.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiCall as call,
  checkPage,
  newMelding as createMelding,
  residents as demoResidents,
  type Person,
  today,
} from './demo-data.ts';
import { type DemoLogin, setUpBrowserSuite } from './fixtures.ts';
import { settled } from './helpers.ts';

const apiCall = <T>(
  page: Page,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
) => call<T>(suite, page, method, path, body);
const residents = () => demoResidents(suite);
const newMelding = (page: Page, p: Person) => createMelding(suite, page, p);

const suite = setUpBrowserSuite();
let worker: DemoLogin;

beforeAll(() => {
  worker = suite.account('vroegsignalering');
});

describe('follow-up of meldingen in the browser', { timeout: 240_000 }, () => {
  it('claims from the werkbakjes, registers contact, plans a home visit, closes with a result', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, worker);
      const [one, two] = await residents();
      const first = await newMelding(page, one as Person);
      const second = await newMelding(page, two as Person);

      // Werkbakjes: counts, and two meldingen claimed at once.
      await page.goto(`${suite.url}/vroegsignalering/werk`);
      await settled(page);
      await page.getByRole('heading', { name: 'Werkbakjes', level: 1 }).waitFor();
      await page.getByLabel('Medewerker').selectOption('none');
      await expect.poll(() => page.locator('input[id^="fu-select-"]').count()).toBeGreaterThan(1);
      await page.locator('input[id^="fu-select-"]').nth(0).check();
      await page.locator('input[id^="fu-select-"]').nth(1).check();
      await page.getByRole('button', { name: /Geselecteerde meldingen oppakken \(2\)/ }).click();
      await expect.poll(() => page.locator('.utrecht-alert--ok').textContent()).toContain('2 meldingen');

      // The melding: the follow-up panel with deadlines and the next step.
      await page.goto(`${suite.url}/vroegsignalering/meldingen/${first}`);
      await settled(page);
      await page.getByRole('heading', { name: 'Opvolging' }).waitFor();
      await expect.poll(() => page.getByText('Eerste contactpoging').count()).toBeGreaterThan(0);
      // A contact attempt in the future is refused next to the field.
      await page.getByLabel('Soort contact').selectOption('Telefoon');
      await page.getByLabel('Datum', { exact: true }).fill('2999-01-01');
      await page.getByRole('button', { name: 'Contactpoging opslaan' }).click();
      await expect.poll(() => page.locator('.utrecht-alert').first().textContent()).toBeTruthy();
      await page.getByLabel('Datum', { exact: true }).fill(today());
      await page.getByLabel('Inwoner bereikt?').selectOption('ja');
      await page.getByRole('button', { name: 'Contactpoging opslaan' }).click();
      await expect.poll(() => page.getByText('Opgepakt').count()).toBeGreaterThan(0);

      // A home visit today, on the route list.
      await page.getByLabel('Wat').selectOption('huisbezoek');
      await page.getByRole('button', { name: 'Actie plannen' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Gedaan' }).count()).toBe(1);

      // Closing: a result that needs contact now works.
      await page
        .getByLabel('Eindresultaat', { exact: true })
        .selectOption('Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering');
      await page.getByRole('button', { name: 'Afsluiten', exact: true }).click();
      await expect.poll(() => page.getByText('Afgesloten').count()).toBeGreaterThan(0);
      const view = await apiCall<{ status: string; eindresultaat: string }>(
        page,
        'GET',
        `opvolging/meldingen/${first}`,
      );
      expect(view).toMatchObject({
        status: 'afgesloten',
        eindresultaat: 'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
      });

      // A home visit for the second melding fills the route of today.
      await apiCall(page, 'POST', `opvolging/meldingen/${second}/acties`, {
        kind: 'huisbezoek',
        plannedFor: today(),
        dagdeel: 'Ochtend',
      });
      const pages = [
        '/',
        '/vroegsignalering/werk',
        `/vroegsignalering/meldingen/${second}`,
        '/vroegsignalering/agenda',
        '/vroegsignalering/route',
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
      await page.goto(`${suite.url}/vroegsignalering/route`);
      await settled(page);
      await expect.poll(() => page.locator('.vangnet-route__stop').count()).toBe(1);
      // On paper: the stops with name and address, without navigation, header, footer or controls.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.vangnet-route__stop').isVisible()).toBe(true);
      for (const hidden of [
        page.locator('nav.vangnet-nav'),
        page.locator('header').first(),
        page.locator('footer').first(),
        page.getByRole('button', { name: 'Printen' }),
        page.getByLabel('Dag', { exact: true }),
        page.getByRole('link', { name: 'Melding openen' }),
      ]) {
        expect(await hidden.isVisible(), String(hidden)).toBe(false);
      }
      await page.emulateMedia({ media: 'screen' });
      expect(await page.getByRole('button', { name: 'Printen' }).isVisible()).toBe(true);

      // The deadline signal says its state in words and carries a marker of its own (never colour alone).
      await page.goto(`${suite.url}/vroegsignalering/meldingen/${second}`);
      await settled(page);
      const badges = page.locator('.vangnet-deadline');
      await expect.poll(() => badges.count()).toBeGreaterThan(0);
      for (const badge of await badges.all()) {
        const state = (await badge.getAttribute('class'))?.match(/vangnet-deadline--(\w+)/)?.[1];
        expect(await badge.textContent()).toMatch(/Te laat|Bijna te laat|Op tijd|Gehaald/);
        const marker = await badge.evaluate((el) => getComputedStyle(el, '::before').content);
        expect(marker, `marker of ${state}`).not.toMatch(/^(none|normal)$/);
      }
      await page.goto(`${suite.url}/`);
      await settled(page);
      await page.getByRole('heading', { name: 'Mijn meldingen' }).waitFor();
      expect(problems.errors).toEqual([]);
    }));
});
