// Payload signing for the DDAS API: the `Digest` header (SHA-256 of the body) and `nlgov-adr-payload-sig`, a
// detached JAdES JWS (ETSI TS 119 182-1) in the DDAS profile of the Geonovum ADR signing module: PS256, b64 false,
// crit [sigD, b64], sigD with the HttpHeaders mechanism over `digest` only, and the x5c certificate chain.
//
// With the HttpHeaders mechanism the JWS payload is not the body but the signed header fields, one line per name
// in sigD.pars: lower-case name, ": ", value, lines joined by "\n". Here that is exactly `digest: SHA-256=<b64>`;
// the body is bound through the digest. With b64 false the payload goes into the signing input unencoded and is
// left out of the compact serialisation (`header..signature`).
import { createHash, type KeyObject, X509Certificate } from 'node:crypto';
import { FlattenedSign, flattenedVerify, importPKCS8 } from 'jose';

export const HTTP_HEADERS_MECHANISM = 'http://uri.etsi.org/19182/HttpHeaders';

export type SigningCredentials = {
  key: CryptoKey | KeyObject;
  /** DER certificates, signing certificate first, as base64 (not base64url) for x5c. */
  x5c: string[];
  kid: string;
};

/** Why a signed message is refused; `code` is stable and becomes the problem's invalidParams code. */
export class SignatureError extends Error {
  constructor(
    readonly code:
      | 'digest_missing'
      | 'digest_mismatch'
      | 'signature_missing'
      | 'signature_malformed'
      | 'signature_profile'
      | 'signature_invalid'
      | 'certificate_untrusted'
      | 'certificate_expired',
    message: string,
  ) {
    super(message);
  }
}

/** `SHA-256=<base64>` of the exact bytes of the body. */
export function digestHeader(body: Buffer | string): string {
  return `SHA-256=${createHash('sha256').update(body).digest('base64')}`;
}

/** The JWS payload of the HttpHeaders mechanism for sigD.pars = ["digest"]. */
function httpHeadersPayload(digest: string): Uint8Array {
  return new TextEncoder().encode(`digest: ${digest}`);
}

/** Splits a PEM bundle into DER certificates (base64, in file order). */
export function pemCertificates(pem: string): string[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)].map((m) =>
    (m[1] ?? '').replace(/\s+/g, ''),
  );
}

export async function loadSigningCredentials(keyPem: string, certPem: string): Promise<SigningCredentials> {
  const x5c = pemCertificates(certPem);
  const [first] = x5c;
  if (!first) throw new Error('The DDAS signing certificate file holds no certificate.');
  const cert = new X509Certificate(Buffer.from(first, 'base64'));
  const key = await importPKCS8(keyPem, 'PS256');
  return { key, x5c, kid: cert.serialNumber };
}

/** The compact detached JWS for a body's digest. */
export async function signDigest(digest: string, creds: SigningCredentials): Promise<string> {
  const jws = await new FlattenedSign(httpHeadersPayload(digest))
    .setProtectedHeader({
      alg: 'PS256',
      b64: false,
      crit: ['sigD', 'b64'],
      kid: creds.kid,
      x5c: creds.x5c,
      sigD: { mId: HTTP_HEADERS_MECHANISM, pars: ['digest'] },
    })
    .sign(creds.key, { crit: { sigD: true } });
  return `${jws.protected}..${jws.signature}`;
}

/** Digest and signature headers for a response body. */
export async function signBody(
  body: Buffer | string,
  creds: SigningCredentials,
): Promise<{ digest: string; signature: string }> {
  const digest = digestHeader(body);
  return { digest, signature: await signDigest(digest, creds) };
}

function decodeHeader(segment: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new SignatureError(
    'signature_malformed',
    'The protected header of nlgov-adr-payload-sig is not JSON.',
  );
}

/**
 * The x5c chain must be a chain (each certificate issued and signed by the next), valid now, and end in one of
 * the trust anchors. Revocation (OCSP/CRL) is not checked here; see docs/decisions/0007-ddas-and-cbs-api.md.
 */
export function checkChain(x5c: unknown, anchors: X509Certificate[], now = new Date()): X509Certificate {
  if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((c) => typeof c === 'string')) {
    throw new SignatureError('signature_profile', 'x5c with the signing certificate first is required.');
  }
  let chain: X509Certificate[];
  try {
    chain = (x5c as string[]).map((c) => new X509Certificate(Buffer.from(c, 'base64')));
  } catch {
    throw new SignatureError('signature_malformed', 'x5c holds something that is not a certificate.');
  }
  for (const cert of chain) {
    if (now < new Date(cert.validFrom) || now > new Date(cert.validTo)) {
      throw new SignatureError('certificate_expired', `Certificate ${cert.subject} is not valid now.`);
    }
  }
  for (let i = 0; i + 1 < chain.length; i++) {
    const child = chain[i] as X509Certificate;
    const parent = chain[i + 1] as X509Certificate;
    if (!child.checkIssued(parent) || !child.verify(parent.publicKey)) {
      throw new SignatureError('certificate_untrusted', 'The x5c certificates do not form a chain.');
    }
  }
  const top = chain.at(-1) as X509Certificate;
  const trusted = anchors.some(
    (a) => a.fingerprint256 === top.fingerprint256 || (top.checkIssued(a) && top.verify(a.publicKey)),
  );
  if (!trusted)
    throw new SignatureError('certificate_untrusted', 'The x5c chain does not end in a trusted anchor.');
  return chain[0] as X509Certificate;
}

/**
 * Verifies a signed message: the Digest header against the exact body bytes, then the detached JWS over the
 * digest with the key of the first x5c certificate, which must chain to a trust anchor. Throws SignatureError.
 */
export async function verifySignedBody(
  body: Buffer | string,
  headers: { digest?: string; signature?: string },
  anchors: X509Certificate[],
  now = new Date(),
): Promise<X509Certificate> {
  if (!headers.digest) throw new SignatureError('digest_missing', 'The Digest header is required.');
  if (!/^SHA-256=[A-Za-z0-9+/=]{43,44}$/.test(headers.digest))
    throw new SignatureError('digest_mismatch', 'The Digest header must be SHA-256=<base64>.');
  if (headers.digest !== digestHeader(body))
    throw new SignatureError('digest_mismatch', 'The Digest header does not match the body.');
  if (!headers.signature)
    throw new SignatureError('signature_missing', 'The nlgov-adr-payload-sig header is required.');
  const m = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+)$/.exec(headers.signature);
  if (!m)
    throw new SignatureError('signature_malformed', 'nlgov-adr-payload-sig must be a detached compact JWS.');
  const [, protectedHeader = '', signature = ''] = m;
  const header = decodeHeader(protectedHeader);
  const sigD = header.sigD as { mId?: unknown; pars?: unknown } | undefined;
  const crit = Array.isArray(header.crit) ? header.crit : [];
  if (
    header.alg !== 'PS256' ||
    header.b64 !== false ||
    !crit.includes('sigD') ||
    !crit.includes('b64') ||
    sigD?.mId !== HTTP_HEADERS_MECHANISM ||
    JSON.stringify(sigD?.pars) !== '["digest"]'
  ) {
    throw new SignatureError(
      'signature_profile',
      'The signature must follow the DDAS profile: PS256, b64 false, crit [sigD, b64], sigD HttpHeaders over digest.',
    );
  }
  const cert = checkChain(header.x5c, anchors, now);
  try {
    await flattenedVerify(
      { protected: protectedHeader, payload: httpHeadersPayload(headers.digest), signature },
      cert.publicKey,
      { algorithms: ['PS256'], crit: { sigD: true } },
    );
  } catch {
    throw new SignatureError(
      'signature_invalid',
      'The signature does not verify for this digest and certificate.',
    );
  }
  return cert;
}
