import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  digestHeader,
  HTTP_HEADERS_MECHANISM,
  loadSigningCredentials,
  pemCertificates,
  SignatureError,
  type SigningCredentials,
  signBody,
  verifySignedBody,
} from './jades.ts';
import { createTestPki, type TestPki } from './test-certificates.ts';

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SignatureError) return err.code;
    throw err;
  }
  return 'accepted';
}

describe('JAdES payload signatures (nlgov-adr-payload-sig)', () => {
  let pki: TestPki;
  let other: TestPki;
  let creds: SigningCredentials;
  let anchors: X509Certificate[];
  beforeAll(async () => {
    pki = await createTestPki();
    other = await createTestPki('Elders');
    creds = await loadSigningCredentials(pki.signer.key, pki.signer.chain);
    anchors = [new X509Certificate(pki.caCert)];
  }, 60_000);
  afterAll(() => {
    for (const p of [pki, other]) fs.rmSync(p.dir, { recursive: true, force: true });
  });

  it('signs in the DDAS profile: PS256, b64 false, crit, sigD HttpHeaders over digest, x5c chain', async () => {
    const body = '{"gegevens":{}}';
    const { digest, signature } = await signBody(body, creds);
    expect(digest).toBe(digestHeader(body));
    expect(digest).toMatch(/^SHA-256=[A-Za-z0-9+/=]{43,44}$/);
    expect(signature).toMatch(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/);
    const header = JSON.parse(Buffer.from(signature.split('.')[0] ?? '', 'base64url').toString('utf8'));
    expect(header).toMatchObject({
      alg: 'PS256',
      b64: false,
      crit: ['sigD', 'b64'],
      sigD: { mId: HTTP_HEADERS_MECHANISM, pars: ['digest'] },
    });
    expect(header.x5c).toEqual(pemCertificates(pki.signer.chain));
    expect(header.kid).toBeTruthy();
    const cert = await verifySignedBody(body, { digest, signature }, anchors);
    expect(cert.subject).toContain('Vangnet test signer');
  });

  it('refuses a tampered body, a tampered digest, a foreign chain and a broken profile', async () => {
    const body = Buffer.from('{"aanleverperiodeStartdatum":"2025-01-01"}');
    const { digest, signature } = await signBody(body, creds);
    const tampered = Buffer.from('{"aanleverperiodeStartdatum":"2024-01-01"}');
    expect(await refusal(verifySignedBody(tampered, { digest, signature }, anchors))).toBe('digest_mismatch');
    // The digest recomputed for the tampered body: the signature no longer covers it.
    expect(
      await refusal(verifySignedBody(tampered, { digest: digestHeader(tampered), signature }, anchors)),
    ).toBe('signature_invalid');
    expect(
      await refusal(verifySignedBody(body, { digest, signature }, [new X509Certificate(other.caCert)])),
    ).toBe('certificate_untrusted');
    const foreign = await loadSigningCredentials(other.signer.key, other.signer.chain);
    const signedElsewhere = await signBody(body, foreign);
    expect(await refusal(verifySignedBody(body, signedElsewhere, anchors))).toBe('certificate_untrusted');
    expect(await refusal(verifySignedBody(body, { digest }, anchors))).toBe('signature_missing');
    expect(await refusal(verifySignedBody(body, { signature }, anchors))).toBe('digest_missing');
    const [h, , s] = signature.split('.');
    const header = JSON.parse(Buffer.from(h ?? '', 'base64url').toString('utf8'));
    const relabelled = Buffer.from(JSON.stringify({ ...header, alg: 'RS256' })).toString('base64url');
    expect(await refusal(verifySignedBody(body, { digest, signature: `${relabelled}..${s}` }, anchors))).toBe(
      'signature_profile',
    );
    const withPayload = `${h}.${Buffer.from(`digest: ${digest}`).toString('base64url')}.${s}`;
    expect(await refusal(verifySignedBody(body, { digest, signature: withPayload }, anchors))).toBe(
      'signature_malformed',
    );
    // And the untouched message still verifies.
    expect(await refusal(verifySignedBody(body, { digest, signature }, anchors))).toBe('accepted');
  });

  it('refuses a certificate that is not valid at the moment of checking', async () => {
    const body = '{}';
    const signed = await signBody(body, creds);
    expect(await refusal(verifySignedBody(body, signed, anchors, new Date('2000-01-01')))).toBe(
      'certificate_expired',
    );
  });
});
