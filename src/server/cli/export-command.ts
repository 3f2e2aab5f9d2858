// The conventions the DDAS export commands share (ddas:export, ddas:export-shv): arguments, writing to standard
// output or to a file that appears only when complete and valid, and exit statuses an operator can script on.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { InvalidParam } from '../../shared/problem.ts';
import { ConfigError, loadConfig } from '../config.ts';
import type { Orm } from '../db/client.ts';
import { DatabaseStartError, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import type { ServiceContext } from '../http/context.ts';
import { checkPeriod } from '../modules/ddas/service.ts';

/** What an export failure must tell the operator; both export services' errors have this shape. */
type ExportFailure = Error & {
  code: string;
  invalidParams: InvalidParam[];
  issues: { recordType: string; recordId: string; municipalityId: string; rule: string; message: string }[];
  issueCount: number;
};

export type ExportCommand<S> = {
  /** The npm script name, e.g. "ddas:export"; prefixes every message. */
  name: string;
  /** The help text; the command line is printed with it on bad arguments. */
  usage: string;
  /** Whether an error is one of the export's own failures, with a code and the records that failed. */
  isExportError: (err: unknown) => boolean;
  run: (
    db: Orm,
    input: { organisation?: string; van?: string; tot?: string },
    write: (chunk: string) => Promise<void>,
    opts: { codeGegevensleverancier: string; ctx: Omit<ServiceContext, 'municipalityId'> },
  ) => Promise<S>;
  /** One line for standard error on success, e.g. "valid DDAS ... export for Regio Voorbeeld (...)". */
  describe: (summary: S) => string;
};

class UsageError extends Error {}

const OPTIONS = {
  organisatie: { type: 'string' },
  van: { type: 'string' },
  tot: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Exit status: 0 valid export; 2 bad input; 3 records that cannot be exported (listed); 1 other failure. */
export const EXIT = { ok: 0, failure: 1, badInput: 2, notExportable: 3 } as const;

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

async function execute<S>(command: ExportCommand<S>, argv: string[]): Promise<number> {
  const args = parseArguments(argv);
  if (args.help) {
    process.stdout.write(command.usage);
    return EXIT.ok;
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
    const summary = await command.run(
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
        ctx: { actor: { type: 'system', name: `cli:${command.name}` }, requestId: `cli-${randomUUID()}` },
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
    process.stderr.write(
      `${command.name}: ${command.describe(summary)}${args.out ? ` written to ${args.out}` : ''}.\n`,
    );
    return EXIT.ok;
  } finally {
    if (partial) {
      (file as fs.WriteStream | null)?.destroy();
      fs.rmSync(partial, { force: true });
    }
    await db.close();
  }
}

function report<S>(command: ExportCommand<S>, err: unknown): number {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  if (err instanceof UsageError) {
    say(`${command.name}: ${err.message}\n\n${command.usage}`);
    return EXIT.badInput;
  }
  if (command.isExportError(err)) {
    const e = err as ExportFailure;
    say(`${command.name}: ${e.message}`);
    for (const p of e.invalidParams) say(`  --${p.name}: ${p.reason} [${p.code}]`);
    for (const i of e.issues)
      say(`  ${i.recordType} ${i.recordId} (gemeente-id ${i.municipalityId}): ${i.rule}: ${i.message}`);
    if (e.issueCount > e.issues.length) say(`  ... and ${e.issueCount - e.issues.length} more`);
    return e.code === 'records_niet_exporteerbaar' || e.code === 'schema_ongeldig'
      ? EXIT.notExportable
      : EXIT.badInput;
  }
  if (err instanceof ConfigError || err instanceof DatabaseStartError) {
    say(`${command.name}: ${err.message}`);
    return EXIT.failure;
  }
  say(`${command.name}: failed: ${err instanceof Error ? err.message : String(err)}`);
  return EXIT.failure;
}

/** Runs an export command with the process's arguments and sets the exit status. */
export function runExportCommand<S>(command: ExportCommand<S>): void {
  execute(command, process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.exitCode = report(command, err);
    },
  );
}
