import { z } from 'zod';
import { STAFF_ROLES } from '../roles.ts';

export const MfaStateSchema = z.enum(['not_required', 'enrol', 'verify', 'verified']);

export const SessionSchema = z
  .object({
    authenticated: z.boolean(),
    csrfToken: z.string(),
    oidcEnabled: z.boolean(),
    mfa: MfaStateSchema.nullable(),
    user: z
      .object({ id: z.uuid(), email: z.string(), displayName: z.string(), preferredLanguage: z.string() })
      .nullable(),
    activeMunicipality: z
      .object({ id: z.uuid(), name: z.string(), cbsCode: z.string(), theme: z.string() })
      .nullable(),
    municipalities: z.array(
      z.object({ id: z.uuid(), name: z.string(), cbsCode: z.string(), roles: z.array(z.string()) }),
    ),
    permissions: z.array(z.string()),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof SessionSchema>;

export const LoginBody = z.strictObject({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1000),
});

export const TotpCodeBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'Six digits') });

export const TotpEnrolmentSchema = z.object({
  otpauthUri: z.string(),
  qrDataUrl: z.string(),
  secret: z.string(),
});

export const SwitchMunicipalityBody = z.strictObject({ municipalityId: z.uuid() });

export const RoleSchema = z.enum(STAFF_ROLES);

export const TokenRequestBody = z.object({
  grant_type: z.literal('client_credentials'),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  scope: z.string().max(500).optional(),
});

export const TokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
  scope: z.string(),
});
