import { Button, ButtonGroup } from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AlertField, ErrorAlert, type FieldErrors, problemFieldErrors } from './problem.tsx';

/** What a page gives the form that creates or saves a resource. */
export interface SubmitProps<V> {
  onSubmit: (values: V) => void;
  busy: boolean;
  /** The error of the last attempt to save. */
  error: unknown;
}

/** A form that edits values of type V, starting from `initial`. */
export interface FormProps<V> extends SubmitProps<V> {
  initial: V;
}

/**
 * The field errors of a form that checks one field itself before asking the server: the message of that
 * check (set with setCheckError, cleared with undefined) comes first for its field, the server's after.
 */
export function useFieldErrors(error: unknown, checkedField: string) {
  const { t } = useTranslation();
  const [checkError, setCheckError] = useState<string | undefined>();
  const serverErrors = problemFieldErrors(t, error);
  const errors: FieldErrors = { ...serverErrors, [checkedField]: checkError ?? serverErrors[checkedField] };
  return { errors, checkError, setCheckError };
}

interface ResourceFormProps {
  /** The error of the last attempt to save. */
  error: unknown;
  /** The form's own check failed: the alert says so, also without an error from the server. */
  invalid?: boolean;
  /** The fields with their errors, in the order the alert lists them (as links to the fields). */
  fields: AlertField[];
  /** Shown between the alert and the form, for example facts that cannot be changed here. */
  details?: ReactNode;
  busy: boolean;
  /** The text of the submit button; "Opslaan" when left out. */
  submitLabel?: string;
  /** Called on submit; the browser's own submit is prevented. */
  onSubmit: () => void;
  children: ReactNode;
}

/** A form that saves a resource: an alert with the problem and each field error, the fields, "Opslaan". */
export function ResourceForm({
  error,
  invalid = false,
  fields,
  details,
  busy,
  submitLabel,
  onSubmit,
  children,
}: ResourceFormProps) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <>
      {(invalid || (error !== null && error !== undefined)) && (
        <ErrorAlert message={invalid ? t('errors.validation') : undefined} error={error} fields={fields} />
      )}
      {details}
      <form onSubmit={submit} noValidate className="vangnet-form">
        {children}
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={busy}>
            {submitLabel ?? t('common.save')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
