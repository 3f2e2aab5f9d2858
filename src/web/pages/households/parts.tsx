// Building blocks of the household pages: a titled section, a form that opens from a button, and the form's
// buttons. Shared by the plan and the appointments so the page behaves the same everywhere.
import { Button, ButtonGroup, Heading2, Heading3 } from '@utrecht/component-library-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="vangnet-section" aria-labelledby={id}>
      <Heading2 id={id}>{title}</Heading2>
      {children}
    </section>
  );
}

/** A form that opens from a button, so the household page stays calm until something is added. */
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
  return (
    <div className="vangnet-hh-form">
      <Heading3>{label}</Heading3>
      {children(() => setOpen(false))}
    </div>
  );
}

export function FormButtons({
  busy,
  submit,
  onCancel,
}: {
  busy: boolean;
  submit: string;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ButtonGroup>
      <Button type="submit" appearance="primary-action-button" busy={busy} disabled={busy}>
        {submit}
      </Button>
      <Button appearance="secondary-action-button" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </ButtonGroup>
  );
}
