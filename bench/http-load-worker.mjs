// One autocannon run on a thread of its own (started by bench/http-load.ts). The load generator parses every
// response and keeps its histograms; on the server's event loop that work would be counted as the server's latency.
// Plain JavaScript because on Node 20 a worker does not get tsx's loader, and autocannon needs no TypeScript.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

/** @type {{ url: string; cookie: string | null; paths: string[]; connections: number; duration: number }} */
const { url, cookie, paths, connections, duration } = workerData;
let i = 0;
const opts = { url, connections, duration };
// Off the main thread autocannon hands back its raw result (encoded histograms) for a main thread to merge;
// aggregateResult decodes the latency histogram. It has no per-second request samples here, so the rate is the
// completed requests over the measured duration.
const raw = await autocannon({
  ...opts,
  headers: cookie ? { cookie } : {},
  requests: [
    {
      setupRequest: (req) => {
        req.path = paths[i++ % paths.length];
        return req;
      },
    },
  ],
});
const result = autocannon.aggregateResult([raw], opts);
const statusCodes = Object.fromEntries(
  Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]),
);
parentPort?.postMessage({
  p50: result.latency.p50,
  p90: result.latency.p90,
  p97_5: result.latency.p97_5,
  rps: raw.totalCompletedRequests / raw.duration,
  total: raw.totalCompletedRequests,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  statusCodes,
});
