import { ConfigError, loadConfig } from './config.ts';
import { DatabaseStartError } from './db/client.ts';
import { createLogger } from './logger.ts';
import { createVangnet } from './server.ts';

const started = performance.now();

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const vangnet = await createVangnet(config, logger);
  const address = await vangnet.app.listen({ port: config.port, host: config.host });
  // The port actually bound: with PORT=0 the system picks one.
  const bound = vangnet.app.server.address();
  const port = typeof bound === 'object' && bound ? bound.port : config.port;
  const url =
    config.host === 'localhost' || config.host === '127.0.0.1' ? `http://localhost:${port}` : address;
  const lines = [
    '',
    `Vangnet runs at ${url}  (started in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    `Database: ${config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`,
    `API docs: ${url}/api/v1/docs`,
  ];
  if (vangnet.demoLogins.length > 0) {
    lines.push('', 'Demo logins (synthetic data only; second factor off in demo mode):');
    for (const l of vangnet.demoLogins) {
      lines.push(
        `  ${l.email.padEnd(38)} ${l.password}   ${l.roles.join(', ')} (${l.municipalities.join(', ')})`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await vangnet.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseStartError) {
    process.stderr.write(`\nVangnet could not start:\n${err.message}\n\n`);
  } else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`\nVangnet could not start: the port is in use. Set PORT to another port.\n\n`);
  } else {
    process.stderr.write(`\nVangnet could not start: ${(err as Error).stack ?? err}\n\n`);
  }
  process.exit(1);
});
