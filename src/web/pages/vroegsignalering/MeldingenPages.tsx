// "Meldingen": the signals of one household and period, prioritised by the afwegingskader. The worker's list
// (most urgent first, filters in the address bar) and one melding with its signals and why it is where it is.
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
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
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DDAS_SIGNAALPARTNERS } from '../../../shared/ddas.ts';
import type { ExplanationItem } from '../../../shared/schemas/rules.ts';
import { api, loadAll } from '../../api.ts';
import { type MeldingDetail, type MeldingSummary, vsApi } from '../../api-vroegsignalering.ts';
import { DataTable, PagedTable, PermittedPage, QueryView } from '../../components/common.tsx';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { formatNumber } from '../../i18n/index.ts';
import { hasPermission, useSession } from '../../session.ts';
import {
  contactStrategyLabel,
  explanationSentence,
  groupExplanation,
} from '../../vroegsignalering/explanation.ts';
import {
  CrisisBadge,
  flagLabel,
  formatIsoDate,
  formatPeriod,
  MELDING_FLAGS,
  MeldingFlagBadges,
  matchReasonLabel,
  matchStatusLabel,
  meldingStatusLabel,
  SignalFlagBadges,
  signalSourceLabel,
  todayIso,
  useListFormat,
} from '../../vroegsignalering/labels.tsx';
import {
  centsToSearch,
  type MeldingenSearch,
  SORTS,
  toMeldingFilters,
  validateMeldingenSearch,
} from '../../vroegsignalering/meldingenSearch.ts';
import { formatEuros, parseEuros } from '../../vroegsignalering/money.ts';
import { LegalHoldPanel } from '../retention/RetentionPages.tsx';
import { FollowupPanel } from './FollowupPages.tsx';
import { OutreachPanel } from './OutreachPages.tsx';

/** The filters of the list the user came from, so "Terug naar de meldingen" keeps them. */
let lastSearch: MeldingenSearch = {};

function useWorkQueues() {
  return useQuery({ queryKey: ['werkbakjes', 'all'], queryFn: vsApi.allWorkQueues });
}

function useWijken() {
  return useQuery({ queryKey: ['wijken', 'all'], queryFn: () => loadAll((cursor) => api.wijken(cursor)) });
}

interface MeldingenPageProps {
  search: MeldingenSearch;
  onSearch: (search: MeldingenSearch) => void;
}

export function MeldingenPage(props: MeldingenPageProps) {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="vroegsignalering:read"
      title={t('meldingen.title')}
      intro={t('meldingen.intro')}
    >
      <Meldingen {...props} />
    </PermittedPage>
  );
}

function Meldingen({ search, onSearch }: MeldingenPageProps) {
  const { t } = useTranslation();
  const queues = useWorkQueues();
  const wijken = useWijken();
  const list = useListFormat();
  lastSearch = search;
  const filters = toMeldingFilters(search);
  const wijkName = (id: string | null) => (id ? (wijken.data?.find((w) => w.id === id)?.name ?? '') : '');
  const today = todayIso();

  return (
    <>
      <QuickFilters search={search} onSearch={onSearch} />
      <MeldingenFilters search={search} onSearch={onSearch} />
      <PagedTable
        queryKey={['meldingen', 'list', filters]}
        load={(cursor) => vsApi.meldingen(filters, cursor)}
        caption={t('meldingen.caption')}
        rowClassName={(m) => (m.isCrisis ? 'vangnet-row--crisis' : undefined)}
        empty={t('meldingen.empty')}
        columns={[
          {
            header: t('meldingen.priority'),
            cell: (m) => (
              <span className="vangnet-priority">
                {m.priority}
                {m.isCrisis && (
                  <>
                    {' '}
                    <CrisisBadge />
                  </>
                )}
              </span>
            ),
          },
          { header: t('meldingen.queue'), cell: (m) => m.queueName ?? t('meldingen.noQueue') },
          {
            header: t('meldingen.deadline'),
            cell: (m) =>
              m.deadline ? (
                <>
                  <time dateTime={m.deadline}>{formatIsoDate(m.deadline)}</time>
                  {m.deadline < today && m.status !== 'afgesloten' && (
                    <span className="vangnet-overdue"> {t('meldingen.overdue')}</span>
                  )}
                </>
              ) : (
                ''
              ),
          },
          { header: t('meldingen.partnerTypes'), cell: (m) => list(m.partnerTypes) },
          {
            header: t('meldingen.total'),
            cell: (m) => <span className="vangnet-amount">{formatEuros(m.totalAmountCents)}</span>,
          },
          { header: t('meldingen.signalCount'), cell: (m) => m.signalCount },
          { header: t('meldingen.flags'), cell: (m) => <MeldingFlagBadges melding={m} /> },
          { header: t('meldingen.wijk'), cell: (m) => wijkName(m.wijkId) },
          { header: t('meldingen.status'), cell: (m) => meldingStatusLabel(t, m.status) },
          {
            header: t('common.actions'),
            cell: (m) => (
              <AppLink to="/vroegsignalering/meldingen/$meldingId" params={{ meldingId: m.id }}>
                {t('meldingen.open')}
                <span className="vangnet-visually-hidden">
                  {' '}
                  {t('meldingen.openDescription', {
                    period: formatPeriod(m.periodStart),
                    queue: m.queueName ?? t('meldingen.noQueue'),
                    amount: formatEuros(m.totalAmountCents),
                  })}
                </span>
              </AppLink>
            ),
          },
        ]}
      />
      {queues.isError && <Paragraph className="vangnet-muted">{t('meldingen.queuesUnavailable')}</Paragraph>}
    </>
  );
}

/** One click to a werkbakje, or to the crisis meldingen: the worker's usual starting points. */
function QuickFilters({ search, onSearch }: MeldingenPageProps) {
  const { t } = useTranslation();
  const queues = useWorkQueues();
  const options = [
    { key: 'all', label: t('meldingen.quickAll'), search: {} as MeldingenSearch },
    { key: 'crisis', label: t('meldingen.quickCrisis'), search: { flags: 'crisis' } as MeldingenSearch },
    ...(queues.data ?? [])
      .filter((q) => q.kind !== 'matching')
      .map((q) => ({ key: q.id, label: q.name, search: { queueId: q.id } as MeldingenSearch })),
  ];
  const current = JSON.stringify(search);
  return (
    <nav className="vangnet-quick-filters" aria-label={t('meldingen.quickLabel')}>
      <ul className="vangnet-inline-list">
        {options.map((o) => {
          const active = JSON.stringify(o.search) === current;
          return (
            <li key={o.key}>
              <Button
                appearance={active ? 'primary-action-button' : 'secondary-action-button'}
                aria-pressed={active}
                onClick={() => onSearch(o.search)}
              >
                {o.label}
              </Button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

interface FilterValues {
  queueId: string;
  wijkId: string;
  status: string;
  sort: string;
  partnerTypes: string[];
  minAmount: string;
  maxAmount: string;
  minAge: string;
  maxAge: string;
  flags: string[];
}

function filterValues(search: MeldingenSearch): FilterValues {
  const euros = (v: number | undefined) =>
    v === undefined ? '' : formatNumber(v, { useGrouping: false, maximumFractionDigits: 2 });
  return {
    queueId: search.queueId ?? '',
    wijkId: search.wijkId ?? '',
    status: search.status ?? '',
    sort: search.sort ?? 'priority',
    partnerTypes: search.partnerType?.split(',') ?? [],
    minAmount: euros(search.minAmount),
    maxAmount: euros(search.maxAmount),
    minAge: search.minAge?.toString() ?? '',
    maxAge: search.maxAge?.toString() ?? '',
    flags: search.flags?.split(',') ?? [],
  };
}

function MeldingenFilters({ search, onSearch }: MeldingenPageProps) {
  const { t } = useTranslation();
  const queues = useWorkQueues();
  const wijken = useWijken();
  const [values, setValues] = useState(() => filterValues(search));
  const [errors, setErrors] = useState<Partial<Record<keyof FilterValues, string>>>({});
  const key = JSON.stringify(search);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form when the address changes.
  useEffect(() => {
    setValues(filterValues(search));
    setErrors({});
  }, [key]);
  const set =
    <K extends keyof FilterValues>(k: K) =>
    (value: FilterValues[K]) =>
      setValues((v) => ({ ...v, [k]: value }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    const amount = (k: 'minAmount' | 'maxAmount') => {
      if (values[k].trim() === '') return undefined;
      const cents = parseEuros(values[k]);
      if (cents === null) found[k] = t('signaal.amountInvalid');
      return cents === null ? undefined : centsToSearch(cents);
    };
    const years = (k: 'minAge' | 'maxAge') => {
      if (values[k].trim() === '') return undefined;
      if (!/^\d{1,3}$/.test(values[k].trim())) found[k] = t('meldingen.ageInvalid');
      return values[k].trim();
    };
    const next = {
      queueId: values.queueId,
      wijkId: values.wijkId,
      status: values.status,
      sort: values.sort,
      partnerType: values.partnerTypes.join(','),
      minAmount: amount('minAmount'),
      maxAmount: amount('maxAmount'),
      minAge: years('minAge'),
      maxAge: years('maxAge'),
      flags: values.flags.join(','),
    };
    setErrors(found);
    if (Object.keys(found).length === 0) onSearch(validateMeldingenSearch(next));
  };

  const more = (['partnerType', 'minAmount', 'maxAmount', 'minAge', 'maxAge', 'flags'] as const).some(
    (k) => search[k] !== undefined,
  );
  const all = { value: '', label: t('meldingen.all') };

  return (
    <form onSubmit={onSubmit} noValidate className="vangnet-form vangnet-filters vangnet-filters--wide">
      <Fieldset>
        <FieldsetLegend>{t('meldingen.filters')}</FieldsetLegend>
        <div className="vangnet-filters__fields">
          <SelectField
            id="filter-queue"
            label={t('meldingen.queue')}
            value={values.queueId}
            onChange={set('queueId')}
            options={[all, ...(queues.data ?? []).map((q) => ({ value: q.id, label: q.name }))]}
          />
          <SelectField
            id="filter-wijk"
            label={t('meldingen.wijk')}
            value={values.wijkId}
            onChange={set('wijkId')}
            options={[all, ...(wijken.data ?? []).map((w) => ({ value: w.id, label: w.name }))]}
          />
          <SelectField
            id="filter-status"
            label={t('meldingen.status')}
            value={values.status}
            onChange={set('status')}
            options={[
              all,
              ...(['open', 'in_behandeling', 'afgesloten'] as const).map((s) => ({
                value: s,
                label: meldingStatusLabel(t, s),
              })),
            ]}
          />
          <SelectField
            id="filter-sort"
            label={t('meldingen.sort')}
            value={values.sort}
            onChange={set('sort')}
            options={SORTS.map((s) => ({ value: s, label: t(`meldingen.sorts.${s}`) }))}
          />
        </div>
        <details className="vangnet-details" open={!!more}>
          <summary className="vangnet-details__summary">{t('meldingen.moreFilters')}</summary>
          <div className="vangnet-filters__fields">
            <TextField
              id="filter-min-amount"
              label={t('meldingen.minAmount')}
              value={values.minAmount}
              onChange={set('minAmount')}
              error={errors.minAmount}
              inputMode="decimal"
              autoComplete="off"
              optional
            />
            <TextField
              id="filter-max-amount"
              label={t('meldingen.maxAmount')}
              value={values.maxAmount}
              onChange={set('maxAmount')}
              error={errors.maxAmount}
              inputMode="decimal"
              autoComplete="off"
              optional
            />
            <TextField
              id="filter-min-age"
              label={t('meldingen.minAge')}
              value={values.minAge}
              onChange={set('minAge')}
              error={errors.minAge}
              inputMode="numeric"
              autoComplete="off"
              optional
            />
            <TextField
              id="filter-max-age"
              label={t('meldingen.maxAge')}
              value={values.maxAge}
              onChange={set('maxAge')}
              error={errors.maxAge}
              inputMode="numeric"
              autoComplete="off"
              optional
            />
          </div>
          <div className="vangnet-filters__groups">
            <CheckboxGroup
              id="filter-flags"
              legend={t('meldingen.flags')}
              description={t('meldingen.flagsDescription')}
              options={MELDING_FLAGS.map((f) => ({ value: f, label: flagLabel(t, f) }))}
              value={values.flags}
              onChange={set('flags')}
            />
            <CheckboxGroup
              id="filter-partner-type"
              legend={t('meldingen.partnerTypes')}
              description={t('meldingen.partnerTypesDescription')}
              options={DDAS_SIGNAALPARTNERS.map((p) => ({ value: p, label: p }))}
              value={values.partnerTypes}
              onChange={set('partnerTypes')}
            />
          </div>
        </details>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('meldingen.apply')}
          </Button>
          {Object.keys(search).length > 0 && (
            <Button type="button" appearance="subtle-button" onClick={() => onSearch({})}>
              {t('meldingen.reset')}
            </Button>
          )}
        </ButtonGroup>
      </Fieldset>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------------------
// One melding

export function MeldingPage({ meldingId }: { meldingId: string }) {
  const { t } = useTranslation();
  return (
    <PermittedPage permission="vroegsignalering:read" title={t('melding.title')}>
      <Paragraph>
        <AppLink to="/vroegsignalering/meldingen" search={lastSearch}>
          {t('melding.back')}
        </AppLink>
      </Paragraph>
      <QueryView queryKey={['meldingen', 'detail', meldingId]} queryFn={() => vsApi.melding(meldingId)}>
        {(melding) => <MeldingView melding={melding} />}
      </QueryView>
    </PermittedPage>
  );
}

function MeldingView({ melding }: { melding: MeldingDetail }) {
  const { t } = useTranslation();
  const wijken = useWijken();
  const list = useListFormat();
  const wijk = melding.wijkId ? wijken.data?.find((w) => w.id === melding.wijkId) : undefined;
  return (
    <>
      {melding.isCrisis && (
        <Alert type="warning">
          <Paragraph>
            <strong>{t('melding.crisisTitle')}</strong> {t('melding.crisisText')}
          </Paragraph>
        </Alert>
      )}
      <MeldingFacts melding={melding} wijkName={wijk ? `${wijk.name} (${wijk.code})` : ''} list={list} />
      <FollowupPanel meldingId={melding.id} />
      <OutreachPanel meldingId={melding.id} closed={melding.status === 'afgesloten'} />
      <section className="vangnet-section" aria-labelledby="why-heading">
        <Heading2 id="why-heading">{t('melding.why')}</Heading2>
        <Explanation melding={melding} />
      </section>
      <section className="vangnet-section" aria-labelledby="signals-heading">
        <Heading2 id="signals-heading">{t('melding.signals')}</Heading2>
        <SignalsTable melding={melding} />
      </section>
      <LegalHoldPanel meldingId={melding.id} hold={melding.legalHold} />
    </>
  );
}

function MeldingFacts({
  melding,
  wijkName,
  list,
}: {
  melding: MeldingSummary;
  wijkName: string;
  list: (items: string[]) => string;
}) {
  const { t } = useTranslation();
  const rows: [string, ReactNode][] = [
    [t('meldingen.status'), meldingStatusLabel(t, melding.status)],
    [t('meldingen.queue'), melding.queueName ?? t('meldingen.noQueue')],
    [t('meldingen.priority'), melding.priority],
    [t('meldingen.deadline'), formatIsoDate(melding.deadline, 'long')],
    [t('melding.contactStrategy'), contactStrategyLabel(t, melding.contactStrategy)],
    [t('melding.period'), formatPeriod(melding.periodStart)],
    [t('meldingen.total'), formatEuros(melding.totalAmountCents)],
    [t('meldingen.signalCount'), melding.signalCount],
    [t('meldingen.partnerTypes'), list(melding.partnerTypes)],
    [t('meldingen.flags'), <MeldingFlagBadges key="flags" melding={melding} />],
    [t('meldingen.wijk'), wijkName || t('melding.unknownWijk')],
    [
      t('melding.youngestAdultAge'),
      melding.youngestAdultAge === null
        ? t('melding.unknown')
        : t('melding.years', { count: melding.youngestAdultAge }),
    ],
    [t('melding.minorChildren'), melding.hasMinorChildren ? t('common.yes') : t('common.no')],
  ];
  return (
    <DataList className="vangnet-facts">
      {rows.map(([key, value]) => (
        <DataListItem key={key}>
          <DataListKey>{key}</DataListKey>
          <DataListValue>{value}</DataListValue>
        </DataListItem>
      ))}
    </DataList>
  );
}

/** "Waarom in dit werkbakje?": each rule the melding was checked against, in order, with what did (not) hold. */
function Explanation({ melding }: { melding: MeldingDetail }) {
  const { t } = useTranslation();
  const session = useSession();
  const wijken = useWijken();
  const list = useListFormat('disjunction');
  const ruleSet = useQuery({
    queryKey: ['afwegingskader'],
    queryFn: vsApi.ruleSet,
    enabled: hasPermission(session, 'vroegsignalering:read'),
    retry: false,
  });
  const ruleName = (id: string) => ruleSet.data?.active.definition.rules.find((r) => r.id === id)?.name ?? id;
  const context = {
    wijkName: (id: string) => wijken.data?.find((w) => w.id === id)?.name ?? id,
    list,
  };
  const groups = groupExplanation(melding.ruleExplanation);
  const chosen = groups.find(
    (g) => g.ruleId !== null && g.items.length > 0 && g.items.every((i: ExplanationItem) => i.met),
  );
  return (
    <>
      <Paragraph>
        {melding.ruleVersion !== null
          ? t('melding.ruleVersion', { version: melding.ruleVersion })
          : t('melding.noRuleVersion')}{' '}
        {t('melding.howRulesWork')}
      </Paragraph>
      <Paragraph>
        {t('melding.outcome', {
          queue: melding.queueName ?? t('meldingen.noQueue'),
          priority: melding.priority,
          contactStrategy: contactStrategyLabel(t, melding.contactStrategy).toLowerCase(),
        })}
      </Paragraph>
      {groups.length === 0 ? (
        <Paragraph>{t('melding.noExplanation')}</Paragraph>
      ) : (
        <ol className="vangnet-explanation">
          {groups.map((group, i) => {
            const title =
              group.ruleId !== null
                ? ruleName(group.ruleId)
                : group.items[0]?.code === 'crisis_override'
                  ? t('melding.crisisRule')
                  : t('melding.fallbackRule');
            const applies = group === chosen || group.ruleId === null;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the groups are in a fixed order and never move.
              <li key={i} className={applies ? 'vangnet-explanation__rule--applies' : undefined}>
                <Heading3 className="vangnet-explanation__title">{title}</Heading3>
                {group.ruleId !== null && (
                  <Paragraph>{applies ? t('melding.ruleApplies') : t('melding.ruleDoesNotApply')}</Paragraph>
                )}
                <ul className="vangnet-explanation__items">
                  {group.items.map((item, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the items are in a fixed order and never move.
                    <li key={j} className={item.met ? 'vangnet-check--met' : 'vangnet-check--not-met'}>
                      <span className="vangnet-check__mark">
                        <span aria-hidden="true">{item.met ? '✓ ' : '✗ '}</span>
                        {group.ruleId === null ? '' : item.met ? t('melding.met') : t('melding.notMet')}
                      </span>{' '}
                      {explanationSentence(t, item, context)}
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}

function SignalsTable({ melding }: { melding: MeldingDetail }) {
  const { t } = useTranslation();
  return (
    <DataTable caption={t('melding.signalsCaption')}>
      <TableHeader>
        <TableRow>
          {[
            t('melding.partner'),
            t('melding.asDelivered'),
            t('melding.amount'),
            t('melding.signalDate'),
            t('meldingen.flags'),
            t('melding.ddasStatus'),
            t('melding.match'),
          ].map((h) => (
            <TableHeaderCell key={h} scope="col">
              {h}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {melding.signals.map((s) => (
          <TableRow key={s.id}>
            <TableCell>
              {s.partnerName ?? signalSourceLabel(t, s.source)}
              {s.partnerType && <span className="vangnet-muted"> ({s.partnerType})</span>}
            </TableCell>
            <TableCell>
              {s.naam}
              {s.geboortedatum && <span className="vangnet-muted">, {formatIsoDate(s.geboortedatum)}</span>}
              {s.adres && (
                <>
                  <br />
                  <span className="vangnet-muted">{s.adres}</span>
                </>
              )}
            </TableCell>
            <TableCell>
              <span className="vangnet-amount">{formatEuros(s.amountCents)}</span>
            </TableCell>
            <TableCell>
              <time dateTime={s.signalDate}>{formatIsoDate(s.signalDate)}</time>
              {s.arrearsSince && (
                <>
                  <br />
                  <span className="vangnet-muted">
                    {t('melding.arrearsSince', { date: formatIsoDate(s.arrearsSince) })}
                  </span>
                </>
              )}
            </TableCell>
            <TableCell>
              <SignalFlagBadges signal={s} />
            </TableCell>
            <TableCell>
              {s.ddasStatus}
              {s.statusReason && <span className="vangnet-muted">: {s.statusReason}</span>}
            </TableCell>
            <TableCell>
              {matchStatusLabel(t, s.matchStatus)}
              {s.matchStatus !== 'matched' && s.matchReasons.length > 0 && (
                <span className="vangnet-muted">
                  {' '}
                  ({s.matchReasons.map((r) => matchReasonLabel(t, r).toLowerCase()).join('; ')})
                </span>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </DataTable>
  );
}
