// The CBS pull API use case (DDAS-VS.yaml, API 2.0.0): one page of the Uitwisselmodel for the caller's
// organisation and a period, validated and ready to be signed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InvalidParam } from '../../../shared/problem.ts';
import type { Orm } from '../../db/client.ts';
import type { MachineActor, ServiceContext } from '../../http/context.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { type ExportIssue, mapVroegsignaal, mapVroegsignaalzaak } from './mapping.ts';
import * as repo from './repository.ts';
import { checkPeriod, DdasExportError, ddasDateTime, leveringHead } from './service.ts';
import { validateDocument } from './validate.ts';

export type GegevensRequest = {
  aanleverperiodeStartdatum?: string;
  aanleverperiodeEinddatum?: string;
  aanleverendeOrganisatie?: string;
  page?: number;
  pageSize?: number;
};

/** A refusal of the API with its status; routes.ts turns it into problem+json (and FSC headers where due). */
export class GegevensError extends Error {
  constructor(
    readonly status: 400 | 404 | 422,
    readonly code: string,
    message: string,
    readonly invalidParams: InvalidParam[] = [],
    readonly issues: ExportIssue[] = [],
  ) {
    super(message);
  }
}

/** The previous calendar month: the usual monthly delivery when the request names no period. */
export function previousMonth(now: Date): { van: string; tot: string } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { van: first.toISOString().slice(0, 10), tot: last.toISOString().slice(0, 10) };
}

// --- Page tokens: pin later pages to the first page's moment, and only for the same query. -------------------

type PageToken = { q: string; p: number; t: string };

function queryKey(q: { van: string; tot: string; organisation: string; pageSize: number }): string {
  return createHmac('sha256', 'ddas-query').update(JSON.stringify(q)).digest('base64url').slice(0, 22);
}

export function encodePageToken(secret: string, token: PageToken): string {
  const body = Buffer.from(JSON.stringify(token)).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

function decodePageToken(secret: string, raw: string): PageToken {
  const [body = '', mac = ''] = raw.split('.');
  const expected = createHmac('sha256', secret).update(body).digest('base64url');
  const ok = mac.length === expected.length && timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
  let token: PageToken | null = null;
  if (ok) {
    try {
      token = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as PageToken;
    } catch {
      token = null;
    }
  }
  if (!token || typeof token.q !== 'string' || typeof token.p !== 'number' || typeof token.t !== 'string') {
    throw new GegevensError(400, 'cursor_invalid', 'The page token was not made by this service.', [
      {
        name: 'header.ddas-page-token',
        code: 'cursor_invalid',
        reason: 'Use the ddas-page-token of the previous page.',
      },
    ]);
  }
  return token;
}

export type GegevensPage = {
  body: { gegevens: Record<string, unknown>; paginering?: Paginering };
  nextPageToken: string | null;
};
export type Paginering = { pageSize: number; currentPage: number; totalPages: number; totalRecords: number };

/**
 * One page of the delivery. Records run per municipality (CBS code order): its vroegsignalen, then its
 * vroegsignaalzaken; a page holds `pageSize` of them. The caller is a CBS machine client registered with one
 * municipality; it may ask for that municipality's organisation (its region) or any municipality of it.
 */
export async function fetchGegevensPage(
  db: Orm,
  ctx: ServiceContext & { actor: MachineActor },
  input: GegevensRequest,
  opts: {
    secret: string;
    maxPageSize: number;
    codeGegevensleverancier: string;
    pageToken?: string;
    now?: Date;
  },
): Promise<GegevensPage> {
  const now = opts.now ?? new Date();
  const names = { van: 'body.aanleverperiodeStartdatum', tot: 'body.aanleverperiodeEinddatum' };
  const fallback = previousMonth(now);
  let period: { van: string; tot: string };
  try {
    period = checkPeriod(
      input.aanleverperiodeStartdatum ?? (input.aanleverperiodeEinddatum ? undefined : fallback.van),
      input.aanleverperiodeEinddatum ?? (input.aanleverperiodeStartdatum ? undefined : fallback.tot),
      names,
    );
  } catch (err) {
    if (err instanceof DdasExportError)
      throw new GegevensError(400, err.code, err.message, err.invalidParams);
    throw err;
  }
  const pageSize = input.pageSize ?? opts.maxPageSize;
  if (pageSize > opts.maxPageSize) {
    throw new GegevensError(400, 'page_size_too_large', `pageSize is at most ${opts.maxPageSize}.`, [
      { name: 'body.pageSize', code: 'too_big', reason: `At most ${opts.maxPageSize}.` },
    ]);
  }
  const page = input.page ?? 1;

  return db.transaction(
    async (tx) => {
      const own = await repo.findMunicipality(tx, { id: ctx.municipalityId });
      if (!own) throw new GegevensError(404, 'organisatie_onbekend', 'The client has no organisation.');
      const target = await resolveOwnTarget(tx, own, input.aanleverendeOrganisatie);
      const key = queryKey({ ...period, organisation: target.organisation.id, pageSize });
      let asOf = now;
      if (opts.pageToken !== undefined) {
        const token = decodePageToken(opts.secret, opts.pageToken);
        if (token.q !== key) {
          throw new GegevensError(400, 'cursor_other_query', 'The page token belongs to another query.', [
            {
              name: 'header.ddas-page-token',
              code: 'cursor_other_query',
              reason: 'Same filters and pageSize as page 1.',
            },
          ]);
        }
        if (token.p !== page) {
          throw new GegevensError(400, 'cursor_page_mismatch', `The page token is for page ${token.p}.`, [
            {
              name: 'body.page',
              code: 'cursor_page_mismatch',
              reason: `Ask page ${token.p} with this token.`,
            },
          ]);
        }
        asOf = new Date(token.t);
      }

      // Where the page falls: per municipality, its signals then its zaken.
      const segments: { m: repo.MunicipalityRef; kind: 'signals' | 'zaken'; count: number }[] = [];
      for (const m of target.municipalities) {
        const counts = await repo.countRecords(tx, { municipalityId: m.id, ...period, asOf });
        segments.push(
          { m, kind: 'signals', count: counts.signals },
          { m, kind: 'zaken', count: counts.zaken },
        );
      }
      const totalRecords = segments.reduce((n, s) => n + s.count, 0);
      const totalPages = Math.max(1, Math.ceil(totalRecords / pageSize));
      if (page > totalPages) {
        throw new GegevensError(400, 'page_out_of_range', `There are ${totalPages} page(s).`, [
          { name: 'body.page', code: 'page_out_of_range', reason: `At most ${totalPages}.` },
        ]);
      }
      let skip = (page - 1) * pageSize;
      let room = pageSize;
      const perMunicipality = new Map<string, { vroegsignalen: unknown[]; vroegsignaalzaken: unknown[] }>();
      const issues: ExportIssue[] = [];
      for (const s of segments) {
        if (room === 0) break;
        if (skip >= s.count) {
          skip -= s.count;
          continue;
        }
        const scope = { municipalityId: s.m.id, ...period, asOf };
        const limit = Math.min(room, s.count - skip);
        const entry = perMunicipality.get(s.m.id) ?? { vroegsignalen: [], vroegsignaalzaken: [] };
        perMunicipality.set(s.m.id, entry);
        if (s.kind === 'signals') {
          for (const row of await repo.signalChunk(tx, scope, { offset: skip, limit })) {
            const r = mapVroegsignaal(row);
            if (r.ok) entry.vroegsignalen.push(r.record);
            else issues.push(...r.issues);
          }
        } else {
          for (const row of await repo.zaakChunk(tx, scope, { offset: skip, limit })) {
            const r = mapVroegsignaalzaak(row);
            if (r.ok) entry.vroegsignaalzaken.push(r.record);
            else issues.push(...r.issues);
          }
        }
        room -= limit;
        skip = 0;
      }
      if (issues.length > 0) {
        throw new GegevensError(
          422,
          'records_niet_exporteerbaar',
          `${issues.length} problem(s) keep records of this page from being delivered; the municipality must fix them.`,
          [],
          issues,
        );
      }
      // An empty delivery still names every municipality (leveringen has at least one item).
      const included =
        totalRecords === 0
          ? target.municipalities
          : target.municipalities.filter((m) => perMunicipality.has(m.id));
      const gegevens = {
        startdatumLevering: period.van,
        einddatumLevering: period.tot,
        aanleverdatumEnTijd: ddasDateTime(now),
        codeGegevensleverancier: opts.codeGegevensleverancier,
        leveringen: included.map((m, i) => ({
          ...leveringHead(target, m, i + 1),
          ...(perMunicipality.get(m.id) ?? { vroegsignalen: [], vroegsignaalzaken: [] }),
        })),
      };
      const errors = validateDocument(gegevens);
      if (errors.length > 0) {
        // Mapping guarantees validity; if it ever does not, nothing invalid leaves the system.
        throw new Error(`DDAS page fails the schema: ${JSON.stringify(errors.slice(0, 5))}`);
      }
      for (const m of included) {
        const entry = perMunicipality.get(m.id);
        await recordAudit(
          tx,
          { ...ctx, municipalityId: m.id },
          {
            action: 'ddas.gegevens',
            purpose: PURPOSES.earlySignalling,
            subjectType: 'ddas_levering',
            details: {
              ...period,
              page,
              pageSize,
              vroegsignalen: entry?.vroegsignalen.length ?? 0,
              vroegsignaalzaken: entry?.vroegsignaalzaken.length ?? 0,
            },
          },
        );
      }
      const paged = totalPages > 1 || input.page !== undefined || input.pageSize !== undefined;
      return {
        body: {
          gegevens,
          ...(paged ? { paginering: { pageSize, currentPage: page, totalPages, totalRecords } } : {}),
        },
        nextPageToken:
          page < totalPages
            ? encodePageToken(opts.secret, { q: key, p: page + 1, t: asOf.toISOString() })
            : null,
      };
    },
    { isolationLevel: 'repeatable read' },
  );
}

/** The organisation asked for, within the client's own region; anything else is unknown to this client. */
async function resolveOwnTarget(tx: Orm, own: repo.MunicipalityRef, asked: string | undefined) {
  const region = await repo.findRegion(tx, own.regionId);
  if (!region) throw new GegevensError(404, 'organisatie_onbekend', 'The client has no organisation.');
  const all = await repo.municipalitiesOfRegion(tx, region.id);
  const value = asked?.trim();
  if (!value || value === region.name || value === region.id)
    return { organisation: region, municipalities: all };
  // A gemeentecode or municipality id of the region: that municipality, delivered by the region.
  const code = /^(?:GM)?(\d{4})$/i.exec(value)?.[1];
  const one = all.find((m) => m.cbsCode === code || m.id === value || m.name === value);
  if (one) return { organisation: region, municipalities: [one] };
  // Same answer for an organisation that does not exist and one of another region: existence is not revealed.
  throw new GegevensError(404, 'organisatie_onbekend', `No organisation "${value}" for this client.`, [
    { name: 'body.aanleverendeOrganisatie', code: 'unknown', reason: 'Unknown organisation.' },
  ]);
}
