// Test PKI for the DDAS signatures: a CA (standing in for PKIoverheid) and signing certificates it issues, made
// with the selfsigned dev package. Written to files because the application reads its key and chain from files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import selfsigned from 'selfsigned';

export type TestPki = {
  caCert: string;
  /** A signing key and its chain (signing certificate, then the CA). */
  signer: { key: string; chain: string };
  dir: string;
  files: { key: string; chain: string; anchors: string };
};

export async function createTestPki(name = 'Vangnet test'): Promise<TestPki> {
  const ca = await selfsigned.generate([{ name: 'commonName', value: `${name} CA` }], {
    keySize: 2048,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = await selfsigned.generate([{ name: 'commonName', value: `${name} signer` }], {
    keySize: 2048,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true }],
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-pki-'));
  const files = {
    key: path.join(dir, 'signing-key.pem'),
    chain: path.join(dir, 'signing-chain.pem'),
    anchors: path.join(dir, 'trust-anchors.pem'),
  };
  const chain = `${leaf.cert.trim()}\n${ca.cert.trim()}\n`;
  fs.writeFileSync(files.key, leaf.private);
  fs.writeFileSync(files.chain, chain);
  fs.writeFileSync(files.anchors, ca.cert);
  return { caCert: ca.cert, signer: { key: leaf.private, chain }, dir, files };
}
