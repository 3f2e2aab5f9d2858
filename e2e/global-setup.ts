// Vitest globalSetup for the browser tests: build the web UI once before any test file starts the server,
// which serves dist/web. Each test file also calls ensureWebBuild(), so the tests work without this setup too.
import { ensureWebBuild } from './helpers.ts';

export async function setup(): Promise<void> {
  await ensureWebBuild();
}
