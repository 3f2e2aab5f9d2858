// Building blocks of the budgetmaatjes screens: names of codes in the user's language, the reasons a volunteer
// ranks where they rank, the VOG in words and the availability grid.
import {
  Fieldset,
  FieldsetLegend,
  FormFieldDescription,
  FormFieldErrorMessage,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DAYPARTS, type HelpKind, type MatchReason, WEEKDAYS } from '../../../shared/schemas/volunteers.ts';
import { CheckboxGroup } from '../../components/fields.tsx';
import { formatIsoDate, todayIso } from '../../vroegsignalering/labels.tsx';
import { splitSlot, vogState } from './logic.ts';
import '../budget/budget.css';

export const helpKindName = (t: TFunction, k: HelpKind) => t(`budget.volunteers.helpKinds.${k}`);
export const helpKindList = (t: TFunction, kinds: readonly HelpKind[]) =>
  kinds.map((k) => helpKindName(t, k)).join(', ');

/** A language code by its name in the user's language ("ar" → "Arabisch"), or the code when unknown. */
export function languageName(t: TFunction, code: string): string {
  try {
    return new Intl.DisplayNames([t('language.locale')], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export const languageList = (t: TFunction, codes: readonly string[]) =>
  codes.length === 0 ? t('budget.volunteers.none') : codes.map((c) => languageName(t, c)).join(', ');

/** A slot `di-avond` as "dinsdagavond" in words. */
export function slotName(t: TFunction, slot: string): string {
  const { day, part } = splitSlot(slot);
  return t('budget.volunteers.slot', {
    day: t(`budget.volunteers.weekdays.${day}` as 'budget.volunteers.weekdays.ma'),
    part: t(`budget.volunteers.dayparts.${part}` as 'budget.volunteers.dayparts.ochtend'),
  });
}

/** One reason in words, with what matched and its points ("Taal: Arabisch (3 punten)"). */
export function reasonText(t: TFunction, r: MatchReason): string {
  const values =
    r.code === 'hulpsoort'
      ? r.values.map((v) => helpKindName(t, v as HelpKind))
      : r.code === 'taal'
        ? r.values.map((v) => languageName(t, v))
        : r.code === 'beschikbaarheid'
          ? r.values.map((v) => slotName(t, v))
          : r.values;
  return t('budget.volunteers.reasonLine', {
    reason: t(`budget.volunteers.reasons.${r.code}`),
    values: values.length > 0 ? `: ${values.join(', ')}` : '',
    count: r.points,
  });
}

export function Reasons({ reasons }: { reasons: readonly MatchReason[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return <>{t('budget.volunteers.none')}</>;
  return (
    <UnorderedList className="vangnet-budget-reasons">
      {reasons.map((r) => (
        <UnorderedListItem key={r.code}>{reasonText(t, r)}</UnorderedListItem>
      ))}
    </UnorderedList>
  );
}

/** The VOG in words: valid until a date, expiring soon, expired (with a marker), or missing. */
export function VogText({ expiresOn }: { expiresOn: string | null }) {
  const { t } = useTranslation();
  const state = vogState(expiresOn, todayIso());
  return (
    <span className={`vangnet-budget-vog vangnet-budget-vog--${state}`}>
      {t(`budget.volunteers.vog.${state}`, { date: formatIsoDate(expiresOn) })}
    </span>
  );
}

/** The availability: per weekday, the parts of the day (checkboxes), in one fieldset. */
export function AvailabilityField({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Fieldset id={id} invalid={!!error} aria-describedby={`${id}-description${error ? ` ${id}-error` : ''}`}>
      <FieldsetLegend>{t('budget.volunteers.availability')}</FieldsetLegend>
      <FormFieldDescription id={`${id}-description`}>
        {t('budget.volunteers.availabilityHelp')}
      </FormFieldDescription>
      {error && <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage>}
      <div className="vangnet-budget-days">
        {WEEKDAYS.map((day) => {
          const slots = DAYPARTS.map((part) => `${day}-${part}`);
          return (
            <CheckboxGroup
              key={day}
              id={`${id}-${day}`}
              legend={t(`budget.volunteers.weekdays.${day}`)}
              options={DAYPARTS.map((part) => ({
                value: `${day}-${part}`,
                label: t(`budget.volunteers.dayparts.${part}`),
              }))}
              value={value.filter((s) => slots.includes(s))}
              onChange={(chosen) => onChange([...value.filter((s) => !slots.includes(s)), ...chosen])}
            />
          );
        })}
      </div>
    </Fieldset>
  );
}
