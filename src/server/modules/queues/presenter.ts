import type { WijkPostcodeRanges, WorkQueue } from '../../../shared/schemas/queues.ts';
import type { Range } from './policy.ts';
import type { WorkQueueRow } from './repository.ts';

export function presentWorkQueue(row: WorkQueueRow): WorkQueue {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    teamId: row.teamId,
    targetWorkingDays: row.targetWorkingDays,
  };
}

export function presentWijkPostcodeRanges(value: { wijkId: string; ranges: Range[] }): WijkPostcodeRanges {
  return { wijkId: value.wijkId, ranges: value.ranges.map((r) => ({ from: r.from, to: r.to })) };
}
