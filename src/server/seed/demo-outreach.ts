// Outreach for the demo region: the default templates and settings per municipality, and a contact card with a
// direct number and a (drawn) photo for the vroegsignalering worker, so letters can be printed at once.
import { deflateSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Orm } from '../db/client.ts';
import { ensureDefaultTemplates } from '../modules/vroegsignalering/outreach/service.ts';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A friendly placeholder portrait (a head and shoulders on a soft background) as PNG; no real person. */
export function demoPortraitPng(size = 96, hue: [number, number, number] = [70, 130, 180]): Buffer {
  const rows: Buffer[] = [];
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const head = (x - c) ** 2 + (y - size * 0.4) ** 2 < (size * 0.2) ** 2;
      const body = (x - c) ** 2 / (size * 0.36) ** 2 + (y - size * 1.02) ** 2 / (size * 0.42) ** 2 < 1;
      const [r, g, b] = head || body ? hue : [230, 236, 242];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Called once per demo municipality, in the demo seed's transaction. */
export async function seedDemoOutreach(
  tx: Orm,
  municipalityId: string,
  municipalityName: string,
): Promise<void> {
  await ensureDefaultTemplates(tx, municipalityId);
  await tx.execute(sql`
    INSERT INTO outreach_settings (municipality_id, sender_name, return_address, appointment_url, mention_partner_types)
    VALUES (${municipalityId}::uuid, ${`Gemeente ${municipalityName}`},
            ${`Postbus 1, 9999 ZZ ${municipalityName}`},
            ${`https://afspraak.${municipalityName.toLowerCase()}.demo/geldzaken`}, true)
    ON CONFLICT (municipality_id) DO NOTHING`);
  // Every vroegsignalering worker of the municipality gets a direct number and a portrait.
  await tx.execute(sql`
    INSERT INTO worker_contact_cards (municipality_id, user_id, direct_phone, photo, photo_type)
    SELECT ${municipalityId}::uuid, m.user_id, '06-12345678', ${demoPortraitPng()}, 'image/png'
      FROM memberships m
     WHERE m.municipality_id = ${municipalityId}::uuid AND m.role = 'vroegsignalering_medewerker'
    ON CONFLICT DO NOTHING`);
}
