import { z } from 'zod';

/** Theme names are CSS class names of a design-token package, e.g. `voorbeeld-theme`. */
export const THEME_PATTERN = /^[a-z0-9-]+-theme$/;
/** CBS wijkcode: WK + four-digit gemeentecode + two-digit wijk number. */
export const WIJK_CODE_PATTERN = /^WK\d{6}$/;

const Name = z.string().trim().min(1).max(200);

export const MunicipalitySettingsSchema = z.object({
  theme: z.string().optional(),
  contactEmail: z.string().optional(),
});

export const MunicipalitySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    cbsCode: z.string(),
    inhabitants: z.number().int(),
    settings: MunicipalitySettingsSchema,
  })
  .meta({ id: 'Municipality' });
export type Municipality = z.infer<typeof MunicipalitySchema>;

export const MunicipalityPatchBody = z.strictObject({
  inhabitants: z.number().int().min(0).max(100_000_000).optional(),
  settings: z
    .strictObject({
      theme: z
        .string()
        .max(100)
        .regex(THEME_PATTERN, 'Lower-case letters, digits and dashes, ending in -theme')
        .optional(),
      contactEmail: z.email().max(320).nullable().optional().describe('null removes the address'),
    })
    .optional(),
});
export type MunicipalityPatch = z.infer<typeof MunicipalityPatchBody>;

export const TeamSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    memberIds: z.array(z.uuid()),
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof TeamSchema>;

export const TeamCreateBody = z.strictObject({
  name: Name,
  description: z.string().trim().max(2000).optional(),
});
export type TeamCreate = z.infer<typeof TeamCreateBody>;

export const TeamPatchBody = z.strictObject({
  name: Name.optional(),
  description: z.string().trim().max(2000).optional(),
});
export type TeamPatch = z.infer<typeof TeamPatchBody>;

export const TeamMembersBody = z.strictObject({
  userIds: z.array(z.uuid()).max(1000).describe('The complete new member list; replaces the current one'),
});

export const WijkSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    teamId: z.uuid().nullable(),
  })
  .meta({ id: 'Wijk' });
export type Wijk = z.infer<typeof WijkSchema>;

const WijkCode = z
  .string()
  .regex(WIJK_CODE_PATTERN, 'WK followed by six digits')
  .describe("CBS wijkcode; its four digits after WK are the municipality's CBS code");

export const WijkCreateBody = z.strictObject({
  code: WijkCode,
  name: Name,
  teamId: z.uuid().nullable().optional(),
});
export type WijkCreate = z.infer<typeof WijkCreateBody>;

export const WijkPatchBody = z.strictObject({
  code: WijkCode.optional(),
  name: Name.optional(),
  teamId: z.uuid().nullable().optional().describe('null removes the team'),
});
export type WijkPatch = z.infer<typeof WijkPatchBody>;
