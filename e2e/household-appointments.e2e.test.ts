// Appointments, the preparation call and referral reminders in the browser: the caseload with its reminders and
// the household page with its new sections (also with the forms open and with an error), checked for structure,
// axe and reflow at 1280 and 360 px; planning an appointment (a time in the past is named next to the field, the
// new appointment shows on the page and in the timeline); recording a preparation call whose Arabic letter opens
// as a PDF; the budgetmaatje sees the appointments but not the call.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import { checkPage } from './demo-data.ts';
import { type DemoLogin, setUpBrowserSuite } from './fixtures.ts';
import { settled } from './helpers.ts';

const suite = setUpBrowserSuite();
const regisseur: DemoLogin = {
  email: 'regisseur@voorbeeldstad.demo',
  password: DEMO_PASSWORD,
  roles: ['regisseur'],
};
const volunteer: DemoLogin = {
  email: 'vrijwilliger@voorbeeldstad.demo',
  password: DEMO_PASSWORD,
  roles: ['vrijwilliger'],
};

/** The demo household whose first conversation was prepared by phone (letter, reminder, appointment). */
async function preparedHousehold(): Promise<{ id: string; label: string }> {
  const [row] = await suite.query<{ id: string; label: string }>(
    `SELECT c.id, c.label FROM household_cases c
      WHERE EXISTS (SELECT 1 FROM household_preparations p WHERE p.household_case_id = c.id)
      ORDER BY c.opened_at LIMIT 1`,
  );
  if (!row) throw new Error('no demo household with a preparation call');
  return row;
}

/** The demo household in full swing, whose budgetmaatje logs in. */
async function fullHousehold(): Promise<{ id: string; label: string }> {
  const [row] = await suite.query<{ id: string; label: string }>(
    `SELECT c.id, c.label FROM household_cases c
      WHERE (SELECT count(*) FROM household_zrm_assessments z WHERE z.household_case_id = c.id) >= 3
      ORDER BY c.opened_at LIMIT 1`,
  );
  if (!row) throw new Error('no demo household with a ZRM history');
  return row;
}

/** The open form under its heading (the Disclosure shows it after its button is pressed). */
function form(page: Page, heading: string): Locator {
  return page.locator('.vangnet-hh-form', { has: page.getByRole('heading', { name: heading, exact: true }) });
}

const amsterdamDate = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Amsterdam',
  });

describe('appointments, the preparation call and reminders in the browser', { timeout: 240_000 }, () => {
  it('caseload and household with appointments, preparation and reminders: axe and reflow, forms open too', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regisseur);
      const household = await preparedHousehold();
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
        await page.goto(`${suite.url}/huishoudens`);
        await settled(page);
        const reminders = page.getByRole('table', {
          name: 'Verwijzingen zonder antwoord na de herinneringsdatum',
        });
        await reminders.waitFor();
        expect(await reminders.getByRole('link', { name: household.label }).count()).toBeGreaterThan(0);
        expect(await reminders.getByText('Wmo').count()).toBeGreaterThan(0);
        await checkPage(page, 'caseload with reminders');

        await page.goto(`${suite.url}/huishoudens/${household.id}`);
        await settled(page);
        await page.getByRole('heading', { name: 'Afspraken', level: 2 }).waitFor();
        await page.getByRole('heading', { name: /^Eerste gesprek: / }).waitFor();
        const sent = page.getByRole('table', { name: 'Voorbereidende gesprekken en wat er is verstuurd' });
        await sent
          .getByRole('cell', { name: /^Brief gemaakt/ })
          .first()
          .waitFor();
        await page.getByText(/^Wmo: nog geen antwoord/).waitFor();
        await checkPage(page, 'household with appointments');

        await page.getByRole('button', { name: 'Een afspraak maken' }).click();
        await page.getByRole('button', { name: 'Voorbereidend gesprek vastleggen' }).click();
        await form(page, 'Voorbereidend gesprek vastleggen').getByLabel('Wat is er besproken?').waitFor();
        await checkPage(page, 'household with the appointment and preparation forms open');
      }
      expect(problems.errors).toEqual([]);
    }));

  it('plans an appointment: a time in the past is named at the field, then it shows on the page and in the timeline', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regisseur);
      const household = await fullHousehold();
      await page.goto(`${suite.url}/huishoudens/${household.id}`);
      await settled(page);
      await page.getByRole('button', { name: 'Een afspraak maken' }).click();
      const f = form(page, 'Een afspraak maken');
      await f.getByLabel('Waarom').selectOption({ label: 'Overleg met het netwerk' });
      await f.getByLabel('Datum', { exact: true }).fill('2020-01-01');
      await f.getByLabel('Begintijd').fill('14:00');
      await f.getByLabel('Eindtijd').fill('15:00');
      await f.getByLabel('Waar', { exact: true }).fill('Buurthuis De Schakel');
      await f.getByLabel('Vincent Vrijwilliger').check();
      await f.getByRole('button', { name: 'Afspraak opslaan' }).click();
      const error = page.locator('#hh-ap-startsAt-error');
      await error.waitFor();
      expect(await error.textContent()).toContain('Deze tijd is al voorbij');
      expect(await page.locator('#hh-ap-startsAt').getAttribute('aria-invalid')).toBe('true');
      await checkPage(page, 'appointment form with an error');
      // Nothing was saved.
      expect(await page.getByRole('heading', { name: /^Overleg met het netwerk: / }).count()).toBe(0);

      await f.getByLabel('Datum', { exact: true }).fill(amsterdamDate(9));
      await f.getByRole('button', { name: 'Afspraak opslaan' }).click();
      const card = page.getByRole('article', { name: /^Overleg met het netwerk: .*14:00 tot 15:00/ });
      await card.waitFor();
      expect(await card.getByText('Op een plek: Buurthuis De Schakel').count()).toBe(1);
      expect(await card.getByText(/Rachid Regisseur, Vincent Vrijwilliger/).count()).toBe(1);
      await expect
        .poll(() => page.locator('.vangnet-hh-timeline li').first().textContent())
        .toContain('Afspraak gemaakt');
      expect(problems.errors).toEqual([]);
    }));

  it('records a preparation call and opens its Arabic letter as a PDF', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regisseur);
      const household = await preparedHousehold();
      await page.goto(`${suite.url}/huishoudens/${household.id}`);
      await settled(page);
      await page.getByRole('button', { name: 'Voorbereidend gesprek vastleggen' }).click();
      const f = form(page, 'Voorbereidend gesprek vastleggen');
      await f.getByLabel('Taal van de brief of e-mail').selectOption('ar');
      await f.getByLabel('Hoe versturen').selectOption('brief');
      // The municipality's list is ticked; one document is not needed, one more is.
      expect(await f.getByLabel(/^Uw zorgpolis/).isChecked()).toBe(true);
      await f.getByLabel(/^Uw zorgpolis/).uncheck();
      await f.getByLabel(/^Rekeningen van vaste lasten/).check();
      await f.getByLabel('Wat is er besproken?').fill('Zoon helpt met lezen');
      await f.getByRole('button', { name: 'Vastleggen en versturen' }).click();
      const table = page.getByRole('table', { name: 'Voorbereidende gesprekken en wat er is verstuurd' });
      await expect.poll(() => table.getByText('Brief, العربية').count()).toBe(1);
      const row = table.getByRole('row', { name: /العربية/ });
      expect(await row.locator('li[lang="ar"]').count()).toBe(6);
      const link = row.getByRole('link', { name: /^Brief van .* \(PDF\)$/ });
      const href = (await link.getAttribute('href')) ?? '';
      const pdf = await page.request.get(`${suite.url}${href}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await expect
        .poll(() => page.locator('.vangnet-hh-timeline li').first().textContent())
        .toContain('Voorbereidend gesprek, brief gemaakt');
      await checkPage(page, 'household after a preparation call');
      expect(problems.errors).toEqual([]);
    }));

  it('shows the budgetmaatje the appointments of the plan, not the call, and speaks English too', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, volunteer);
      const household = await fullHousehold();
      await page.goto(`${suite.url}/huishoudens/${household.id}`);
      await settled(page);
      await page.getByRole('heading', { name: 'Afspraken', level: 2 }).waitFor();
      await page.getByRole('heading', { name: /^Huisbezoek: / }).waitFor();
      expect(await page.getByRole('heading', { name: 'Voorbereidend telefoongesprek' }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Herinneringen' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Een afspraak maken' }).count()).toBe(0);
      await checkPage(page, 'household as budgetmaatje');
      await page.evaluate((k) => localStorage.setItem(k, 'en'), 'vangnet.language');
      await page.goto(`${suite.url}/huishoudens/${household.id}`);
      await settled(page);
      await page.getByRole('heading', { name: 'Appointments', level: 2 }).waitFor();
      await page.getByRole('heading', { name: /^Home visit: / }).waitFor();
      await checkPage(page, 'household as budgetmaatje in English');
      expect(problems.errors).toEqual([]);
    }));

  it('the beheerder sets the default list of documents to bring, with an own document', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, suite.account('administrator'));
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Meeneemlijst' })
        .click();
      await page.waitForURL(`${suite.url}/beheer/meeneemlijst`);
      await settled(page);
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
        await checkPage(page, '/beheer/meeneemlijst');
      }
      await page.setViewportSize({ width: 1280, height: 900 });

      // An own document without its English text: the server names the field; nothing is saved.
      await page.getByRole('button', { name: 'Eigen document toevoegen' }).click();
      await page.getByLabel('Tekst in het Nederlands').fill('Uw laatste jaaropgave');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('alert').first().waitFor();
      await checkPage(page, '/beheer/meeneemlijst with an error');
      const unchanged = await page.request.get(`${suite.url}/api/v1/huishoudplan-voorbereiding/meeneemlijst`);
      expect(((await unchanged.json()) as { version: number }).version).toBe(0);

      await page.getByLabel('Tekst in het Engels').fill('Your latest annual statement');
      await page.getByLabel('Uw huurcontract', { exact: false }).first().uncheck();
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('status').getByText('Opgeslagen').waitFor();
      const saved = (await (
        await page.request.get(`${suite.url}/api/v1/huishoudplan-voorbereiding/meeneemlijst`)
      ).json()) as { version: number; items: { kind: string; code: string | null; texts: { nl: string } }[] };
      expect(saved.version).toBe(1);
      expect(saved.items.some((i) => i.code === 'huurcontract')).toBe(false);
      expect(saved.items.at(-1)).toMatchObject({ kind: 'eigen', texts: { nl: 'Uw laatste jaaropgave' } });
      expect(problems.errors).toEqual([]);
    }));
});
