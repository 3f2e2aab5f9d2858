import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Uploaded files wait on disk until their import is done: the job reads them in a streaming way (never the
 * whole file in memory) and a restarted job reads them again from where the ledger says it stopped.
 */
export class ImportStorage {
  constructor(private readonly dir: string) {}

  pathOf(importId: string): string {
    if (!/^[0-9a-f-]{36}$/i.test(importId)) throw new Error('invalid import id');
    return path.join(this.dir, importId);
  }

  /** Streams an upload to a temporary file while hashing it; `adopt` moves it to its import's place. */
  async receive(source: NodeJS.ReadableStream, maxBytes: number) {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const tmp = path.join(this.dir, `upload-${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    let tooLarge = false;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) {
          tooLarge = true;
          done(new Error('file too large'));
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, fs.createWriteStream(tmp));
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      if (tooLarge) return { ok: false as const, reason: 'too_large' as const };
      throw err;
    }
    return {
      ok: true as const,
      tmp,
      size,
      sha256: hash.digest('hex'),
      adopt: (importId: string) => fs.promises.rename(tmp, this.pathOf(importId)),
      discard: () => fs.promises.rm(tmp, { force: true }),
    };
  }

  open(importId: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(importId), { highWaterMark: 256 * 1024 });
  }

  async remove(importId: string): Promise<void> {
    await fs.promises.rm(this.pathOf(importId), { force: true });
  }
}
