// Building blocks of the maatwerkbudget and budgetmaatjes screens: sections and fact lists, the names of codes in
// the user's language, and errors: the API's specific problems (eigen-aanvraag, boven-limiet, vog-verlopen …) and
// its field errors, in words, next to the field and in the alert.
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../shared/roles.ts';
import type { BudgetCategory, RequestStatus } from '../../../shared/schemas/budget.ts';
import { type InvalidParam, isApiProblem } from '../../api.ts';
import { RequirePermission } from '../../components/common.tsx';
import { type AlertField, ErrorAlert, fieldMessage, problemMessage } from '../../components/problem.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import type { Followup, ProvisionCheck } from './api.ts';
import { problemSlug } from './logic.ts';
import './budget.css';

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="vangnet-section" aria-labelledby={id}>
      <Heading2 id={id}>{title}</Heading2>
      {children}
    </section>
  );
}

/** Label and value pairs; an empty value is left out. */
export function Facts({ items }: { items: [label: string, value: ReactNode][] }) {
  return (
    <DataList className="vangnet-budget-facts">
      {items
        .filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([label, value]) => (
          <DataListItem key={label}>
            <DataListKey>{label}</DataListKey>
            <DataListValue>{value}</DataListValue>
          </DataListItem>
        ))}
    </DataList>
  );
}

/** A translation that may not exist: the text, or '' (so the caller can fall back). */
function maybe(t: TFunction, key: string, values: Record<string, unknown> = {}): string {
  return String(t(key as 'budget.title', { ...values, defaultValue: '' }));
}

/** Checks of the shared schemas that answer only with their message (code invalid_format): their own code here. */
const CODE_BY_REASON: Record<string, string> = {
  'Not an IBAN.': 'not_an_iban',
  'Use a two-letter language code (ISO 639-1), e.g. nl, ar, tr.': 'not_a_language',
  'Use a short word in lower case, e.g. turks or syrisch.': 'not_a_background',
};

/** The message of one field error: this module's own codes first, then the shared ones, then the server's reason. */
export function budgetFieldMessage(t: TFunction, param: InvalidParam): string | undefined {
  const own = CODE_BY_REASON[param.reason.trim()] ?? param.code;
  return maybe(t, `budget.codes.${own}`) || fieldMessage(t, param);
}

/**
 * The message of a failed action: the API's specific problem in words (with `values` such as the limit; a
 * `variant` picks `budget.problems.<slug>-<variant>` when there is one), or the general message of its status.
 */
export function budgetProblemMessage(
  t: TFunction,
  error: unknown,
  values: Record<string, unknown> = {},
): string {
  const slug = problemSlug(error);
  if (!slug) return problemMessage(t, error);
  const variant =
    typeof values.variant === 'string' ? maybe(t, `budget.problems.${slug}-${values.variant}`, values) : '';
  return variant || maybe(t, `budget.problems.${slug}`, values) || problemMessage(t, error);
}

/** Field errors keyed by the API's field name (body. left off), e.g. `limits.regisseur` or `provisions.huurtoeslag`. */
export function budgetFieldErrors(t: TFunction, error: unknown): Record<string, string | undefined> {
  if (!isApiProblem(error)) return {};
  const out: Record<string, string | undefined> = {};
  for (const [name, param] of Object.entries(error.fieldErrors())) out[name] = budgetFieldMessage(t, param);
  return out;
}

/** The id of the input of an API field in a form with this prefix: `${prefix}-limits-regisseur`. */
export const fieldId = (prefix: string, name: string) => `${prefix}-${name.replace(/\./g, '-')}`;

/**
 * The errors of a form: the form's own checks (`local`, by field name) before the server's, and the alert that
 * lists them as links to the fields. `labels` names the fields (by API name) in the alert; `prefix` makes the id of
 * a field's input (or a function does, for errors that point into another form on the page).
 */
export function useFormErrors(
  error: unknown,
  prefix: string | ((name: string) => string),
  labels: Record<string, string>,
  local: Record<string, string | undefined> = {},
  values: Record<string, unknown> = {},
) {
  const { t } = useTranslation();
  const server = budgetFieldErrors(t, error);
  const errors: Record<string, string | undefined> = { ...server };
  for (const [name, message] of Object.entries(local)) if (message) errors[name] = message;
  const fields: AlertField[] = Object.entries(errors)
    .filter(([, message]) => message)
    .map(([name, message]) => ({
      id: typeof prefix === 'string' ? fieldId(prefix, name) : prefix(name),
      label: labels[name] ?? name,
      message,
    }));
  const hasLocal = Object.values(local).some(Boolean);
  const alert =
    hasLocal || (error !== null && error !== undefined) ? (
      <ErrorAlert
        error={error}
        message={hasLocal ? t('errors.validation') : budgetProblemMessage(t, error, values)}
        fields={fields}
      />
    ) : null;
  return { errors, alert };
}

/** The local error messages of amount fields whose text is no amount. */
export function amountMessage(
  t: TFunction,
  error: 'required' | 'invalid_amount' | 'negative_amount' | undefined,
): string | undefined {
  if (!error) return undefined;
  return t(`budget.amountErrors.${error}`);
}

/** A page for users with any of the permissions: document title, h1, an intro, then the content. */
export function AnyPermittedPage({
  anyOf,
  title,
  intro,
  children,
}: {
  anyOf: Permission[];
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  return (
    <RequirePermission anyOf={anyOf}>
      <PageBody title={title} intro={intro}>
        {children}
      </PageBody>
    </RequirePermission>
  );
}

function PageBody({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <>
      <Heading1>{title}</Heading1>
      {intro && <Paragraph>{intro}</Paragraph>}
      {children}
    </>
  );
}

export const categoryName = (t: TFunction, c: BudgetCategory) => t(`budget.categories.${c}`);
export const statusName = (t: TFunction, s: RequestStatus) => t(`budget.statuses.${s}`);
export const outcomeName = (t: TFunction, o: ProvisionCheck['outcome']) => t(`budget.outcomes.${o}`);
export const effectName = (t: TFunction, e: NonNullable<Followup['effect']>) => t(`budget.effects.${e}`);
export const followupStatusName = (t: TFunction, s: Followup['status']) => t(`budget.followupStatuses.${s}`);

/** The status of a request in words, with a marker of its own (never colour alone). */
export function StatusText({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`vangnet-budget-status vangnet-budget-status--${status}`}>{statusName(t, status)}</span>
  );
}
