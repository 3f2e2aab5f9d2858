// npm run --silent ddas:export -- [--organisatie CODE|ID] --van YYYY-MM-DD --tot YYYY-MM-DD [--out FILE]
// Writes the DDAS vroegsignalering v1.2 Uitwisselmodel (JSON) for CBS. Exit status 0 only for a valid export.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { DatabaseStartError, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { checkPeriod, DdasExportError, exportUitwisselmodel } from '../modules/ddas/service.ts';

const USAGE = `Usage: npm run --silent ddas:export -- [--organisatie CODE|ID] --van YYYY-MM-DD --tot YYYY-MM-DD [--out FILE]

  --organisatie X   CBS gemeentecode (0363 or GM0363): that municipality, delivered by its region; or the id of
                    an organisation (region): all its municipalities. Default: this installation's organisation.
  --van DATE        first day of the period (inclusive)
  --tot DATE        last day of the period (inclusive); a period is at most 5 years
  --out FILE        write to FILE instead of standard output (only a complete, valid file appears there)

Uses DATABASE_URL when set, otherwise the embedded database in DATA_DIR (default ./data/pglite).
Exit status: 0 valid export; 2 bad input; 3 records that cannot be exported (listed); 1 other failure.
`;

class UsageError extends Error {}

const OPTIONS = {
  organisatie: { type: 'string' },
  van: { type: 'string' },
  tot: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseArguments(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function writeTo(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  // Bad dates are refused before the database is even opened.
  checkPeriod(args.van, args.tot);
  const config = loadConfig();
  const db = await openDatabase(config.database);
  // Only a complete, valid file gets the requested name: it is written aside and renamed at the end.
  const partial = args.out ? path.resolve(`${args.out}.partial-${process.pid}`) : null;
  let file: fs.WriteStream | null = null;
  try {
    await migrate(db);
    const summary = await exportUitwisselmodel(
      db.orm,
      { organisation: args.organisatie, van: args.van, tot: args.tot },
      async (chunk) => {
        if (partial) {
          file ??= fs.createWriteStream(partial, { flags: 'wx' });
          await writeTo(file, chunk);
        } else await writeTo(process.stdout, chunk);
      },
      {
        codeGegevensleverancier: config.ddas.codeGegevensleverancier,
        ctx: { actor: { type: 'system', name: 'cli:ddas-export' }, requestId: `cli-${randomUUID()}` },
      },
    );
    if (partial && args.out) {
      const f = file as fs.WriteStream | null;
      if (f)
        await new Promise<void>((resolve, reject) =>
          f.end((err?: Error | null) => (err ? reject(err) : resolve())),
        );
      fs.renameSync(partial, path.resolve(args.out));
    }
    const parts = summary.leveringen.map(
      (l) => `${l.gemeentecode}: ${l.vroegsignalen} vroegsignalen, ${l.vroegsignaalzaken} vroegsignaalzaken`,
    );
    process.stderr.write(
      `ddas:export: valid DDAS vroegsignalering v1.2 export for ${summary.organisation.naam} ` +
        `(${parts.join('; ')})${args.out ? ` written to ${args.out}` : ''}.\n`,
    );
    return 0;
  } finally {
    if (partial) {
      const f = file as fs.WriteStream | null;
      f?.destroy();
      fs.rmSync(partial, { force: true });
    }
    await db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`ddas:export: ${err.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (err instanceof DdasExportError) {
      process.stderr.write(`ddas:export: ${err.message}\n`);
      for (const p of err.invalidParams) process.stderr.write(`  --${p.name}: ${p.reason} [${p.code}]\n`);
      for (const i of err.issues) {
        process.stderr.write(
          `  ${i.recordType} ${i.recordId} (gemeente-id ${i.municipalityId}): ${i.rule}: ${i.message}\n`,
        );
      }
      if (err.issueCount > err.issues.length)
        process.stderr.write(`  ... and ${err.issueCount - err.issues.length} more\n`);
      process.exitCode = err.code === 'records_niet_exporteerbaar' || err.code === 'schema_ongeldig' ? 3 : 2;
    } else if (err instanceof ConfigError || err instanceof DatabaseStartError) {
      process.stderr.write(`ddas:export: ${err.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`ddas:export: failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
