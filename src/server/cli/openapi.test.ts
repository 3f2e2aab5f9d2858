import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

describe('npm run openapi', () => {
  it('writes the generated OpenAPI document, to standard output or to --out', async () => {
    const tsx = path.join(root, 'node_modules/.bin/tsx');
    const { stdout } = await run(tsx, ['src/server/cli/openapi.ts'], { cwd: root, maxBuffer: 64 << 20 });
    const doc = JSON.parse(stdout);
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(Object.keys(doc.paths)).toContain('/api/v1/vroegsignalen');
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-openapi-')), 'openapi.json');
    await run(tsx, ['src/server/cli/openapi.ts', '--out', out], { cwd: root });
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(doc);
  }, 120_000);
});
