// What several browser suites need from the demo: the API with the page's own session, residents of the demo BRP,
// and a fresh melding for one of them, and the page checks at one width.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { BrowserSuite } from './fixtures.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll, expectPageStructure } from './helpers.ts';

export interface Person {
  voornamen: string;
  voorvoegsel: string | null;
  geslachtsnaam: string;
  geboortedatum: string;
  postcode: string;
  huisnummer: number;
  huisletter: string | null;
  toevoeging: string | null;
}

/** Today in the Netherlands, as YYYY-MM-DD. */
export const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/** The API with the browser's session (cookies) and CSRF token; fails the test on any non-2xx answer. */
export async function apiCall<T>(
  suite: BrowserSuite,
  page: Page,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const session = await page.request.get(`${suite.url}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const res = await page.request.fetch(`${suite.url}/api/v1/${path}`, {
    method,
    headers: {
      'x-csrf-token': csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/**
 * Heads of household of Voorbeeldstad in the demo BRP, each alone at their address (so a signal makes a melding
 * of its own), in a fixed order. The test server seeds a small population (60 inhabitants per municipality):
 * pick by position in this list, never by a fixed offset into the whole population.
 */
export async function residents(suite: BrowserSuite): Promise<Person[]> {
  const rows = await suite.query<Person>(
    `select distinct on (a.id) p.voornamen, p.voorvoegsel, p.geslachtsnaam,
            to_char(p.geboortedatum, 'YYYY-MM-DD') as geboortedatum, a.postcode, a.huisnummer, a.huisletter, a.toevoeging
       from persons p join addresses a on a.id = p.address_id join municipalities m on m.id = p.municipality_id
      where m.name = 'Voorbeeldstad' and p.brp_status = 'ingeschreven'
        and p.geboortedatum < current_date - interval '30 years' and p.household_role = 'hoofd'
        and not exists (select 1 from persons o where o.address_id = p.address_id and o.household_id <> p.household_id)
      order by a.id, p.id`,
  );
  expect(rows.length, 'heads of household alone at their address in the demo BRP').toBeGreaterThan(1);
  return rows;
}

/** A new melding for a resident of Voorbeeldstad, through the intake API; returns its id. */
export async function newMelding(suite: BrowserSuite, page: Page, p: Person): Promise<string> {
  const answer = await apiCall<{ results: { id?: string }[] }>(
    suite,
    page,
    'POST',
    'vroegsignalen/handmatig',
    {
      signal: {
        voornamen: p.voornamen,
        ...(p.voorvoegsel ? { voorvoegsel: p.voorvoegsel } : {}),
        achternaam: p.geslachtsnaam,
        geboortedatum: p.geboortedatum,
        postcode: p.postcode,
        huisnummer: p.huisnummer,
        ...(p.huisletter ? { huisletter: p.huisletter } : {}),
        ...(p.toevoeging ? { toevoeging: p.toevoeging } : {}),
        amountCents: 64_000,
        signalDate: today(),
      },
    },
  );
  const signal = await apiCall<{ meldingId: string | null }>(
    suite,
    page,
    'GET',
    `vroegsignalen/${answer.results[0]?.id}`,
  );
  if (!signal.meldingId) throw new Error('no melding');
  return signal.meldingId;
}

/** Landmarks, title and one h1; no axe violations; at 360 px no horizontal scroll. At the page's current width. */
export async function checkPage(page: Page, label: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 1280;
  await expectPageStructure(page, label);
  await expectNoAxeViolations(page, `${label} at ${width}px`);
  if (width <= 360) await expectNoHorizontalScroll(page, `${label} at ${width}px`);
}
