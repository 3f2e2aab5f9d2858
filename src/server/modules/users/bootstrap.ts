import { eq } from 'drizzle-orm';
import type { Orm } from '../../db/client.ts';
import { memberships, municipalities, regions, users } from '../../db/schema.ts';
import { PURPOSES, recordAudit } from '../audit/service.ts';
import { hashPassword } from '../auth/crypto.ts';
import { ensureRuleSet } from '../vroegsignalering/pipeline/process.ts';

/**
 * The first functioneel beheerder of an installation, with region and municipality when they do not exist yet.
 * Used by `npm run admin:create`; one transaction, audited as a system action.
 */
export async function createFirstAdministrator(
  db: Orm,
  input: {
    email: string;
    displayName: string;
    regionName: string;
    cbsCode: string;
    municipalityName: string;
    inhabitants: number;
    password: string;
  },
): Promise<{ userId: string; municipalityId: string; municipalityName: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    let [municipality] = await tx
      .select()
      .from(municipalities)
      .where(eq(municipalities.cbsCode, input.cbsCode));
    if (!municipality) {
      let [region] = await tx.select().from(regions).where(eq(regions.name, input.regionName));
      if (!region) [region] = await tx.insert(regions).values({ name: input.regionName }).returning();
      if (!region) throw new Error('Could not create the region');
      [municipality] = await tx
        .insert(municipalities)
        .values({
          regionId: region.id,
          cbsCode: input.cbsCode,
          name: input.municipalityName,
          inhabitants: input.inhabitants,
        })
        .returning();
    }
    if (!municipality) throw new Error('Could not create the municipality');
    // A new municipality starts with the default werkbakjes and afwegingskader (editable under Vroegsignalering).
    await ensureRuleSet(tx, municipality.id);
    const [existing] = await tx.select().from(users).where(eq(users.email, input.email.toLowerCase()));
    if (existing) throw new Error(`A user with e-mail ${input.email} already exists.`);
    const [user] = await tx
      .insert(users)
      .values({
        regionId: municipality.regionId,
        email: input.email.toLowerCase(),
        displayName: input.displayName,
        passwordHash,
      })
      .returning();
    if (!user) throw new Error('Could not create the user');
    await tx
      .insert(memberships)
      .values({ userId: user.id, municipalityId: municipality.id, role: 'functioneel_beheerder' });
    await recordAudit(
      tx,
      { actor: { type: 'system', name: 'admin:create' }, municipalityId: municipality.id, requestId: 'cli' },
      {
        action: 'users.create_first_administrator',
        purpose: PURPOSES.administration,
        subjectType: 'user',
        subjectIds: [user.id],
      },
    );
    return { userId: user.id, municipalityId: municipality.id, municipalityName: municipality.name };
  });
}
