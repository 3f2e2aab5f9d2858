import { createHash, createHmac } from 'node:crypto';
import type { ValidSignal } from '../../../../shared/schemas/signals.ts';

/** A stable hash of what the partner said, without their id: equal content means an exact resend. */
export function signalContentHash(signal: ValidSignal): string {
  const { externalId: _ignored, ...content } = signal;
  const canonical = JSON.stringify(
    Object.keys(content)
      .sort()
      .map((k) => [k, content[k as keyof typeof content] ?? null]),
  );
  return createHash('sha256').update(canonical).digest('hex');
}

export function normaliseToevoeging(value: string | null | undefined): string {
  return (value ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * Keyed pseudonym of an address: lets the 6-month look-back (enkelvoudig / opeenvolgend) work after the personal
 * data behind it has been deleted, without the fingerprint revealing the address to anyone without the key.
 */
export function addressFingerprint(
  key: string,
  municipalityId: string,
  a: { postcode: string; huisnummer: number; huisletter?: string | null; toevoeging?: string | null },
): string {
  const normalised = [
    municipalityId,
    a.postcode.replace(/\s+/g, '').toUpperCase(),
    a.huisnummer,
    (a.huisletter ?? '').toUpperCase(),
    normaliseToevoeging(a.toevoeging),
  ].join('|');
  return createHmac('sha256', `vangnet:address-fingerprint:${key}`).update(normalised).digest('base64url');
}
