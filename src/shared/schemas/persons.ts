import { z } from 'zod';
import { isValidBsn } from '../bsn.ts';

const Postcode = z
  .string()
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[1-9][0-9]{3}[A-Z]{2}$/, 'A Dutch postcode: four digits and two letters'));

/** Search by BSN or by address. In the body, never in the URL: a BSN must not end up in logs or history. */
export const PersonSearchBody = z
  .strictObject({
    bsn: z.string().refine(isValidBsn, 'Not a valid BSN (11-test)').optional(),
    postcode: Postcode.optional(),
    huisnummer: z.number().int().min(1).max(99999).optional(),
  })
  .refine((b) => b.bsn !== undefined || (b.postcode !== undefined && b.huisnummer !== undefined), {
    message: 'Give a BSN, or a postcode with a huisnummer',
    path: ['bsn'],
  });

export const AddressSchema = z
  .object({
    id: z.uuid(),
    straat: z.string(),
    huisnummer: z.number().int(),
    huisletter: z.string().nullable(),
    toevoeging: z.string().nullable(),
    postcode: z.string(),
    woonplaats: z.string(),
    wijkId: z.uuid().nullable(),
  })
  .meta({ id: 'Address' });

export const PersonSchema = z
  .object({
    id: z.uuid(),
    bsn: z.string().optional().describe('Only for roles allowed to see a BSN; never for volunteers'),
    naam: z.string().describe('Display name following the BRP naamgebruik'),
    voornamen: z.string(),
    voorvoegsel: z.string().nullable(),
    geslachtsnaam: z.string(),
    geslacht: z.enum(['M', 'V', 'O']),
    geboortedatum: z.iso.date(),
    householdId: z.uuid(),
    householdRole: z.enum(['hoofd', 'partner', 'kind', 'overig']),
    address: AddressSchema,
  })
  .meta({ id: 'Person' });

export const HouseholdSchema = z
  .object({ id: z.uuid(), address: AddressSchema, members: z.array(PersonSchema) })
  .meta({ id: 'Household' });
