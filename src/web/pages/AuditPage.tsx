import {
  Button,
  ButtonGroup,
  Code,
  Fieldset,
  FieldsetLegend,
  Link,
  Paragraph,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditEvent, type AuditFilters, api } from '../api.ts';
import { PagedTable, PermittedPage } from '../components/common.tsx';
import { TextField } from '../components/fields.tsx';
import { formatDateTime } from '../i18n/index.ts';

/** Filters as they appear in the address bar: dates as YYYY-MM-DD (local calendar days). */
export interface AuditSearch {
  from?: string;
  to?: string;
  action?: string;
  actorId?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function validateAuditSearch(search: Record<string, unknown>): AuditSearch {
  const from = str(search.from);
  const to = str(search.to);
  return {
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    action: str(search.action),
    actorId: str(search.actorId),
  };
}

/** From the calendar days the user picked to the instants the API filters on (`to` includes the whole day). */
export function toApiFilters(search: AuditSearch): AuditFilters {
  const filters: AuditFilters = {};
  if (search.from) filters.from = new Date(`${search.from}T00:00:00`).toISOString();
  if (search.to) {
    const end = new Date(`${search.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    filters.to = new Date(end.getTime() - 1).toISOString();
  }
  if (search.action) filters.action = search.action;
  if (search.actorId) filters.actorId = search.actorId;
  return filters;
}

export function AuditPage(props: { search: AuditSearch; onSearch: (search: AuditSearch) => void }) {
  const { t } = useTranslation();
  return (
    <PermittedPage permission="audit:read" title={t('audit.title')} intro={t('audit.intro')}>
      <AuditLog {...props} />
    </PermittedPage>
  );
}

function AuditLog({ search, onSearch }: { search: AuditSearch; onSearch: (search: AuditSearch) => void }) {
  const { t } = useTranslation();
  const filters = toApiFilters(search);

  const [from, setFrom] = useState(search.from ?? '');
  const [to, setTo] = useState(search.to ?? '');
  const [action, setAction] = useState(search.action ?? '');
  const [actorId, setActorId] = useState(search.actorId ?? '');
  useEffect(() => {
    setFrom(search.from ?? '');
    setTo(search.to ?? '');
    setAction(search.action ?? '');
    setActorId(search.actorId ?? '');
  }, [search.from, search.to, search.action, search.actorId]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(validateAuditSearch({ from, to, action, actorId }));
  };
  const hasFilters = Object.keys(filters).length > 0;

  return (
    <>
      <form onSubmit={onSubmit} noValidate className="vangnet-form vangnet-filters">
        <Fieldset>
          <FieldsetLegend>{t('audit.filters')}</FieldsetLegend>
          <div className="vangnet-filters__fields">
            <TextField
              id="from"
              label={t('audit.from')}
              type="date"
              value={from}
              onChange={setFrom}
              optional
            />
            <TextField id="to" label={t('audit.to')} type="date" value={to} onChange={setTo} optional />
            <TextField
              id="action"
              label={t('audit.action')}
              description={t('audit.actionDescription')}
              value={action}
              onChange={setAction}
              spellCheck={false}
              autoComplete="off"
              optional
            />
            <TextField
              id="actorId"
              label={t('audit.actorId')}
              value={actorId}
              onChange={setActorId}
              spellCheck={false}
              autoComplete="off"
              optional
            />
          </div>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button">
              {t('audit.apply')}
            </Button>
            {hasFilters && (
              <Button type="button" appearance="subtle-button" onClick={() => onSearch({})}>
                {t('audit.reset')}
              </Button>
            )}
          </ButtonGroup>
        </Fieldset>
      </form>

      <Paragraph className="vangnet-section">
        <Link
          href={api.auditExportUrl(filters)}
          download
          className="vangnet-download"
          aria-describedby="audit-export-description"
        >
          {t('audit.download')}
        </Link>{' '}
        <span id="audit-export-description" className="vangnet-muted">
          {t('audit.downloadDescription')}
        </span>
      </Paragraph>

      <PagedTable
        queryKey={['audit-events', filters]}
        load={(cursor) => api.auditEvents(filters, cursor)}
        caption={t('audit.caption')}
        columns={[
          {
            header: t('audit.occurredAt'),
            cell: (event) => <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>,
          },
          { header: t('audit.actor'), cell: (event) => <AuditActor event={event} /> },
          { header: t('audit.action'), cell: (event) => <Code>{event.action}</Code> },
          { header: t('audit.subject'), cell: (event) => <AuditSubject event={event} /> },
          { header: t('audit.purpose'), cell: (event) => event.purpose ?? '' },
          {
            header: t('audit.requestId'),
            cell: (event) => <span className="vangnet-ids">{event.requestId ?? ''}</span>,
          },
        ]}
        empty={t('audit.empty')}
      />
    </>
  );
}

function AuditActor({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const actorType = t(`audit.actorTypes.${event.actorType}` as 'audit.actorTypes.user', {
    defaultValue: event.actorType,
  });
  return (
    <>
      {event.actorName ? `${event.actorName} ` : ''}
      <span className="vangnet-muted">
        ({actorType}
        {event.actorId ? ` ${event.actorId}` : ''})
      </span>
    </>
  );
}

function AuditSubject({ event }: { event: AuditEvent }) {
  const subjects = event.subjectIds ?? [];
  return (
    <>
      {event.subjectType ?? ''}
      {subjects.length > 0 && <span className="vangnet-muted vangnet-ids"> {subjects.join(', ')}</span>}
    </>
  );
}
