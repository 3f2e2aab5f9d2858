// A ~200 MB CSV generated on the fly streams through the reader with bounded memory.
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { suggestMapping } from './mapping.ts';
import { openFile } from './read.ts';
import { mapFileRow } from './row.ts';

const TARGET_BYTES = 200 * 1024 * 1024;

// What stays reachable is measured after a full collection: the process's RSS depends on when V8 chooses to
// collect, which on a busy machine can be long after the garbage was made, so it measured load, not the reader.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;
const liveHeap = () => {
  collect();
  return process.memoryUsage().heapUsed;
};
const HEADER = 'Achternaam;Voorletters;Postcode;Huisnummer;Bedrag;Datum signaal;Opmerking\r\n';

/** Yields the file in ~100 kB chunks; never holds more than one chunk. */
async function* bigCsv(stats: { bytes: number; rows: number }): AsyncGenerator<Buffer> {
  stats.bytes += HEADER.length;
  yield Buffer.from(HEADER);
  while (stats.bytes < TARGET_BYTES) {
    let text = '';
    for (let i = 0; i < 1000; i++) {
      stats.rows++;
      // Every 100th row has a quoted line break, so line numbers run ahead of row numbers.
      const remark = stats.rows % 100 === 0 ? 'twee\r\nregels' : 'Regel met; scheidingsteken en tekst';
      text += `Jansen ${stats.rows};J.A.;1234AB;${(stats.rows % 200) + 1};"1.234,56";15-01-2026;"${remark}"\r\n`;
    }
    const chunk = Buffer.from(text);
    stats.bytes += chunk.length;
    yield chunk;
  }
}

describe('streaming a large CSV', () => {
  it('reads ~200 MB with bounded memory and the right row count and line numbers', async () => {
    const stats = { bytes: 0, rows: 0 };
    const before = liveHeap();
    let peak = before;
    let count = 0;
    let last: { rowNumber: number; name: string | undefined } | undefined;
    const file = await openFile(bigCsv(stats));
    const mapping = suggestMapping(file.headers);
    for await (const row of file.rows) {
      count++;
      if (count % 65_536 === 0) peak = Math.max(peak, liveHeap());
      if (count % 10_000 === 0) expect(mapFileRow(row, mapping).ok).toBe(true);
      last = { rowNumber: row.rowNumber, name: row.cells.Achternaam };
    }
    peak = Math.max(peak, liveHeap());
    expect(stats.bytes).toBeGreaterThanOrEqual(TARGET_BYTES);
    expect(count).toBe(stats.rows);
    // Row n starts on line n + 1 (header) + one extra line for every earlier 100th row.
    expect(last).toEqual({ rowNumber: count + 1 + Math.floor((count - 1) / 100), name: `Jansen ${count}` });
    // Reachable memory stays far below the file: the reader holds a chunk and a row, never the file.
    expect((peak - before) / 1024 / 1024).toBeLessThan(32);
  }, 600_000);
});
