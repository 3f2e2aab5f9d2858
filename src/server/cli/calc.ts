// npm run --silent calc -- <regel>
// Reads one JSON object on standard input, writes one JSON object (the result with its explanation) on standard
// output. Exit 0 on success; on invalid input a clear message on standard error and exit 1 (2 for a usage error).
import { z } from 'zod';
import {
  REGEL_INPUTS,
  REGELS,
  type Regel,
  VoorzieningenScanInput,
} from '../../shared/schemas/berekeningen.ts';
import { RegelInputError } from '../modules/berekeningen/parameters.ts';
import { bereken, type RegelInput } from '../modules/berekeningen/rules/index.ts';
import { evalueerHuishouden } from '../modules/berekeningen/rules/scan.ts';
import { legUit } from '../modules/berekeningen/rules/scan-teksten.ts';

/** The ad hoc voorliggende-voorzieningen scan: national provisions only (no municipality on the command line). */
const SCAN = 'voorzieningen-scan';

const USAGE = `Usage: npm run --silent calc -- <regel> < input.json

  <regel>   one of: ${[...REGELS, SCAN].join(', ')}

Reads one JSON object on standard input, for example
  echo '{"peildatum":"2025-07-01","leefsituatie":"alleenstaande","leeftijd":30}' | npm run --silent calc -- bijstandsnorm
and writes the result with its explanation as one JSON object on standard output.
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function fail(code: number, lines: string[]): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const [regel, ...rest] = process.argv.slice(2);
  if (!regel || regel === '--help' || regel === '-h') fail(regel ? 0 : 2, [USAGE]);
  if (rest.length > 0) fail(2, [`Unexpected arguments: ${rest.join(' ')}`, '', USAGE]);
  if (!(REGELS as readonly string[]).includes(regel) && regel !== SCAN)
    fail(2, [`Unknown regel "${regel}".`, '', USAGE]);
  const text = await readStdin();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    fail(1, [`Invalid input: standard input is not JSON (${(err as Error).message}).`]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    fail(1, ['Invalid input: expected one JSON object.']);
  const schema = regel === SCAN ? VoorzieningenScanInput : REGEL_INPUTS[regel as Regel];
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    fail(1, [
      `Invalid input for ${regel}:`,
      ...parsed.error.issues.map((i) => `  ${i.path.join('.') || '(object)'}: ${i.message} [${i.code}]`),
    ]);
  }
  try {
    const result =
      regel === SCAN
        ? legUit(
            (parsed.data as { peildatum: string }).peildatum,
            evalueerHuishouden(parsed.data as Parameters<typeof evalueerHuishouden>[0], []),
          )
        : bereken(regel as Regel, parsed.data as RegelInput<Regel>);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (err) {
    if (err instanceof RegelInputError)
      fail(1, [`Invalid input for ${regel}:`, `  ${err.field}: ${err.message} [${err.code}]`]);
    throw err;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `calc failed: ${err instanceof z.ZodError ? err.message : ((err as Error).stack ?? String(err))}\n`,
  );
  process.exit(3);
});
