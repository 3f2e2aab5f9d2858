import * as OTPAuth from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoLogin, setUpBrowserSuite, submitLogin } from './fixtures.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll, expectPageStructure, settled } from './helpers.ts';

// The demo with the second factor switched on, as in production.
const suite = setUpBrowserSuite({ MFA_REQUIRED: 'true' });
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

beforeAll(() => {
  administrator = suite.account('administrator');
});

describe('second factor', { timeout: 180_000 }, () => {
  it('enrols an authenticator app, then verifies a code at the next login', () =>
    suite.withPage(async ({ page, problems }) => {
      // Asking for a page first: after the second factor the user lands there.
      await page.goto(`${suite.url}/beheer/teams`);
      await page.waitForURL(/\/inloggen/);
      await submitLogin(page, administrator);
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
      await page.waitForURL(`${suite.url}/beheer/teams`);
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Teams');

      // Log out and in again: now the code is asked for.
      await page.locator('.vangnet-user-menu__summary').click();
      await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
      await page.waitForURL(/\/inloggen/);
      await submitLogin(page, administrator);
      await page.waitForURL(/\/inloggen\/tweede-factor/);
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Tweede factor');
      expect(await page.locator('img').count()).toBe(0);
      await expectPageStructure(page, '/inloggen/tweede-factor (verify)');
      await expectNoAxeViolations(page, '/inloggen/tweede-factor (verify)');
      // The next period's code: the server accepts one period of drift and this one was not used yet.
      await page.getByLabel('Code van 6 cijfers').fill(totp(secret, Date.now() + 30_000));
      await page.keyboard.press('Enter');
      await page.waitForURL(`${suite.url}/`);
      await settled(page);
      expect(await page.locator('h1').textContent()).toBe('Mijn werk');
      expect(problems.errors).toEqual([]);
    }));
});
