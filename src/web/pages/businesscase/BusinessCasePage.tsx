// The business case per intervention type and period (issue 9): costs (money and hours at the hourly rate), the
// costs likely avoided as a range, the ratio as a range, the households, and below it every assumption the figures
// rest on. A scenario copy of the assumptions can be chosen, made and compared with the base; CSV and PDF carry the
// same figures. The chart has a text alternative and is followed by a table with every figure. Without persons:read
// small numbers arrive hidden (null, `suppressed`): they show as "<5", explained once, and stay out of the chart.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading1,
  Link,
  Paragraph,
  TableBody,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, Loading, RequirePermission } from '../../components/common.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert, problemFieldErrors } from '../../components/problem.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { hasPermission, useSession } from '../../session.ts';
import { formatIsoDate, todayIso } from '../../vroegsignalering/labels.tsx';
import { Bars } from '../monitor/charts.tsx';
import {
  type Assumptions,
  type BusinessCaseRow,
  type BusinessCaseSearch,
  type BusinessCaseView,
  businessCaseApi,
  keys,
  type Scenario,
  type ViewQuery,
} from './api.ts';
import {
  bcFieldErrors,
  CONFIDENCES,
  confidenceName,
  formatDecimal,
  formatEuroRange,
  formatEuros,
  formatPercent,
  formatRatio,
  formatWholeEuros,
  indexedCents,
  riskName,
  Section,
  SuppressedFigure,
  typeName,
  typeOptions,
  unitName,
} from './parts.tsx';

type Lang = 'nl' | 'en';

/** The period shown when none is asked for: this calendar year up to today. */
export function defaultPeriod(): { from: string; to: string } {
  const today = todayIso();
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

export function viewQuery(search: BusinessCaseSearch, lang: Lang): ViewQuery {
  const period = defaultPeriod();
  return {
    from: search.van ?? period.from,
    to: search.tot ?? period.to,
    interventionType: search.soort,
    scenarioId: search.scenario,
    taal: lang,
  };
}

export function BusinessCasePage({ search }: { search: BusinessCaseSearch }) {
  return (
    <RequirePermission anyOf={['aggregates:read', 'businesscase:manage']}>
      <BusinessCase search={search} />
    </RequirePermission>
  );
}

function BusinessCase({ search }: { search: BusinessCaseSearch }) {
  const { t, i18n } = useTranslation();
  usePageTitle(t('businesscase.view.title'));
  const session = useSession();
  const municipalityId = session?.activeMunicipality?.id;
  const lang: Lang = i18n.language.startsWith('en') ? 'en' : 'nl';
  const query = viewQuery(search, lang);
  const view = useQuery({
    queryKey: keys.view(municipalityId, query),
    queryFn: () => businessCaseApi.view(query),
    retry: false,
  });
  const scenarios = useQuery({
    queryKey: keys.scenarios(municipalityId),
    queryFn: () => businessCaseApi.scenarios(),
  });
  const manage = hasPermission(session, 'businesscase:manage');
  return (
    <>
      <Heading1>{t('businesscase.view.title')}</Heading1>
      <Paragraph>{t('businesscase.view.intro')}</Paragraph>
      <Filters
        key={JSON.stringify(query)}
        query={query}
        scenarios={scenarios.data ?? []}
        error={view.error}
      />
      {view.isPending && <Loading />}
      {view.isError && <ErrorAlert error={view.error} />}
      {view.data && <Figures view={view.data} query={query} lang={lang} manage={manage} />}
      {manage && <ScenarioSection scenarios={scenarios.data ?? []} query={query} />}
    </>
  );
}

function Filters({ query, scenarios, error }: { query: ViewQuery; scenarios: Scenario[]; error: unknown }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [from, setFrom] = useState(query.from);
  const [to, setTo] = useState(query.to);
  const [type, setType] = useState(query.interventionType ?? '');
  const [scenario, setScenario] = useState(query.scenarioId ?? '');
  const errors = bcFieldErrors(t, error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void navigate({
      to: '/businesscase',
      search: {
        van: from || undefined,
        tot: to || undefined,
        soort: type || undefined,
        scenario: scenario || undefined,
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate className="vangnet-form vangnet-filters">
      <Fieldset>
        <FieldsetLegend>{t('businesscase.view.filters')}</FieldsetLegend>
        <div className="vangnet-filters__fields">
          <TextField
            id="bc-from"
            label={t('businesscase.view.from')}
            type="date"
            value={from}
            onChange={setFrom}
          />
          <TextField
            id="bc-to"
            label={t('businesscase.view.to')}
            type="date"
            value={to}
            onChange={setTo}
            error={errors.to}
          />
          <SelectField
            id="bc-type"
            label={t('businesscase.view.type')}
            value={type}
            onChange={setType}
            options={[{ value: '', label: t('businesscase.view.allTypes') }, ...typeOptions(t)]}
          />
          <SelectField
            id="bc-scenario"
            label={t('businesscase.view.scenario')}
            value={scenario}
            onChange={setScenario}
            options={[
              { value: '', label: t('businesscase.view.base') },
              ...scenarios.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
        </div>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('businesscase.view.show')}
          </Button>
        </ButtonGroup>
      </Fieldset>
    </form>
  );
}

function Figures({
  view,
  query,
  lang,
  manage,
}: {
  view: BusinessCaseView;
  query: ViewQuery;
  lang: Lang;
  manage: boolean;
}) {
  const { t } = useTranslation();
  const total = view.total;
  return (
    <>
      <Paragraph>
        {t('businesscase.view.periodText', {
          from: formatIsoDate(view.from),
          to: formatIsoDate(view.to),
          type: view.interventionType
            ? typeName(t, view.interventionType)
            : t('businesscase.view.allTypesLower'),
        })}{' '}
        {view.priceList
          ? t('businesscase.view.priceListUsed', {
              version: view.priceList.version,
              date: formatIsoDate(view.priceList.validFrom),
            })
          : ''}
      </Paragraph>
      {view.scenario && (
        <Alert type="info">
          <Paragraph>{t('businesscase.view.scenarioShown', { name: view.scenario.name })}</Paragraph>
          {manage && (
            <Paragraph>
              <AppLink to="/businesscase/scenarios/$scenarioId" params={{ scenarioId: view.scenario.id }}>
                {t('businesscase.view.scenarioEdit', { name: view.scenario.name })}
              </AppLink>
            </Paragraph>
          )}
        </Alert>
      )}
      {!view.priceList && !view.scenario && (
        <Alert type="warning">
          <Paragraph>{t('businesscase.view.noPriceList')}</Paragraph>
        </Alert>
      )}
      <Paragraph className="vangnet-bc-downloads">
        <Link href={businessCaseApi.csvUrl(query)} download>
          {t('businesscase.view.downloadCsv')}
        </Link>
        <Link href={businessCaseApi.pdfUrl(query)} download>
          {t('businesscase.view.downloadPdf')}
        </Link>
      </Paragraph>
      {view.suppressed && <Paragraph id="bc-suppressed">{t('businesscase.view.suppressedNote')}</Paragraph>}
      <Section id="bc-result" title={t('businesscase.view.resultTitle')}>
        {view.rows.length === 0 ? (
          <Paragraph>{t('businesscase.view.nothing')}</Paragraph>
        ) : total.suppressed ? (
          <Paragraph>{t('businesscase.view.totalSuppressed')}</Paragraph>
        ) : (
          <Paragraph className="vangnet-bc-summary">
            {t('businesscase.view.summary', {
              interventions: total.interventions ?? 0,
              households: total.households ?? 0,
              costs: formatWholeEuros(total.costsCents ?? 0),
              avoided: formatEuroRange(t, total.avoidedLowCents ?? 0, total.avoidedHighCents ?? 0),
            })}{' '}
            {total.ratioLow !== null
              ? t('businesscase.view.summaryRatio', {
                  ratio: formatRatio(t, total.ratioLow, total.ratioHigh),
                })
              : ''}
          </Paragraph>
        )}
        <Paragraph>{t('businesscase.view.rangeExplained')}</Paragraph>
      </Section>
      {view.rows.length > 0 && <PerType view={view} lang={lang} />}
      {view.rows.some((r) => r.risks.length > 0) && <Risks view={view} />}
      <AssumptionsSection assumptions={view.assumptions} missing={view.missingPrices} manage={manage} />
    </>
  );
}

/** A row with its figures, as the chart needs them: suppressed rows are not drawn. */
type ShownRow = BusinessCaseRow & { costsCents: number; avoidedLowCents: number; avoidedHighCents: number };
const isShown = (r: BusinessCaseRow): r is ShownRow =>
  !r.suppressed && r.costsCents !== null && r.avoidedLowCents !== null && r.avoidedHighCents !== null;

/** The text alternative of the chart: what it compares, per type in words; the table has every figure. */
function chartLabel(t: TFunction, rows: ShownRow[], hidden: BusinessCaseRow[]): string {
  const items = rows.map((r) =>
    t('businesscase.view.chartItem', {
      type: typeName(t, r.interventionType),
      costs: formatWholeEuros(r.costsCents),
      avoided: formatEuroRange(t, r.avoidedLowCents, r.avoidedHighCents),
    }),
  );
  return [
    t('businesscase.view.chartAlt'),
    items.join('; '),
    ...(hidden.length > 0 ? [chartHidden(t, hidden)] : []),
    t('businesscase.view.chartTable'),
  ].join(' ');
}

const chartHidden = (t: TFunction, hidden: BusinessCaseRow[]) =>
  t('businesscase.view.chartHidden', {
    types: hidden.map((r) => typeName(t, r.interventionType)).join(', '),
  });

function PerType({ view, lang }: { view: BusinessCaseView; lang: Lang }) {
  const { t } = useTranslation();
  const rows = view.rows;
  // Suppressed figures are not drawn at all: a bar of 0 would be a figure, and a false one.
  const shown = useMemo(() => rows.filter(isShown), [rows]);
  const hidden = useMemo(() => rows.filter((r) => !isShown(r)), [rows]);
  const categories = useMemo(() => shown.map((r) => typeName(t, r.interventionType)), [shown, t]);
  const series = useMemo(
    () => [
      { name: t('businesscase.view.costs'), values: shown.map((r) => r.costsCents / 100) },
      { name: t('businesscase.view.avoidedLow'), values: shown.map((r) => r.avoidedLowCents / 100) },
      { name: t('businesscase.view.avoidedHigh'), values: shown.map((r) => r.avoidedHighCents / 100) },
    ],
    [shown, t],
  );
  const format = useMemo(() => {
    const f = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', {
      style: 'currency',
      currency: 'EUR',
      notation: 'compact',
      maximumFractionDigits: 1,
    });
    return (value: number) => f.format(value);
  }, [lang]);
  return (
    <Section id="bc-per-type" title={t('businesscase.view.perTypeTitle')}>
      {shown.length > 0 ? (
        <figure className="vangnet-figure">
          <Bars
            categories={categories}
            series={series}
            label={chartLabel(t, shown, hidden)}
            format={format}
          />
          <figcaption>{t('businesscase.view.chartCaption')}</figcaption>
        </figure>
      ) : (
        <Paragraph>{t('businesscase.view.chartNone')}</Paragraph>
      )}
      {shown.length > 0 && hidden.length > 0 && <Paragraph small>{chartHidden(t, hidden)}</Paragraph>}
      <DataTable caption={t('businesscase.view.perTypeCaption')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('businesscase.view.type')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.view.interventions')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.view.households')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.view.money')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.view.hours')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.view.costs')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.view.avoided')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.view.ratio')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <FigureRow key={r.interventionType} row={r} />
          ))}
        </TableBody>
        <TableFooter>
          <FigureRow row={view.total} />
        </TableFooter>
      </DataTable>
      <Paragraph small>{t('businesscase.view.householdsNote')}</Paragraph>
    </Section>
  );
}

function FigureRow({ row }: { row: BusinessCaseRow }) {
  const { t } = useTranslation();
  const name = <TableHeaderCell scope="row">{typeName(t, row.interventionType)}</TableHeaderCell>;
  if (!isShown(row)) {
    return (
      <TableRow>
        {name}
        {['interventions', 'households', 'money', 'hours', 'costs', 'avoided', 'ratio'].map((column) => (
          <TableCell key={column}>
            <SuppressedFigure />
          </TableCell>
        ))}
      </TableRow>
    );
  }
  return (
    <TableRow>
      {name}
      <TableCell>{row.interventions}</TableCell>
      <TableCell>{row.households}</TableCell>
      <TableCell>{formatWholeEuros(row.moneyCents ?? 0)}</TableCell>
      <TableCell>
        {t('businesscase.view.hoursCost', {
          hours: formatDecimal(row.hours ?? 0),
          costs: formatWholeEuros(row.hourCostsCents ?? 0),
        })}
      </TableCell>
      <TableCell>{formatWholeEuros(row.costsCents)}</TableCell>
      <TableCell>{formatEuroRange(t, row.avoidedLowCents, row.avoidedHighCents)}</TableCell>
      <TableCell>{formatRatio(t, row.ratioLow, row.ratioHigh)}</TableCell>
    </TableRow>
  );
}

function Risks({ view }: { view: BusinessCaseView }) {
  const { t } = useTranslation();
  return (
    <Section id="bc-risks" title={t('businesscase.view.risksTitle')}>
      <Paragraph>{t('businesscase.view.risksIntro')}</Paragraph>
      <DataTable caption={t('businesscase.view.risksCaption')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('businesscase.view.type')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.view.risk')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.view.outcomes')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.view.quantity')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.view.avoided')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {view.rows.flatMap((r) =>
            r.risks.map((risk) => (
              <TableRow key={`${r.interventionType}-${risk.riskCode}`}>
                <TableCell>{typeName(t, r.interventionType)}</TableCell>
                <TableHeaderCell scope="row">{riskName(t, risk.riskCode, risk.label)}</TableHeaderCell>
                {risk.suppressed ||
                risk.outcomes === null ||
                risk.quantity === null ||
                risk.avoidedLowCents === null ||
                risk.avoidedHighCents === null ? (
                  ['outcomes', 'quantity', 'avoided'].map((column) => (
                    <TableCell key={column}>
                      <SuppressedFigure />
                    </TableCell>
                  ))
                ) : (
                  <>
                    <TableCell>{risk.outcomes}</TableCell>
                    <TableCell>{formatDecimal(risk.quantity)}</TableCell>
                    <TableCell>
                      {risk.priced
                        ? formatEuroRange(t, risk.avoidedLowCents, risk.avoidedHighCents)
                        : t('businesscase.view.unpriced')}
                    </TableCell>
                  </>
                )}
              </TableRow>
            )),
          )}
        </TableBody>
      </DataTable>
    </Section>
  );
}

/** Every assumption the figures rest on, in words and tables: rate, index, chances, uncertainty, prices. */
export function AssumptionsSection({
  assumptions: a,
  missing,
  manage,
}: {
  assumptions: Assumptions;
  missing: string[];
  manage: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Section id="bc-assumptions" title={t('businesscase.assumptions.title')}>
      <Paragraph>{t('businesscase.assumptions.intro')}</Paragraph>
      <UnorderedList>
        <UnorderedListItem>
          {t('businesscase.assumptions.hourlyRate', { rate: formatEuros(a.hourlyRateCents) })}
        </UnorderedListItem>
        <UnorderedListItem>
          {t('businesscase.assumptions.index', {
            percent: formatDecimal(a.indexPercent),
            year: a.targetYear,
          })}
        </UnorderedListItem>
      </UnorderedList>
      {missing.length > 0 && (
        <Alert type="warning">
          <Paragraph>
            {t('businesscase.assumptions.missing', {
              risks: missing.map((c) => riskName(t, c)).join(', '),
            })}
          </Paragraph>
        </Alert>
      )}
      <DataTable caption={t('businesscase.assumptions.chanceCaption')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('businesscase.assumptions.confidence')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.assumptions.chance')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.assumptions.spread')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {CONFIDENCES.map((c) => (
            <TableRow key={c}>
              <TableHeaderCell scope="row">{confidenceName(t, c)}</TableHeaderCell>
              <TableCell>
                {t('businesscase.range', {
                  low: formatPercent(a.probability[c][0]),
                  high: formatPercent(a.probability[c][1]),
                })}
              </TableCell>
              <TableCell>
                {t('businesscase.assumptions.plusMinus', { percent: formatPercent(a.priceSpread[c]) })}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
      <DataTable caption={t('businesscase.assumptions.pricesCaption', { year: a.targetYear })}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('businesscase.prices.item')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.prices.amount')}</TableHeaderCell>
            <TableHeaderCell scope="col">
              {t('businesscase.prices.indexed', { year: a.targetYear })}
            </TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.prices.source')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.prices.confidence')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {a.prices.map((p) => (
            <TableRow key={p.code}>
              <TableHeaderCell scope="row">{riskName(t, p.code, p.label)}</TableHeaderCell>
              <TableCell>
                {t('businesscase.prices.amountIn', {
                  amount: formatEuros(p.amountCents),
                  unit: unitName(t, p.unit),
                  year: p.priceYear,
                })}
              </TableCell>
              <TableCell>
                {formatEuros(indexedCents(p.amountCents, p.priceYear, a.targetYear, a.indexPercent))}
              </TableCell>
              <TableCell>
                {p.source}
                {p.isExample && (
                  <span className="vangnet-bc-example"> {t('businesscase.prices.example')}</span>
                )}
              </TableCell>
              <TableCell>{confidenceName(t, p.confidence)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
      {a.prices.length === 0 && <Paragraph>{t('businesscase.assumptions.noPrices')}</Paragraph>}
      {manage && (
        <UnorderedList>
          <UnorderedListItem>
            <AppLink to="/businesscase/aannames">{t('businesscase.assumptions.editSettings')}</AppLink>
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to="/businesscase/prijslijst">{t('businesscase.assumptions.editPrices')}</AppLink>
          </UnorderedListItem>
        </UnorderedList>
      )}
    </Section>
  );
}

/** "Bewerken in een scenario-kopie": copy the assumptions in force, change them without touching the real ones. */
function ScenarioSection({ scenarios, query }: { scenarios: Scenario[]; query: ViewQuery }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [missing, setMissing] = useState(false);
  const create = useMutation({
    mutationFn: (n: string) => businessCaseApi.createScenario(n),
    onSuccess: async (s) => {
      await queryClient.invalidateQueries({ queryKey: keys.all });
      await navigate({
        to: '/businesscase/scenarios/$scenarioId',
        params: { scenarioId: s.id },
        search: { van: query.from, tot: query.to },
      });
    },
  });
  const errors = problemFieldErrors(t, create.error);
  const nameError = missing ? t('businesscase.scenario.nameMissing') : errors.name;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    setMissing(trimmed.length < 2);
    if (trimmed.length >= 2) create.mutate(trimmed);
  };
  return (
    <Section id="bc-scenarios" title={t('businesscase.scenario.sectionTitle')}>
      <Paragraph>{t('businesscase.scenario.intro')}</Paragraph>
      {(missing || create.isError) && (
        <ErrorAlert
          error={create.error}
          message={missing ? t('errors.validation') : undefined}
          fields={[{ id: 'bc-scenario-name', label: t('businesscase.scenario.name'), message: nameError }]}
        />
      )}
      <form onSubmit={submit} noValidate className="vangnet-form">
        <TextField
          id="bc-scenario-name"
          label={t('businesscase.scenario.name')}
          description={t('businesscase.scenario.nameHint')}
          value={name}
          onChange={setName}
          error={nameError}
          maxLength={200}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={create.isPending}>
            {t('businesscase.scenario.create')}
          </Button>
        </ButtonGroup>
      </form>
      {scenarios.length > 0 && (
        <>
          <Paragraph>{t('businesscase.scenario.existing')}</Paragraph>
          <UnorderedList>
            {scenarios.map((s) => (
              <UnorderedListItem key={s.id}>
                <AppLink
                  to="/businesscase/scenarios/$scenarioId"
                  params={{ scenarioId: s.id }}
                  search={{ van: query.from, tot: query.to }}
                >
                  {s.name}
                </AppLink>{' '}
                {t('businesscase.scenario.changedOn', { date: formatIsoDate(s.updatedAt) })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
    </Section>
  );
}
