import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Paths that may hold personal data (BSN, names, addresses, contact details) or secrets. Logs never contain
 * them: pino replaces the values before anything is written.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...[
    'bsn',
    'burgerservicenummer',
    'password',
    'email',
    'voornamen',
    'voorvoegsel',
    'geslachtsnaam',
    'partnerGeslachtsnaam',
    'naam',
    'displayName',
    'straat',
    'postcode',
    'huisnummer',
    'geboortedatum',
    'iban',
    'telefoon',
    'body',
  ].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[REDACTED]' } }, destination);
}
