import * as OTPAuth from 'otpauth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../test/harness.ts';
import {
  type DemoLogin,
  ensureWebBuild,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  expectPageStructure,
  findLogin,
  launchBrowser,
  openPage,
  settled,
} from './helpers.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

let server: Server;
let browser: Browser;
let administrator: DemoLogin;

function totp(secret: string, timestamp = Date.now()): string {
  return new OTPAuth.TOTP({
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
    secret: OTPAuth.Secret.fromBase32(secret),
  }).generate({
    timestamp,
  });
}

beforeAll(async () => {
  await ensureWebBuild();
  // The demo with the second factor switched on, as in production.
  server = await startTestServer({ demo: true, env: { MFA_REQUIRED: 'true' } });
  browser = await launchBrowser();
  administrator = findLogin(
    server.logins as DemoLogin[],
    (l) => l.roles.length === 1 && l.roles[0] === 'functioneel_beheerder',
    'functioneel beheerder',
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
}, 60_000);

describe('second factor', { timeout: 180_000 }, () => {
  it('enrols an authenticator app, then verifies a code at the next login', async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      // Asking for a page first: after the second factor the user lands there.
      await page.goto(`${server.url}/beheer/teams`);
      await page.waitForURL(/\/inloggen/);
      await page.locator('#email').fill(administrator.email);
      await page.locator('#password').fill(administrator.password);
      await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
      await page.waitForURL(/\/inloggen\/tweede-factor/);
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Tweede factor instellen');
      await expectPageStructure(page, '/inloggen/tweede-factor (enrol)');

      const qr = page.locator('img.vangnet-qr');
      await qr.waitFor();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      expect(await qr.getAttribute('alt')).toContain('QR-code');
      const secret = ((await page.locator('.vangnet-secret').textContent()) ?? '').replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await expectNoAxeViolations(page, '/inloggen/tweede-factor (enrol)');
      await page.setViewportSize({ width: 360, height: 740 });
      await expectNoHorizontalScroll(page, '/inloggen/tweede-factor (enrol) at 360px');
      await page.setViewportSize({ width: 1280, height: 900 });

      // A wrong code is shown next to the field.
      const wrong = totp(secret) === '000000' ? '111111' : '000000';
      await page.getByLabel('Code van 6 cijfers').fill(wrong);
      await page.getByRole('button', { name: 'Bevestigen' }).click();
      await expect.poll(() => page.locator('#code-error').textContent()).toContain('niet juist');
      await expectNoAxeViolations(page, '/inloggen/tweede-factor (wrong code)');

      await page.getByLabel('Code van 6 cijfers').fill(totp(secret));
      await page.getByRole('button', { name: 'Bevestigen' }).click();
      await page.waitForURL(`${server.url}/beheer/teams`);
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Teams');

      // Log out and in again: now the code is asked for.
      await page.locator('.vangnet-user-menu__summary').click();
      await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
      await page.waitForURL(/\/inloggen/);
      await page.locator('#email').fill(administrator.email);
      await page.locator('#password').fill(administrator.password);
      await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
      await page.waitForURL(/\/inloggen\/tweede-factor/);
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Tweede factor');
      expect(await page.locator('img').count()).toBe(0);
      await expectPageStructure(page, '/inloggen/tweede-factor (verify)');
      await expectNoAxeViolations(page, '/inloggen/tweede-factor (verify)');
      // The next period's code: the server accepts one period of drift and this one was not used yet.
      await page.getByLabel('Code van 6 cijfers').fill(totp(secret, Date.now() + 30_000));
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.url}/`);
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Mijn werk');
      expect(problems.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
