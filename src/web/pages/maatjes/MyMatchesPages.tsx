// The volunteer's own pages ("mijn maatjes"): only what the resident agreed to share (never a BSN, never more of
// the household plan than its consent allows), logging a meeting and progress on a shared goal, a worry to the
// regisseur in one step, and ending the match.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Heading1,
  Heading3,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, Loading, RequirePermission } from '../../components/common.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert, FocusedSuccessAlert } from '../../components/problem.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDateTime } from '../../i18n/index.ts';
import { formatIsoDate, todayIso } from '../../vroegsignalering/labels.tsx';
import { AnyPermittedPage, Facts, fieldId, Section, useFormErrors } from '../budget/parts.tsx';
import { keys, maatjesApi, type VolunteerMatchView } from './api.ts';
import { EndMatchForm } from './MatchesPages.tsx';
import { helpKindList, languageList } from './parts.tsx';

export function MyMatchesPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: keys.mine, queryFn: maatjesApi.myMatches });
  return (
    <AnyPermittedPage
      anyOf={['volunteer_matches:manage']}
      title={t('budget.volunteers.mine.title')}
      intro={t('budget.volunteers.mine.intro')}
    >
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data &&
        (list.data.length === 0 ? (
          <Paragraph>{t('budget.volunteers.mine.none')}</Paragraph>
        ) : (
          <DataTable caption={t('budget.volunteers.mine.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('budget.volunteers.mine.resident')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.volunteers.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.volunteers.matches.since')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.volunteers.matches.meetings')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.map((m) => (
                <TableRow key={m.id}>
                  <TableHeaderCell scope="row">
                    <AppLink to="/mijn-maatjes/$matchId" params={{ matchId: m.id }}>
                      {m.residentName}
                    </AppLink>
                  </TableHeaderCell>
                  <TableCell>{t(`budget.volunteers.matchStatuses.${m.status}`)}</TableCell>
                  <TableCell>{formatDateTime(m.matchedAt, { dateStyle: 'medium' })}</TableCell>
                  <TableCell>{m.meetings}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
        ))}
    </AnyPermittedPage>
  );
}

export function MyMatchPage({ matchId }: { matchId: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: keys.myMatch(matchId), queryFn: () => maatjesApi.myMatch(matchId) });
  const title = query.data
    ? t('budget.volunteers.mine.matchTitle', { name: query.data.residentName })
    : t('budget.volunteers.mine.matchLoading');
  usePageTitle(title);
  return (
    <RequirePermission anyOf={['volunteer_matches:manage']}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <AppLink to="/mijn-maatjes">{t('budget.volunteers.mine.back')}</AppLink>
      </Paragraph>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && <MatchView m={query.data} />}
    </RequirePermission>
  );
}

function MatchView({ m }: { m: VolunteerMatchView }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<{ message: string; n: number } | null>(null);
  const [ending, setEnding] = useState(false);
  const done = (message: string) => setSaved((old) => ({ message, n: (old?.n ?? 0) + 1 }));
  const active = m.status === 'actief';
  const goalTitle = (id: string | null) => m.goals?.find((g) => g.id === id)?.title;
  return (
    <>
      {saved && (
        <FocusedSuccessAlert key={saved.n}>
          <Paragraph>{saved.message}</Paragraph>
        </FocusedSuccessAlert>
      )}
      <Section id="mine-shared" title={t('budget.volunteers.mine.shared')}>
        <Paragraph>{t('budget.volunteers.mine.sharedIntro')}</Paragraph>
        <Facts
          items={[
            [t('budget.volunteers.status'), t(`budget.volunteers.matchStatuses.${m.status}`)],
            [t('budget.volunteers.newRequest.residentName'), m.residentName],
            [t('budget.volunteers.mine.contact'), m.residentContact ?? t('budget.volunteers.mine.noContact')],
            [t('budget.volunteers.mine.summary'), m.sharedSummary],
            [t('budget.volunteers.helpKindsLabel'), helpKindList(t, m.helpKinds)],
            [
              t('budget.volunteers.newRequest.languages'),
              m.languages.length ? languageList(t, m.languages) : '',
            ],
            [
              t('budget.volunteers.mine.regisseur'),
              m.regisseurName ?? t('budget.volunteers.mine.noRegisseur'),
            ],
            [t('budget.volunteers.matches.since'), formatDateTime(m.matchedAt, { dateStyle: 'medium' })],
          ]}
        />
      </Section>
      <Section id="mine-goals" title={t('budget.volunteers.mine.goals')}>
        {m.goals === null ? (
          <Paragraph>{t('budget.volunteers.mine.goalsNotShared')}</Paragraph>
        ) : m.goals.length === 0 ? (
          <Paragraph>{t('budget.volunteers.mine.noGoals')}</Paragraph>
        ) : (
          <UnorderedList>
            {m.goals.map((g) => (
              <UnorderedListItem key={g.id}>
                {t('budget.volunteers.mine.goalLine', { title: g.title, date: formatIsoDate(g.targetDate) })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </Section>
      <Section id="mine-meetings" title={t('budget.volunteers.mine.meetings')}>
        {m.meetings.length === 0 ? (
          <Paragraph>{t('budget.volunteers.mine.noMeetings')}</Paragraph>
        ) : (
          <DataTable caption={t('budget.volunteers.mine.meetingsCaption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('budget.volunteers.mine.metOn')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.volunteers.mine.minutes')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.volunteers.mine.note')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {m.meetings.map((meeting) => (
                <TableRow key={meeting.id}>
                  <TableHeaderCell scope="row">{formatIsoDate(meeting.metOn)}</TableHeaderCell>
                  <TableCell>
                    {t('budget.volunteers.mine.minutesValue', { count: meeting.minutes })}
                  </TableCell>
                  <TableCell>
                    {meeting.note}
                    {goalTitle(meeting.goalId) && (
                      <>
                        <br />
                        {t('budget.volunteers.mine.aboutGoal', { title: goalTitle(meeting.goalId) })}
                      </>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
        )}
        {active && <MeetingForm m={m} onSaved={() => done(t('budget.volunteers.mine.meetingSaved'))} />}
      </Section>
      <Section id="mine-escalate" title={t('budget.volunteers.mine.escalateTitle')}>
        <Paragraph>
          {m.regisseurName
            ? t('budget.volunteers.mine.escalateIntro', { name: m.regisseurName })
            : t('budget.volunteers.mine.escalateIntroCoordinator')}
        </Paragraph>
        {m.escalations.length > 0 && (
          <UnorderedList>
            {m.escalations.map((e) => (
              <UnorderedListItem key={e.id}>
                {t(
                  e.handledAt
                    ? 'budget.volunteers.mine.escalationHandled'
                    : 'budget.volunteers.mine.escalationOpen',
                  {
                    date: formatDateTime(e.createdAt, { dateStyle: 'medium' }),
                    reason: e.reason,
                  },
                )}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
        {active && <EscalateForm m={m} onSaved={() => done(t('budget.volunteers.mine.escalated'))} />}
      </Section>
      {active && (
        <Section id="mine-end" title={t('budget.volunteers.mine.endTitle')}>
          <Paragraph>{t('budget.volunteers.mine.endIntro')}</Paragraph>
          {ending ? (
            <EndMatchForm
              m={m}
              coordinator={false}
              close={() => setEnding(false)}
              onEnded={(message) => {
                setEnding(false);
                done(message);
              }}
            />
          ) : (
            <Button appearance="secondary-action-button" hint="danger" onClick={() => setEnding(true)}>
              {t('budget.volunteers.matches.end')}
            </Button>
          )}
        </Section>
      )}
    </>
  );
}

/** Saves through the API and keeps the view it answers. */
function useMatchChange(m: VolunteerMatchView, onDone: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (send: () => Promise<VolunteerMatchView>) => send(),
    onSuccess: async (view) => {
      queryClient.setQueryData(keys.myMatch(m.id), view);
      await queryClient.invalidateQueries({ queryKey: keys.mine, exact: true });
      onDone();
    },
  });
}

function MeetingForm({ m, onSaved }: { m: VolunteerMatchView; onSaved: () => void }) {
  const { t } = useTranslation();
  const empty = { metOn: todayIso(), minutes: '60', note: '', goalId: '' };
  const [values, setValues] = useState(empty);
  const change = useMatchChange(m, () => {
    setValues(empty);
    onSaved();
  });
  const labels = {
    metOn: t('budget.volunteers.mine.metOn'),
    minutes: t('budget.volunteers.mine.minutes'),
    note: t('budget.volunteers.mine.progress'),
    goalId: t('budget.volunteers.mine.goal'),
  };
  const prefix = 'mine-meeting';
  const minutesOk = /^\d+$/.test(values.minutes.trim());
  const [local, setLocal] = useState<Record<string, string | undefined>>({});
  const { errors, alert } = useFormErrors(change.error, prefix, labels, local);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checks = { minutes: minutesOk ? undefined : t('budget.volunteers.mine.minutesInvalid') };
    setLocal(checks);
    if (!minutesOk) return;
    change.mutate(() =>
      maatjesApi.logMeeting(m.id, {
        metOn: values.metOn,
        minutes: Number(values.minutes.trim()),
        note: values.note,
        goalId: values.goalId || undefined,
      }),
    );
  };
  const set = (name: keyof typeof empty) => (v: string) => setValues((old) => ({ ...old, [name]: v }));
  return (
    <div className="vangnet-budget-form">
      <Heading3 id={`${prefix}-title`}>{t('budget.volunteers.mine.logTitle')}</Heading3>
      {alert}
      <form onSubmit={submit} noValidate className="vangnet-form" aria-labelledby={`${prefix}-title`}>
        <TextField
          id={fieldId(prefix, 'metOn')}
          type="date"
          label={labels.metOn}
          value={values.metOn}
          onChange={set('metOn')}
          error={errors.metOn}
        />
        <TextField
          id={fieldId(prefix, 'minutes')}
          label={labels.minutes}
          inputMode="numeric"
          size="small"
          value={values.minutes}
          onChange={set('minutes')}
          error={errors.minutes}
        />
        <TextAreaField
          id={fieldId(prefix, 'note')}
          label={labels.note}
          description={t('budget.volunteers.mine.progressHelp')}
          value={values.note}
          onChange={set('note')}
          error={errors.note}
        />
        {m.goals && m.goals.length > 0 && (
          <SelectField
            id={fieldId(prefix, 'goalId')}
            label={labels.goalId}
            optional
            value={values.goalId}
            onChange={set('goalId')}
            error={errors.goalId}
            options={[
              { value: '', label: t('budget.volunteers.mine.noGoal') },
              ...m.goals.map((g) => ({ value: g.id, label: g.title })),
            ]}
          />
        )}
        <ButtonGroup>
          <Button
            type="submit"
            appearance="primary-action-button"
            busy={change.isPending}
            disabled={change.isPending}
          >
            {t('budget.volunteers.mine.logSubmit')}
          </Button>
        </ButtonGroup>
      </form>
    </div>
  );
}

function EscalateForm({ m, onSaved }: { m: VolunteerMatchView; onSaved: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const change = useMatchChange(m, () => {
    setReason('');
    onSaved();
  });
  const labels = { reason: t('budget.volunteers.mine.worry') };
  const prefix = 'mine-escalate';
  const { errors, alert } = useFormErrors(change.error, prefix, labels);
  return (
    <>
      {alert}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate(() => maatjesApi.escalate(m.id, { reason }));
        }}
        noValidate
        className="vangnet-form"
        aria-labelledby="mine-escalate"
      >
        <TextAreaField
          id={fieldId(prefix, 'reason')}
          label={labels.reason}
          description={t('budget.volunteers.mine.worryHelp')}
          value={reason}
          onChange={setReason}
          error={errors.reason}
        />
        <ButtonGroup>
          <Button
            type="submit"
            appearance="primary-action-button"
            hint="danger"
            busy={change.isPending}
            disabled={change.isPending}
          >
            {t('budget.volunteers.mine.escalateSubmit')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
