// One scenario: a stored copy of every assumption (hourly rate, index, target year, chances, price uncertainty and
// the amounts of the price list). Changing it changes only the scenario; the comparison shows the business case of
// a period with the real assumptions (the base) and with the scenario side by side; small numbers hidden by the
// server show as "<5" on both sides.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading1,
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
import { DataTable, Loading, RequirePermission } from '../../components/common.tsx';
import { TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { type AlertField, ErrorAlert, FocusedSuccessAlert } from '../../components/problem.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useSession } from '../../session.ts';
import { formatIsoDate } from '../../vroegsignalering/labels.tsx';
import { centsToInput, parseEuros } from '../../vroegsignalering/money.ts';
import {
  type Assumptions,
  type BusinessCaseRow,
  businessCaseApi,
  keys,
  type Scenario,
  type ViewQuery,
} from './api.ts';
import { defaultPeriod } from './BusinessCasePage.tsx';
import {
  CONFIDENCES,
  confidenceName,
  decimalToInput,
  formatEuroRange,
  formatRatio,
  formatWholeEuros,
  parseDecimal,
  riskName,
  Section,
  SuppressedFigure,
  typeName,
  unitName,
} from './parts.tsx';

export interface ScenarioSearch {
  van?: string;
  tot?: string;
}

export function ScenarioPage({ scenarioId, search }: { scenarioId: string; search: ScenarioSearch }) {
  return (
    <RequirePermission anyOf={['businesscase:manage']}>
      <ScenarioView scenarioId={scenarioId} search={search} />
    </RequirePermission>
  );
}

function ScenarioView({ scenarioId, search }: { scenarioId: string; search: ScenarioSearch }) {
  const { t } = useTranslation();
  const scenario = useQuery({
    queryKey: keys.scenario(scenarioId),
    queryFn: () => businessCaseApi.scenario(scenarioId),
    retry: false,
  });
  const name = scenario.data?.name;
  usePageTitle(name ? t('businesscase.scenario.title', { name }) : t('businesscase.scenario.titleLoading'));
  return (
    <>
      <Heading1>
        {name ? t('businesscase.scenario.title', { name }) : t('businesscase.scenario.titleLoading')}
      </Heading1>
      <Paragraph>{t('businesscase.scenario.pageIntro')}</Paragraph>
      <Paragraph>
        <AppLink to="/businesscase" search={{ van: search.van, tot: search.tot }}>
          {t('businesscase.scenario.back')}
        </AppLink>
      </Paragraph>
      {scenario.isPending && <Loading />}
      {scenario.isError && <ErrorAlert error={scenario.error} />}
      {scenario.data && (
        <>
          <Comparison scenario={scenario.data} search={search} />
          <EditForm key={scenario.data.id} scenario={scenario.data} />
        </>
      )}
    </>
  );
}

// --- Comparison --------------------------------------------------------------------------------------------

function Comparison({ scenario, search }: { scenario: Scenario; search: ScenarioSearch }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const period = defaultPeriod();
  const from = search.van ?? period.from;
  const to = search.tot ?? period.to;
  const [fromInput, setFromInput] = useState(from);
  const [toInput, setToInput] = useState(to);
  const taal = i18n.language.startsWith('en') ? 'en' : 'nl';
  const base: ViewQuery = { from, to, taal };
  const withScenario: ViewQuery = { ...base, scenarioId: scenario.id };
  const municipalityId = session?.activeMunicipality?.id;
  const [baseView, scenarioView] = useQueries({
    queries: [base, withScenario].map((query) => ({
      queryKey: keys.view(municipalityId, query),
      queryFn: () => businessCaseApi.view(query),
      retry: false,
    })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void navigate({
      to: '/businesscase/scenarios/$scenarioId',
      params: { scenarioId: scenario.id },
      search: { van: fromInput || undefined, tot: toInput || undefined },
    });
  };
  const error = baseView?.error ?? scenarioView?.error;
  const rows = (view: { rows: BusinessCaseRow[]; total: BusinessCaseRow } | undefined) =>
    new Map([...(view?.rows ?? []), ...(view ? [view.total] : [])].map((r) => [r.interventionType, r]));
  const b = rows(baseView?.data);
  const s = rows(scenarioView?.data);
  const types = [...new Set([...b.keys(), ...s.keys()])].sort((x, y) =>
    x === 'totaal' ? 1 : y === 'totaal' ? -1 : x.localeCompare(y),
  );
  return (
    <Section id="sc-compare" title={t('businesscase.scenario.compareTitle')}>
      <form onSubmit={submit} noValidate className="vangnet-form vangnet-filters">
        <Fieldset>
          <FieldsetLegend>{t('businesscase.scenario.period')}</FieldsetLegend>
          <div className="vangnet-filters__fields">
            <TextField
              id="sc-from"
              label={t('businesscase.view.from')}
              type="date"
              value={fromInput}
              onChange={setFromInput}
            />
            <TextField
              id="sc-to"
              label={t('businesscase.view.to')}
              type="date"
              value={toInput}
              onChange={setToInput}
            />
          </div>
          <ButtonGroup>
            <Button type="submit" appearance="secondary-action-button">
              {t('businesscase.scenario.compare')}
            </Button>
          </ButtonGroup>
        </Fieldset>
      </form>
      <Paragraph>
        {t('businesscase.scenario.compareIntro', { from: formatIsoDate(from), to: formatIsoDate(to) })}
      </Paragraph>
      {(baseView?.isPending || scenarioView?.isPending) && <Loading />}
      {error && <ErrorAlert error={error} />}
      {baseView?.data && scenarioView?.data && (
        <>
          {baseView.data.suppressed && <Paragraph>{t('businesscase.view.suppressedNote')}</Paragraph>}
          <DataTable caption={t('businesscase.scenario.compareCaption', { name: scenario.name })}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('businesscase.view.type')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.scenario.costsBase')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.scenario.costsScenario')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.scenario.avoidedBase')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.scenario.avoidedScenario')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.scenario.ratioBase')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.scenario.ratioScenario')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {types.map((type) => {
                const x = b.get(type);
                const y = s.get(type);
                const figure = (
                  r: BusinessCaseRow | undefined,
                  text: (r: BusinessCaseRow | undefined) => string,
                ) => (r?.suppressed ? <SuppressedFigure /> : text(r));
                return (
                  <TableRow key={type}>
                    <TableHeaderCell scope="row">{typeName(t, type)}</TableHeaderCell>
                    {[x, y].map((r, i) => (
                      <TableCell key={`costs-${i === 0 ? 'base' : 'scenario'}`}>
                        {figure(r, (v) => formatWholeEuros(v?.costsCents ?? 0))}
                      </TableCell>
                    ))}
                    {[x, y].map((r, i) => (
                      <TableCell key={`avoided-${i === 0 ? 'base' : 'scenario'}`}>
                        {figure(r, (v) =>
                          formatEuroRange(t, v?.avoidedLowCents ?? 0, v?.avoidedHighCents ?? 0),
                        )}
                      </TableCell>
                    ))}
                    {[x, y].map((r, i) => (
                      <TableCell key={`ratio-${i === 0 ? 'base' : 'scenario'}`}>
                        {figure(r, (v) => formatRatio(t, v?.ratioLow ?? null, v?.ratioHigh ?? null))}
                      </TableCell>
                    ))}
                  </TableRow>
                );
              })}
            </TableBody>
          </DataTable>
          <Paragraph>
            <AppLink to="/businesscase" search={{ van: from, tot: to, scenario: scenario.id }}>
              {t('businesscase.scenario.openView', { name: scenario.name })}
            </AppLink>
          </Paragraph>
        </>
      )}
    </Section>
  );
}

// --- Editing -----------------------------------------------------------------------------------------------

type Values = {
  name: string;
  rate: string;
  index: string;
  year: string;
  chance: Record<string, [string, string]>;
  spread: Record<string, string>;
  prices: Record<string, string>;
};

const percent = (fraction: number) => decimalToInput(Math.round(fraction * 10000) / 100);

function initialValues(s: Scenario): Values {
  const a = s.assumptions;
  return {
    name: s.name,
    rate: centsToInput(a.hourlyRateCents),
    index: decimalToInput(a.indexPercent),
    year: String(a.targetYear),
    chance: Object.fromEntries(
      CONFIDENCES.map((c) => [
        c,
        [percent(a.probability[c][0]), percent(a.probability[c][1])] as [string, string],
      ]),
    ),
    spread: Object.fromEntries(CONFIDENCES.map((c) => [c, percent(a.priceSpread[c])])),
    prices: Object.fromEntries(a.prices.map((p) => [p.code, centsToInput(p.amountCents)])),
  };
}

/** The assumptions the form describes, and the message of every field that does not hold a valid value. */
function readValues(
  t: TFunction,
  v: Values,
  base: Assumptions,
): { assumptions: Assumptions | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const fraction = (id: string, text: string) => {
    const n = parseDecimal(text);
    if (n === null || n < 0 || n > 100) {
      errors[id] = t('businesscase.scenario.percentInvalid');
      return 0;
    }
    return n / 100;
  };
  const rate = parseEuros(v.rate);
  if (rate === null) errors['sc-rate'] = t('businesscase.scenario.amountInvalid');
  const index = parseDecimal(v.index);
  if (index === null || index < -20 || index > 50)
    errors['sc-index'] = t('businesscase.scenario.indexInvalid');
  const year = Number(v.year);
  if (!/^\d{4}$/.test(v.year.trim()) || year < 1990 || year > 2100)
    errors['sc-year'] = t('businesscase.scenario.yearInvalid');
  const probability = Object.fromEntries(
    CONFIDENCES.map((c) => [
      c,
      [
        fraction(`sc-chance-${c}-low`, v.chance[c]?.[0] ?? ''),
        fraction(`sc-chance-${c}-high`, v.chance[c]?.[1] ?? ''),
      ],
    ]),
  ) as Assumptions['probability'];
  const priceSpread = Object.fromEntries(
    CONFIDENCES.map((c) => [c, fraction(`sc-spread-${c}`, v.spread[c] ?? '')]),
  ) as Assumptions['priceSpread'];
  const prices = base.prices.map((p) => {
    const amount = parseEuros(v.prices[p.code] ?? '');
    if (amount === null) errors[`sc-price-${p.code}`] = t('businesscase.scenario.amountInvalid');
    return { ...p, amountCents: amount ?? p.amountCents };
  });
  if (v.name.trim().length < 2) errors['sc-name'] = t('businesscase.scenario.nameMissing');
  if (Object.keys(errors).length > 0) return { assumptions: null, errors };
  return {
    assumptions: {
      ...base,
      hourlyRateCents: rate ?? 0,
      indexPercent: index ?? 0,
      targetYear: year,
      probability,
      priceSpread,
      prices,
    },
    errors,
  };
}

function EditForm({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => initialValues(scenario));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: { name: string; assumptions: Assumptions }) =>
      businessCaseApi.saveScenario(scenario.id, body),
    onSuccess: async (updated) => {
      queryClient.setQueryData(keys.scenario(scenario.id), updated);
      await queryClient.invalidateQueries({ queryKey: ['businesscase', 'view'] });
      await queryClient.invalidateQueries({ queryKey: ['businesscase', 'scenarios'] });
      setSaved(true);
    },
  });
  const set = (patch: Partial<Values>) => {
    setSaved(false);
    setValues((v) => ({ ...v, ...patch }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const read = readValues(t, values, scenario.assumptions);
    setErrors(read.errors);
    if (read.assumptions) save.mutate({ name: values.name.trim(), assumptions: read.assumptions });
  };
  const a = scenario.assumptions;
  const labels: Record<string, string> = {
    'sc-name': t('businesscase.scenario.name'),
    'sc-rate': t('businesscase.settings.hourlyRate'),
    'sc-index': t('businesscase.scenario.index'),
    'sc-year': t('businesscase.scenario.targetYear'),
    ...Object.fromEntries(
      CONFIDENCES.flatMap((c) => [
        [`sc-chance-${c}-low`, t('businesscase.settings.chanceLowOf', { confidence: confidenceName(t, c) })],
        [
          `sc-chance-${c}-high`,
          t('businesscase.settings.chanceHighOf', { confidence: confidenceName(t, c) }),
        ],
        [`sc-spread-${c}`, t('businesscase.settings.spreadOf', { confidence: confidenceName(t, c) })],
      ]),
    ),
    ...Object.fromEntries(a.prices.map((p) => [`sc-price-${p.code}`, riskName(t, p.code, p.label)])),
  };
  const fields: AlertField[] = Object.entries(errors).map(([id, message]) => ({
    id,
    label: labels[id] ?? id,
    message,
  }));
  const invalid = fields.length > 0;
  return (
    <Section id="sc-edit" title={t('businesscase.scenario.editTitle')}>
      {saved && (
        <FocusedSuccessAlert>
          <Paragraph>{t('businesscase.scenario.saved')}</Paragraph>
        </FocusedSuccessAlert>
      )}
      {(invalid || save.isError) && (
        <ErrorAlert
          error={save.error}
          message={invalid ? t('errors.validation') : undefined}
          fields={fields}
        />
      )}
      <form onSubmit={submit} noValidate className="vangnet-form">
        <TextField
          id="sc-name"
          label={labels['sc-name']}
          value={values.name}
          onChange={(name) => set({ name })}
          error={errors['sc-name']}
          maxLength={200}
        />
        <TextField
          id="sc-rate"
          label={labels['sc-rate']}
          description={t('businesscase.settings.hourlyRateHint')}
          value={values.rate}
          onChange={(rate) => set({ rate })}
          error={errors['sc-rate']}
          inputMode="decimal"
        />
        <TextField
          id="sc-index"
          label={labels['sc-index']}
          description={t('businesscase.scenario.indexHint')}
          value={values.index}
          onChange={(index) => set({ index })}
          error={errors['sc-index']}
          inputMode="decimal"
        />
        <TextField
          id="sc-year"
          label={labels['sc-year']}
          description={t('businesscase.scenario.targetYearHint')}
          value={values.year}
          onChange={(year) => set({ year })}
          error={errors['sc-year']}
          inputMode="numeric"
        />
        {CONFIDENCES.map((c) => (
          <Fieldset key={c}>
            <FieldsetLegend>
              {t('businesscase.settings.confidenceLegend', { confidence: confidenceName(t, c) })}
            </FieldsetLegend>
            <div className="vangnet-filters__fields">
              <TextField
                id={`sc-chance-${c}-low`}
                label={t('businesscase.settings.chanceLow')}
                value={values.chance[c]?.[0] ?? ''}
                onChange={(low) =>
                  set({ chance: { ...values.chance, [c]: [low, values.chance[c]?.[1] ?? ''] } })
                }
                error={errors[`sc-chance-${c}-low`]}
                inputMode="decimal"
              />
              <TextField
                id={`sc-chance-${c}-high`}
                label={t('businesscase.settings.chanceHigh')}
                value={values.chance[c]?.[1] ?? ''}
                onChange={(high) =>
                  set({ chance: { ...values.chance, [c]: [values.chance[c]?.[0] ?? '', high] } })
                }
                error={errors[`sc-chance-${c}-high`]}
                inputMode="decimal"
              />
              <TextField
                id={`sc-spread-${c}`}
                label={t('businesscase.settings.spread')}
                value={values.spread[c] ?? ''}
                onChange={(spread) => set({ spread: { ...values.spread, [c]: spread } })}
                error={errors[`sc-spread-${c}`]}
                inputMode="decimal"
              />
            </div>
          </Fieldset>
        ))}
        {a.prices.length > 0 && (
          <Fieldset>
            <FieldsetLegend>{t('businesscase.scenario.prices')}</FieldsetLegend>
            <div className="vangnet-bc-fields">
              {a.prices.map((p) => (
                <TextField
                  key={p.code}
                  id={`sc-price-${p.code}`}
                  label={labels[`sc-price-${p.code}`]}
                  description={t('businesscase.scenario.priceHint', {
                    unit: unitName(t, p.unit),
                    year: p.priceYear,
                  })}
                  value={values.prices[p.code] ?? ''}
                  onChange={(amount) => set({ prices: { ...values.prices, [p.code]: amount } })}
                  error={errors[`sc-price-${p.code}`]}
                  inputMode="decimal"
                />
              ))}
            </div>
          </Fieldset>
        )}
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
            {t('businesscase.scenario.save')}
          </Button>
        </ButtonGroup>
      </form>
    </Section>
  );
}
