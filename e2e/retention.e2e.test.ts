// Retention (AVG) in the browser: the functioneel beheerder changes the terms (a bad value gets its field error)
// and deletes expired data now with a confirmation and a report; a vroegsignalering worker sets a legal hold on a
// melding and lifts it again. Every state is checked with axe at 1280 and 360 px.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newMelding, residents } from './demo-data.ts';
import { setUpBrowserSuite } from './fixtures.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll, expectPageStructure, settled } from './helpers.ts';

const suite = setUpBrowserSuite();

async function checkBothWidths(page: Page, label: string): Promise<void> {
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await expectPageStructure(page, label);
    await expectNoAxeViolations(page, `${label} at ${width}px`);
    if (width <= 360) await expectNoHorizontalScroll(page, `${label} at ${width}px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('retention in the browser', { timeout: 240_000 }, () => {
  it('the beheerder changes the terms and deletes expired data now', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, suite.account('administrator'));
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Bewaartermijnen' })
        .click();
      await page.waitForURL(`${suite.url}/beheer/bewaartermijnen`);
      await settled(page);
      const closed = page.getByLabel('Afgesloten melding');
      await expect.poll(() => closed.inputValue()).toBe('18');
      await checkBothWidths(page, '/beheer/bewaartermijnen');

      // A bad value: the field says what is wrong, nothing is saved.
      await closed.fill('0');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Vul een heel aantal maanden in, van 1 tot en met 120.').first().waitFor();
      await checkBothWidths(page, '/beheer/bewaartermijnen with an error');
      const stored = await page.request.get(`${suite.url}/api/v1/bewaartermijnen`);
      expect(((await stored.json()) as { closedMonths: number }).closedMonths).toBe(18);

      await closed.fill('24');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('status').getByText('Opgeslagen').waitFor();
      const saved = await page.request.get(`${suite.url}/api/v1/bewaartermijnen`);
      expect(((await saved.json()) as { closedMonths: number }).closedMonths).toBe(24);
      await page.reload();
      await settled(page);
      await expect.poll(() => page.getByLabel('Afgesloten melding').inputValue()).toBe('24');

      // Deleting now asks first, then reports what it did.
      await page.getByRole('button', { name: 'Verlopen gegevens nu verwijderen' }).click();
      await page.getByRole('button', { name: 'Ja, nu verwijderen' }).click();
      await page.getByText(/Klaar\. Termijnen geteld vanaf \d{4}-\d{2}-\d{2}\./).waitFor();
      const report = page
        .getByRole('list', { name: 'Wat is verwijderd' })
        .or(page.locator('dl.vangnet-facts'));
      expect(await report.first().textContent()).toContain('Bewaard vanwege bewaarplicht');
      await checkBothWidths(page, '/beheer/bewaartermijnen after a run');
      expect(problems.errors).toEqual([]);
    }));

  it('a worker sets a legal hold on a melding and lifts it again', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, suite.account('vroegsignalering'));
      const [resident] = await residents(suite);
      if (!resident) throw new Error('no resident in the demo BRP');
      const meldingId = await newMelding(suite, page, resident);
      await page.goto(`${suite.url}/vroegsignalering/meldingen/${meldingId}`);
      await settled(page);
      const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Bewaarplicht' }) });
      await panel.getByText('Er is geen bewaarplicht.').waitFor();

      await panel.getByLabel('Reden').selectOption('klacht');
      await panel.getByRole('button', { name: 'Bewaarplicht instellen' }).click();
      await panel.getByText(/Deze melding wordt bewaard vanwege: klacht/).waitFor();
      await checkBothWidths(page, '/vroegsignalering/meldingen/:id with a legal hold');
      const held = await page.request.get(`${suite.url}/api/v1/meldingen/${meldingId}`);
      expect(((await held.json()) as { legalHold: { reason: string } | null }).legalHold?.reason).toBe(
        'klacht',
      );

      await panel.getByRole('button', { name: 'Bewaarplicht opheffen' }).click();
      await panel.getByRole('button', { name: 'Ja, opheffen' }).click();
      await panel.getByText('Er is geen bewaarplicht.').waitFor();
      const lifted = await page.request.get(`${suite.url}/api/v1/meldingen/${meldingId}`);
      expect(((await lifted.json()) as { legalHold: unknown }).legalHold).toBeNull();
      expect(problems.errors).toEqual([]);
    }));
});
