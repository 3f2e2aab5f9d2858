import { z } from 'zod';
import { PERMISSIONS, STAFF_ROLES } from '../roles.ts';
import { RoleSchema as StaffRoleSchema } from './session.ts';

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    isActive: z.boolean(),
    mfaEnabled: z.boolean(),
    roles: z.array(StaffRoleSchema).describe('Roles in the active municipality'),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

const Roles = z
  .array(StaffRoleSchema)
  .min(1)
  .max(STAFF_ROLES.length)
  .refine((roles) => new Set(roles).size === roles.length, 'Each role at most once');

export const UserCreateBody = z.strictObject({
  email: z.email().max(320),
  displayName: z.string().trim().min(1).max(200),
  password: z
    .string()
    .min(12)
    .max(1000)
    .optional()
    .describe('Leave out for accounts that only log in with OpenID Connect'),
  roles: Roles.describe('Roles in the active municipality'),
});
export type UserCreate = z.infer<typeof UserCreateBody>;

export const UserPatchBody = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  isActive: z.boolean().optional().describe('false also ends all sessions of the user'),
  roles: Roles.optional().describe(
    'Replaces the roles in the active municipality; other municipalities keep theirs',
  ),
});
export type UserPatch = z.infer<typeof UserPatchBody>;

export const RoleInfoSchema = z
  .object({ role: StaffRoleSchema, permissions: z.array(z.enum(PERMISSIONS)) })
  .meta({ id: 'RoleInfo' });

export const RoleListSchema = z.object({ items: z.array(RoleInfoSchema) });
