import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('log redaction', () => {
  it('never writes a BSN, names, addresses, credentials or request bodies', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        bsn: '123456782',
        person: { voornamen: 'Anaïs', geslachtsnaam: 'Öztürk', postcode: '1234AB', huisnummer: 12 },
        deep: { signal: { bsn: '111222333' } },
        req: { headers: { authorization: 'Bearer secret-token', cookie: 'vangnet_session=abc' } },
        body: { password: 'hunter2' },
        email: 'iemand@example.nl',
        kept: 'visible-value',
      },
      'something happened',
    );
    const out = lines.join('');
    for (const secret of [
      '123456782',
      'Anaïs',
      'Öztürk',
      '1234AB',
      '111222333',
      'secret-token',
      'vangnet_session=abc',
      'hunter2',
      'iemand@example.nl',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('visible-value');
    expect(out).toContain('[REDACTED]');
  });
});
