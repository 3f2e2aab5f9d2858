// Outreach in the browser: every new page (axe, structure, reflow at 360 px), and the worker's main path: edit a
// letter template (an error is shown at the field with its line and column, the live preview follows), print the
// letters of a werkbakje as one PDF, and find each letter as a contact attempt Brief on its melding and in the
// message log. The demo server has a BRP but no signals: the test enters the signals it needs through the API.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCall as callApi, checkPage } from './demo-data.ts';
import { type DemoLogin, setUpBrowserSuite } from './fixtures.ts';
import { settled } from './helpers.ts';

const suite = setUpBrowserSuite();
let worker: DemoLogin;

beforeAll(() => {
  worker = suite.account('vroegsignalering');
});

interface Person {
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  geboortedatum: string;
  postcode: string;
  huisnummer: number;
  huisletter: string | null;
  toevoeging: string | null;
}

/** Adults of Voorbeeldstad in the demo BRP, each at another address. */
async function adults(): Promise<Person[]> {
  return suite.query<Person>(
    `select distinct on (a.id) p.voornamen, p.voorvoegsel, p.geslachtsnaam,
            to_char(p.geboortedatum, 'YYYY-MM-DD') as geboortedatum,
            a.postcode, a.huisnummer, a.huisletter, a.toevoeging
       from persons p
       join addresses a on a.id = p.address_id
       join municipalities m on m.id = p.municipality_id
      where m.name = 'Voorbeeldstad' and p.brp_status = 'ingeschreven'
        and p.geboortedatum < current_date - interval '30 years'
        and p.geboortedatum > current_date - interval '60 years'
      order by a.id, p.id`,
  );
}

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

const apiCall = <T>(page: Page, method: 'GET' | 'POST', path: string, body?: unknown) =>
  callApi<T>(suite, page, method, path, body);

/** Enters a signal for each person; answers the meldingen they made. */
async function enterSignals(page: Page, people: Person[]): Promise<string[]> {
  const ids: string[] = [];
  for (const p of people) {
    const signal = {
      voornamen: p.voornamen,
      ...(p.voorvoegsel ? { voorvoegsel: p.voorvoegsel } : {}),
      achternaam: p.geslachtsnaam,
      geboortedatum: p.geboortedatum,
      postcode: p.postcode,
      huisnummer: p.huisnummer,
      ...(p.huisletter ? { huisletter: p.huisletter } : {}),
      ...(p.toevoeging ? { toevoeging: p.toevoeging } : {}),
      amountCents: 52000,
      signalDate: today(),
    };
    const answer = await apiCall<{ results: { id?: string }[] }>(page, 'POST', 'vroegsignalen/handmatig', {
      signal,
    });
    const id = answer.results[0]?.id;
    if (!id) throw new Error(`signal not accepted: ${JSON.stringify(answer)}`);
    const s = await apiCall<{ meldingId: string | null }>(page, 'GET', `vroegsignalen/${id}`);
    if (s.meldingId) ids.push(s.meldingId);
  }
  return [...new Set(ids)];
}

async function checkBothWidths(page: Page, label: string): Promise<void> {
  await checkPage(page, label);
  await page.setViewportSize({ width: 360, height: 740 });
  await checkPage(page, label);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('outreach in the browser', { timeout: 240_000 }, () => {
  it('every new page: landmarks, title, no axe violations, no horizontal scroll at 360 px', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, worker);
      const [melding] = await enterSignals(page, (await adults()).slice(0, 1));
      expect(melding, 'the signal of a BRP person makes a melding').toBeTruthy();
      const templates = await apiCall<{ items: { id: string }[] }>(page, 'GET', 'berichtsjablonen');
      const pages = [
        '/vroegsignalering/berichtsjablonen',
        '/vroegsignalering/berichtsjablonen/nieuw',
        `/vroegsignalering/berichtsjablonen/${templates.items[0]?.id}`,
        '/vroegsignalering/brieven',
        '/vroegsignalering/berichten',
        '/beheer/berichtinstellingen',
        '/mijn-contactkaart',
        `/vroegsignalering/meldingen/${melding}`,
      ];
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
        for (const path of pages) {
          await page.goto(`${suite.url}${path}`);
          await settled(page);
          expect(new URL(page.url()).pathname, path).toBe(path);
          expect(await page.locator('h1').textContent(), path).not.toBe('Geen toegang');
          await checkPage(page, path);
        }
      }
      // The navigation leads to the outreach pages.
      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      for (const name of ['Brieven afdrukken', 'Verstuurde berichten', 'Sjablonen', 'Mijn contactkaart']) {
        expect(await nav.getByRole('link', { name, exact: true }).count(), name).toBe(1);
      }
      expect(problems.errors).toEqual([]);
    }));

  it('edits a template with its error shown at the field, prints a werkbakje and shows the contact attempts', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, worker);
      const meldingen = await enterSignals(page, (await adults()).slice(1, 4));
      expect(meldingen.length).toBeGreaterThan(0);

      // The worker's own contact card: the direct number goes into every letter.
      await page.goto(`${suite.url}/mijn-contactkaart`);
      await settled(page);
      await page.getByLabel('Direct telefoonnummer').fill('06 98765432');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('De wijzigingen zijn opgeslagen.').waitFor();

      // Edit the Dutch default letter: a typo in a field is shown at the text with line and column.
      await page.goto(`${suite.url}/vroegsignalering/berichtsjablonen`);
      await settled(page);
      const templates = await apiCall<{
        items: { id: string; channel: string; language: string; name: string }[];
      }>(page, 'GET', 'berichtsjablonen');
      const letter = templates.items.find((t) => t.channel === 'brief' && t.language === 'nl');
      if (!letter) throw new Error('no Dutch letter template');
      await page.getByRole('link', { name: letter.name, exact: true }).click();
      await settled(page);
      const body = page.getByLabel('Tekst', { exact: true });
      await body.fill('Beste {{nam}},\n\nIk ben {{medewerker}}. Bel mij op {{telefoon}}.');
      const error = page.locator('#tpl-body-error');
      await expect.poll(() => error.textContent()).toContain('Regel 1, kolom 9');
      expect(await error.textContent()).toContain('het veld nam bestaat niet');
      expect(await body.getAttribute('aria-invalid')).toBe('true');
      expect((await body.getAttribute('aria-describedby')) ?? '').toContain('tpl-body-error');
      await checkBothWidths(page, 'template editor with an error');

      // Fixed: the preview shows the letter for the made-up resident, with the worker's name.
      await body.fill('Beste {{naam}},\n\nIk ben {{medewerker}}. Bel mij gerust.\n\n{{qr}}');
      const preview = page.getByRole('region', { name: 'Voorbeeld' });
      await expect.poll(() => preview.textContent()).toContain('Beste Sanne de Vries');
      expect(await error.count()).toBe(0);
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByText('Het sjabloon is opgeslagen.').waitFor();
      await checkBothWidths(page, 'template editor after saving');

      // Print the letters of the werkbakje the meldingen are in.
      const overview = await apiCall<{ queues: { queueId: string | null; open: number }[] }>(
        page,
        'GET',
        'opvolging/werkbakjes',
      );
      const queue = overview.queues.find((q) => q.queueId && q.open > 0);
      if (!queue?.queueId) throw new Error('no werkbakje with open meldingen');
      await page.goto(`${suite.url}/vroegsignalering/brieven`);
      await settled(page);
      await page.getByLabel('Werkbakje').selectOption(queue.queueId);
      await page.getByRole('button', { name: 'Brieven afdrukken' }).click();
      const done = page.getByRole('status').filter({ hasText: 'gemaakt en geregistreerd' });
      await done.waitFor();
      const download = page.waitForEvent('download');
      await done.getByRole('link').click();
      const pdf = await download;
      expect(pdf.suggestedFilename()).toBe('brieven.pdf');
      const path = await pdf.path();
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await checkBothWidths(page, 'batch printed');

      // Each letter is a contact attempt "Brief" on its melding.
      await page.getByRole('link', { name: 'Melding 1 uit deze afdruk' }).click();
      await settled(page);
      const attempts = page.getByRole('table', { name: 'Contactpogingen' });
      await attempts.waitFor();
      expect(await attempts.textContent()).toContain('Brief');
      const messages = page.getByRole('table', { name: 'Brieven en berichten van deze melding' });
      await messages.waitFor();
      expect(await messages.textContent()).toContain('Afgedrukt');

      // And in the message log.
      await page.goto(`${suite.url}/vroegsignalering/berichten`);
      await settled(page);
      const log = page.getByRole('table', { name: 'Brieven en berichten' });
      await log.waitFor();
      expect(await log.textContent()).toContain('Afgedrukt');
      const printed = await suite.query<{ n: number }>(
        "select count(*)::int as n from contact_attempts where soort = 'Brief'",
      );
      expect(printed[0]?.n).toBeGreaterThan(0);
      expect(problems.errors).toEqual([]);
    }));
});
