import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import type { ChangeEvent, HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

/** The ids of the description and the error message of field `id`, for aria-describedby (when it has them). */
function fieldDescribedBy(id: string, description: ReactNode, error: string | undefined): string | undefined {
  return describedBy(description !== undefined && `${id}-description`, !!error && `${id}-error`);
}

/** What every single-value field has: a label, maybe a description and an error, and its value. */
interface FieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  description?: ReactNode;
  error?: string;
  optional?: boolean;
}

type ValueElement = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The attributes the input of every field shares: id and name, value, invalid state and its descriptions. */
function inputProps({ id, value, onChange, description, error }: FieldProps) {
  return {
    id,
    name: id,
    value,
    onChange: (e: ChangeEvent<ValueElement>) => onChange(e.target.value),
    invalid: !!error,
    'aria-describedby': fieldDescribedBy(id, description, error),
  };
}

interface FieldShellProps {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  optional?: boolean;
  children: ReactNode;
}

/** Label, description, error message (next to the field) and the input, in NL Design System markup. */
function FieldShell({ id, label, description, error, optional, children }: FieldShellProps) {
  const { t } = useTranslation();
  return (
    <FormField invalid={!!error} type="text">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>
          {label}
          {optional && <span className="vangnet-optional"> {t('common.optional')}</span>}
        </FormLabel>
      </div>
      {description && (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      )}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
      <div className="utrecht-form-field__input">{children}</div>
    </FormField>
  );
}

export interface TextFieldProps extends FieldProps {
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'time' | 'search';
  autoComplete?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  required?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  min?: number;
  spellCheck?: boolean;
  size?: 'small' | 'medium' | 'large';
}

export function TextField(props: TextFieldProps) {
  return (
    <FieldShell {...props}>
      <Textbox
        {...inputProps(props)}
        type={props.type ?? 'text'}
        required={props.required}
        readOnly={props.readOnly}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        min={props.min}
        spellCheck={props.spellCheck}
        className={props.size ? `vangnet-textbox--${props.size}` : undefined}
      />
    </FieldShell>
  );
}

export type TextAreaFieldProps = FieldProps;

export function TextAreaField(props: TextAreaFieldProps) {
  return (
    <FieldShell {...props}>
      <Textarea {...inputProps(props)} rows={4} />
    </FieldShell>
  );
}

export interface SelectFieldProps extends FieldProps {
  options: { value: string; label: string }[];
}

export function SelectField(props: SelectFieldProps) {
  return (
    <FieldShell {...props}>
      <Select {...inputProps(props)}>
        {props.options.map((o) => (
          <SelectOption key={o.value} value={o.value}>
            {o.label}
          </SelectOption>
        ))}
      </Select>
    </FieldShell>
  );
}

export interface CheckboxGroupProps {
  id: string;
  legend: ReactNode;
  description?: ReactNode;
  error?: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
}

/** A fieldset of checkboxes, for example the roles of a user. */
export function CheckboxGroup({
  id,
  legend,
  description,
  error,
  options,
  value,
  onChange,
}: CheckboxGroupProps) {
  const toggle = (option: string, checked: boolean) =>
    onChange(checked ? [...value, option] : value.filter((v) => v !== option));
  return (
    <Fieldset id={id} invalid={!!error} aria-describedby={fieldDescribedBy(id, description, error)}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      {error && <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage>}
      {options.map((o) => {
        const optionId = `${id}-${o.value}`;
        const checked = value.includes(o.value);
        return (
          <FormField key={o.value} type="checkbox">
            <div className="utrecht-form-field__input">
              <Checkbox
                id={optionId}
                name={id}
                value={o.value}
                checked={checked}
                onChange={(e: ChangeEvent<HTMLInputElement>) => toggle(o.value, e.target.checked)}
              />
            </div>
            <div className="utrecht-form-field__label">
              <FormLabel htmlFor={optionId} type="checkbox" checked={checked}>
                {o.label}
              </FormLabel>
            </div>
          </FormField>
        );
      })}
    </Fieldset>
  );
}

export interface CheckboxFieldProps {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  description?: ReactNode;
  error?: string;
}

/** One checkbox with its label (and maybe a description and an error), e.g. "Warme overdracht". */
export function CheckboxField({ id, label, checked, onChange, description, error }: CheckboxFieldProps) {
  return (
    <FormField type="checkbox" invalid={!!error}>
      <div className="utrecht-form-field__input">
        <Checkbox
          id={id}
          name={id}
          checked={checked}
          invalid={!!error}
          aria-describedby={fieldDescribedBy(id, description, error)}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.checked)}
        />
      </div>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id} type="checkbox" checked={checked}>
          {label}
        </FormLabel>
      </div>
      {description && (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {description}
        </FormFieldDescription>
      )}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {error}
        </FormFieldErrorMessage>
      )}
    </FormField>
  );
}

export interface FileFieldProps {
  id: string;
  label: ReactNode;
  /** File types the picker offers, e.g. ".csv,.xlsx". */
  accept?: string;
  onChange: (file: File | null) => void;
  description?: ReactNode;
  error?: string;
}

/** A file picker with its label, description and error (NL Design System has no file input component). */
export function FileField({ id, label, accept, onChange, description, error }: FileFieldProps) {
  return (
    <FieldShell id={id} label={label} description={description} error={error}>
      <input
        id={id}
        name={id}
        type="file"
        accept={accept}
        className={`vangnet-file${error ? ' vangnet-file--invalid' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldDescribedBy(id, description, error)}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.files?.[0] ?? null)}
      />
    </FieldShell>
  );
}
