// Follow-up of meldingen: the werkbakjes with counts and the work list (claim one or many), the follow-up panel of
// one melding (deadlines, next step, contact attempts, planning, closing, warm handover), the personal agenda and
// the printable home-visit route. The common path is one or two clicks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Checkbox,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  Heading2,
  Heading3,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DDAS_CONTACTSOORTEN, DDAS_EINDRESULTATEN } from '../../../shared/ddas.ts';
import { isApiProblem } from '../../api.ts';
import { DataTable, PermittedPage, QueryView } from '../../components/common.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert, problemFieldErrors, SuccessAlert } from '../../components/problem.tsx';
import { formatNumber } from '../../i18n/index.ts';
import { hasPermission, useSession } from '../../session.ts';
import { formatIsoDate, todayIso } from '../../vroegsignalering/labels.tsx';
import { type DeadlineState, followupApi, type MeldingView, type WorkItem } from './FollowupApi.ts';

const euro = (cents: number) => formatNumber(cents / 100, { style: 'currency', currency: 'EUR' });

/** The deadline signal shown wherever a melding is shown: words and a marker, never colour alone. */
export function DeadlineBadge({ state, due }: { state: DeadlineState; due?: string | null }) {
  const { t } = useTranslation();
  return (
    <span className={`vangnet-deadline vangnet-deadline--${state}`}>
      {t(`followup.deadline.${state}`)}
      {due && state !== 'met' ? ` (${formatIsoDate(due)})` : ''}
    </span>
  );
}

/** A 409 from the follow-up API: someone else changed the melding, or it is closed. */
function conflictMessage(t: TFunction, error: unknown): string | undefined {
  if (!isApiProblem(error) || error.status !== 409) return undefined;
  return error.type?.endsWith('melding-afgesloten')
    ? t('followup.closedConflict')
    : t('followup.staleConflict');
}

function MutationError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const fields = Object.entries(problemFieldErrors(t, error)).map(([name, message]) => ({
    id: `fu-${name}`,
    label: name,
    message,
  }));
  return <ErrorAlert error={error} message={conflictMessage(t, error)} fields={fields} />;
}

// --- Work list ---------------------------------------------------------------------------------------------

export function FollowupWorkPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="vroegsignalering:read"
      title={t('followup.work.title')}
      intro={t('followup.work.intro')}
    >
      <WorkList />
    </PermittedPage>
  );
}

function WorkList() {
  const { t } = useTranslation();
  const session = useSession();
  const canWork = session ? hasPermission(session, 'meldingen:manage') : false;
  const queryClient = useQueryClient();
  const [queueId, setQueueId] = useState('');
  const [assigned, setAssigned] = useState('');
  const [deadline, setDeadline] = useState('');
  const [sort, setSort] = useState('priority');
  const [selected, setSelected] = useState<Map<string, number>>(new Map());
  const overview = useQuery({ queryKey: ['followup', 'overview'], queryFn: followupApi.overview });
  const query = {
    queueId: queueId || undefined,
    assigned: assigned || undefined,
    deadline: deadline || undefined,
    sort,
    limit: 50,
  };
  const list = useQuery({ queryKey: ['followup', 'work', query], queryFn: () => followupApi.work(query) });
  const claim = useMutation({
    mutationFn: () =>
      followupApi.assignMany(
        [...selected].map(([id, version]) => ({ id, version })),
        session?.user?.id ?? null,
      ),
    onSuccess: async () => {
      setSelected(new Map());
      await queryClient.invalidateQueries({ queryKey: ['followup'] });
    },
  });
  const queues = overview.data?.queues ?? [];
  return (
    <>
      <section className="vangnet-section" aria-labelledby="fu-queues">
        <Heading2 id="fu-queues">{t('followup.work.queues')}</Heading2>
        {overview.isError && <ErrorAlert error={overview.error} />}
        {overview.data && (
          <DataTable caption={t('followup.work.queues')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('followup.work.queue')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('followup.work.open')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('followup.work.inBehandeling')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('followup.work.unassigned')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('followup.work.mine')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('followup.work.overdue')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('followup.work.dueSoon')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {queues.map((q) => (
                <TableRow key={q.queueId ?? 'none'}>
                  <TableHeaderCell scope="row">{q.name ?? t('followup.work.noQueue')}</TableHeaderCell>
                  <TableCell>{q.open}</TableCell>
                  <TableCell>{q.inBehandeling}</TableCell>
                  <TableCell>{q.unassigned}</TableCell>
                  <TableCell>{q.mine}</TableCell>
                  <TableCell>{q.overdue}</TableCell>
                  <TableCell>{q.dueSoon}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
        )}
      </section>
      <section className="vangnet-section" aria-labelledby="fu-list">
        <Heading2 id="fu-list">{t('followup.work.list')}</Heading2>
        <div className="vangnet-filters">
          <SelectField
            id="fu-queue"
            label={t('followup.work.queue')}
            value={queueId}
            onChange={setQueueId}
            options={[
              { value: '', label: t('followup.work.allQueues') },
              ...queues.flatMap((q) => (q.queueId ? [{ value: q.queueId, label: q.name ?? '' }] : [])),
            ]}
          />
          <SelectField
            id="fu-assigned"
            label={t('followup.work.assigned')}
            value={assigned}
            onChange={setAssigned}
            options={[
              { value: '', label: t('followup.work.assignedAll') },
              { value: 'me', label: t('followup.work.assignedMe') },
              { value: 'none', label: t('followup.work.assignedNone') },
            ]}
          />
          <SelectField
            id="fu-deadline"
            label={t('followup.work.deadline')}
            value={deadline}
            onChange={setDeadline}
            options={[
              { value: '', label: t('followup.work.deadlineAll') },
              { value: 'overdue', label: t('followup.work.deadlineOverdue') },
              { value: 'due_soon', label: t('followup.work.deadlineSoon') },
            ]}
          />
          <SelectField
            id="fu-sort"
            label={t('followup.work.sort')}
            value={sort}
            onChange={setSort}
            options={[
              { value: 'priority', label: t('followup.work.sortPriority') },
              { value: 'deadline', label: t('followup.work.sortDeadline') },
              { value: 'amount', label: t('followup.work.sortAmount') },
            ]}
          />
        </div>
        {claim.isSuccess && (
          <SuccessAlert>{t('followup.work.claimed', { count: claim.data.assigned })}</SuccessAlert>
        )}
        <MutationError error={claim.error} />
        {canWork && (
          <ButtonGroup>
            <Button
              appearance="primary-action-button"
              disabled={selected.size === 0 || claim.isPending}
              onClick={() => claim.mutate()}
            >
              {t('followup.work.claimSelected', { count: selected.size })}
            </Button>
          </ButtonGroup>
        )}
        {list.isError && <ErrorAlert error={list.error} />}
        {list.data && list.data.items.length === 0 && <Paragraph>{t('followup.work.empty')}</Paragraph>}
        {list.data && list.data.items.length > 0 && (
          <DataTable caption={t('followup.work.list')}>
            <TableHeader>
              <TableRow>
                {canWork && <TableHeaderCell scope="col">{t('followup.work.select')}</TableHeaderCell>}
                <TableHeaderCell scope="col">{t('followup.work.melding')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('followup.work.deadline')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('followup.work.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('followup.work.assignee')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('followup.work.amount')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.map((m, i) => (
                <WorkRow
                  key={m.id}
                  item={m}
                  index={i}
                  canWork={canWork}
                  checked={selected.has(m.id)}
                  onCheck={(on) => {
                    const next = new Map(selected);
                    if (on) next.set(m.id, m.version);
                    else next.delete(m.id);
                    setSelected(next);
                  }}
                />
              ))}
            </TableBody>
          </DataTable>
        )}
      </section>
    </>
  );
}

function WorkRow(props: {
  item: WorkItem;
  index: number;
  canWork: boolean;
  checked: boolean;
  onCheck: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  const m = props.item;
  const label = `${m.queueName ?? ''} ${formatIsoDate(m.periodStart)} · ${m.partnerTypes.join(', ')}`;
  return (
    <TableRow>
      {props.canWork && (
        <TableCell>
          <Checkbox
            id={`fu-select-${props.index}`}
            aria-label={t('followup.work.selectOne', { name: label })}
            checked={props.checked}
            disabled={m.assignedTo !== null}
            onChange={(e) => props.onCheck(e.target.checked)}
          />
        </TableCell>
      )}
      <TableCell>
        <AppLink to="/vroegsignalering/meldingen/$meldingId" params={{ meldingId: m.id }}>
          {label}
        </AppLink>
        {m.isCrisis && <> · {t('followup.crisis')}</>}
      </TableCell>
      <TableCell>
        <DeadlineBadge
          state={m.deadlines.state}
          due={m.deadlines.firstContact.metOn ? m.deadlines.firstAnalysis.due : m.deadlines.firstContact.due}
        />
      </TableCell>
      <TableCell>{t(`followup.status.${m.status}`)}</TableCell>
      <TableCell>{m.assignedTo?.name ?? t('followup.nobody')}</TableCell>
      <TableCell>{euro(m.totalAmountCents)}</TableCell>
    </TableRow>
  );
}

// --- The follow-up panel of one melding --------------------------------------------------------------------

export function FollowupPanel({ meldingId }: { meldingId: string }) {
  return (
    <QueryView queryKey={['followup', 'melding', meldingId]} queryFn={() => followupApi.melding(meldingId)}>
      {(m) => <Followup melding={m} />}
    </QueryView>
  );
}

function Followup({ melding: m }: { melding: MeldingView }) {
  const { t } = useTranslation();
  const session = useSession();
  const canWork = session ? hasPermission(session, 'meldingen:manage') : false;
  const me = session?.user?.id ?? null;
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['followup'] });
  const claim = useMutation({
    mutationFn: (assigneeId: string | null) => followupApi.assign(m.id, { version: m.version, assigneeId }),
    onSuccess: refresh,
  });
  const closed = m.status === 'afgesloten';
  return (
    <section className="vangnet-section" aria-labelledby="fu-heading">
      <Heading2 id="fu-heading">{t('followup.panel.title')}</Heading2>
      <DataList>
        <Fact label={t('followup.panel.status')}>{t(`followup.status.${m.status}`)}</Fact>
        <Fact label={t('followup.panel.deadlineContact')}>
          <DeadlineBadge state={m.deadlines.firstContact.state} due={m.deadlines.firstContact.due} />
        </Fact>
        <Fact label={t('followup.panel.deadlineAnalysis')}>
          <DeadlineBadge state={m.deadlines.firstAnalysis.state} due={m.deadlines.firstAnalysis.due} />
        </Fact>
        <Fact label={t('followup.panel.assignee')}>{m.assignedTo?.name ?? t('followup.nobody')}</Fact>
        <Fact label={t('followup.panel.nextStep')}>{t(`followup.nextStep.${m.nextStep.code}`)}</Fact>
        {m.adres && <Fact label={t('followup.panel.address')}>{m.adres}</Fact>}
        {m.eindresultaat && <Fact label={t('followup.panel.result')}>{m.eindresultaat}</Fact>}
      </DataList>
      {m.movedOut && (
        <Paragraph>
          <strong>{t('followup.panel.movedOut')}</strong>
        </Paragraph>
      )}
      <MutationError error={claim.error} />
      {canWork && !closed && (
        <ButtonGroup>
          {m.assignedTo?.id !== me && (
            <Button
              appearance="primary-action-button"
              disabled={claim.isPending}
              onClick={() => claim.mutate(me)}
            >
              {t('followup.panel.claim')}
            </Button>
          )}
          {m.assignedTo && (
            <Button
              appearance="secondary-action-button"
              disabled={claim.isPending}
              onClick={() => claim.mutate(null)}
            >
              {t('followup.panel.unassign')}
            </Button>
          )}
        </ButtonGroup>
      )}
      {m.quickFixCheck?.status === 'te_bevestigen' && canWork && (
        <QuickFixConfirm checkId={m.quickFixCheck.id} />
      )}
      {m.quickFixCheck?.status === 'niet_opgelost' && !closed && (
        <Paragraph>
          <strong>{t('followup.quickFix.reopened')}</strong>
        </Paragraph>
      )}
      <Household melding={m} />
      <Attempts melding={m} />
      {canWork && !closed && <ContactForm melding={m} />}
      <Planned melding={m} canWork={canWork} />
      {canWork && !closed && <PlanForm melding={m} />}
      {canWork && !closed && <CloseForm melding={m} />}
      {canWork && !closed && <HandoverForm melding={m} />}
      <Earlier melding={m} />
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>{children}</DataListValue>
    </DataListItem>
  );
}

function Household({ melding: m }: { melding: MeldingView }) {
  const { t } = useTranslation();
  if (m.household.length === 0) return null;
  return (
    <>
      <Heading3>{t('followup.panel.household')}</Heading3>
      <DataTable caption={t('followup.panel.household')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('followup.panel.name')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('followup.panel.age')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('followup.panel.role')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {m.household.map((p) => (
            <TableRow key={p.personId}>
              <TableHeaderCell scope="row">{p.naam}</TableHeaderCell>
              <TableCell>{p.age ?? '?'}</TableCell>
              <TableCell>
                {p.isAdult ? t('followup.panel.adult') : t('followup.panel.child')}
                {p.inSignal ? ` · ${t('followup.panel.inSignal')}` : ''}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
    </>
  );
}

function Attempts({ melding: m }: { melding: MeldingView }) {
  const { t } = useTranslation();
  return (
    <>
      <Heading3>{t('followup.panel.attempts')}</Heading3>
      {m.contactAttempts.length === 0 ? (
        <Paragraph>{t('followup.panel.noAttempts')}</Paragraph>
      ) : (
        <DataTable caption={t('followup.panel.attempts')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('followup.contact.datum')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('followup.contact.soort')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('followup.contact.bereikt')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('followup.contact.note')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {m.contactAttempts.map((a) => (
              <TableRow key={a.id}>
                <TableCell>
                  {formatIsoDate(a.datum)} {a.dagdeel ?? ''}
                </TableCell>
                <TableCell>{a.soort}</TableCell>
                <TableCell>{a.bereikt ? t('common.yes') : t('common.no')}</TableCell>
                <TableCell>{a.note ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
    </>
  );
}

function useFollowupMutation<T>(fn: (value: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['followup'] }),
  });
}

function ContactForm({ melding: m }: { melding: MeldingView }) {
  const { t } = useTranslation();
  const [soort, setSoort] = useState<string>('Telefoon');
  const [datum, setDatum] = useState(todayIso());
  const [dagdeel, setDagdeel] = useState('');
  const [bereikt, setBereikt] = useState('nee');
  const [note, setNote] = useState('');
  const save = useFollowupMutation(() =>
    followupApi.contact(m.id, {
      version: m.version,
      soort: soort as (typeof DDAS_CONTACTSOORTEN)[number],
      datum,
      dagdeel: (dagdeel || null) as 'Ochtend' | 'Middag' | 'Avond' | null,
      bereikt: bereikt === 'ja',
      ...(note ? { note } : {}),
    }),
  );
  const errors = problemFieldErrors(t, save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Fieldset>
        <FieldsetLegend>{t('followup.contact.title')}</FieldsetLegend>
        <MutationError error={save.error} />
        <SelectField
          id="fu-soort"
          label={t('followup.contact.soort')}
          value={soort}
          onChange={setSoort}
          options={DDAS_CONTACTSOORTEN.map((s) => ({ value: s, label: s }))}
        />
        <TextField
          id="fu-datum"
          type="date"
          label={t('followup.contact.datum')}
          value={datum}
          onChange={setDatum}
          error={errors['body.datum']}
        />
        <SelectField
          id="fu-dagdeel"
          label={t('followup.contact.dagdeel')}
          value={dagdeel}
          onChange={setDagdeel}
          optional
          options={[
            { value: '', label: '—' },
            ...['Ochtend', 'Middag', 'Avond'].map((d) => ({ value: d, label: d })),
          ]}
        />
        <SelectField
          id="fu-bereikt"
          label={t('followup.contact.bereikt')}
          value={bereikt}
          onChange={setBereikt}
          options={[
            { value: 'nee', label: t('common.no') },
            { value: 'ja', label: t('common.yes') },
          ]}
        />
        <TextAreaField
          id="fu-note"
          label={t('followup.contact.note')}
          value={note}
          onChange={setNote}
          optional
        />
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('followup.contact.save')}
        </Button>
      </Fieldset>
    </form>
  );
}

function Planned({ melding: m, canWork }: { melding: MeldingView; canWork: boolean }) {
  const { t } = useTranslation();
  const done = useFollowupMutation((actionId: string) => followupApi.actionDone(actionId));
  const open = m.plannedActions.filter((a) => a.status === 'gepland');
  if (open.length === 0) return null;
  return (
    <>
      <Heading3>{t('followup.plan.planned')}</Heading3>
      <MutationError error={done.error} />
      <ul className="vangnet-list">
        {open.map((a) => (
          <li key={a.id}>
            {formatIsoDate(a.plannedFor)} {a.dagdeel ?? ''} · {t(`followup.plan.kind.${a.kind}`)}
            {a.assignedTo ? ` · ${a.assignedTo.name}` : ''}
            {a.note ? ` · ${a.note}` : ''}{' '}
            {canWork && (
              <Button appearance="subtle-button" onClick={() => done.mutate(a.id)}>
                {t('followup.plan.done')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function PlanForm({ melding: m }: { melding: MeldingView }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState('terugbellen');
  const [plannedFor, setPlannedFor] = useState(todayIso());
  const [dagdeel, setDagdeel] = useState('');
  const [note, setNote] = useState('');
  const save = useFollowupMutation(() =>
    followupApi.plan(m.id, {
      kind: kind as 'terugbellen' | 'huisbezoek' | 'afspraak' | 'overig',
      plannedFor,
      dagdeel: (dagdeel || null) as 'Ochtend' | 'Middag' | 'Avond' | null,
      ...(note ? { note } : {}),
    }),
  );
  const errors = problemFieldErrors(t, save.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(undefined);
      }}
      noValidate
    >
      <Fieldset>
        <FieldsetLegend>{t('followup.plan.title')}</FieldsetLegend>
        <MutationError error={save.error} />
        <SelectField
          id="fu-plan-kind"
          label={t('followup.plan.what')}
          value={kind}
          onChange={setKind}
          options={(['terugbellen', 'huisbezoek', 'afspraak', 'overig'] as const).map((k) => ({
            value: k,
            label: t(`followup.plan.kind.${k}`),
          }))}
        />
        <TextField
          id="fu-plan-date"
          type="date"
          label={t('followup.plan.when')}
          value={plannedFor}
          onChange={setPlannedFor}
          error={errors['body.plannedFor']}
        />
        <SelectField
          id="fu-plan-dagdeel"
          label={t('followup.contact.dagdeel')}
          value={dagdeel}
          onChange={setDagdeel}
          optional
          options={[
            { value: '', label: '—' },
            ...['Ochtend', 'Middag', 'Avond'].map((d) => ({ value: d, label: d })),
          ]}
        />
        <TextAreaField
          id="fu-plan-note"
          label={t('followup.contact.note')}
          value={note}
          onChange={setNote}
          optional
        />
        <Button type="submit" appearance="secondary-action-button" disabled={save.isPending}>
          {t('followup.plan.save')}
        </Button>
      </Fieldset>
    </form>
  );
}

function CloseForm({ melding: m }: { melding: MeldingView }) {
  const { t } = useTranslation();
  const [eindresultaat, setEindresultaat] = useState('');
  const [acceptedOn, setAcceptedOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const quickFix = eindresultaat === '(Budget)advies en/of quick fix';
  const save = useFollowupMutation(() =>
    followupApi.close(m.id, {
      version: m.version,
      eindresultaat: eindresultaat as (typeof DDAS_EINDRESULTATEN)[number],
      ...(note ? { note } : {}),
      ...(quickFix ? { quickFixAcceptedOn: acceptedOn } : {}),
    }),
  );
  const errors = problemFieldErrors(t, save.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(undefined);
      }}
      noValidate
    >
      <Fieldset>
        <FieldsetLegend>{t('followup.close.title')}</FieldsetLegend>
        <MutationError error={save.error} />
        <SelectField
          id="fu-eindresultaat"
          label={t('followup.close.result')}
          value={eindresultaat}
          onChange={setEindresultaat}
          error={errors['body.eindresultaat']}
          options={[
            { value: '', label: t('followup.close.choose') },
            ...DDAS_EINDRESULTATEN.map((r) => ({ value: r, label: r })),
          ]}
        />
        {quickFix && (
          <TextField
            id="fu-quickfix"
            type="date"
            label={t('followup.close.acceptedOn')}
            description={t('followup.close.acceptedOnHelp')}
            value={acceptedOn}
            onChange={setAcceptedOn}
            error={errors['body.quickFixAcceptedOn']}
          />
        )}
        <TextAreaField
          id="fu-close-note"
          label={t('followup.contact.note')}
          value={note}
          onChange={setNote}
          optional
        />
        <Button type="submit" appearance="secondary-action-button" disabled={save.isPending}>
          {t('followup.close.save')}
        </Button>
      </Fieldset>
    </form>
  );
}

function HandoverForm({ melding: m }: { melding: MeldingView }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState('schuldhulp');
  const [threatening, setThreatening] = useState('nee');
  const [regisseurId, setRegisseurId] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [consentGivenOn, setConsentGivenOn] = useState('');
  const colleagues = useQuery({ queryKey: ['followup', 'colleagues'], queryFn: followupApi.colleagues });
  const regisseurs = (colleagues.data?.items ?? []).filter((c) => c.roles.includes('regisseur'));
  const save = useFollowupMutation(() =>
    followupApi.handover(
      m.id,
      kind === 'schuldhulp'
        ? { kind: 'schuldhulp', version: m.version, threatening: threatening === 'ja' }
        : kind === 'regisseur'
          ? { kind: 'regisseur', version: m.version, ...(regisseurId ? { regisseurId } : {}) }
          : { kind: 'extern', version: m.version, organisation, consentGivenOn },
    ),
  );
  const errors = problemFieldErrors(t, save.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(undefined);
      }}
      noValidate
    >
      <Fieldset>
        <FieldsetLegend>{t('followup.handover.title')}</FieldsetLegend>
        <MutationError error={save.error} />
        <SelectField
          id="fu-handover-kind"
          label={t('followup.handover.to')}
          value={kind}
          onChange={setKind}
          options={(['schuldhulp', 'regisseur', 'extern'] as const).map((k) => ({
            value: k,
            label: t(`followup.handover.kind.${k}`),
          }))}
        />
        {kind === 'schuldhulp' && (
          <SelectField
            id="fu-threatening"
            label={t('followup.handover.threatening')}
            value={threatening}
            onChange={setThreatening}
            options={[
              { value: 'nee', label: t('common.no') },
              { value: 'ja', label: t('common.yes') },
            ]}
          />
        )}
        {kind === 'regisseur' && (
          <SelectField
            id="fu-regisseur"
            label={t('followup.handover.regisseur')}
            value={regisseurId}
            onChange={setRegisseurId}
            error={errors['body.regisseurId']}
            options={[
              { value: '', label: t('followup.handover.householdRegisseur') },
              ...regisseurs.map((r) => ({ value: r.id, label: r.name })),
            ]}
          />
        )}
        {kind === 'extern' && (
          <>
            <TextField
              id="fu-organisation"
              label={t('followup.handover.organisation')}
              value={organisation}
              onChange={setOrganisation}
              error={errors['body.organisation']}
            />
            <TextField
              id="fu-consent"
              type="date"
              label={t('followup.handover.consent')}
              description={t('followup.handover.consentHelp')}
              value={consentGivenOn}
              onChange={setConsentGivenOn}
              error={errors['body.consentGivenOn']}
            />
          </>
        )}
        <Button type="submit" appearance="secondary-action-button" disabled={save.isPending}>
          {t('followup.handover.save')}
        </Button>
      </Fieldset>
    </form>
  );
}

function QuickFixConfirm({ checkId }: { checkId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const confirm = useMutation({
    mutationFn: (solved: boolean) => followupApi.confirmQuickFix(checkId, solved),
    // "Not solved" reopens the melding: its status shows on the melding page outside this panel too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['followup'] }),
        queryClient.invalidateQueries({ queryKey: ['meldingen'] }),
      ]),
  });
  return (
    <div className="vangnet-section">
      <Paragraph>
        <strong>{t('followup.quickFix.question')}</strong>
      </Paragraph>
      <Paragraph>{t('followup.quickFix.notSolvedHelp')}</Paragraph>
      <MutationError error={confirm.error} />
      <ButtonGroup>
        <Button appearance="primary-action-button" onClick={() => confirm.mutate(true)}>
          {t('followup.quickFix.solved')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => confirm.mutate(false)}>
          {t('followup.quickFix.notSolved')}
        </Button>
      </ButtonGroup>
    </div>
  );
}

function Earlier({ melding: m }: { melding: MeldingView }) {
  const { t } = useTranslation();
  if (m.earlierMeldingen.length === 0) return null;
  return (
    <>
      <Heading3>{t('followup.panel.earlier')}</Heading3>
      <ul className="vangnet-list">
        {m.earlierMeldingen.map((e) => (
          <li key={e.id}>
            <AppLink to="/vroegsignalering/meldingen/$meldingId" params={{ meldingId: e.id }}>
              {formatIsoDate(e.periodStart)}
            </AppLink>{' '}
            · {t(`followup.status.${e.status}`)}
            {e.eindresultaat ? ` · ${e.eindresultaat}` : ''} ·{' '}
            {t('followup.panel.attemptsCount', { count: e.contactAttempts })}
            {e.reached ? ` · ${t('followup.panel.reached')}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

// --- Agenda and home-visit route ---------------------------------------------------------------------------

export function FollowupAgendaPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="vroegsignalering:read"
      title={t('followup.agenda.title')}
      intro={t('followup.agenda.intro')}
    >
      <Paragraph>
        <AppLink to="/vroegsignalering/route">{t('followup.route.open')}</AppLink>
      </Paragraph>
      <QueryView queryKey={['followup', 'agenda']} queryFn={followupApi.agenda}>
        {(page) =>
          page.items.length === 0 ? (
            <Paragraph>{t('followup.agenda.empty')}</Paragraph>
          ) : (
            <ul className="vangnet-list">
              {page.items.map((a) => (
                <li key={a.id}>
                  {a.overdue && <strong>{t('followup.deadline.overdue')} · </strong>}
                  {formatIsoDate(a.plannedFor)} {a.dagdeel ?? ''} · {t(`followup.plan.kind.${a.kind}`)}
                  {a.isCrisis ? ` · ${t('followup.crisis')}` : ''}
                  {a.note ? ` · ${a.note}` : ''} ·{' '}
                  <AppLink to="/vroegsignalering/meldingen/$meldingId" params={{ meldingId: a.meldingId }}>
                    {t('followup.agenda.openMelding')}
                  </AppLink>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </PermittedPage>
  );
}

export function FollowupRoutePage() {
  const { t } = useTranslation();
  const [datum, setDatum] = useState(todayIso());
  return (
    <PermittedPage
      permission="vroegsignalering:read"
      title={t('followup.route.title')}
      intro={t('followup.route.intro')}
    >
      <div className="vangnet-noprint">
        <TextField
          id="fu-route-date"
          type="date"
          label={t('followup.route.date')}
          value={datum}
          onChange={setDatum}
        />
        <ButtonGroup>
          <Button appearance="secondary-action-button" onClick={() => window.print()}>
            {t('followup.route.print')}
          </Button>
        </ButtonGroup>
      </div>
      <QueryView queryKey={['followup', 'route', datum]} queryFn={() => followupApi.route(datum)}>
        {(route) =>
          route.stops.length === 0 ? (
            <Paragraph>{t('followup.route.empty')}</Paragraph>
          ) : (
            <ol className="vangnet-route">
              {route.stops.map((s) => (
                <li key={s.actionId} className="vangnet-route__stop">
                  <Heading3>
                    {s.naam} {s.isCrisis ? `· ${t('followup.crisis')}` : ''}
                  </Heading3>
                  <Paragraph>
                    {s.adres}, {s.postcode} {s.woonplaats}
                    {s.dagdeel ? ` · ${s.dagdeel}` : ''}
                  </Paragraph>
                  {s.note && <Paragraph>{s.note}</Paragraph>}
                  <Paragraph className="vangnet-noprint">
                    <AppLink to="/vroegsignalering/meldingen/$meldingId" params={{ meldingId: s.meldingId }}>
                      {t('followup.agenda.openMelding')}
                    </AppLink>
                  </Paragraph>
                </li>
              ))}
            </ol>
          )
        }
      </QueryView>
    </PermittedPage>
  );
}

// --- My work on the home screen ----------------------------------------------------------------------------

export function MyWorkSection() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: ['followup', 'mine'], queryFn: followupApi.myWork });
  return (
    <section className="vangnet-section" aria-labelledby="home-mywork">
      <Heading2 id="home-mywork">{t('followup.mine.title')}</Heading2>
      {mine.isError && <ErrorAlert error={mine.error} />}
      {mine.data && (
        <>
          <Paragraph>
            {t('followup.mine.summary', {
              assigned: mine.data.assigned,
              overdue: mine.data.overdue,
              dueSoon: mine.data.dueSoon,
              actions: mine.data.actionsToday,
            })}
          </Paragraph>
          {mine.data.quickFixToConfirm > 0 && (
            <Paragraph>
              <strong>{t('followup.mine.quickFix', { count: mine.data.quickFixToConfirm })}</strong>
            </Paragraph>
          )}
          {mine.data.next.length > 0 && (
            <ul className="vangnet-list">
              {mine.data.next.map((m) => (
                <li key={m.id}>
                  <AppLink to="/vroegsignalering/meldingen/$meldingId" params={{ meldingId: m.id }}>
                    {m.queueName ?? ''} {formatIsoDate(m.periodStart)} · {m.partnerTypes.join(', ')}
                  </AppLink>{' '}
                  · <DeadlineBadge state={m.deadlines.state} />
                </li>
              ))}
            </ul>
          )}
          <Paragraph>
            <AppLink to="/vroegsignalering/werk">{t('followup.mine.toWork')}</AppLink> ·{' '}
            <AppLink to="/vroegsignalering/agenda">{t('followup.mine.toAgenda')}</AppLink>
          </Paragraph>
        </>
      )}
    </section>
  );
}
