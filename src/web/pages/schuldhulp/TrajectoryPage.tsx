// One debt-help trajectory: where it stands (the phases as DDAS SHV names them), the statutory clocks and their
// reminders, a form for every step (aanmelding to uitstroom), the periods (crisis interventions, moratoria,
// voorlopige voorzieningen, begeleiding) and the debt totals with a link to the debts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Heading3,
  OrderedList,
  OrderedListItem,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SHV_BEGELEIDINGSSOORTEN,
  SHV_BESCHIKKINGSSOORTEN,
  SHV_OPLOSSINGSSOORTEN,
  SHV_PERIOD_KINDS,
  SHV_PHASES,
  SHV_UITSTROOMREDENEN,
  type ShvPeriodKind,
} from '../../../shared/ddas-shv.ts';
import { DataTable, Loading, RequirePermission } from '../../components/common.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert, FocusedSuccessAlert } from '../../components/problem.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { hasPermission, useSession } from '../../session.ts';
import { formatIsoDate } from '../../vroegsignalering/labels.tsx';
import { formatEuros } from '../../vroegsignalering/money.ts';
import { keys, type Period, schuldhulpApi, type Trajectory } from './api.ts';
import { ReminderItem, trajectoryLabel } from './CaseloadPage.tsx';
import {
  begeleidingName,
  beschikkingName,
  ClockBadge,
  clockName,
  Disclosure,
  type FieldSpec,
  type FormValues,
  initialValue,
  oplossingName,
  periodName,
  phaseName,
  RecordForm,
  threatName,
  uitstroomName,
} from './parts.tsx';
import './schuldhulp.css';

/** The title of a trajectory's pages: the residents' names. */
export function useTrajectory(trajectoryId: string) {
  return useQuery({
    queryKey: keys.trajectory(trajectoryId),
    queryFn: () => schuldhulpApi.trajectory(trajectoryId),
  });
}

export function trajectoryName(t: TFunction, view: Trajectory): string {
  return trajectoryLabel(t, { clients: view.clients, requestedOn: view.aanmelding.startdatum });
}

export function TrajectoryPage({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const query = useTrajectory(trajectoryId);
  const title = query.data
    ? t('schuldhulp.trajectory.title', { name: trajectoryName(t, query.data) })
    : t('schuldhulp.trajectory.titleLoading');
  usePageTitle(title);
  return (
    <RequirePermission anyOf={['schuldhulp:read']}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <AppLink to="/schuldhulp">{t('schuldhulp.trajectory.back')}</AppLink>
      </Paragraph>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && <TrajectoryView view={query.data} />}
    </RequirePermission>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="vangnet-section" aria-labelledby={id}>
      <Heading2 id={id}>{title}</Heading2>
      {children}
    </section>
  );
}

function Facts({ items }: { items: [label: string, value: ReactNode][] }) {
  return (
    <DataList className="vangnet-shv-facts">
      {items.map(([label, value]) => (
        <DataListItem key={label}>
          <DataListKey>{label}</DataListKey>
          <DataListValue>{value}</DataListValue>
        </DataListItem>
      ))}
    </DataList>
  );
}

function TrajectoryView({ view }: { view: Trajectory }) {
  const { t } = useTranslation();
  const session = useSession();
  const canManage = hasPermission(session, 'schuldhulp:manage') && !view.uitstroom.datum;
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      {view.uitstroom.datum && <Alert type="info">{t('schuldhulp.trajectory.ended')}</Alert>}
      {saved && (
        <FocusedSuccessAlert key={saved}>
          <Paragraph>{saved}</Paragraph>
        </FocusedSuccessAlert>
      )}
      <Section id="shv-overview" title={t('schuldhulp.trajectory.overview')}>
        <PhaseBar view={view} />
        <Facts
          items={[
            [t('schuldhulp.trajectory.phase'), phaseName(t, view.phase)],
            [t('schuldhulp.trajectory.requestedOn'), formatIsoDate(view.aanmelding.startdatum)],
            [
              t('schuldhulp.trajectory.threatening'),
              view.aanmelding.isThreatening
                ? view.aanmelding.threatKind
                  ? threatName(t, view.aanmelding.threatKind)
                  : t('common.yes')
                : t('common.no'),
            ],
            [
              t('schuldhulp.trajectory.counsellor'),
              view.counsellor?.name ?? t('schuldhulp.caseload.noCounsellor'),
            ],
            [
              t('schuldhulp.trajectory.clients'),
              view.clients.length === 0
                ? t('schuldhulp.trajectory.noClients')
                : view.clients
                    .map((c) =>
                      c.bsn
                        ? t('schuldhulp.trajectory.clientWithBsn', {
                            name: c.name,
                            date: formatIsoDate(c.geboortedatum),
                            bsn: c.bsn,
                          })
                        : t('schuldhulp.trajectory.client', {
                            name: c.name,
                            date: formatIsoDate(c.geboortedatum),
                          }),
                    )
                    .join('; '),
            ],
            [
              t('schuldhulp.trajectory.household'),
              <AppLink key="hh" to="/huishoudens/$householdId" params={{ householdId: view.householdCaseId }}>
                {t('schuldhulp.trajectory.householdLink')}
              </AppLink>,
            ],
            ...(view.note ? [[t('schuldhulp.trajectory.note'), view.note] as [string, ReactNode]] : []),
          ]}
        />
      </Section>
      <ClocksSection view={view} />
      <Section id="shv-debts" title={t('schuldhulp.trajectory.debtsTitle')}>
        <Paragraph>
          {t('schuldhulp.trajectory.debtsSummary', {
            count: view.debtTotals.total.count,
            amount: formatEuros(view.debtTotals.total.currentCents),
          })}
        </Paragraph>
        <Paragraph>
          <AppLink to="/schuldhulp/trajecten/$trajectoryId/schulden" params={{ trajectoryId: view.id }}>
            {t('schuldhulp.trajectory.debtsLink')}
          </AppLink>
        </Paragraph>
      </Section>
      <StepsSection view={view} canManage={canManage} onSaved={setSaved} />
      <PeriodsSection view={view} canManage={canManage} onSaved={setSaved} />
    </>
  );
}

/** The NVVK phases in order; the current one is marked in words and with aria-current. */
function PhaseBar({ view }: { view: Trajectory }) {
  const { t } = useTranslation();
  const current = SHV_PHASES.indexOf(view.phase);
  return (
    <OrderedList className="vangnet-shv-phases" aria-label={t('schuldhulp.trajectory.phasesLabel')}>
      {SHV_PHASES.map((p, i) => (
        <OrderedListItem
          key={p}
          aria-current={i === current ? 'step' : undefined}
          className={`vangnet-shv-phase vangnet-shv-phase--${i < current ? 'done' : i === current ? 'current' : 'later'}`}
        >
          {phaseName(t, p)}
          {i === current && <strong> {t('schuldhulp.trajectory.now')}</strong>}
        </OrderedListItem>
      ))}
    </OrderedList>
  );
}

function ClocksSection({ view }: { view: Trajectory }) {
  const { t } = useTranslation();
  const reminders = useQuery({
    queryKey: keys.reminders(true),
    queryFn: () => schuldhulpApi.reminders(true),
  });
  const mine = reminders.data?.items.filter((r) => r.trajectoryId === view.id) ?? [];
  return (
    <Section id="shv-clocks" title={t('schuldhulp.clocks.title')}>
      <Paragraph>{t('schuldhulp.clocks.intro')}</Paragraph>
      <DataTable caption={t('schuldhulp.clocks.caption')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('schuldhulp.clocks.clock')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('schuldhulp.clocks.rule')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('schuldhulp.clocks.started')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('schuldhulp.clocks.due')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('schuldhulp.clocks.metOn')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('schuldhulp.clocks.state')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {view.clocks.map((c) => (
            <TableRow key={`${c.clock}-${c.periodId ?? ''}`}>
              <TableHeaderCell scope="row">{clockName(t, c.clock)}</TableHeaderCell>
              <TableCell className="vangnet-shv-rule">{t(`schuldhulp.clocks.rules.${c.clock}`)}</TableCell>
              <TableCell>{formatIsoDate(c.startedOn)}</TableCell>
              <TableCell>{formatIsoDate(c.due)}</TableCell>
              <TableCell>{c.metOn ? formatIsoDate(c.metOn) : t('schuldhulp.clocks.notYet')}</TableCell>
              <TableCell>
                <ClockBadge clock={c} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
      <Heading3>{t('schuldhulp.reminders.forTrajectory')}</Heading3>
      {reminders.isError && <ErrorAlert error={reminders.error} />}
      {reminders.data &&
        (mine.length === 0 ? (
          <Paragraph>{t('schuldhulp.reminders.noneHere')}</Paragraph>
        ) : (
          <UnorderedList>
            {mine.map((r) => (
              <ReminderItem key={r.id} r={r} link={false} />
            ))}
          </UnorderedList>
        ))}
    </Section>
  );
}

// --- Steps -------------------------------------------------------------------------------------------------

type StepName =
  | 'aanmelding'
  | 'informatieEnAdvies'
  | 'intake'
  | 'beschikking'
  | 'planVanAanpak'
  | 'stabilisatie'
  | 'oplossing'
  | 'schuldregeling'
  | 'nazorg'
  | 'uitstroom';

const STEPS: StepName[] = [
  'aanmelding',
  'informatieEnAdvies',
  'intake',
  'beschikking',
  'planVanAanpak',
  'stabilisatie',
  'oplossing',
  'schuldregeling',
  'nazorg',
  'uitstroom',
];

/** A step: its fields, what the trajectory holds for them now, and whether it has been recorded. */
interface Step {
  specs: FieldSpec[];
  current: Record<string, unknown>;
  recorded: boolean;
}

function stepOf(t: TFunction, step: StepName, v: Trajectory): Step {
  /** A field; `labelKey` names its label under schuldhulp.fields when the API name is not the best words. */
  const f = (
    name: string,
    kind: FieldSpec['kind'],
    { labelKey, ...extra }: Partial<FieldSpec> & { labelKey?: string } = {},
  ): FieldSpec => ({
    name,
    kind,
    label: t(`schuldhulp.fields.${labelKey ?? name}` as 'schuldhulp.fields.startdatum'),
    ...extra,
  });
  const startEnd = (labelKey = 'startdatum') => [
    f('startdatum', 'date', { labelKey }),
    f('einddatum', 'date', { optional: true }),
  ];
  switch (step) {
    case 'aanmelding':
      return {
        specs: [f('crisisinterventie', 'bool'), f('einddatum', 'date', { optional: true })],
        current: v.aanmelding,
        recorded: true,
      };
    case 'informatieEnAdvies':
      return {
        specs: startEnd(),
        current: v.informatieEnAdvies,
        recorded: !!v.informatieEnAdvies.startdatum,
      };
    case 'intake':
      return {
        specs: startEnd('eersteGesprek'),
        current: v.intake,
        recorded: !!v.intake.startdatum,
      };
    case 'beschikking':
      return {
        specs: [
          f('datum', 'date', { labelKey: 'beschikkingsdatum' }),
          f('soort', 'select', {
            labelKey: 'beschikkingssoort',
            options: SHV_BESCHIKKINGSSOORTEN.map((s) => ({ value: s, label: beschikkingName(t, s) })),
          }),
        ],
        current: { datum: v.intake.beschikkingsdatum, soort: v.intake.beschikkingssoort },
        recorded: !!v.intake.beschikkingsdatum,
      };
    case 'planVanAanpak':
      return {
        specs: [f('datumAfronding', 'date')],
        current: v.planVanAanpak,
        recorded: !!v.planVanAanpak.datumAfronding,
      };
    case 'stabilisatie':
      return { specs: startEnd(), current: v.stabilisatie, recorded: !!v.stabilisatie.startdatum };
    case 'oplossing':
      return {
        specs: [
          f('soort', 'select', {
            labelKey: 'oplossingssoort',
            options: SHV_OPLOSSINGSSOORTEN.map((s) => ({ value: s, label: oplossingName(t, s) })),
          }),
          ...startEnd(),
          f('vtlbCents', 'euros', { optional: true, description: t('schuldhulp.fields.vtlbHelp') }),
        ],
        current: v.oplossing,
        recorded: !!v.oplossing.startdatum,
      };
    case 'schuldregeling':
      return {
        specs: [
          f('datum', 'date', { labelKey: 'schuldregelingDatum' }),
          f('toegekend', 'date', { optional: true }),
          f('afgewezen', 'date', { optional: true }),
          f('ingetrokken', 'date', { optional: true }),
          f('dwangakkoord', 'bool', { description: t('schuldhulp.fields.dwangakkoordHelp') }),
          f('datumVerzoekDwangakkoord', 'date', { optional: true }),
        ],
        current: v.schuldregeling,
        recorded: !!v.schuldregeling.datum,
      };
    case 'nazorg':
      return { specs: startEnd(), current: v.nazorg, recorded: !!v.nazorg.startdatum };
    case 'uitstroom':
      return {
        specs: [
          f('datum', 'date', { labelKey: 'uitstroomDatum' }),
          f('reden', 'select', {
            labelKey: 'uitstroomReden',
            options: SHV_UITSTROOMREDENEN.map((s) => ({ value: s, label: uitstroomName(t, s) })),
          }),
          f('omschrijving', 'longtext', { optional: true }),
          f('datumBeeindigingsbeschikking', 'date', { optional: true }),
        ],
        current: v.uitstroom,
        recorded: !!v.uitstroom.datum,
      };
  }
}

/** A recorded value as text: dates as dates, codes by their name, cents as euros. */
function shown(t: TFunction, step: StepName, spec: FieldSpec, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (spec.kind === 'bool') return value ? t('common.yes') : t('common.no');
  if (spec.kind === 'date' && typeof value === 'string') return formatIsoDate(value);
  if (spec.kind === 'euros' && typeof value === 'number') return formatEuros(value);
  if (spec.kind === 'select' && typeof value === 'string') {
    if (step === 'beschikking') return beschikkingName(t, value as never);
    if (step === 'oplossing') return oplossingName(t, value as never);
    if (step === 'uitstroom') return uitstroomName(t, value as never);
  }
  return String(value);
}

function StepsSection({
  view,
  canManage,
  onSaved,
}: {
  view: Trajectory;
  canManage: boolean;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Section id="shv-steps" title={t('schuldhulp.steps.title')}>
      <Paragraph>{t('schuldhulp.steps.intro')}</Paragraph>
      <OrderedList className="vangnet-shv-steps">
        {STEPS.map((step) => (
          <StepItem key={step} step={step} view={view} canManage={canManage} onSaved={onSaved} />
        ))}
      </OrderedList>
    </Section>
  );
}

function useTrajectoryChange(view: Trajectory, onDone: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (send: () => Promise<Trajectory>) => send(),
    onSuccess: async (updated) => {
      queryClient.setQueryData(keys.trajectory(view.id), updated);
      await queryClient.invalidateQueries({ queryKey: ['schuldhulp', 'list'] });
      await queryClient.invalidateQueries({ queryKey: ['schuldhulp', 'reminders'] });
      onDone();
    },
  });
}

function StepItem({
  step,
  view,
  canManage,
  onSaved,
}: {
  step: StepName;
  view: Trajectory;
  canManage: boolean;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const { specs, current, recorded } = stepOf(t, step, view);
  const title = t(`schuldhulp.steps.${step}.title`);
  const headingId = `shv-step-${step}`;
  const values = specs
    .map((s) => [s.label, shown(t, step, s, current[s.name])] as const)
    .filter((x): x is readonly [string, string] => x[1] !== null);
  return (
    <OrderedListItem className="vangnet-shv-step">
      <article aria-labelledby={headingId}>
        <Heading3 id={headingId}>{title}</Heading3>
        <Paragraph>
          <span className={`vangnet-shv-status vangnet-shv-status--${recorded ? 'done' : 'open'}`}>
            {recorded ? t('schuldhulp.steps.recorded') : t('schuldhulp.steps.notRecorded')}
          </span>
        </Paragraph>
        <Paragraph className="vangnet-muted">{t(`schuldhulp.steps.${step}.help`)}</Paragraph>
        {recorded && values.length > 0 && <Facts items={values.map(([k, v]) => [k, v])} />}
        {canManage && <StepForm step={step} view={view} specs={specs} current={current} onSaved={onSaved} />}
      </article>
    </OrderedListItem>
  );
}

function StepForm({
  step,
  view,
  specs,
  current,
  onSaved,
}: {
  step: StepName;
  view: Trajectory;
  specs: FieldSpec[];
  current: Record<string, unknown>;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const title = t(`schuldhulp.steps.${step}.title`);
  const label = t('schuldhulp.steps.record', { step: title });
  const initial: FormValues = Object.fromEntries(
    specs.map((s) => [s.name, initialValue(s, current[s.name])]),
  );
  return (
    <Disclosure label={label}>
      {(close) => (
        <StepFormBody
          step={step}
          view={view}
          specs={specs}
          initial={initial}
          label={label}
          close={close}
          onSaved={() => onSaved(t('schuldhulp.steps.saved', { step: title }))}
        />
      )}
    </Disclosure>
  );
}

function StepFormBody({
  step,
  view,
  specs,
  initial,
  label,
  close,
  onSaved,
}: {
  step: StepName;
  view: Trajectory;
  specs: FieldSpec[];
  initial: FormValues;
  label: string;
  close: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const change = useTrajectoryChange(view, () => {
    close();
    onSaved();
  });
  return (
    <RecordForm
      prefix={`shv-${step}`}
      level={4}
      title={label}
      submitLabel={t('schuldhulp.form.save')}
      specs={specs}
      initial={initial}
      busy={change.isPending}
      error={change.error}
      onCancel={close}
      onSubmit={(body) =>
        change.mutate(() =>
          schuldhulpApi.recordPhase(view.id, { ...body, fase: step, version: view.version } as never),
        )
      }
    />
  );
}

// --- Periods -----------------------------------------------------------------------------------------------

function periodSpecs(t: TFunction, kind: ShvPeriodKind): FieldSpec[] {
  const f = (name: string, kind: FieldSpec['kind'], extra: Partial<FieldSpec> = {}): FieldSpec => ({
    name,
    kind,
    label: t(`schuldhulp.fields.${name}` as 'schuldhulp.fields.startdatum'),
    ...extra,
  });
  const dates = [f('startdatum', 'date'), f('einddatum', 'date', { optional: true })];
  switch (kind) {
    case 'moratorium':
      return [
        ...dates,
        f('datumAanvraag', 'date', { optional: true }),
        f('datumGoedkeuring', 'date', { optional: true }),
      ];
    case 'begeleiding':
      return [
        f('begeleidingssoort', 'select', {
          options: SHV_BEGELEIDINGSSOORTEN.map((s) => ({ value: s, label: begeleidingName(t, s) })),
        }),
        ...dates,
      ];
    default:
      return dates;
  }
}

function periodDetails(t: TFunction, p: Period): string {
  const parts: string[] = [];
  if (p.begeleidingssoort) parts.push(begeleidingName(t, p.begeleidingssoort));
  if (p.requestedOn) parts.push(`${t('schuldhulp.fields.datumAanvraag')}: ${formatIsoDate(p.requestedOn)}`);
  if (p.approvedOn) parts.push(`${t('schuldhulp.fields.datumGoedkeuring')}: ${formatIsoDate(p.approvedOn)}`);
  return parts.join('; ');
}

function PeriodsSection({
  view,
  canManage,
  onSaved,
}: {
  view: Trajectory;
  canManage: boolean;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [ending, setEnding] = useState<string | null>(null);
  const endingPeriod = view.periods.find((p) => p.id === ending);
  return (
    <Section id="shv-periods" title={t('schuldhulp.periods.title')}>
      <Paragraph>{t('schuldhulp.periods.intro')}</Paragraph>
      {view.periods.length === 0 ? (
        <Paragraph>{t('schuldhulp.periods.none')}</Paragraph>
      ) : (
        <DataTable caption={t('schuldhulp.periods.caption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('schuldhulp.periods.kind')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('schuldhulp.fields.startdatum')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('schuldhulp.fields.einddatum')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('schuldhulp.periods.details')}</TableHeaderCell>
              {canManage && <TableHeaderCell scope="col">{t('schuldhulp.periods.action')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {view.periods.map((p) => (
              <TableRow key={p.id}>
                <TableHeaderCell scope="row">{periodName(t, p.kind)}</TableHeaderCell>
                <TableCell>{formatIsoDate(p.startOn)}</TableCell>
                <TableCell>{p.endOn ? formatIsoDate(p.endOn) : t('schuldhulp.periods.running')}</TableCell>
                <TableCell>{periodDetails(t, p) || t('schuldhulp.caseload.none')}</TableCell>
                {canManage && (
                  <TableCell>
                    <AppButton
                      label={t('schuldhulp.periods.change', {
                        kind: periodName(t, p.kind),
                        date: formatIsoDate(p.startOn),
                      })}
                      onClick={() => setEnding(p.id)}
                    >
                      {t('schuldhulp.periods.changeShort')}
                    </AppButton>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
      {canManage && endingPeriod && (
        <EndPeriodForm
          key={endingPeriod.id}
          view={view}
          period={endingPeriod}
          close={() => setEnding(null)}
          onSaved={onSaved}
        />
      )}
      {canManage && (
        <div className="vangnet-shv-buttons">
          {SHV_PERIOD_KINDS.map((kind) => (
            <AddPeriod key={kind} kind={kind} view={view} onSaved={onSaved} />
          ))}
        </div>
      )}
    </Section>
  );
}

/** A small button whose accessible name says which row it acts on. */
function AppButton({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button appearance="secondary-action-button" aria-label={label} onClick={onClick}>
      {children}
    </Button>
  );
}

function AddPeriod({
  kind,
  view,
  onSaved,
}: {
  kind: ShvPeriodKind;
  view: Trajectory;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const label = t('schuldhulp.periods.add', { kind: periodName(t, kind) });
  const specs = periodSpecs(t, kind);
  return (
    <Disclosure label={label}>
      {(close) => (
        <PeriodFormBody kind={kind} view={view} specs={specs} label={label} close={close} onSaved={onSaved} />
      )}
    </Disclosure>
  );
}

function PeriodFormBody({
  kind,
  view,
  specs,
  label,
  close,
  onSaved,
}: {
  kind: ShvPeriodKind;
  view: Trajectory;
  specs: FieldSpec[];
  label: string;
  close: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const change = useTrajectoryChange(view, () => {
    close();
    onSaved(t('schuldhulp.periods.saved', { kind: periodName(t, kind) }));
  });
  const initial: FormValues = Object.fromEntries(specs.map((s) => [s.name, initialValue(s, null)]));
  return (
    <RecordForm
      prefix={`shv-period-${kind}`}
      title={label}
      submitLabel={t('schuldhulp.form.save')}
      specs={specs}
      initial={initial}
      busy={change.isPending}
      error={change.error}
      onCancel={close}
      onSubmit={(body) =>
        change.mutate(() =>
          schuldhulpApi.addPeriod(view.id, { ...body, soort: kind, version: view.version } as never),
        )
      }
    />
  );
}

function EndPeriodForm({
  view,
  period,
  close,
  onSaved,
}: {
  view: Trajectory;
  period: Period;
  close: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const specs: FieldSpec[] = [
    {
      name: 'einddatum',
      kind: 'date',
      label: t('schuldhulp.fields.einddatum'),
      optional: true,
      description: t('schuldhulp.periods.endHelp'),
    },
    ...(period.kind === 'moratorium'
      ? [
          {
            name: 'datumGoedkeuring',
            kind: 'date' as const,
            label: t('schuldhulp.fields.datumGoedkeuring'),
            optional: true,
          },
        ]
      : []),
  ];
  const change = useTrajectoryChange(view, () => {
    close();
    onSaved(t('schuldhulp.periods.saved', { kind: periodName(t, period.kind) }));
  });
  const title = t('schuldhulp.periods.change', {
    kind: periodName(t, period.kind),
    date: formatIsoDate(period.startOn),
  });
  return (
    <RecordForm
      prefix="shv-period-end"
      title={title}
      submitLabel={t('schuldhulp.form.save')}
      specs={specs}
      initial={{ einddatum: period.endOn ?? '', datumGoedkeuring: period.approvedOn ?? '' }}
      busy={change.isPending}
      error={change.error}
      onCancel={close}
      onSubmit={(body) =>
        change.mutate(() =>
          schuldhulpApi.changePeriod(period.id, { ...body, version: view.version } as never),
        )
      }
    />
  );
}
