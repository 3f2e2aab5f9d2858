// Building blocks of the debt-help screens: the clock badge (words and a marker, never colour alone), the names of
// the DDAS code lists in the user's language, and one generic form that records a step, a period or a debt and
// shows every error of the API next to its field.
import { Button, ButtonGroup, Heading3, Heading4 } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  DebtStatus,
  ShvBegeleidingssoort,
  ShvBeschikkingssoort,
  ShvClock,
  ShvClockState,
  ShvOplossingssoort,
  ShvPeriodKind,
  ShvPhase,
  ShvSchuldensoort,
  ShvThreatKind,
  ShvUitstroomreden,
} from '../../../shared/ddas-shv.ts';
import { isApiProblem } from '../../api.ts';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { ErrorAlert, problemFieldErrors } from '../../components/problem.tsx';
import { formatIsoDate } from '../../vroegsignalering/labels.tsx';
import { centsToInput, parseEuros } from '../../vroegsignalering/money.ts';
import type { Clock } from './api.ts';

// --- Names of codes ----------------------------------------------------------------------------------------

export const phaseName = (t: TFunction, p: ShvPhase) => t(`schuldhulp.phases.${p}`);
export const clockName = (t: TFunction, c: ShvClock) => t(`schuldhulp.clocks.names.${c}`);
export const periodName = (t: TFunction, k: ShvPeriodKind) => t(`schuldhulp.periods.kinds.${k}`);
export const soortName = (t: TFunction, s: ShvSchuldensoort) => t(`schuldhulp.codes.schuldsoort.${s}`);
export const statusName = (t: TFunction, s: DebtStatus) => t(`schuldhulp.codes.debtStatus.${s}`);
export const threatName = (t: TFunction, k: ShvThreatKind) => t(`schuldhulp.codes.threat.${k}`);
export const beschikkingName = (t: TFunction, s: ShvBeschikkingssoort) =>
  t(`schuldhulp.codes.beschikking.${s}`);
export const oplossingName = (t: TFunction, s: ShvOplossingssoort) => t(`schuldhulp.codes.oplossing.${s}`);
export const begeleidingName = (t: TFunction, s: ShvBegeleidingssoort) =>
  t(`schuldhulp.codes.begeleiding.${s}`);
export const uitstroomName = (t: TFunction, s: ShvUitstroomreden) => t(`schuldhulp.codes.uitstroom.${s}`);

// --- Clocks ------------------------------------------------------------------------------------------------

const BADGE_CLASS: Record<ShvClockState, string> = {
  overdue: 'vangnet-deadline vangnet-deadline--overdue',
  due_soon: 'vangnet-deadline vangnet-deadline--due_soon',
  on_track: 'vangnet-deadline vangnet-deadline--on_track',
  met: 'vangnet-deadline vangnet-deadline--met',
  met_late: 'vangnet-deadline vangnet-shv-met-late',
};

/** The state of a statutory clock in words, with the due day while it runs ("Te laat (3 mrt 2026)"). */
export function ClockBadge({ clock }: { clock: Pick<Clock, 'state' | 'due' | 'metOn'> }) {
  const { t } = useTranslation();
  const open = !clock.metOn;
  return (
    <span className={BADGE_CLASS[clock.state]}>
      {t(`schuldhulp.clocks.states.${clock.state}`)}
      {open ? ` (${t('schuldhulp.clocks.dueOn', { date: formatIsoDate(clock.due) })})` : ''}
    </span>
  );
}

/** A badge for a clock that was met after its due day, by name (the caseload has no dates for those). */
export function MetLateBadge({ clock }: { clock: ShvClock }) {
  const { t } = useTranslation();
  return (
    <span className={BADGE_CLASS.met_late}>
      {t('schuldhulp.clocks.metLateNamed', { clock: clockName(t, clock) })}
    </span>
  );
}

// --- A 409 in words ----------------------------------------------------------------------------------------

export function conflictMessage(t: TFunction, error: unknown): string | undefined {
  if (!isApiProblem(error) || error.status !== 409) return undefined;
  if (error.type.endsWith('traject-afgesloten')) return t('schuldhulp.errors.closed');
  if (error.type.endsWith('schuld-gewijzigd')) return t('schuldhulp.errors.staleDebt');
  return t('schuldhulp.errors.stale');
}

// --- The generic record form -------------------------------------------------------------------------------

export type FieldKind = 'date' | 'bool' | 'select' | 'text' | 'longtext' | 'euros';

export interface FieldSpec {
  /** The field name of the API body (errors come back under this name). */
  name: string;
  kind: FieldKind;
  label: string;
  description?: string;
  /** Optional fields send null when empty; required ones are left out, so the API names what is missing. */
  optional?: boolean;
  options?: { value: string; label: string }[];
}

export type FormValues = Record<string, string | boolean>;

/** The initial text of a field from an API value (cents become "12,50"; null becomes empty). */
export function initialValue(spec: FieldSpec, value: unknown): string | boolean {
  if (spec.kind === 'bool') return value === true;
  if (spec.kind === 'euros') return typeof value === 'number' ? centsToInput(value) : '';
  return typeof value === 'string' ? value : '';
}

/**
 * The body the form sends: dates and texts as typed (empty optional ones as null, empty required ones left out),
 * euros as cents. Returns the fields whose text is no amount, so the form can say so before asking the server.
 */
export function bodyOf(
  specs: FieldSpec[],
  values: FormValues,
): { body: Record<string, unknown>; bad: Record<string, 'invalid_amount' | 'negative_amount'> } {
  const body: Record<string, unknown> = {};
  const bad: Record<string, 'invalid_amount' | 'negative_amount'> = {};
  for (const spec of specs) {
    const v = values[spec.name];
    if (spec.kind === 'bool') {
      body[spec.name] = v === true;
      continue;
    }
    const text = typeof v === 'string' ? v.trim() : '';
    if (text === '') {
      if (spec.optional) body[spec.name] = null;
      continue;
    }
    if (spec.kind === 'euros') {
      if (/^-/.test(text)) bad[spec.name] = 'negative_amount';
      else {
        const cents = parseEuros(text);
        if (cents === null) bad[spec.name] = 'invalid_amount';
        else body[spec.name] = cents;
      }
      continue;
    }
    body[spec.name] = text;
  }
  return { body, bad };
}

interface RecordFormProps {
  /** Prefix of the field ids: `${prefix}-${name}` (the error alert links to them). */
  prefix: string;
  title: string;
  submitLabel: string;
  specs: FieldSpec[];
  initial: FormValues;
  busy: boolean;
  error: unknown;
  /** Fixed values the body always carries (fase, soort, version). */
  onSubmit: (body: Record<string, unknown>) => void;
  onCancel?: () => void;
  intro?: ReactNode;
  /** The level of the form's heading: 4 inside a step that has an h3 of its own. */
  level?: 3 | 4;
}

/** A form of date, choice, text and amount fields; each error of the API is shown at its field and in the alert. */
export function RecordForm({
  prefix,
  title,
  submitLabel,
  specs,
  initial,
  busy,
  error,
  onSubmit,
  onCancel,
  intro,
  level = 3,
}: RecordFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [values, setValues] = useState<FormValues>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = problemFieldErrors(t, error);
  const errors: Record<string, string | undefined> = { ...server, ...local };
  const set = (name: string) => (v: string | boolean) => {
    setValues((old) => ({ ...old, [name]: v }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { body, bad } = bodyOf(specs, values);
    const messages = Object.fromEntries(
      Object.entries(bad).map(([name, code]) => [name, t(`schuldhulp.errors.${code}`)]),
    );
    setLocal(messages);
    if (Object.keys(messages).length === 0) onSubmit(body);
  };
  const listed = specs
    .filter((s) => errors[s.name])
    .map((s) => ({ id: `${prefix}-${s.name}`, label: s.label, message: errors[s.name] }));
  // Errors of fields this form does not show (e.g. version) are named in the alert by their API name.
  for (const [name, message] of Object.entries(errors))
    if (message && !specs.some((s) => s.name === name))
      listed.push({ id: `${prefix}-${specs[0]?.name ?? 'form'}`, label: name, message });
  const showAlert = Object.keys(local).length > 0 || (error !== null && error !== undefined);
  return (
    <div className="vangnet-shv-form">
      {level === 4 ? (
        <Heading4 id={headingId}>{title}</Heading4>
      ) : (
        <Heading3 id={headingId}>{title}</Heading3>
      )}
      {intro}
      {showAlert && (
        <ErrorAlert
          error={error}
          message={Object.keys(local).length > 0 ? t('errors.validation') : conflictMessage(t, error)}
          fields={listed}
        />
      )}
      <form onSubmit={submit} noValidate aria-labelledby={headingId} className="vangnet-form">
        {specs.map((spec) => {
          const id = `${prefix}-${spec.name}`;
          const common = {
            id,
            label: spec.label,
            description: spec.description,
            error: errors[spec.name],
            optional: spec.optional,
          };
          const value = values[spec.name];
          switch (spec.kind) {
            case 'bool':
              return (
                <CheckboxField
                  key={spec.name}
                  id={id}
                  label={spec.label}
                  description={spec.description}
                  error={errors[spec.name]}
                  checked={value === true}
                  onChange={set(spec.name)}
                />
              );
            case 'select':
              return (
                <SelectField
                  key={spec.name}
                  {...common}
                  value={typeof value === 'string' ? value : ''}
                  onChange={set(spec.name)}
                  options={[{ value: '', label: t('schuldhulp.form.choose') }, ...(spec.options ?? [])]}
                />
              );
            case 'longtext':
              return (
                <TextAreaField
                  key={spec.name}
                  {...common}
                  value={typeof value === 'string' ? value : ''}
                  onChange={set(spec.name)}
                />
              );
            default:
              return (
                <TextField
                  key={spec.name}
                  {...common}
                  type={spec.kind === 'date' ? 'date' : 'text'}
                  inputMode={spec.kind === 'euros' ? 'decimal' : undefined}
                  size={spec.kind === 'euros' ? 'small' : undefined}
                  value={typeof value === 'string' ? value : ''}
                  onChange={set(spec.name)}
                />
              );
          }
        })}
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button appearance="secondary-action-button" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </ButtonGroup>
      </form>
    </div>
  );
}

/** A button that opens a form in place; the form gets a function to close it again. */
export function Disclosure({
  label,
  children,
}: {
  label: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button appearance="secondary-action-button" onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  }
  return <>{children(() => setOpen(false))}</>;
}
