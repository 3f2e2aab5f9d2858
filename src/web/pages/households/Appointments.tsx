// The household page's appointments, the preparation call before the first conversation (the list of documents
// to bring, sent by letter or e-mail in the resident's language) and the reminders for referrals without an
// answer; and the caseload's list of those reminders. The server decides what a caller sees: a network member
// gets the appointments only (with the plan's consent), the regisseur may change them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Heading2,
  Heading3,
  Link,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  APPOINTMENT_MODES,
  APPOINTMENT_PURPOSES,
  type AppointmentMode,
  type AppointmentPurpose,
  CHECKLIST_CODES,
  CHECKLIST_TEXTS,
  type ChecklistCode,
  PREPARATION_LANGUAGES,
  type PreparationChannel,
  type PreparationLanguage,
} from '../../../shared/schemas/household-appointments.ts';
import { TEMPLATE_LANGUAGE_META } from '../../../shared/schemas/outreach.ts';
import { type InvalidParam, isApiProblem } from '../../api.ts';
import { DataTable, Loading } from '../../components/common.tsx';
import {
  CheckboxField,
  CheckboxGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert, fieldMessage } from '../../components/problem.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import { formatIsoDate, todayIso } from '../../vroegsignalering/labels.tsx';
import type { HouseholdView } from './api.ts';
import {
  type Appointment,
  type AppointmentsView,
  appointmentsApi,
  appointmentsKeys,
  type Preparation,
  type ReferralReminder,
} from './appointments-api.ts';
import { Disclosure, FormButtons, Section } from './parts.tsx';

const K = 'households.appointments';

/** Field errors of a failed save: our own codes in plain language, otherwise the shared messages. */
function useFieldErrors(error: unknown, prefix: string, labels: Record<string, string>) {
  const { t } = useTranslation();
  const fields: Record<string, string | undefined> = {};
  if (isApiProblem(error)) {
    for (const [name, param] of Object.entries(error.fieldErrors())) {
      fields[name] = ownMessage(t, param) ?? fieldMessage(t, param);
    }
  }
  const conflict = isApiProblem(error) && error.status === 409 ? t(`${K}.stale`) : undefined;
  const alert = error ? (
    <ErrorAlert
      error={error}
      message={conflict}
      fields={Object.entries(fields).map(([name, message]) => ({
        // A field of a list (networkMemberIds.0) is pointed at through its group.
        id: `${prefix}-${name.replace(/\.\d+$/, '').replace(/\./g, '-')}`,
        label: labels[name] ?? labels[name.split('.')[0] ?? ''] ?? name,
        message,
      }))}
    />
  ) : null;
  return { fields, alert };
}

function ownMessage(t: TFunction, param: InvalidParam): string | undefined {
  const text = t(`${K}.errors.${param.code}` as `${typeof K}.errors.in_past`, { defaultValue: '' });
  return text || undefined;
}

/** Saves through the API, puts the answered view in the cache and refreshes the household (its timeline). */
function useSave<A>(householdId: string, fn: (args: A) => Promise<AppointmentsView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (view) => {
      queryClient.setQueryData(appointmentsKeys.view(householdId), view);
      await queryClient.invalidateQueries({ queryKey: ['households', 'view', householdId] });
      await queryClient.invalidateQueries({ queryKey: ['households', 'timeline', householdId] });
      await queryClient.invalidateQueries({ queryKey: ['households', 'caseload'] });
      await queryClient.invalidateQueries({ queryKey: ['households', 'reminders'] });
    },
  });
}

/** "di 12 mei 2026, 10:00 tot 11:00" in the user's language and time zone. */
function timeRange(t: TFunction, a: { startsAt: string; endsAt: string }): string {
  return t(`${K}.timeRange`, {
    date: formatDateTime(a.startsAt, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' }),
    start: formatDateTime(a.startsAt, { hour: '2-digit', minute: '2-digit' }),
    end: formatDateTime(a.endsAt, { hour: '2-digit', minute: '2-digit' }),
  });
}

/** A local date and time of the form as an ISO moment (the browser knows the time zone). */
function moment(date: string, time: string): string {
  const d = new Date(`${date}T${time || '00:00'}`);
  return Number.isNaN(d.getTime()) ? `${date}T${time}` : d.toISOString();
}

// --- The household page ------------------------------------------------------------------------------------

/** Appointments, the preparation call and reminders of one household; nothing when the plan is not shared. */
export function HouseholdAppointments({ view }: { view: HouseholdView }) {
  const visible = view.access.level === 'professional' || view.access.categories.includes('plan');
  if (!visible) return null;
  return <Sections view={view} />;
}

function Sections({ view }: { view: HouseholdView }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: appointmentsKeys.view(view.id),
    queryFn: () => appointmentsApi.view(view.id),
  });
  const data = query.data;
  return (
    <>
      <Section id="hh-appointments" title={t(`${K}.title`)}>
        <Paragraph>{t(`${K}.intro`)}</Paragraph>
        {query.isPending && <Loading />}
        {query.isError && <ErrorAlert error={query.error} />}
        {data && data.appointments.length === 0 && <Paragraph>{t(`${K}.none`)}</Paragraph>}
        {data?.appointments.map((a) => (
          <AppointmentCard key={a.id} view={view} appointment={a} canManage={data.canManage} />
        ))}
        {data?.canManage && <AppointmentForm view={view} />}
      </Section>
      {data?.preparations && <PreparationSection view={view} data={data} preparations={data.preparations} />}
      {data?.reminders && <HouseholdReminders reminders={data.reminders} />}
    </>
  );
}

function AppointmentCard({
  view,
  appointment: a,
  canManage,
}: {
  view: HouseholdView;
  appointment: Appointment;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const headingId = `appointment-${a.id}`;
  const where =
    a.mode === 'telefoon'
      ? t(`${K}.modes.telefoon`)
      : `${t(`${K}.modes.${a.mode}`)}${a.location ? `: ${a.location}` : ''}`;
  const people = [
    ...(a.professional ? [a.professional.name] : []),
    ...a.networkMembers.map((n) => (n.organisation ? `${n.name} (${n.organisation})` : n.name)),
  ];
  return (
    <article className={`vangnet-hh-goal vangnet-hh-appointment--${a.status}`} aria-labelledby={headingId}>
      <Heading3 id={headingId}>
        {t(`${K}.purposes.${a.purpose}`)}: {timeRange(t, a)}
      </Heading3>
      <dl className="vangnet-hh-step__facts">
        <dt>{t(`${K}.status`)}</dt>
        <dd>
          {t(`${K}.statuses.${a.status}`)}
          {a.statusReason ? ` (${a.statusReason})` : ''}
        </dd>
        <dt>{t(`${K}.how`)}</dt>
        <dd>{where}</dd>
        <dt>{t(`${K}.with`)}</dt>
        <dd>{people.join(', ') || t('households.common.no')}</dd>
        {a.note && (
          <>
            <dt>{t(`${K}.note`)}</dt>
            <dd>{a.note}</dd>
          </>
        )}
      </dl>
      {canManage && a.status === 'gepland' && <OutcomeForm view={view} appointment={a} />}
    </article>
  );
}

function OutcomeForm({ view, appointment: a }: { view: HouseholdView; appointment: Appointment }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'gehouden' | 'geannuleerd' | 'niet_verschenen'>(
    new Date(a.startsAt).getTime() <= Date.now() ? 'gehouden' : 'geannuleerd',
  );
  const [reason, setReason] = useState('');
  const save = useSave(view.id, () =>
    appointmentsApi.update(a.id, { version: a.version, status, ...(reason ? { reason } : {}) }),
  );
  const prefix = `hh-ap-${a.id}`;
  const { fields, alert } = useFieldErrors(save.error, prefix, {
    status: t(`${K}.outcomeLabel`),
    reason: t(`${K}.reason`),
  });
  return (
    <Disclosure label={t(`${K}.outcome`)}>
      {(close) => (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate(undefined, { onSuccess: close });
          }}
        >
          {alert}
          <SelectField
            id={`${prefix}-status`}
            label={t(`${K}.outcomeLabel`)}
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            error={fields.status}
            options={(['gehouden', 'niet_verschenen', 'geannuleerd'] as const).map((s) => ({
              value: s,
              label: t(`${K}.statuses.${s}`),
            }))}
          />
          <TextAreaField
            id={`${prefix}-reason`}
            label={t(`${K}.reason`)}
            value={reason}
            onChange={setReason}
            error={fields.reason}
            optional={status !== 'geannuleerd'}
          />
          <FormButtons busy={save.isPending} submit={t(`${K}.outcomeSubmit`)} onCancel={close} />
        </form>
      )}
    </Disclosure>
  );
}

function AppointmentForm({ view }: { view: HouseholdView }) {
  const { t } = useTranslation();
  const network = (view.network ?? []).filter((n) => !n.endedOn);
  const [date, setDate] = useState('');
  const [start, setStart] = useState('10:00');
  const [end, setEnd] = useState('11:00');
  const [mode, setMode] = useState<AppointmentMode>('locatie');
  const [location, setLocation] = useState('');
  const [purpose, setPurpose] = useState<AppointmentPurpose>('eerste_gesprek');
  const [networkMemberIds, setNetworkMemberIds] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [held, setHeld] = useState(false);
  const save = useSave(view.id, () =>
    appointmentsApi.add(view.id, {
      startsAt: moment(date, start),
      endsAt: moment(date, end),
      mode,
      ...(mode !== 'telefoon' && location ? { location } : {}),
      purpose,
      ...(note ? { note } : {}),
      networkMemberIds,
      status: held ? 'gehouden' : 'gepland',
    }),
  );
  const prefix = 'hh-ap';
  const { fields, alert } = useFieldErrors(save.error, prefix, {
    startsAt: t(`${K}.start`),
    endsAt: t(`${K}.end`),
    location: t(`${K}.location`),
    networkMemberIds: t(`${K}.networkMembers`),
    mode: t(`${K}.mode`),
    purpose: t(`${K}.purposeLabel`),
  });
  // The error of a network member (networkMemberIds.0) belongs to the group of checkboxes.
  const networkError = Object.entries(fields).find(([name]) => name.startsWith('networkMemberIds'))?.[1];
  return (
    <Disclosure label={t(`${K}.add`)}>
      {(close) => (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate(undefined, { onSuccess: close });
          }}
        >
          {alert}
          <SelectField
            id={`${prefix}-purpose`}
            label={t(`${K}.purposeLabel`)}
            value={purpose}
            onChange={(v) => setPurpose(v as AppointmentPurpose)}
            options={APPOINTMENT_PURPOSES.map((p) => ({ value: p, label: t(`${K}.purposes.${p}`) }))}
          />
          <TextField
            id={`${prefix}-date`}
            type="date"
            label={t(`${K}.date`)}
            value={date}
            onChange={setDate}
            error={fields.startsAt && !date ? fields.startsAt : undefined}
          />
          <TextField
            id={`${prefix}-startsAt`}
            type="time"
            label={t(`${K}.start`)}
            value={start}
            onChange={setStart}
            error={fields.startsAt}
          />
          <TextField
            id={`${prefix}-endsAt`}
            type="time"
            label={t(`${K}.end`)}
            value={end}
            onChange={setEnd}
            error={fields.endsAt}
          />
          <SelectField
            id={`${prefix}-mode`}
            label={t(`${K}.mode`)}
            value={mode}
            onChange={(v) => setMode(v as AppointmentMode)}
            options={APPOINTMENT_MODES.map((m) => ({ value: m, label: t(`${K}.modes.${m}`) }))}
          />
          {mode !== 'telefoon' && (
            <TextField
              id={`${prefix}-location`}
              label={t(`${K}.location`)}
              description={t(`${K}.locationHint`)}
              value={location}
              onChange={setLocation}
              error={fields.location}
              optional={mode === 'video'}
            />
          )}
          {network.length > 0 && (
            <CheckboxGroup
              id={`${prefix}-networkMemberIds`}
              legend={t(`${K}.networkMembers`)}
              error={networkError}
              options={network.map((n) => ({
                value: n.id,
                label: n.organisation ? `${n.name} (${n.organisation})` : n.name,
              }))}
              value={networkMemberIds}
              onChange={setNetworkMemberIds}
            />
          )}
          <TextAreaField
            id={`${prefix}-note`}
            label={t(`${K}.note`)}
            value={note}
            onChange={setNote}
            optional
          />
          <CheckboxField
            id={`${prefix}-held`}
            label={t(`${K}.alreadyHeld`)}
            checked={held}
            onChange={setHeld}
          />
          <FormButtons busy={save.isPending} submit={t(`${K}.submit`)} onCancel={close} />
        </form>
      )}
    </Disclosure>
  );
}

// --- The preparation call ----------------------------------------------------------------------------------

function PreparationSection({
  view,
  data,
  preparations,
}: {
  view: HouseholdView;
  data: AppointmentsView;
  preparations: Preparation[];
}) {
  const { t } = useTranslation();
  const retry = useSave(view.id, (id: string) => appointmentsApi.retry(id));
  return (
    <Section id="hh-preparation" title={t(`${K}.preparation.title`)}>
      <Paragraph>{t(`${K}.preparation.intro`)}</Paragraph>
      {preparations.length === 0 ? (
        <Paragraph>{t(`${K}.preparation.none`)}</Paragraph>
      ) : (
        <DataTable caption={t(`${K}.preparation.caption`)}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t(`${K}.preparation.calledOn`)}</TableHeaderCell>
              <TableHeaderCell scope="col">{t(`${K}.preparation.member`)}</TableHeaderCell>
              <TableHeaderCell scope="col">{t(`${K}.preparation.sentHow`)}</TableHeaderCell>
              <TableHeaderCell scope="col">{t(`${K}.preparation.documents`)}</TableHeaderCell>
              <TableHeaderCell scope="col">{t(`${K}.status`)}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {preparations.map((p) => (
              <TableRow key={p.id}>
                <TableCell>{formatIsoDate(p.calledOn)}</TableCell>
                <TableCell>{p.member.naam}</TableCell>
                <TableCell>
                  {t(`${K}.preparation.channels.${p.channel}`)},{' '}
                  {TEMPLATE_LANGUAGE_META[p.language as PreparationLanguage]?.name ?? p.language}
                  {p.recipient ? ` (${p.recipient})` : ''}
                </TableCell>
                <TableCell>
                  <ul className="vangnet-hh-doclist">
                    {p.items.map((i) => (
                      <li key={`${i.code ?? ''}${i.text}`} lang={p.language} dir="auto">
                        {i.text}
                      </li>
                    ))}
                  </ul>
                </TableCell>
                <TableCell>
                  {t(`${K}.preparation.statuses.${p.status}`)}
                  {p.hasPdf && (
                    <>
                      {' '}
                      <Link href={appointmentsApi.pdfUrl(p.id)}>
                        {t(`${K}.preparation.pdf`, { date: formatIsoDate(p.calledOn) })}
                      </Link>
                    </>
                  )}
                  {data.canManage && p.status === 'mislukt' && (
                    <Button
                      appearance="subtle-button"
                      busy={retry.isPending}
                      onClick={() => retry.mutate(p.id)}
                    >
                      {t(`${K}.preparation.retry`)}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
      {retry.error ? <ErrorAlert error={retry.error} /> : null}
      {data.canManage && <PreparationForm view={view} data={data} />}
    </Section>
  );
}

type ChecklistOption = {
  key: string;
  code: ChecklistCode | null;
  texts: Record<PreparationLanguage, string>;
};

function PreparationForm({ view, data }: { view: HouseholdView; data: AppointmentsView }) {
  const { t } = useTranslation();
  const checklist = useQuery({ queryKey: appointmentsKeys.checklist, queryFn: appointmentsApi.checklist });
  return (
    <Disclosure label={t(`${K}.preparation.add`)}>
      {(close) =>
        checklist.data ? (
          <PreparationFields view={view} data={data} checklist={checklist.data.items} onClose={close} />
        ) : checklist.isError ? (
          <ErrorAlert error={checklist.error} />
        ) : (
          <Loading />
        )
      }
    </Disclosure>
  );
}

function PreparationFields({
  view,
  data,
  checklist,
  onClose,
}: {
  view: HouseholdView;
  data: AppointmentsView;
  checklist: {
    kind: 'standaard' | 'eigen';
    code: ChecklistCode | null;
    texts: Record<PreparationLanguage, string>;
  }[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const members = view.members ?? [];
  const planned = data.appointments.filter((a) => a.status === 'gepland');
  // The municipality's list (checked), then the other built-in documents (unchecked).
  const options: ChecklistOption[] = [
    ...checklist.map((c, i) => ({ key: c.code ?? `eigen-${i}`, code: c.code, texts: c.texts })),
    ...CHECKLIST_CODES.filter((code) => !checklist.some((c) => c.code === code)).map((code) => ({
      key: code,
      code,
      texts: CHECKLIST_TEXTS[code],
    })),
  ];
  const [calledOn, setCalledOn] = useState(todayIso());
  const [memberId, setMemberId] = useState(members[0]?.id ?? '');
  const [appointmentId, setAppointmentId] = useState(
    planned.find((a) => a.purpose === 'eerste_gesprek')?.id ?? planned[0]?.id ?? '',
  );
  const [language, setLanguage] = useState<string>(
    PREPARATION_LANGUAGES.includes(view.planLanguage as PreparationLanguage) ? view.planLanguage : 'nl',
  );
  const [channel, setChannel] = useState<PreparationChannel>('brief');
  const [recipient, setRecipient] = useState('');
  const [chosen, setChosen] = useState<string[]>(checklist.map((c, i) => c.code ?? `eigen-${i}`));
  const [own, setOwn] = useState('');
  const [note, setNote] = useState('');
  const letterLanguage = (PREPARATION_LANGUAGES as readonly string[]).includes(language)
    ? (language as PreparationLanguage)
    : 'nl';
  const save = useSave(view.id, () =>
    appointmentsApi.prepare(view.id, {
      calledOn,
      memberId,
      ...(appointmentId ? { appointmentId } : {}),
      language,
      channel,
      ...(channel === 'mail' && recipient ? { recipient } : {}),
      items: [
        ...options
          .filter((o) => chosen.includes(o.key))
          .map((o) =>
            o.code
              ? { kind: 'standaard' as const, code: o.code }
              : { kind: 'eigen' as const, text: o.texts[letterLanguage] },
          ),
        ...own
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .map((text) => ({ kind: 'eigen' as const, text })),
      ],
      ...(note ? { note } : {}),
    }),
  );
  const prefix = 'hh-pc';
  const { fields, alert } = useFieldErrors(save.error, prefix, {
    calledOn: t(`${K}.preparation.calledOn`),
    memberId: t(`${K}.preparation.member`),
    appointmentId: t(`${K}.preparation.appointment`),
    language: t(`${K}.preparation.language`),
    recipient: t(`${K}.preparation.recipient`),
    items: t(`${K}.preparation.items`),
  });
  const uiLanguage: PreparationLanguage = i18n.language.startsWith('en') ? 'en' : 'nl';
  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        save.mutate(undefined, { onSuccess: onClose });
      }}
    >
      {alert}
      <TextField
        id={`${prefix}-calledOn`}
        type="date"
        label={t(`${K}.preparation.calledOn`)}
        value={calledOn}
        onChange={setCalledOn}
        error={fields.calledOn}
      />
      <SelectField
        id={`${prefix}-memberId`}
        label={t(`${K}.preparation.member`)}
        value={memberId}
        onChange={setMemberId}
        error={fields.memberId}
        options={members.map((m) => ({ value: m.id, label: m.naam }))}
      />
      <SelectField
        id={`${prefix}-appointmentId`}
        label={t(`${K}.preparation.appointment`)}
        value={appointmentId}
        onChange={setAppointmentId}
        error={fields.appointmentId}
        options={[
          { value: '', label: t(`${K}.preparation.noAppointment`) },
          ...planned.map((a) => ({
            value: a.id,
            label: `${t(`${K}.purposes.${a.purpose}`)}: ${timeRange(t, a)}`,
          })),
        ]}
      />
      <SelectField
        id={`${prefix}-language`}
        label={t(`${K}.preparation.language`)}
        value={language}
        onChange={setLanguage}
        error={fields.language}
        options={PREPARATION_LANGUAGES.map((l) => ({
          value: l,
          label: `${TEMPLATE_LANGUAGE_META[l].name} (${l})`,
        }))}
      />
      <SelectField
        id={`${prefix}-channel`}
        label={t(`${K}.preparation.channel`)}
        value={channel}
        onChange={(v) => setChannel(v as PreparationChannel)}
        options={(['brief', 'mail'] as const).map((c) => ({
          value: c,
          label: t(`${K}.preparation.channels.${c}`),
        }))}
      />
      {channel === 'mail' && (
        <TextField
          id={`${prefix}-recipient`}
          type="email"
          label={t(`${K}.preparation.recipient`)}
          description={t(`${K}.preparation.recipientHint`)}
          value={recipient}
          onChange={setRecipient}
          error={fields.recipient}
          autoComplete="off"
          optional
        />
      )}
      <CheckboxGroup
        id={`${prefix}-items`}
        legend={t(`${K}.preparation.items`)}
        description={t(`${K}.preparation.itemsHint`)}
        error={fields.items}
        options={options.map((o) => ({ value: o.key, label: o.texts[uiLanguage] }))}
        value={chosen}
        onChange={setChosen}
      />
      <TextAreaField
        id={`${prefix}-own`}
        label={t(`${K}.preparation.ownItems`)}
        description={t(`${K}.preparation.ownItemsHint`)}
        value={own}
        onChange={setOwn}
        optional
      />
      <TextAreaField
        id={`${prefix}-note`}
        label={t(`${K}.preparation.note`)}
        value={note}
        onChange={setNote}
        optional
      />
      <FormButtons busy={save.isPending} submit={t(`${K}.preparation.submit`)} onCancel={onClose} />
    </form>
  );
}

// --- Referral reminders ------------------------------------------------------------------------------------

function referralName(t: TFunction, r: ReferralReminder): string {
  return (
    r.organisation ??
    t(`households.referrals.targets.${r.target}` as 'households.referrals.targets.overig', {
      defaultValue: r.target,
    })
  );
}

function HouseholdReminders({ reminders }: { reminders: ReferralReminder[] }) {
  const { t } = useTranslation();
  return (
    <Section id="hh-reminders" title={t(`${K}.reminders.title`)}>
      {reminders.length === 0 ? (
        <Paragraph>{t(`${K}.reminders.none`)}</Paragraph>
      ) : (
        <>
          <Paragraph>{t(`${K}.reminders.intro`)}</Paragraph>
          <ul>
            {reminders.map((r) => (
              <li key={r.id}>
                {t(`${K}.reminders.item`, { name: referralName(t, r), date: formatIsoDate(r.remindOn) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

/** The caseload's reminders: referrals of my households (or all) that still wait for an answer. */
export function CaseloadReminders({ who }: { who: string }) {
  const { t } = useTranslation();
  const regisseur = who === 'mij' ? 'mij' : 'alle';
  const list = useQuery({
    queryKey: appointmentsKeys.reminders(regisseur),
    queryFn: () => appointmentsApi.reminders(regisseur),
  });
  return (
    <section className="vangnet-section" aria-labelledby="hh-caseload-reminders">
      <Heading2 id="hh-caseload-reminders">{t(`${K}.reminders.caseloadTitle`)}</Heading2>
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && list.data.items.length === 0 && <Paragraph>{t(`${K}.reminders.none`)}</Paragraph>}
      {list.data && list.data.items.length > 0 && (
        <DataTable caption={t(`${K}.reminders.caption`)}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t(`${K}.reminders.household`)}</TableHeaderCell>
              <TableHeaderCell scope="col">{t(`${K}.reminders.referral`)}</TableHeaderCell>
              <TableHeaderCell scope="col">{t(`${K}.reminders.since`)}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.data.items.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  <AppLink to="/huishoudens/$householdId" params={{ householdId: r.householdCaseId }}>
                    {r.householdLabel || t('households.caseload.unnamed')}
                  </AppLink>
                </TableCell>
                <TableCell>{referralName(t, r)}</TableCell>
                <TableCell>{formatIsoDate(r.remindOn)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
    </section>
  );
}

/** The label of one of our timeline kinds (the household timeline asks when it does not know a kind). */
export function appointmentTimelineKind(t: TFunction, kind: string, fallback: string): string {
  return t(`${K}.timeline.${kind}` as `${typeof K}.timeline.afspraak_gepland`, { defaultValue: fallback });
}
