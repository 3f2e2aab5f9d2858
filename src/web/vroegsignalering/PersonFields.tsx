// The person and address of a signal or a referral, as the reporter knows them (matching with the BRP comes later).
import { Fieldset, FieldsetLegend, FormFieldDescription } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { codeMessage } from '../components/codes.ts';
import { TextField } from '../components/fields.tsx';
import type { AlertField, FieldErrors } from '../components/problem.tsx';

export const PERSON_FIELDS = [
  'bsn',
  'voornamen',
  'voorletters',
  'voorvoegsel',
  'achternaam',
  'geboortedatum',
] as const;
export const ADDRESS_FIELDS = [
  'postcode',
  'huisnummer',
  'huisletter',
  'toevoeging',
  'straat',
  'woonplaats',
] as const;
export const CONTACT_FIELDS = ['telefoon', 'email'] as const;

export type PersonField =
  | (typeof PERSON_FIELDS)[number]
  | (typeof ADDRESS_FIELDS)[number]
  | (typeof CONTACT_FIELDS)[number];
export type PersonValues = Record<PersonField, string>;

export const EMPTY_PERSON: PersonValues = {
  bsn: '',
  voornamen: '',
  voorletters: '',
  voorvoegsel: '',
  achternaam: '',
  geboortedatum: '',
  postcode: '',
  huisnummer: '',
  huisletter: '',
  toevoeging: '',
  straat: '',
  woonplaats: '',
  telefoon: '',
  email: '',
};

/** The person as the API takes it: empty fields left out, the huisnummer a number. */
export function personInput(
  t: TFunction,
  values: PersonValues,
): { input: Record<string, string | number>; errors: FieldErrors } {
  const input: Record<string, string | number> = {};
  const errors: FieldErrors = {};
  for (const [key, raw] of Object.entries(values)) {
    const value = key === 'bsn' ? raw.replace(/[\s.]/g, '') : raw.trim();
    if (value === '') continue;
    if (key === 'huisnummer') {
      if (!/^\d{1,5}$/.test(value)) errors.huisnummer = codeMessage(t, 'invalid_huisnummer');
      else input.huisnummer = Number(value);
    } else {
      input[key] = value;
    }
  }
  return { input, errors };
}

/** The fields for the error alert, in the order of the form. */
export function personAlertFields(t: TFunction, errors: FieldErrors): AlertField[] {
  return [...PERSON_FIELDS, ...ADDRESS_FIELDS, ...CONTACT_FIELDS].map((f) => ({
    id: f,
    label: t(`vs.fields.${f}`),
    message: errors[f],
  }));
}

interface PersonFieldsProps {
  values: PersonValues;
  onChange: (values: PersonValues) => void;
  errors: FieldErrors;
  /** Whether the contact fields (telefoon, e-mail) are shown. */
  contact?: boolean;
}

/** Fieldsets "Persoon", "Adres" and (optionally) "Contact". */
export function PersonFields({ values, onChange, errors, contact = true }: PersonFieldsProps) {
  const { t } = useTranslation();
  const set = (field: PersonField) => (value: string) => onChange({ ...values, [field]: value });
  const field = (
    name: PersonField,
    extra: Partial<Parameters<typeof TextField>[0]> = {},
  ): Parameters<typeof TextField>[0] => ({
    id: name,
    label: t(`vs.fields.${name}`),
    value: values[name],
    onChange: set(name),
    error: errors[name],
    autoComplete: 'off',
    optional: name !== 'achternaam',
    ...extra,
  });
  return (
    <>
      <Fieldset>
        <FieldsetLegend>{t('signaal.person')}</FieldsetLegend>
        <div className="vangnet-form__group">
          <TextField
            {...field('achternaam', { required: true, description: t('signaal.achternaamDescription') })}
          />
          <TextField {...field('voorvoegsel', { size: 'small' })} />
          <TextField {...field('voornamen')} />
          <TextField {...field('voorletters', { size: 'small' })} />
          <TextField {...field('geboortedatum', { type: 'date' })} />
          <TextField
            {...field('bsn', {
              inputMode: 'numeric',
              size: 'small',
              spellCheck: false,
              description: t('signaal.bsnDescription'),
              maxLength: 11,
            })}
          />
        </div>
      </Fieldset>
      <Fieldset aria-describedby="address-description">
        <FieldsetLegend>{t('signaal.address')}</FieldsetLegend>
        <FormFieldDescription id="address-description">
          {t('signaal.addressDescription')}
        </FormFieldDescription>
        <div className="vangnet-form__group">
          <TextField {...field('postcode', { size: 'small', spellCheck: false, maxLength: 7 })} />
          <TextField {...field('huisnummer', { inputMode: 'numeric', size: 'small', maxLength: 5 })} />
          <TextField {...field('huisletter', { size: 'small', maxLength: 1 })} />
          <TextField {...field('toevoeging', { size: 'small', maxLength: 4 })} />
          <TextField {...field('straat')} />
          <TextField {...field('woonplaats')} />
        </div>
      </Fieldset>
      {contact && (
        <Fieldset>
          <FieldsetLegend>{t('signaal.contact')}</FieldsetLegend>
          <div className="vangnet-form__group">
            <TextField {...field('telefoon', { type: 'text', inputMode: 'tel' })} />
            <TextField {...field('email', { type: 'email', spellCheck: false })} />
          </div>
        </Fieldset>
      )}
    </>
  );
}
