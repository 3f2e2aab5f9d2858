import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = 'Vangnet';

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totpFor(secretBase32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** Accepts the current code and one period either side, to forgive small clock drift. */
export function verifyTotp(secretBase32: string, code: string, timestamp = Date.now()): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secretBase32, 'x').validate({ token: code, window: 1, timestamp }) !== null;
}

export function currentTotp(secretBase32: string, timestamp = Date.now()): string {
  return totpFor(secretBase32, 'x').generate({ timestamp });
}

export async function totpEnrolment(secretBase32: string, email: string) {
  const uri = totpFor(secretBase32, email).toString();
  return {
    otpauthUri: uri,
    qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 240 }),
    secret: secretBase32,
  };
}
