// npm run admin:create -- --email … --name … --region … --municipality 0363 --municipality-name Amsterdam
// Creates the first functioneel beheerder of a production installation (and its region and municipality).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { DatabaseStartError, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createFirstAdministrator } from '../modules/users/bootstrap.ts';

function fail(message: string): never {
  process.stderr.write(`admin:create: ${message}\n`);
  process.exit(1);
}

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      region: { type: 'string' },
      municipality: { type: 'string' },
      'municipality-name': { type: 'string' },
      inhabitants: { type: 'string' },
    },
  });
  const email = values.email ?? fail('--email is required');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fail('--email is not an e-mail address');
  const cbsCode = values.municipality ?? fail('--municipality (four-digit CBS gemeentecode) is required');
  if (!/^\d{4}$/.test(cbsCode)) fail('--municipality must be a four-digit CBS gemeentecode, e.g. 0363');
  const inhabitants = values.inhabitants ? Number.parseInt(values.inhabitants, 10) : 0;
  if (!Number.isInteger(inhabitants) || inhabitants < 0) fail('--inhabitants must be a whole number');

  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await migrate(database);
    const password = randomBytes(15).toString('base64url');
    const result = await createFirstAdministrator(database.orm, {
      email,
      displayName: values.name ?? email,
      regionName: values.region ?? 'Regio',
      cbsCode,
      municipalityName: values['municipality-name'] ?? `Gemeente ${cbsCode}`,
      inhabitants,
      password,
    });
    process.stdout.write(
      [
        `Functioneel beheerder ${email} created in ${result.municipalityName} (${cbsCode}).`,
        `Initial password (shown once): ${password}`,
        config.mfaRequired
          ? 'At the first login the administrator sets up an authenticator app (TOTP).'
          : 'Warning: MFA_REQUIRED is off; production mode requires it.',
        '',
      ].join('\n'),
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseStartError) fail(err.message);
  fail((err as Error).message);
});
