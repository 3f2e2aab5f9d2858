import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoLogin, setUpBrowserSuite, submitLogin } from './fixtures.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll, expectPageStructure, settled } from './helpers.ts';

const suite = setUpBrowserSuite();
let regional: DemoLogin;
let administrator: DemoLogin;

beforeAll(() => {
  regional = suite.account('regional');
  administrator = suite.account('administrator');
});

async function firstId(page: Page, path: string): Promise<string> {
  const res = await page.request.get(`${suite.url}/api/v1/${path}`);
  expect(res.status(), `GET ${path}`).toBe(200);
  const body = (await res.json()) as { items: { id: string }[] };
  const id = body.items[0]?.id;
  if (!id) throw new Error(`no ${path} in the demo data`);
  return id;
}

describe('Vangnet web UI', { timeout: 180_000 }, () => {
  it('login page: accessible, and login works with the keyboard only', () =>
    suite.withPage(async ({ page, problems }) => {
      await page.goto(`${suite.url}/`);
      await page.waitForURL(/\/inloggen/);
      await settled(page);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Inloggen');
      await expectPageStructure(page, '/inloggen');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
      await expectNoAxeViolations(page, '/inloggen');

      // The first Tab reaches the skip link.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de inhoud');
      // Tab on to the e-mail field, type, Tab to the password, type, Enter.
      for (let i = 0; i < 20; i++) {
        if ((await page.evaluate(() => document.activeElement?.id)) === 'email') break;
        await page.keyboard.press('Tab');
      }
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
      await page.keyboard.type(regional.email);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
      await page.keyboard.type(regional.password);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${suite.url}/`);
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Mijn werk');
      expect(problems.errors).toEqual([]);
    }));

  it('shows wrong credentials in an alert, with field errors from the server', () =>
    suite.withPage(async ({ page, problems }) => {
      await page.goto(`${suite.url}/inloggen`);
      await settled(page);
      // Empty form: errors next to the fields.
      await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
      await expect.poll(() => page.locator('#email-error').textContent()).toContain('Vul uw e-mailadres in');
      await expectNoAxeViolations(page, '/inloggen with errors');
      await page.locator('#email').fill(regional.email);
      await page.locator('#password').fill('not-the-password');
      await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
      await expect
        .poll(() => page.locator('.utrecht-alert--error').textContent())
        .toContain('Het e-mailadres of wachtwoord is onjuist.');
      expect(problems.errors).toEqual([]);
    }));

  it('every page: landmarks, title, no axe violations, no horizontal scroll at 360 px', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regional);
      const userId = await firstId(page, 'users');
      const teamId = await firstId(page, 'teams');
      const wijkId = await firstId(page, 'wijken');
      const pages = [
        '/',
        '/beheer/gebruikers',
        '/beheer/gebruikers/nieuw',
        `/beheer/gebruikers/${userId}`,
        '/beheer/teams',
        '/beheer/teams/nieuw',
        `/beheer/teams/${teamId}`,
        '/beheer/wijken',
        '/beheer/wijken/nieuw',
        `/beheer/wijken/${wijkId}`,
        '/beheer/gemeente',
        '/audit',
        '/bestaat-niet',
      ];
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
        for (const path of pages) {
          const label = `${path} at ${width}px`;
          await page.goto(`${suite.url}${path}`);
          await settled(page);
          expect(new URL(page.url()).pathname, label).toBe(path);
          await expectPageStructure(page, label);
          await expectNoAxeViolations(page, label);
          if (width === 360) await expectNoHorizontalScroll(page, label);
        }
      }
      await page.goto(`${suite.url}/bestaat-niet`);
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Pagina niet gevonden');
      expect(problems.errors).toEqual([]);
    }));

  it('navigates in the app, moving focus to the new heading', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regional);
      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      for (const [link, heading, title] of [
        ['Gebruikers', 'Gebruikers', 'Gebruikers - Vangnet'],
        ['Teams', 'Teams', 'Teams - Vangnet'],
        ['Wijken', 'Wijken', 'Wijken - Vangnet'],
        ['Gemeente', 'Gemeente', 'Gemeente - Vangnet'],
        ['Auditlog', 'Auditlog', 'Auditlog - Vangnet'],
        ['Mijn werk', 'Mijn werk', 'Mijn werk - Vangnet'],
      ] as const) {
        await nav.getByRole('link', { name: link, exact: true }).click();
        await expect.poll(() => page.locator('h1').textContent()).toBe(heading);
        await settled(page);
        await expect.poll(() => page.title()).toBe(title);
        await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
        expect(await nav.locator('[aria-current="page"]').textContent()).toBe(link);
      }
      expect(problems.errors).toEqual([]);
    }));

  it('switches the language to English and back, following <html lang> and remembering it', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regional);
      expect(await page.locator('h1').textContent()).toBe('Mijn werk');
      await page.getByRole('navigation', { name: 'Taal' }).getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
      expect(await page.locator('h1').textContent()).toBe('My work');
      await expect.poll(() => page.title()).toBe('My work - Vangnet');
      await expectNoAxeViolations(page, '/ in English');
      // Remembered across a reload.
      await page.reload();
      await settled(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.locator('h1').textContent()).toBe('My work');
      await page
        .getByRole('navigation', { name: 'Language' })
        .getByRole('button', { name: 'Nederlands' })
        .click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('nl');
      expect(await page.locator('h1').textContent()).toBe('Mijn werk');
      expect(problems.errors).toEqual([]);
    }));

  it('switches the active municipality', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regional);
      const select = page.getByRole('combobox', { name: 'Actieve gemeente' });
      const options = await select.locator('option').allTextContents();
      expect(options.length).toBeGreaterThan(1);
      const current = await select.locator('option:checked').textContent();
      const other = options.find((o) => o !== current);
      if (!other) throw new Error('no second municipality');
      await select.selectOption({ label: other });
      await page.getByRole('button', { name: 'Wissel van gemeente' }).click();
      await expect.poll(() => page.locator('.vangnet-brand__municipality').textContent()).toBe(other);
      await expect.poll(() => page.locator('main').textContent()).toContain(other);
      expect(problems.errors).toEqual([]);
    }));

  it('manages teams, wijken and users through the forms', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regional);
      // Team: create, edit, delete.
      await page.goto(`${suite.url}/beheer/teams/nieuw`);
      await settled(page);
      await page.getByLabel('Naam').fill('Team E2E');
      await page.getByLabel(/Beschrijving/).fill('Aangemaakt door de browsertest');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.waitForURL(`${suite.url}/beheer/teams`);
      await expect.poll(() => page.locator('[role="status"]').first().textContent()).toContain('Team E2E');
      await page.getByRole('link', { name: 'Team E2E' }).click();
      await settled(page);
      await page.getByLabel('Naam').fill('Team E2E bewerkt');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await expect.poll(() => page.locator('.utrecht-alert--ok').textContent()).toContain('opgeslagen');
      await page.getByRole('button', { name: 'Verwijderen' }).click();
      await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
      await page.waitForURL(`${suite.url}/beheer/teams`);
      await settled(page);
      expect(await page.getByRole('link', { name: 'Team E2E bewerkt' }).count()).toBe(0);

      // Wijk: a malformed code is caught next to the field.
      await page.goto(`${suite.url}/beheer/wijken/nieuw`);
      await settled(page);
      await page.getByLabel('Wijkcode').fill('WK12');
      await page.getByLabel('Naam').fill('Testwijk');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await expect
        .poll(() => page.locator('#code-error').textContent())
        .toContain('WK gevolgd door 6 cijfers');
      expect(await page.locator('#code').getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolations(page, '/beheer/wijken/nieuw with errors');

      // User: the server's field error (password too short) appears next to the password field.
      await page.goto(`${suite.url}/beheer/gebruikers/nieuw`);
      await settled(page);
      await page.getByLabel('Naam').fill('Erik Endtoend');
      await page.getByLabel('E-mailadres').fill('erik.e2e@voorbeeldstad.demo');
      await page.getByLabel(/Wachtwoord/).fill('kort');
      await page.getByLabel('Auditor').check();
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await expect.poll(() => page.locator('#password-error').count()).toBe(1);
      expect(await page.locator('#password').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel(/Wachtwoord/).fill('een-lang-genoeg-wachtwoord');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.waitForURL(`${suite.url}/beheer/gebruikers`);
      await settled(page);
      await expect.poll(() => page.getByRole('link', { name: 'Erik Endtoend' }).count()).toBe(1);
      expect(problems.errors).toEqual([]);
    }));

  it('only shows what the role allows: a functioneel beheerder has no audit log', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, administrator);
      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      expect(await nav.getByRole('link', { name: 'Auditlog' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Gebruikers' }).count()).toBe(1);
      // A single municipality: no switcher.
      expect(await page.getByRole('combobox', { name: 'Actieve gemeente' }).count()).toBe(0);
      await page.goto(`${suite.url}/audit`);
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Geen toegang');
      await expectNoAxeViolations(page, '/audit without permission');
      expect(problems.errors).toEqual([]);
    }));

  it('session expiry: without the cookie the login page says the session expired, then returns', () =>
    suite.withPage(async ({ context, page, problems }) => {
      await suite.login(page, regional);
      // Full page load after the cookie is gone.
      await context.clearCookies();
      await page.goto(`${suite.url}/beheer/teams`);
      await page.waitForURL(/\/inloggen/);
      await settled(page);
      await expect.poll(() => page.locator('main').textContent()).toContain('Uw sessie is verlopen');
      await expectNoAxeViolations(page, '/inloggen (expired)');
      await submitLogin(page, regional);
      await page.waitForURL(`${suite.url}/beheer/teams`);
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Teams');

      // In the app: the next API call answers 401.
      await context.clearCookies();
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Wijken' }).click();
      await page.waitForURL(/\/inloggen/);
      await expect.poll(() => page.locator('main').textContent()).toContain('Uw sessie is verlopen');
      expect(new URL(page.url()).searchParams.get('redirect')).toBe('/beheer/wijken');
      expect(problems.errors).toEqual([]);
    }));

  it('logs out, and logs out everywhere', () =>
    // Two pages, each in its own browser context: two sessions of the same user.
    suite.withPage(({ page, problems }) =>
      suite.withPage(async (other) => {
        await suite.login(page, administrator);
        await page.locator('.vangnet-user-menu__summary').click();
        await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
        await page.waitForURL(/\/inloggen/);
        await expect.poll(() => page.locator('main').textContent()).toContain('U bent uitgelogd.');

        // Two sessions; "Overal uitloggen" in one ends the other too.
        await suite.login(page, administrator);
        await suite.login(other.page, administrator);
        await page.locator('.vangnet-user-menu__summary').click();
        await page.getByRole('button', { name: 'Overal uitloggen' }).click();
        await page.waitForURL(/\/inloggen/);
        await expect.poll(() => page.locator('main').textContent()).toContain('op al uw apparaten uitgelogd');
        await other.page.goto(`${suite.url}/beheer/teams`);
        await other.page.waitForURL(/\/inloggen/);
        expect(problems.errors).toEqual([]);
        expect(other.problems.errors).toEqual([]);
      }),
    ));
});
