// Opaque keyset cursors for list endpoints: base64url of the JSON array of the sort key of the last row.
// The cursor only says where to continue; every query is still scoped to the active municipality, so a cursor
// made up by the caller cannot reach another tenant's rows.
import { problems } from './problem.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalidCursor() {
  return problems.badRequest('Invalid cursor.', [
    { name: 'query.cursor', code: 'invalid', reason: 'Use the nextCursor of a previous page' },
  ]);
}

/** A (name, id) position: the list is ordered by name, then id. */
export type NameKey = { name: string; id: string };

export function encodeNameCursor(key: NameKey): string {
  return Buffer.from(JSON.stringify([key.name, key.id])).toString('base64url');
}

/** Decodes a cursor from the query string; a cursor we did not make gives 400 with invalidParams. */
export function decodeNameCursor(cursor: string | undefined): NameKey | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    typeof parsed[0] === 'string' &&
    typeof parsed[1] === 'string' &&
    UUID.test(parsed[1])
  ) {
    return { name: parsed[0], id: parsed[1] };
  }
  throw invalidCursor();
}

/** Splits the limit+1 rows of a keyset query into a page and the cursor of the next one. */
export function toPage<R, T>(rows: R[], limit: number, key: (row: R) => NameKey, present: (row: R) => T) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(present),
    nextCursor: rows.length > limit && last ? encodeNameCursor(key(last)) : null,
  };
}

/** A cursor over any sort key: the values of the last row's sort columns, ending with its id. */
export type KeyTuple = (string | number | null)[];

export function encodeKeyCursor(key: KeyTuple): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeKeyCursor(cursor: string | undefined, length: number): KeyTuple | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === length &&
    parsed.every((v) => v === null || typeof v === 'string' || typeof v === 'number') &&
    typeof parsed.at(-1) === 'string' &&
    UUID.test(parsed.at(-1) as string)
  ) {
    return parsed as KeyTuple;
  }
  throw invalidCursor();
}

/**
 * A (timestamp, id) position. The timestamp is PostgreSQL's own value in microseconds (to_char with `US`, in UTC):
 * a JavaScript Date keeps only milliseconds, and rows written within one millisecond would be skipped or repeated.
 */
export type TimeKey = { at: string; id: string };

const MICRO_ISO = /^([1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.\d{6}Z$/;

export function decodeTimeCursor(cursor: string | undefined): TimeKey | undefined {
  const key = decodeKeyCursor(cursor, 2);
  if (!key) return undefined;
  const [at, id] = key;
  const seconds = typeof at === 'string' ? MICRO_ISO.exec(at)?.[1] : undefined;
  // The round trip refuses a time that does not exist (30 February, 24:00): PostgreSQL would fail on it with a 500.
  const time = seconds ? Date.parse(`${seconds}Z`) : Number.NaN;
  if (seconds && !Number.isNaN(time) && new Date(time).toISOString().startsWith(seconds)) {
    return { at: at as string, id: String(id) };
  }
  throw invalidCursor();
}
