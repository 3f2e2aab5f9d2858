// The maatwerkbudget and budgetmaatjes in the browser (issue 9). Every page of both, as the role that uses it, is
// checked for structure, axe and reflow at 1280 and 360 px. The flows: a regisseur requests money for a household
// and fills the gate, the server's refusal of an own request is shown in words, a schuldhulpverlener approves and
// records the payment, and the payments CSV holds it; the coordinator matches a volunteer from the ranked list,
// after the expired-VOG refusal is shown for another; the volunteer logs a meeting and escalates to the regisseur,
// and no BSN of the household appears on any of their pages; every request of a household is reached page by page.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import { checkPage } from './demo-data.ts';
import { type DemoLogin, setUpBrowserSuite } from './fixtures.ts';
import { settled } from './helpers.ts';

const suite = setUpBrowserSuite();
const demo = (local: string, role: string): DemoLogin => ({
  email: `${local}@voorbeeldstad.demo`,
  password: DEMO_PASSWORD,
  roles: [role],
});
const beheer = demo('beheer', 'functioneel_beheerder');
const regisseur = demo('regisseur', 'regisseur');
const counsellor = demo('schuldhulp', 'schuldhulpverlener');
const coordinator = demo('coordinator', 'coordinator_vrijwilligers');
const volunteer = demo('vrijwilliger', 'vrijwilliger');

/** Logs in and checks each page at 1280 and at 360 px wide. */
async function checkPages(account: DemoLogin, paths: string[]): Promise<void> {
  await suite.withPage(async ({ page, problems }) => {
    await suite.login(page, account);
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
      for (const path of paths) {
        await page.goto(`${suite.url}${path}`);
        await settled(page);
        expect(await page.locator('h1').textContent(), path).not.toBe('Geen toegang');
        // The page shows what it loaded, not an error of the API.
        expect(await page.locator('.utrecht-alert--error').count(), path).toBe(0);
        await checkPage(page, path);
      }
    }
    expect(problems.errors).toEqual([]);
  });
}

/** One id from the demo database of Voorbeeldstad. */
async function one(sql: string, params: unknown[] = []): Promise<string> {
  const [row] = await suite.query<{ id: string }>(sql, params);
  if (!row) throw new Error(`nothing found for: ${sql}`);
  return row.id;
}

const VOORBEELDSTAD = `(SELECT id FROM municipalities WHERE name = 'Voorbeeldstad')`;

const requestIn = (status: string) =>
  one(
    `SELECT id::text AS id FROM budget_requests WHERE municipality_id = ${VOORBEELDSTAD} AND status = $1 LIMIT 1`,
    [status],
  );

const volunteerRequest = (residentName: string) =>
  one(
    `SELECT id::text AS id FROM volunteer_requests WHERE municipality_id = ${VOORBEELDSTAD} AND resident_name = $1`,
    [residentName],
  );

/** An open household plan of the demo regisseur without budget requests (for a new request). */
const freeHousehold = () =>
  one(
    `SELECT c.id::text AS id FROM household_cases c JOIN users u ON u.id = c.regisseur_id
      WHERE c.municipality_id = ${VOORBEELDSTAD} AND c.status = 'open' AND u.email = $1
        AND NOT EXISTS (SELECT 1 FROM budget_requests r WHERE r.household_case_id = c.id)
      ORDER BY c.opened_at LIMIT 1`,
    [regisseur.email],
  );

/** The text of an element with non-breaking spaces (Intl currency) as plain spaces. */
const plain = (s: string | null) => (s ?? '').replace(/\u00a0/g, ' ');

describe('maatwerkbudget and budgetmaatjes in the browser', { timeout: 240_000 }, () => {
  it('every page: landmarks, title, axe, no horizontal scroll at 1280 and 360 px', async () => {
    const budgetId = await one(
      `SELECT id::text AS id FROM budgets WHERE municipality_id = ${VOORBEELDSTAD} LIMIT 1`,
    );
    const submitted = await requestIn('ingediend');
    const paid = await requestIn('betaald');
    const household = await freeHousehold();
    const olga = await volunteerRequest('Olga');
    const amira = await one(
      `SELECT id::text AS id FROM volunteers WHERE municipality_id = ${VOORBEELDSTAD} AND display_name = 'Amira Haddad'`,
    );
    const match = await one(
      `SELECT m.id::text AS id FROM volunteer_matches m JOIN volunteers v ON v.id = m.volunteer_id
        JOIN users u ON u.id = v.user_id WHERE u.email = $1 AND m.status = 'actief' LIMIT 1`,
      [volunteer.email],
    );
    await checkPages(beheer, [
      '/maatwerkbudget',
      '/maatwerkbudget/budgetten/nieuw',
      `/maatwerkbudget/budgetten/${budgetId}`,
    ]);
    await checkPages(counsellor, [
      '/maatwerkbudget/aanvragen',
      `/maatwerkbudget/aanvragen/nieuw?huishouden=${household}`,
      `/maatwerkbudget/aanvragen/${submitted}`,
      `/maatwerkbudget/aanvragen/${paid}`,
    ]);
    await checkPages(coordinator, [
      '/budgetmaatjes',
      '/budgetmaatjes/hulpvragen/nieuw',
      `/budgetmaatjes/hulpvragen/${olga}`,
      '/budgetmaatjes/vrijwilligers',
      '/budgetmaatjes/vrijwilligers/nieuw',
      `/budgetmaatjes/vrijwilligers/${amira}`,
      '/budgetmaatjes/organisaties',
      '/budgetmaatjes/koppelingen',
      '/budgetmaatjes/escalaties',
    ]);
    await checkPages(volunteer, ['/mijn-maatjes', `/mijn-maatjes/${match}`]);
  });

  it('requests money, fills the gate, refuses an own decision, approves, pays and downloads the CSV', async () => {
    const household = await freeHousehold();
    let requestPath = '';
    await suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regisseur);
      await page.goto(`${suite.url}/huishoudens/${household}`);
      await settled(page);
      await page.getByRole('link', { name: 'Maatwerkbudget aanvragen' }).click();
      await page.waitForURL('**/maatwerkbudget/aanvragen/nieuw?**');
      await settled(page);
      await page.locator('#budget-request-category').selectOption({ label: 'Energie' });
      await page.locator('#budget-request-problem').fill('Energieachterstand van drie maanden (e2e).');
      await page.locator('#budget-request-amountCents').fill('-500');
      await page.locator('#budget-request-payeeName').fill('Energie E2E BV');
      await page.locator('#budget-request-payeeIban').fill('NL91 ABNA 0417 1643 00');
      await page.locator('#budget-request-expectedEffect').fill('Geen afsluiting van energie.');
      // A negative amount is named at its field before anything is sent.
      await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
      expect(await page.locator('#budget-request-amountCents-error').textContent()).toContain(
        'niet negatief',
      );
      await page.locator('#budget-request-amountCents').fill('500');
      await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
      await page.waitForURL(/\/maatwerkbudget\/aanvragen\/[0-9a-f-]{36}$/);
      await settled(page);
      requestPath = new URL(page.url()).pathname;
      await page.getByText('De aanvraag is ingediend. Vul nu de poort in.').waitFor();
      expect(await page.getByText('Het eigen netwerk is nog niet overwogen.').count()).toBe(1);

      // The regisseur made the request: the server refuses their decision, and the page says why.
      await page.getByRole('button', { name: 'Akkoord geven' }).click();
      const refusal = page
        .getByRole('region', { name: 'Besluit', exact: true })
        .locator('.utrecht-alert--error');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain(
        'U hebt deze aanvraag zelf gedaan. U kunt er niet zelf over',
      );

      // The gate: the own network, and every provision checked.
      await page.locator('#budget-gate-networkConsidered').check();
      await page.locator('#budget-gate-networkNote').fill('Familie kan niet bijspringen.');
      const outcomes = page.locator('select[id^="budget-gate-provisions-"]');
      for (let i = 0; i < (await outcomes.count()); i++) {
        await outcomes.nth(i).selectOption({ label: i === 0 ? 'Aangevraagd' : 'Niet van toepassing' });
      }
      await page.getByRole('button', { name: 'Poort opslaan' }).click();
      await page.getByText('De poort is opgeslagen.').waitFor();
      await page.getByText('De poort is gepasseerd: er kan een besluit worden genomen.').waitFor();
      expect(await page.getByText('Gecontroleerd door Rachid Regisseur', { exact: false }).count()).toBe(8);
      expect(problems.errors).toEqual([]);
    });

    await suite.withPage(async ({ page, problems }) => {
      await suite.login(page, counsellor);
      await page.goto(`${suite.url}/maatwerkbudget/aanvragen`);
      await settled(page);
      await page.locator(`a[href="${requestPath}"]`).click();
      await page.waitForURL(`**${requestPath}`);
      await settled(page);
      // The limit appears once the approver's budget role has loaded, after the panel itself.
      const decision = page.getByRole('region', { name: 'Besluit', exact: true });
      await expect
        .poll(async () => plain(await decision.textContent()))
        .toContain('Uw limiet in dit budget: € 2.000,00.');
      await page.getByRole('button', { name: 'Akkoord geven' }).click();
      await page.getByText('De aanvraag is goedgekeurd.').waitFor();
      expect(await page.locator('.vangnet-budget-status').first().textContent()).toBe('Goedgekeurd');

      await page.getByRole('button', { name: 'Betaling vastleggen' }).click();
      await page.getByText('De betaling is vastgelegd.').waitFor();
      const checks = page.getByRole('table', { name: 'Controles na de betaling' });
      expect(await checks.locator('tbody tr').allTextContents()).toEqual([
        expect.stringContaining('Na 30 dagen'),
        expect.stringContaining('Na 90 dagen'),
      ]);
      await checkPage(page, 'a paid request');

      // The payments of this year for the financial administration hold this payment.
      await page.goto(`${suite.url}/maatwerkbudget`);
      await settled(page);
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Download betalingen als CSV-bestand' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^maatwerkbudget-\d{4}-01-01-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await readFile((await file.path()) ?? '', 'utf8');
      expect(csv.split('\n')[0]).toBe(
        'betaaldatum;bedrag;begunstigde;iban;kenmerk;categorie;budget;aanvraag',
      );
      const line = csv.split('\n').find((l) => l.includes('Energie E2E BV'));
      expect(line).toContain(';500.00;Energie E2E BV;NL91ABNA0417164300;');
      expect(line).toContain(requestPath.split('/').at(-1));
      expect(problems.errors).toEqual([]);
    });
  });

  it('matches a volunteer from the ranked list, after the expired VOG of another is refused', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, coordinator);
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Hulpvragen' })
        .click();
      await settled(page);
      await page.getByRole('link', { name: 'Olga', exact: true }).click();
      await page.waitForURL('**/budgetmaatjes/hulpvragen/*');
      await settled(page);
      const ranked = page.getByRole('table', { name: 'Geschikte vrijwilligers, de beste eerst' });
      await ranked.waitFor();
      const first = ranked.locator('tbody tr').first();
      // The best candidate gives the help asked for, and speaks the resident's language.
      expect(await first.textContent()).toContain('Soort hulp: Formulieren');
      expect(await first.textContent()).toContain('Taal: Oekraïens');
      expect(await ranked.getByText('Joke Bakker').count()).toBe(0);
      await page.getByText(/actieve vrijwilligers? (staat|staan) niet in de lijst/).waitFor();

      await page
        .locator('#maatjes-match-volunteerId')
        .selectOption({ label: 'Joke Bakker (geen geldige VOG)' });
      await page.getByRole('button', { name: 'Deze vrijwilliger koppelen' }).click();
      const refusal = page.locator('.utrecht-alert--error');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain(
        'De VOG (verklaring omtrent het gedrag) van deze vrijwilliger is verlopen of ontbreekt.',
      );

      const button = first.getByRole('button', { name: / koppelen$/ });
      const name = ((await button.getAttribute('aria-label')) ?? '').replace(/ koppelen$/, '');
      expect(name).not.toBe('');
      await button.click();
      await page.getByText(`${name} is gekoppeld aan Olga.`).waitFor();
      const request = await volunteerRequest('Olga');
      const [row] = await suite.query<{ status: string; volunteer: string }>(
        `SELECT r.status, v.display_name AS volunteer FROM volunteer_requests r
           JOIN volunteer_matches m ON m.request_id = r.id AND m.status = 'actief'
           JOIN volunteers v ON v.id = m.volunteer_id WHERE r.id = $1`,
        [request],
      );
      expect(row).toEqual({ status: 'gekoppeld', volunteer: name });
      expect(problems.errors).toEqual([]);
    }));

  it('the volunteer logs a meeting and escalates to the regisseur, and never sees a BSN', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, volunteer);
      const bsns = (
        await suite.query<{ bsn: string }>(
          `SELECT p.bsn FROM volunteer_matches m JOIN volunteers v ON v.id = m.volunteer_id
             JOIN users u ON u.id = v.user_id JOIN household_cases c ON c.id = m.household_case_id
             JOIN persons p ON p.household_id = c.household_id WHERE u.email = $1`,
          [volunteer.email],
        )
      ).map((r) => r.bsn);
      expect(bsns.length).toBeGreaterThan(0);
      const noBsn = async (label: string) => {
        // The rendered text (innerText keeps words and numbers of different elements apart) and the markup.
        // biome-ignore lint/performance/useDomNodeTextContent: textContent would glue adjacent numbers together.
        const shown = await page.locator('body').innerText();
        const html = await page.content();
        for (const bsn of bsns) expect(shown + html, `BSN on ${label}`).not.toContain(bsn);
        expect(shown, `a nine-digit number on ${label}`).not.toMatch(/\b\d{9}\b/);
      };

      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Mijn maatjes' })
        .click();
      await settled(page);
      await noBsn('/mijn-maatjes');
      await page.getByRole('link', { name: 'Mevrouw J.' }).click();
      await page.waitForURL('**/mijn-maatjes/*');
      await settled(page);
      await noBsn('the match');

      await page
        .locator('#mine-meeting-note')
        .fill('Samen de brieven van de energieleverancier doorgenomen.');
      await page.getByRole('button', { name: 'Contact opslaan' }).click();
      await page.getByText('Het contact is opgeslagen.').waitFor();
      const meetings = page.getByRole('table', { name: 'Contacten met de bewoner' });
      await meetings.getByText('Samen de brieven van de energieleverancier doorgenomen.').waitFor();

      await page.locator('#mine-escalate-reason').fill('Er kwam een brief van de deurwaarder.');
      await page.getByRole('button', { name: 'Zorg melden' }).click();
      await page.getByText('Uw zorg is gemeld.').waitFor();
      await page.getByText(/Er kwam een brief van de deurwaarder\. \(nog niet afgehandeld\)/).waitFor();
      await noBsn('the match after the escalation');
      // One step, and it reached the household's regisseur.
      const [escalation] = await suite.query<{ email: string }>(
        `SELECT u.email FROM volunteer_escalations e JOIN users u ON u.id = e.regisseur_id
          WHERE e.reason = 'Er kwam een brief van de deurwaarder.'`,
      );
      expect(escalation?.email).toBe(regisseur.email);
      expect(problems.errors).toEqual([]);
    }));

  it('a coordinator registers an organisation with a colleague as second coordinator', () =>
    suite.withPage(async ({ page, problems }) => {
      // A second coordinator login of Voorbeeldstad (no password needed: it is only named, never used here).
      await suite.query(
        `WITH u AS (
           INSERT INTO users (region_id, email, display_name)
           SELECT region_id, 'collega.coordinator@voorbeeldstad.demo', 'Cor Collega' FROM municipalities
            WHERE name = 'Voorbeeldstad' RETURNING id)
         INSERT INTO memberships (user_id, municipality_id, role)
         SELECT u.id, ${VOORBEELDSTAD}, 'coordinator_vrijwilligers' FROM u`,
      );
      await suite.login(page, coordinator);
      await page.goto(`${suite.url}/budgetmaatjes/organisaties`);
      await settled(page);
      const group = page.getByRole('group', { name: 'Coördinatoren' });
      // Oneself is ticked already; the colleague can be added.
      await expect.poll(() => group.getByRole('checkbox', { name: /\(ik\)$/ }).isChecked()).toBe(true);
      await group.getByRole('checkbox', { name: 'Cor Collega', exact: true }).check();
      await page.locator('#maatjes-organisation-name').fill('Stichting Samen Rond E2E');
      await page.getByRole('button', { name: 'Organisatie opslaan' }).click();
      await page
        .getByText(/Stichting Samen Rond E2E/)
        .first()
        .waitFor();
      const [org] = await suite.query<{ names: string[] }>(
        `SELECT array_agg(u.display_name ORDER BY u.display_name) AS names
           FROM volunteer_organisations o JOIN volunteer_coordinators c ON c.organisation_id = o.id
           JOIN users u ON u.id = c.user_id WHERE o.name = 'Stichting Samen Rond E2E'`,
      );
      expect(org?.names).toEqual(['Cor Collega', 'Corrie Coördinator']);
      await checkPage(page, 'organisations with two coordinators');
      expect(problems.errors).toEqual([]);
    }));

  it('reaches every request of a household page by page, also past the 200 of one API page', async () => {
    // 205 (refused, so no budget totals change) requests of one household, a minute apart, the newest first.
    const household = await freeHousehold();
    await suite.query(
      `INSERT INTO budget_requests (municipality_id, budget_id, household_case_id, category, problem, amount_cents,
                                   payee_name, payee_iban, expected_effect, status, requested_by, requested_at)
       SELECT c.municipality_id, (SELECT b.id FROM budgets b WHERE b.municipality_id = c.municipality_id LIMIT 1),
              c.id, 'energie', 'Pagina-aanvraag ' || n, 1000 + n, 'Pagina E2E BV', 'NL91ABNA0417164300',
              'Geen afsluiting', 'afgewezen', u.id, now() - n * interval '1 minute'
         FROM household_cases c, users u, generate_series(1, 205) n
        WHERE c.id = $1 AND u.email = $2`,
      [household, regisseur.email],
    );
    const oldest = await suite.query<{ id: string }>(
      `SELECT id::text AS id FROM budget_requests WHERE household_case_id = $1
        ORDER BY requested_at DESC, id OFFSET 200`,
      [household],
    );
    expect(oldest).toHaveLength(5);

    await suite.withPage(async ({ page, problems }) => {
      await suite.login(page, regisseur);
      // The household's link counts them all, not only the first page of the API.
      await page.goto(`${suite.url}/huishoudens/${household}`);
      await settled(page);
      await page.getByRole('link', { name: 'Maatwerkbudget: 205 aanvragen' }).click();
      await page.waitForURL('**/maatwerkbudget/aanvragen?**');
      await settled(page);

      const table = page.getByRole('table', { name: 'Aanvragen maatwerkbudget' });
      const rows = table.locator('tbody tr');
      const links = async () =>
        (await table.locator('tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).map(
          (h) => String(h).split('/').at(-1) ?? '',
        );
      const seen = new Set<string>();
      // The table appears once the role and the first page have loaded, which can be after the heading.
      await expect.poll(() => rows.count()).toBe(50);
      for (const id of await links()) seen.add(id);
      await checkPage(page, 'the first page of requests');
      for (let i = 0; i < 4; i++) {
        const shown = (await links())[0];
        await page.getByRole('button', { name: 'Volgende' }).click();
        // The next page has replaced this one once its first request differs.
        await expect.poll(async () => (await links())[0]).not.toBe(shown);
        await settled(page);
        for (const id of await links()) seen.add(id);
      }
      // The fifth page holds the five oldest, and there is no page after it.
      expect(await links()).toEqual(oldest.map((r) => r.id));
      expect(await page.getByRole('button', { name: 'Volgende' }).count()).toBe(0);
      expect(seen.size).toBe(205);
      await page.getByRole('button', { name: 'Vorige' }).click();
      await settled(page);
      await expect.poll(() => rows.count()).toBe(50);
      expect(problems.errors).toEqual([]);
    });
  });
});
