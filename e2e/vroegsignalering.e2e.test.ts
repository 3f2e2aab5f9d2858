// Vroegsignalering in the browser: every new page (axe, structure, reflow at 360 px), and the worker's main
// paths: importing a partner file and correcting its quarantined line, entering a signal by hand and finding its
// melding, manual matching, and a new version of the afwegingskader. The demo server has partners, verwijzers
// and a BRP, but no signals: each test creates what it needs through the API.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCall as callApi, checkPage } from './demo-data.ts';
import { type DemoLogin, setUpBrowserSuite } from './fixtures.ts';
import { expectNoAxeViolations, settled } from './helpers.ts';

const suite = setUpBrowserSuite();
let worker: DemoLogin;
let administrator: DemoLogin;

beforeAll(() => {
  worker = suite.account('vroegsignalering');
  administrator = suite.account('administrator');
});

interface Person {
  id: string;
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  geboortedatum: string;
  postcode: string;
  huisnummer: number;
  huisletter: string | null;
  toevoeging: string | null;
}

/** Adults of Voorbeeldstad in the demo BRP, each at another address, in a fixed order. */
async function adults(): Promise<Person[]> {
  const rows = await suite.query<Person>(
    `select distinct on (a.id) p.id, p.voornamen, p.voorvoegsel, p.geslachtsnaam,
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
  expect(rows.length, 'adults in the demo BRP').toBeGreaterThan(8);
  return rows;
}

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/** The signal of a person as a partner would send it. */
function signalFor(p: Person, extra: Record<string, unknown> = {}) {
  return {
    voornamen: p.voornamen,
    ...(p.voorvoegsel ? { voorvoegsel: p.voorvoegsel } : {}),
    achternaam: p.geslachtsnaam,
    geboortedatum: p.geboortedatum,
    postcode: p.postcode,
    huisnummer: p.huisnummer,
    ...(p.huisletter ? { huisletter: p.huisletter } : {}),
    ...(p.toevoeging ? { toevoeging: p.toevoeging } : {}),
    amountCents: 45000,
    signalDate: today(),
    ...extra,
  };
}

const apiCall = <T>(page: Page, method: 'GET' | 'POST', path: string, body?: unknown) =>
  callApi<T>(suite, page, method, path, body);

interface IntakeAnswer {
  results: { outcome: string; id?: string }[];
}
interface SignalAnswer {
  id: string;
  matchStatus: string;
  meldingId: string | null;
}

async function enterSignal(page: Page, signal: Record<string, unknown>): Promise<SignalAnswer> {
  const answer = await apiCall<IntakeAnswer>(page, 'POST', 'vroegsignalen/handmatig', { signal });
  const id = answer.results[0]?.id;
  if (!id) throw new Error(`signal not accepted: ${JSON.stringify(answer)}`);
  return apiCall<SignalAnswer>(page, 'GET', `vroegsignalen/${id}`);
}

async function partnerId(page: Page, partnerType: string): Promise<string> {
  const { items } = await apiCall<{ items: { id: string; partnerType: string }[] }>(
    page,
    'GET',
    'signaalpartners?limit=100',
  );
  const found = items.find((p) => p.partnerType === partnerType);
  if (!found) throw new Error(`no ${partnerType} partner in the demo data`);
  return found.id;
}

/** Both widths of the sweep, for a page in a state reached by clicking. */
async function checkBothWidths(page: Page, label: string): Promise<void> {
  await checkPage(page, label);
  await page.setViewportSize({ width: 360, height: 740 });
  await checkPage(page, label);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Chooses the partner of a DDAS kind in the "Signaalpartner" select (options read "<name> (<kind>)"). */
async function choosePartner(page: Page, partnerType: string): Promise<string> {
  const select = page.getByLabel('Signaalpartner');
  await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
  const label = (await select.locator('option').allTextContents()).find((o) =>
    o.endsWith(`(${partnerType})`),
  );
  if (!label) throw new Error(`no ${partnerType} partner to choose`);
  await select.selectOption({ label });
  return label;
}

/** The text of an element with non-breaking spaces (Intl currency) as plain spaces. */
async function text(locator: { textContent: () => Promise<string | null> }): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\u00a0/g, ' ');
}

function csv(lines: string[]): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

describe('vroegsignalering in the browser', { timeout: 240_000 }, () => {
  it('every new page: landmarks, title, no axe violations, no horizontal scroll at 360 px', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, worker);
      const people = await adults();
      // A melding (crisis, so it has an explanation with an override), an unmatched signal, and an import.
      const person = people[0] as Person;
      const matched = await enterSignal(page, signalFor(person, { evictionAnnounced: true }));
      expect(matched.meldingId, 'the signal of a BRP person makes a melding').toBeTruthy();
      await enterSignal(page, {
        achternaam: 'Nergensbekend',
        postcode: '9999ZZ',
        huisnummer: 1,
        amountCents: 9000,
        signalDate: today(),
      });
      const energie = await partnerId(page, 'Energie');
      const upload = await page.request.post(`${suite.url}/api/v1/signaalpartners/${energie}/bestanden`, {
        headers: {
          'x-csrf-token': (
            (await (await page.request.get(`${suite.url}/api/v1/session`)).json()) as { csrfToken: string }
          ).csrfToken,
        },
        multipart: {
          file: {
            name: 'sweep.csv',
            mimeType: 'text/csv',
            buffer: csv(['Achternaam;Postcode;Huisnummer;Bedrag;Datum', `Sweep;1X;3;12,50;${today()}`]),
          },
        },
      });
      expect(upload.status(), await upload.text()).toBe(202);
      const importId = ((await upload.json()) as { id: string }).id;
      const sources = await apiCall<{ items: { id: string }[] }>(page, 'GET', 'verwijzers');
      const queues = await apiCall<{ items: { id: string }[] }>(page, 'GET', 'werkbakjes');

      const pages = [
        '/',
        '/vroegsignalering/meldingen',
        `/vroegsignalering/meldingen/${matched.meldingId}`,
        '/vroegsignalering/koppelen',
        '/vroegsignalering/bestanden',
        `/vroegsignalering/bestanden/${importId}`,
        '/vroegsignalering/signaal',
        '/verwijzen',
        '/vroegsignalering/afwegingskader',
        '/beheer/signaalpartners',
        '/beheer/signaalpartners/nieuw',
        `/beheer/signaalpartners/${energie}`,
        '/beheer/verwijzers',
        '/beheer/verwijzers/nieuw',
        `/beheer/verwijzers/${sources.items[0]?.id}`,
        '/beheer/werkbakjes',
        '/beheer/werkbakjes/nieuw',
        `/beheer/werkbakjes/${queues.items[0]?.id}`,
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
      expect(problems.errors).toEqual([]);
    }));

  it('the wijk page of the beheerder has the postcode areas, which can be saved', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, administrator);
      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      expect(await nav.getByRole('link', { name: 'Signaalpartners' }).count()).toBe(1);
      expect(await nav.getByRole('link', { name: 'Meldingen', exact: true }).count()).toBe(0);
      const { items } = await apiCall<{ items: { id: string }[] }>(page, 'GET', 'wijken');
      const wijkId = items[0]?.id;
      await page.goto(`${suite.url}/beheer/wijken/${wijkId}`);
      await settled(page);
      await page.getByRole('heading', { name: 'Postcodegebieden' }).waitFor();
      await page.getByRole('button', { name: 'Gebied toevoegen' }).click();
      const from = page.locator('input[id^="range-"][id$="-from"]').last();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe(await from.getAttribute('id'));
      await from.fill('12');
      await page.getByRole('button', { name: 'Postcodegebieden opslaan' }).click();
      await expect
        .poll(() => page.locator('.utrecht-form-field__error-message').first().textContent())
        .toContain('1234 AB');
      await from.fill('9990 aa');
      await page.locator('input[id^="range-"][id$="-to"]').last().fill('9990az');
      await page.getByRole('button', { name: 'Postcodegebieden opslaan' }).click();
      await expect.poll(() => page.locator('.utrecht-alert--ok').textContent()).toContain('opgeslagen');
      const saved = await apiCall<{ ranges: { from: string; to: string }[] }>(
        page,
        'GET',
        `wijken/${wijkId}/postcodegebieden`,
      );
      expect(saved.ranges).toContainEqual({ from: '9990AA', to: '9990AZ' });
      await checkBothWidths(page, `/beheer/wijken/${wijkId} with postcode areas`);
      expect(problems.errors).toEqual([]);
    }));

  it('imports a CSV: preview, mapping, import, counts; the quarantined line is fixed and resubmitted', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, worker);
      const people = await adults();
      const [a, b] = [people[1] as Person, people[2] as Person];
      // "Schuldenaar" is no header Vangnet recognises: the surname has to be mapped by hand. Line 4 is bad.
      const file = csv([
        'Klantnummer;Schuldenaar;Voornaam;Postcode;Huisnummer;Bedrag;Datum signaal',
        `K-1;${a.geslachtsnaam};${a.voornamen};${a.postcode};${a.huisnummer};120,50;${today()}`,
        `K-2;${b.geslachtsnaam};${b.voornamen};${b.postcode};${b.huisnummer};€ 1.020,00;${today()}`,
        `K-3;Fout;Frits;82X;7;abc;${today()}`,
      ]);
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Bestanden' })
        .click();
      await page.waitForURL(`${suite.url}/vroegsignalering/bestanden`);
      await settled(page);
      await choosePartner(page, 'Energie');
      await page
        .locator('#file')
        .setInputFiles({ name: 'energie-e2e.csv', mimeType: 'text/csv', buffer: file });
      await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
      await page.getByRole('heading', { name: 'Voorbeeld van energie-e2e.csv' }).waitFor();
      const main = page.locator('main');
      await expect.poll(() => main.textContent()).toContain('Puntkomma (;)');
      expect(await page.locator('table').first().textContent()).toContain('K-3');
      // The surname is not mapped: marked as a required item that is missing.
      await expect.poll(() => page.locator('#map-achternaam-error').textContent()).toContain('verplichte');
      expect(await page.locator('#map-achternaam').getAttribute('aria-invalid')).toBe('true');
      await checkBothWidths(page, '/vroegsignalering/bestanden with a preview');
      await page.locator('#map-achternaam').selectOption('Schuldenaar');
      expect(await page.locator('#map-achternaam-error').count()).toBe(0);
      expect(await page.locator('#map-customerNumber').inputValue()).toBe('Klantnummer');
      await page.getByRole('button', { name: 'Kolomindeling opslaan' }).click();
      await expect.poll(() => page.locator('.utrecht-alert--ok').textContent()).toContain('opgeslagen');

      await page.getByRole('button', { name: 'Importeren' }).click();
      await page.waitForURL(/\/vroegsignalering\/bestanden\/[0-9a-f-]{36}$/);
      await settled(page);
      const importUrl = page.url();
      await expect.poll(() => page.locator('[role="status"]').first().textContent()).toContain('Klaar');
      const counts = page.locator('.vangnet-counts');
      await expect.poll(() => counts.textContent()).toContain('Geaccepteerd2');
      expect(await counts.textContent()).toContain('In quarantaine1');
      expect(await counts.textContent()).toContain('Dubbel0');
      expect(await page.locator('progress').getAttribute('value')).toBe('3');
      expect(await page.getByLabel('Verwerkte regels').count()).toBe(1);
      const report = page.getByRole('link', { name: 'Foutenrapport downloaden' });
      const reportCsv = await (
        await page.request.get(`${suite.url}${await report.getAttribute('href')}`)
      ).text();
      expect(reportCsv).toContain('invalid_postcode');

      // The quarantined line, with its errors in plain language next to the cells.
      await page.getByRole('heading', { name: 'Regel 4' }).waitFor();
      expect(await main.textContent()).toContain('Kolom Postcode: Dit is geen geldige postcode');
      expect(await main.textContent()).toContain('Kolom Bedrag: Dit is geen geldig bedrag');
      await checkBothWidths(page, 'import page with a quarantined line');
      const line = page.locator('article', { has: page.getByRole('heading', { name: 'Regel 4' }) });
      await line.getByLabel('Postcode', { exact: true }).fill(a.postcode);
      await line.getByRole('button', { name: 'Opnieuw indienen' }).click();
      // Still wrong: the amount. The server's answer appears next to that cell.
      await expect.poll(() => line.locator('.utrecht-form-field__error-message').count()).toBe(1);
      expect(await line.locator('.utrecht-form-field__error-message').textContent()).toContain(
        'geen geldig bedrag',
      );
      await line.getByLabel('Bedrag', { exact: true }).fill('88,00');
      await line.getByRole('button', { name: 'Opnieuw indienen' }).click();
      await expect.poll(() => main.textContent()).toContain('Regel 4 is opnieuw ingediend: geaccepteerd.');
      expect(await page.getByRole('heading', { name: 'Regel 4' }).count()).toBe(0);
      // Focus went to the message, as no line is left.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(
        'Regel 4 is opnieuw ingediend',
      );
      await expect.poll(() => counts.textContent()).toContain('Geaccepteerd3');
      expect(await counts.textContent()).toContain('In quarantaine0');

      // The same file again: refused, with a link to the first import.
      await page.goto(`${suite.url}/vroegsignalering/bestanden`);
      await settled(page);
      expect(await page.locator('table').last().textContent()).toContain('energie-e2e.csv');
      await choosePartner(page, 'Energie');
      await page
        .locator('#file')
        .setInputFiles({ name: 'energie-e2e.csv', mimeType: 'text/csv', buffer: file });
      await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
      await page.getByRole('heading', { name: 'Voorbeeld van energie-e2e.csv' }).waitFor();
      // The saved mapping is used now.
      expect(await main.textContent()).toContain('opgeslagen kolomindeling');
      expect(await page.locator('#map-achternaam').inputValue()).toBe('Schuldenaar');
      await page.getByRole('button', { name: 'Importeren' }).click();
      await expect.poll(() => main.textContent()).toContain('Dit bestand is al aangeleverd.');
      await expectNoAxeViolations(page, '/vroegsignalering/bestanden with a duplicate file');
      await page.getByRole('link', { name: 'Bekijk de eerdere verwerking van dit bestand' }).click();
      await page.waitForURL(importUrl);

      // A file that is no CSV: the reason next to the file field.
      await page.goto(`${suite.url}/vroegsignalering/bestanden`);
      await settled(page);
      await choosePartner(page, 'Energie');
      await page.locator('#file').setInputFiles({
        name: 'plaatje.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([
          0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3,
        ]),
      });
      await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
      await expect.poll(() => page.locator('#file-error').count()).toBe(1);
      expect(await page.locator('#file').getAttribute('aria-invalid')).toBe('true');
      expect(problems.errors).toEqual([]);
    }));

  it('enters a signal by hand, finds its melding with a filter and sees why it is in its werkbakje', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, worker);
      const people = await adults();
      const p = people[3] as Person;
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Nieuw signaal' })
        .click();
      await page.waitForURL(`${suite.url}/vroegsignalering/signaal`);
      await settled(page);
      const huur = await choosePartner(page, 'Huur');
      await page.getByLabel(/^Achternaam/).fill(p.geslachtsnaam);
      await page.getByLabel(/^Voornamen/).fill(p.voornamen);
      if (p.voorvoegsel) await page.getByLabel(/^Tussenvoegsel/).fill(p.voorvoegsel);
      await page.getByLabel(/^Geboortedatum/).fill(p.geboortedatum);
      await page.getByLabel(/^Postcode/).fill('12');
      await page.getByLabel(/^Huisnummer/).fill(String(p.huisnummer));
      if (p.huisletter) await page.getByLabel(/^Huisletter/).fill(p.huisletter);
      if (p.toevoeging) await page.getByLabel(/^Toevoeging/).fill(p.toevoeging);
      await page.getByLabel(/^Bedrag in euro/).fill('1.234,56');
      await page.getByLabel('Ontruiming aangekondigd').check();
      await page.getByRole('button', { name: 'Signaal opslaan' }).click();
      // The server's field error (body.signal.postcode) next to the field, and listed in the alert.
      await expect
        .poll(() => page.locator('#postcode-error').textContent())
        .toContain('geen geldige postcode');
      expect(await page.locator('#postcode').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('.utrecht-alert--error a[href="#postcode"]').count()).toBe(1);
      await checkBothWidths(page, '/vroegsignalering/signaal with errors');
      await page.getByLabel(/^Postcode/).fill(p.postcode);
      await page.getByRole('button', { name: 'Signaal opslaan' }).click();
      await expect
        .poll(() => page.locator('.utrecht-alert--ok').textContent())
        .toContain('Het signaal is opgeslagen.');
      // Ready for the next one: the form is empty again, the partner stays.
      expect(await page.getByLabel(/^Achternaam/).inputValue()).toBe('');
      expect(await page.getByLabel('Signaalpartner').locator('option:checked').textContent()).toBe(huur);

      // The melding in the list, with the filters in the address bar.
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Meldingen', exact: true })
        .click();
      await page.waitForURL(`${suite.url}/vroegsignalering/meldingen`);
      await settled(page);
      await page.locator('summary', { hasText: 'Meer filters' }).click();
      await page.getByLabel('Totaalbedrag vanaf (euro)').fill('1234');
      await page.getByLabel('Totaalbedrag tot en met (euro)').fill('1234,56');
      await page.locator('#filter-flags-crisis').check();
      await page.locator('#filter-partner-type-Huur').check();
      await page.getByRole('button', { name: 'Filter toepassen' }).click();
      await page.waitForURL(/minAmount=1234/);
      const url = new URL(page.url());
      expect(url.searchParams.get('flags')).toBe('crisis');
      expect(url.searchParams.get('partnerType')).toBe('Huur');
      expect(url.searchParams.get('maxAmount')).toBe('1234.56');
      await settled(page);
      const rows = page.locator('table tbody tr');
      await expect.poll(() => rows.count()).toBe(1);
      const row = rows.first();
      expect(await text(row)).toContain('€ 1.234,56');
      expect(await row.textContent()).toContain('Crisis');
      expect(await row.textContent()).toContain('Huur');
      expect(await row.getAttribute('class')).toContain('vangnet-row--crisis');
      await checkBothWidths(page, '/vroegsignalering/meldingen with filters');
      // A reload keeps the filters.
      await page.reload();
      await settled(page);
      await expect.poll(() => rows.count()).toBe(1);
      expect(await page.getByLabel('Totaalbedrag vanaf (euro)').inputValue()).toBe('1234');

      // One click to the melding: its signal and why it is where it is.
      await row.getByRole('link', { name: /Bekijken/ }).click();
      await page.waitForURL(/\/vroegsignalering\/meldingen\/[0-9a-f-]{36}$/);
      await settled(page);
      const main = page.locator('main');
      await page.getByRole('heading', { name: 'Waarom in dit werkbakje?' }).waitFor();
      expect(await main.textContent()).toContain('Beoordeeld met versie');
      expect(await main.textContent()).toContain('Er is sprake van een crisis');
      expect(await main.textContent()).toContain('Bij een crisis gaat een melding altijd naar Crisis');
      expect(await main.textContent()).toContain('Ontruiming aangekondigd');
      expect(await main.textContent()).toContain(huur.replace(/ \(Huur\)$/, ''));
      expect(await main.textContent()).toContain('Nog niet opgepakt');
      expect(await page.locator('.vangnet-check--met').count()).toBeGreaterThan(0);
      await page.getByRole('link', { name: 'Terug naar de meldingen' }).click();
      await page.waitForURL(/minAmount=1234/);
      expect(problems.errors).toEqual([]);
    }));

  it('matches a signal by hand, and marks one as no resident', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, worker);
      const people = await adults();
      // A surname one letter off, without birth date: plausible candidates, but no automatic match.
      let unsure: { signal: SignalAnswer; person: Person; name: string } | null = null;
      for (const p of people.slice(4)) {
        const name = `${p.geslachtsnaam.slice(0, -1)}${p.geslachtsnaam.endsWith('x') ? 'y' : 'x'}`;
        const first = p.voornamen.split(' ')[0] ?? p.voornamen;
        const signal = await enterSignal(page, {
          voornamen: first,
          achternaam: name,
          postcode: p.postcode,
          huisnummer: p.huisnummer,
          amountCents: 30000,
          signalDate: today(),
        });
        if (signal.matchStatus === 'ambiguous' || signal.matchStatus === 'not_found') {
          unsure = { signal, person: p, name: `${first} ${name}` };
          break;
        }
      }
      if (!unsure) throw new Error('every signal was matched automatically');
      await enterSignal(page, {
        achternaam: 'Buitenstad',
        postcode: '9999XX',
        huisnummer: 99,
        amountCents: 8000,
        signalDate: today(),
      });

      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Koppelen' })
        .click();
      await page.waitForURL(`${suite.url}/vroegsignalering/koppelen`);
      await settled(page);
      const item = page.locator('article', {
        has: page.getByRole('heading', { name: new RegExp(unsure.name) }),
      });
      await item.waitFor();
      expect(await item.textContent()).toContain('Postcode en huisnummer komen overeen');
      await checkBothWidths(page, '/vroegsignalering/koppelen with signals');
      const candidate = item
        .locator('li.vangnet-candidate')
        .filter({ hasText: unsure.person.geslachtsnaam })
        .first();
      await candidate.getByRole('button', { name: 'Koppel aan deze persoon' }).click();
      await expect.poll(() => page.locator('main').textContent()).toContain('is gekoppeld aan');
      await expect.poll(() => item.count()).toBe(0);
      // Focus moved on: to the next signal's heading, or to the message.
      const focused = await page.evaluate(() => document.activeElement?.tagName);
      expect(['H2', 'P']).toContain(focused);
      const matched = await apiCall<SignalAnswer>(page, 'GET', `vroegsignalen/${unsure.signal.id}`);
      expect(matched.matchStatus).toBe('matched');
      expect(matched.meldingId).toBeTruthy();

      const outsider = page
        .locator('article', { has: page.getByRole('heading', { name: /Buitenstad/ }) })
        .first();
      await outsider.getByRole('button', { name: 'Geen inwoner' }).click();
      await outsider.getByRole('button', { name: 'Ja, geen inwoner' }).click();
      await expect.poll(() => page.locator('main').textContent()).toContain('is gemarkeerd als geen inwoner');
      await expect.poll(() => outsider.count()).toBe(0);
      expect(problems.errors).toEqual([]);
    }));

  it('changes the afwegingskader: preview, then save as a new version', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, worker);
      // An open melding, so the preview has something to count.
      const people = await adults();
      await enterSignal(page, signalFor(people[5] as Person, { amountCents: 60000 }));
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Afwegingskader' })
        .click();
      await page.waitForURL(`${suite.url}/vroegsignalering/afwegingskader`);
      await settled(page);
      const version = Number(await page.locator('#active-version').textContent());
      expect(version).toBeGreaterThan(0);
      const main = page.locator('main');
      expect(await main.textContent()).toContain('Er wonen minderjarige kinderen in het huishouden.');
      expect(await text(main)).toContain('De achterstand bij Huur is € 500,00 of meer.');

      await page.getByRole('button', { name: 'Regels aanpassen' }).click();
      await page.getByRole('heading', { name: 'Regels aanpassen', level: 2 }).waitFor();
      await checkBothWidths(page, '/vroegsignalering/afwegingskader editing');
      // The form's own checks, next to the fields.
      await page.getByLabel('Drempel voor Water').fill('veel');
      await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
      await expect
        .poll(() => page.locator('#threshold-9-error').textContent())
        .toContain('geen geldig bedrag');
      await page.getByLabel('Drempel voor Water').fill('60');
      // The fallback: priority 4 and card or letter within 15 working days; the first rule one place down.
      await page.locator('#fallback-priority').selectOption('4');
      await page.locator('#fallback-deadline').fill('15');
      await page.getByRole('button', { name: /^Omlaag Crisis in een gezin/ }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/-down$/);
      await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
      await page.getByRole('heading', { name: 'Wat verandert er?' }).waitFor();
      await expect.poll(() => main.textContent()).toMatch(/Er (is|zijn) \d+ open melding/);
      await checkBothWidths(page, '/vroegsignalering/afwegingskader with a preview');
      await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
      await expect
        .poll(() => page.locator('.utrecht-alert--ok').textContent())
        .toContain(`Versie ${version + 1} is opgeslagen`);
      await expect.poll(() => page.locator('#active-version').textContent()).toBe(String(version + 1));
      expect(await main.textContent()).toContain(
        'prioriteit 4, contact per kaartje of brief, binnen 15 werkdagen.',
      );
      expect(await text(page.locator('table').first())).toContain('€ 60,00');
      const rules = await page.locator('.vangnet-rule__title').allTextContents();
      expect(rules.slice(0, 2)).toEqual(['Crisis', 'Crisis in een gezin met minderjarige kinderen']);
      const saved = await apiCall<{
        active: { version: number; definition: { fallback: { priority: number } } };
      }>(page, 'GET', 'afwegingskader');
      expect(saved.active.version).toBe(version + 1);
      expect(saved.active.definition.fallback.priority).toBe(4);
      expect(problems.errors).toEqual([]);
    }));

  it('refers a resident, and configures partners (credentials shown once), verwijzers and werkbakjes', () =>
    suite.withPage(async ({ page, problems }) => {
      await suite.login(page, worker);
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Verwijzen' })
        .click();
      await page.waitForURL(`${suite.url}/verwijzen`);
      await settled(page);
      await page.getByRole('button', { name: 'Verwijzing versturen' }).click();
      await expect.poll(() => page.locator('#referralSourceId-error').count()).toBe(1);
      await page.getByLabel('Verwijzer', { exact: true }).selectOption({ label: 'Wmo (intern)' });
      await page.getByLabel(/^Uw naam en organisatie/).fill('Petra Wmo-consulent');
      await page.getByLabel(/^Reden van de verwijzing/).fill('Huurachterstand en stress over rekeningen.');
      await page.getByLabel(/^Achternaam/).fill('Verwezen');
      await page.getByLabel(/^Postcode/).fill('9999 AA');
      await page.getByLabel(/^Huisnummer/).fill('5');
      await page.getByLabel('Warme overdracht').check();
      await page.getByRole('button', { name: 'Verwijzing versturen' }).click();
      await expect
        .poll(() => page.locator('.utrecht-alert--ok').textContent())
        .toContain('De verwijzing is ontvangen.');

      // A new signalling partner: the 11 DDAS kinds verbatim, then credentials shown once.
      await page.goto(`${suite.url}/beheer/signaalpartners/nieuw`);
      await settled(page);
      const kinds = await page.getByLabel('Soort signaalpartner (DDAS)').locator('option').allTextContents();
      expect(kinds.slice(1)).toEqual([
        'Belastingdienst',
        'CAK Eigen bijdrage',
        'CAK Zorgverzekeringen',
        'Dienst Toeslagen',
        'DUO',
        'Energie',
        'Huur',
        'Hypotheek',
        'Overige',
        'Water',
        'Zorg',
      ]);
      await page.getByLabel('Naam', { exact: true }).fill('Waterbedrijf E2E');
      await page.getByLabel('Soort signaalpartner (DDAS)').selectOption('Water');
      await page.getByLabel('Manier van aanleveren').selectOption({ label: 'Koppeling (API)' });
      await page.getByLabel(/^E-mailadres contactpersoon/).fill('signalen@water-e2e.demo');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.waitForURL(`${suite.url}/beheer/signaalpartners`);
      await expect
        .poll(() => page.locator('[role="status"]').first().textContent())
        .toContain('Waterbedrijf E2E');
      await page.getByRole('link', { name: 'Waterbedrijf E2E' }).click();
      await settled(page);
      await page.getByRole('button', { name: 'Inloggegevens aanmaken' }).click();
      await page.getByRole('button', { name: 'Ja, aanmaken' }).click();
      await expect
        .poll(() => page.locator('#credentials-issued').textContent())
        .toContain('Bewaar het geheim nu.');
      const secret = await page.locator('#credentials-issued code').nth(1).textContent();
      expect(secret?.length).toBeGreaterThan(20);
      await checkBothWidths(page, 'partner page with new credentials');
      await page.reload();
      await settled(page);
      await page.getByRole('heading', { name: 'Inloggegevens voor de koppeling' }).waitFor();
      expect(await page.locator('main').textContent()).not.toContain(secret ?? '-');
      expect(await page.getByRole('button', { name: 'Nieuwe inloggegevens aanmaken' }).count()).toBe(1);

      // A verwijzer and a werkbakje.
      await page.goto(`${suite.url}/beheer/verwijzers/nieuw`);
      await settled(page);
      await page.getByLabel('Naam', { exact: true }).fill('Buurtcentrum E2E');
      await page.getByLabel('Soort', { exact: true }).selectOption('extern');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.waitForURL(`${suite.url}/beheer/verwijzers`);
      await expect.poll(() => page.getByRole('link', { name: 'Buurtcentrum E2E' }).count()).toBe(1);
      await page.goto(`${suite.url}/beheer/werkbakjes/nieuw`);
      await settled(page);
      await page.getByLabel('Naam', { exact: true }).fill('Jongeren E2E');
      await page.getByLabel(/^Termijn/).fill('0');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await expect.poll(() => page.locator('#targetWorkingDays-error').count()).toBe(1);
      await page.getByLabel(/^Termijn/).fill('7');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.waitForURL(`${suite.url}/beheer/werkbakjes`);
      await expect.poll(() => page.locator('table').textContent()).toContain('7 werkdagen');
      expect(problems.errors).toEqual([]);
    }));
});
