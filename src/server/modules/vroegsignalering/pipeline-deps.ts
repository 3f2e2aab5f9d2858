import { todayInNetherlands } from '../../../shared/calendar.ts';
import type { Config } from '../../config.ts';
import type { Orm } from '../../db/client.ts';
import { EmbeddedBrpAdapter } from '../brp/embedded.ts';
import type { PipelineDeps } from './pipeline/process.ts';

/** The pipeline as configured: the embedded BRP (synthetic in the demo) and the fingerprint key. */
export function pipelineDeps(config: Config): PipelineDeps {
  return {
    fingerprintKey: config.secretKey,
    brp: (tx: Orm) => new EmbeddedBrpAdapter(tx),
    today: () => todayInNetherlands(),
  };
}
