import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.ts';
import type { Database } from '../db/client.ts';
import { createLogger } from '../logger.ts';
import { type JobQueue, registerWorker, startJobQueue } from './queue.ts';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the job queue (pg-boss on the app database)', { timeout: 40_000 }, () => {
  let database: Database;
  let boss: JobQueue;
  const logged: string[] = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    boss = await startJobQueue(
      database,
      createLogger('error', { write: (line: string) => void logged.push(line) }),
    );
    boss.on('error', (err) => errors.push(err));
  }, 120_000);
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true, timeout: 1000 });
    await database?.close();
  });

  it('keeps its tables in the schema jobs of the app database', async () => {
    const rows = await database.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'jobs' ORDER BY table_name",
    );
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['job', 'queue', 'schedule']));
  });

  it('retries a failing job and completes it on the second attempt', async () => {
    const attempts: { reference: string }[] = [];
    await registerWorker<{ reference: string }>(
      boss,
      'test.flaky',
      async (data) => {
        attempts.push(data);
        if (attempts.length === 1) throw new Error('temporary failure');
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const queue = await boss.getQueue('test.flaky');
    expect(queue).toMatchObject({ retryLimit: 3, retryBackoff: true });

    // A short delay for this job keeps the test fast; the limit and backoff come from the queue.
    const id = await boss.send('test.flaky', { reference: 'ref-42' }, { retryDelay: 1 });
    expect(id).toBeTruthy();
    const job = await waitFor('the job to complete', async () => {
      const j = await boss.getJobById<{ reference: string }>('test.flaky', id ?? '');
      return j?.state === 'completed' ? j : undefined;
    });
    expect(attempts).toEqual([{ reference: 'ref-42' }, { reference: 'ref-42' }]);
    expect(job.retryCount).toBe(1);
    expect(job.retryLimit).toBe(3);
    expect(job.data).toEqual({ reference: 'ref-42' });
    // Not picked up a third time.
    await new Promise((r) => setTimeout(r, 1200));
    expect(attempts).toHaveLength(2);
  });

  it('gives up after the retry limit and leaves the job failed', async () => {
    let runs = 0;
    await registerWorker(
      boss,
      'test.broken',
      async () => {
        runs++;
        throw new Error('always fails');
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const id = await boss.send('test.broken', {}, { retryLimit: 1, retryDelay: 1, retryBackoff: false });
    const job = await waitFor('the job to fail', async () => {
      const j = await boss.getJobById('test.broken', id ?? '');
      return j?.state === 'failed' ? j : undefined;
    });
    expect(runs).toBe(2);
    expect(job.retryCount).toBe(1);
    expect(JSON.stringify(job.output)).toContain('always fails');
  });

  it('stores, lists and removes a schedule', async () => {
    await boss.createQueue('test.nightly');
    await boss.schedule('test.nightly', '0 3 * * *', { scope: 'all' }, { tz: 'Europe/Amsterdam' });
    const schedules = await boss.getSchedules();
    const nightly = schedules.find((s) => s.name === 'test.nightly');
    expect(nightly).toMatchObject({ cron: '0 3 * * *', data: { scope: 'all' } });
    expect(nightly?.options).toMatchObject({ tz: 'Europe/Amsterdam' });
    // Scheduling again replaces, it does not add a second schedule.
    await boss.schedule('test.nightly', '30 2 * * *');
    const again = (await boss.getSchedules()).filter((s) => s.name === 'test.nightly');
    expect(again.map((s) => s.cron)).toEqual(['30 2 * * *']);
    await boss.unschedule('test.nightly');
    expect((await boss.getSchedules()).some((s) => s.name === 'test.nightly')).toBe(false);
  });

  it('stops cleanly: workers stop polling, no errors, and the database stays usable', async () => {
    let runs = 0;
    await registerWorker(
      boss,
      'test.after-stop',
      async () => {
        runs++;
      },
      { pollingIntervalSeconds: 0.5 },
    );
    await boss.send('test.after-stop', {});
    await waitFor('the worker to run once', async () => (runs === 1 ? true : undefined));

    let stopped = false;
    boss.once('stopped', () => {
      stopped = true;
    });
    await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    expect(stopped).toBe(true);

    // A job queued after the stop stays queued: no worker is polling any more.
    await database.query(`INSERT INTO jobs.job (name, data) VALUES ('test.after-stop', '{}'::jsonb)`);
    await new Promise((r) => setTimeout(r, 1500));
    expect(runs).toBe(1);
    const [queued] = await database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM jobs.job WHERE name = 'test.after-stop' AND state = 'created'",
    );
    expect(queued?.n).toBe(1);

    // The queue failed nothing on its own, and its stop did not close the app's database.
    expect(errors).toEqual([]);
    expect(logged.filter((l) => l.includes('job queue error'))).toEqual([]);
    await expect(database.ping()).resolves.toBeUndefined();
  });
});
