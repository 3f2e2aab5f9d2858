import { Alert, Link, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiProblem, type InvalidParam, isApiProblem } from '../api.ts';
import { codeMessage, knowsCode } from './codes.ts';

/** A human message for an API problem, in the user's language. */
export function problemMessage(t: TFunction, error: unknown): string {
  if (!isApiProblem(error)) return t('errors.generic');
  switch (error.status) {
    case 0:
      return t('errors.network');
    case 400:
    case 422:
      return t('errors.validation');
    case 403:
      return t('errors.forbidden');
    case 404:
      return t('errors.notFound');
    case 409:
      return t('errors.conflict');
    case 429:
      return t('errors.rateLimited');
    default:
      return t('errors.generic');
  }
}

/** The message for one invalid field: a known code in the user's language (see codes.ts), else the server's reason. */
export function fieldMessage(t: TFunction, param: InvalidParam | undefined): string | undefined {
  if (!param) return undefined;
  const field = param.name.split('.').pop() ?? '';
  if (
    param.code === 'required' ||
    (param.code === 'invalid_type' && /undefined|required/i.test(param.reason))
  ) {
    return t('errors.required');
  }
  if (/email/i.test(field) && /format|email/i.test(`${param.code} ${param.reason}`))
    return t('errors.invalidEmail');
  if (knowsCode(t, param.code, param.reason)) return codeMessage(t, param.code, param.reason);
  return param.reason || t('errors.invalidValue');
}

export interface FieldErrors {
  [field: string]: string | undefined;
}

/** Field errors of an API problem, as messages keyed by field name. */
export function problemFieldErrors(t: TFunction, error: unknown): FieldErrors {
  if (!isApiProblem(error)) return {};
  const out: FieldErrors = {};
  for (const [name, param] of Object.entries(error.fieldErrors())) out[name] = fieldMessage(t, param);
  return out;
}

/** A field whose error an ErrorAlert lists: the id of its input, its label and its message (if any). */
export interface AlertField {
  id: string;
  label: string;
  message: string | undefined;
}

interface ErrorAlertProps {
  /** The message; when left out it is derived from `error`. */
  message?: string;
  error?: unknown;
  /** Field errors with the id of the input, listed as links so a keyboard user can jump to each field. */
  fields?: AlertField[];
}

/** An error Alert that takes focus when it appears, so screen reader and keyboard users notice it. */
export function ErrorAlert({ message, error, fields = [] }: ErrorAlertProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const text = message ?? problemMessage(t, error);
  const problem: ApiProblem | null = isApiProblem(error) ? error : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again whenever a new error or message appears.
  useEffect(() => {
    ref.current?.focus();
  }, [text, error]);
  const listed = fields.filter((f) => f.message);
  return (
    <div ref={ref} tabIndex={-1} className="vangnet-alert-focus">
      <Alert type="error">
        <Paragraph>{text}</Paragraph>
        {listed.length > 0 && (
          <UnorderedList>
            {listed.map((f) => (
              <UnorderedListItem key={f.id}>
                <Link href={`#${f.id}`}>
                  {f.label}: {f.message}
                </Link>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
        {problem?.requestId && (
          <Paragraph small>{t('errors.requestId', { requestId: problem.requestId })}</Paragraph>
        )}
      </Alert>
    </div>
  );
}

export function SuccessAlert({ children }: { children: string }) {
  return (
    <Alert type="ok" role="status">
      <Paragraph>{children}</Paragraph>
    </Alert>
  );
}

/** A success message that takes focus when it appears, so the next step can start right away. */
export function FocusedSuccessAlert({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className="vangnet-alert-focus">
      <Alert type="ok" role="status">
        {children}
      </Alert>
    </div>
  );
}
