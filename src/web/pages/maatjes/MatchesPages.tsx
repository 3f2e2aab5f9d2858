// The coordinator's matches (active first), ending one and naming the side that ended it; and the escalations of
// volunteers waiting to be handled (a regisseur sees those of their households, a coordinator those without one).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Heading3,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { END_SIDES } from '../../../shared/schemas/volunteers.ts';
import { DataTable, Loading } from '../../components/common.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert, FocusedSuccessAlert } from '../../components/problem.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import { hasPermission, useSession } from '../../session.ts';
import { formatIsoDate, todayIso } from '../../vroegsignalering/labels.tsx';
import { AnyPermittedPage, budgetProblemMessage, fieldId, useFormErrors } from '../budget/parts.tsx';
import { type Escalation, keys, type Match, maatjesApi } from './api.ts';
import { Reasons } from './parts.tsx';

export function MatchesPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('actief');
  const [ending, setEnding] = useState<string | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const query = { status: status || undefined };
  const list = useQuery({ queryKey: keys.matches(query), queryFn: () => maatjesApi.matches(query) });
  const endingMatch = list.data?.find((m) => m.id === ending);
  return (
    <AnyPermittedPage
      anyOf={['volunteers:manage']}
      title={t('budget.volunteers.matches.title')}
      intro={t('budget.volunteers.matches.intro')}
    >
      {ended && (
        <FocusedSuccessAlert>
          <Paragraph>{ended}</Paragraph>
        </FocusedSuccessAlert>
      )}
      <SelectField
        id="maatjes-matches-status"
        label={t('budget.volunteers.status')}
        value={status}
        onChange={setStatus}
        options={[
          { value: 'actief', label: t('budget.volunteers.matchStatuses.actief') },
          { value: 'beeindigd', label: t('budget.volunteers.matchStatuses.beeindigd') },
          { value: '', label: t('budget.volunteers.matches.all') },
        ]}
      />
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && (
        <>
          <DataTable caption={t('budget.volunteers.matches.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('budget.volunteers.matches.pair')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.volunteers.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.volunteers.matches.since')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.volunteers.matches.meetings')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.volunteers.candidates.reasons')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('common.actions')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.map((m) => (
                <MatchRow key={m.id} m={m} onEnd={() => setEnding(m.id)} />
              ))}
            </TableBody>
          </DataTable>
          {list.data.length === 0 && <Paragraph>{t('budget.volunteers.matches.empty')}</Paragraph>}
        </>
      )}
      {endingMatch && endingMatch.status === 'actief' && (
        <EndMatchForm
          key={endingMatch.id}
          m={endingMatch}
          coordinator
          close={() => setEnding(null)}
          onEnded={(message) => {
            setEnding(null);
            setEnded(message);
          }}
        />
      )}
    </AnyPermittedPage>
  );
}

function MatchRow({ m, onEnd }: { m: Match; onEnd: () => void }) {
  const { t } = useTranslation();
  const pair = t('budget.volunteers.matches.pairValue', {
    volunteer: m.volunteerName,
    resident: m.residentName,
  });
  return (
    <TableRow>
      <TableHeaderCell scope="row">{pair}</TableHeaderCell>
      <TableCell>
        {t(`budget.volunteers.matchStatuses.${m.status}`)}
        {m.endedOn && (
          <>
            <br />
            {t('budget.volunteers.matches.endedBy', {
              date: formatIsoDate(m.endedOn),
              side: m.endedSide ? t(`budget.volunteers.sides.${m.endedSide}`) : '',
            })}
            {m.endReason && (
              <>
                <br />
                {m.endReason}
              </>
            )}
          </>
        )}
      </TableCell>
      <TableCell>{formatDateTime(m.matchedAt, { dateStyle: 'medium' })}</TableCell>
      <TableCell>{m.meetings}</TableCell>
      <TableCell>
        <Reasons reasons={m.reasons} />
      </TableCell>
      <TableCell>
        {m.status === 'actief' ? (
          <Button
            appearance="secondary-action-button"
            aria-label={t('budget.volunteers.matches.endNamed', { name: pair })}
            onClick={onEnd}
          >
            {t('budget.volunteers.matches.end')}
          </Button>
        ) : (
          t('budget.volunteers.none')
        )}
      </TableCell>
    </TableRow>
  );
}

/**
 * Ending a match: the coordinator names the side (the resident, the volunteer or the organisation); a volunteer
 * ends their own match as the volunteer side.
 */
export function EndMatchForm({
  m,
  coordinator,
  close,
  onEnded,
}: {
  m: { id: string; residentName: string };
  coordinator: boolean;
  close: () => void;
  onEnded: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [side, setSide] = useState(coordinator ? '' : 'vrijwilliger');
  const [reason, setReason] = useState('');
  const [endedOn, setEndedOn] = useState(todayIso());
  const end = useMutation({
    mutationFn: () => maatjesApi.endMatch(m.id, { side: side as never, reason, endedOn }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.all });
      onEnded(t('budget.volunteers.matches.ended', { name: m.residentName }));
    },
  });
  const labels = {
    side: t('budget.volunteers.matches.side'),
    reason: t('budget.volunteers.matches.reason'),
    endedOn: t('budget.volunteers.matches.endedOn'),
  };
  const prefix = 'maatjes-end';
  const { errors, alert } = useFormErrors(end.error, prefix, labels);
  const title = t('budget.volunteers.matches.endTitle', { name: m.residentName });
  return (
    <div className="vangnet-budget-form">
      <Heading3 id={`${prefix}-title`}>{title}</Heading3>
      {alert}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          end.mutate();
        }}
        noValidate
        className="vangnet-form"
        aria-labelledby={`${prefix}-title`}
      >
        {coordinator && (
          <SelectField
            id={fieldId(prefix, 'side')}
            label={labels.side}
            value={side}
            onChange={setSide}
            error={errors.side}
            options={[
              { value: '', label: t('budget.form.choose') },
              ...END_SIDES.map((s) => ({ value: s, label: t(`budget.volunteers.sides.${s}`) })),
            ]}
          />
        )}
        <TextAreaField
          id={fieldId(prefix, 'reason')}
          label={labels.reason}
          value={reason}
          onChange={setReason}
          error={errors.reason}
        />
        <TextField
          id={fieldId(prefix, 'endedOn')}
          type="date"
          label={labels.endedOn}
          value={endedOn}
          onChange={setEndedOn}
          error={errors.endedOn}
        />
        <ButtonGroup>
          <Button
            type="submit"
            appearance="primary-action-button"
            hint="danger"
            busy={end.isPending}
            disabled={end.isPending}
          >
            {t('budget.volunteers.matches.endSubmit')}
          </Button>
          <Button appearance="secondary-action-button" onClick={close}>
            {t('common.cancel')}
          </Button>
        </ButtonGroup>
      </form>
    </div>
  );
}

// --- Escalations -------------------------------------------------------------------------------------------

export function EscalationsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [open, setOpen] = useState('true');
  const list = useQuery({
    queryKey: keys.escalations(open === 'true'),
    queryFn: () => maatjesApi.escalations(open === 'true'),
  });
  const regisseur = hasPermission(session, 'households:read');
  return (
    <AnyPermittedPage
      anyOf={['volunteers:manage', 'households:read']}
      title={t('budget.volunteers.escalations.title')}
      intro={
        regisseur
          ? t('budget.volunteers.escalations.introRegisseur')
          : t('budget.volunteers.escalations.intro')
      }
    >
      <SelectField
        id="maatjes-escalations-open"
        label={t('budget.volunteers.escalations.show')}
        value={open}
        onChange={setOpen}
        options={[
          { value: 'true', label: t('budget.volunteers.escalations.open') },
          { value: 'false', label: t('budget.volunteers.escalations.all') },
        ]}
      />
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data &&
        (list.data.length === 0 ? (
          <Paragraph>{t('budget.volunteers.escalations.none')}</Paragraph>
        ) : (
          <DataTable caption={t('budget.volunteers.escalations.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('budget.volunteers.escalations.from')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.volunteers.escalations.reason')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.volunteers.escalations.at')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('common.actions')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.map((e) => (
                <EscalationRow key={e.id} e={e} householdLink={regisseur} />
              ))}
            </TableBody>
          </DataTable>
        ))}
    </AnyPermittedPage>
  );
}

function EscalationRow({ e, householdLink }: { e: Escalation; householdLink: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const handle = useMutation({
    mutationFn: () => maatjesApi.handleEscalation(e.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['maatjes', 'escalations'] });
    },
  });
  const from = e.volunteerName || e.createdByName || '';
  return (
    <TableRow>
      <TableHeaderCell scope="row">
        {from}
        {householdLink && e.householdCaseId && (
          <>
            <br />
            <AppLink to="/huishoudens/$householdId" params={{ householdId: e.householdCaseId }}>
              {t('budget.volunteers.escalations.household', { name: from })}
            </AppLink>
          </>
        )}
      </TableHeaderCell>
      <TableCell>{e.reason}</TableCell>
      <TableCell>{formatDateTime(e.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</TableCell>
      <TableCell>
        {e.handledAt ? (
          t('budget.volunteers.escalations.handledAt', {
            date: formatDateTime(e.handledAt, { dateStyle: 'medium' }),
          })
        ) : (
          <>
            <Button
              appearance="secondary-action-button"
              busy={handle.isPending}
              disabled={handle.isPending}
              aria-label={t('budget.volunteers.escalations.handleNamed', { name: from })}
              onClick={() => handle.mutate()}
            >
              {t('budget.volunteers.escalations.handle')}
            </Button>
            {handle.isError && <Paragraph>{budgetProblemMessage(t, handle.error)}</Paragraph>}
          </>
        )}
      </TableCell>
    </TableRow>
  );
}
