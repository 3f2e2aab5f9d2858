// npm run --silent openapi [-- --out FILE]: writes the OpenAPI document, generated from the zod schemas, without
// starting a server or touching a real database (an empty in-memory database satisfies the app's wiring).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const config = loadConfig({ ...process.env, NODE_ENV: 'development', DEMO: 'false' });
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  const app = await buildApp({ config, database, logger: pino({ level: 'silent' }) });
  try {
    await app.ready();
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    if (values.out) fs.writeFileSync(values.out, text);
    else process.stdout.write(text);
  } finally {
    await app.close();
    await database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`openapi: ${(err as Error).message ?? err}\n`);
  process.exit(1);
});
