// Recognising PostgreSQL errors by SQLSTATE, whether thrown by node-postgres or PGlite and wrapped by drizzle.

function sqlState(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** 23505: a UNIQUE constraint refused the row (two requests raced past the friendly pre-check). */
export function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === '23505';
}

/** 23503: a row of another table still refers to the one being deleted. */
export function isForeignKeyViolation(err: unknown): boolean {
  return sqlState(err) === '23503';
}
