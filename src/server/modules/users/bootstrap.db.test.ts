import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import type { Database } from '../../db/client.ts';
import { verifyPassword } from '../auth/crypto.ts';
import { createFirstAdministrator } from './bootstrap.ts';

describe('first administrator (npm run admin:create)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.close());

  const input = {
    email: 'Beheer@Gemeente.nl',
    displayName: 'Beheerder',
    regionName: 'Regio West',
    cbsCode: '0363',
    municipalityName: 'Amsterdam',
    inhabitants: 900000,
    password: 'a-long-initial-password',
  };

  it('creates region, municipality, beheerder and an audit row in one go', async () => {
    const result = await createFirstAdministrator(db.orm, input);
    const [user] = await db.query<{ email: string; password_hash: string; role: string }>(
      'SELECT u.email, u.password_hash, m.role FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.id = $1',
      [result.userId],
    );
    expect(user?.email).toBe('beheer@gemeente.nl');
    expect(user?.role).toBe('functioneel_beheerder');
    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user?.password_hash ?? '', input.password)).toBe(true);
    const audit = await db.query<{ actor_type: string }>(
      "SELECT actor_type FROM audit_events WHERE action = 'users.create_first_administrator'",
    );
    expect(audit).toEqual([{ actor_type: 'system' }]);
  });

  it('refuses a second account with the same e-mail and leaves nothing half-made', async () => {
    await expect(createFirstAdministrator(db.orm, { ...input, cbsCode: '0599' })).rejects.toThrow(
      /already exists/,
    );
    const rows = await db.query("SELECT 1 FROM municipalities WHERE cbs_code = '0599'");
    expect(rows).toHaveLength(0);
  });
});
