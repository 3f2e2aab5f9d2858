// The monitor dashboard (Divosa indicators, docs/monitor-indicatoren.md) for the active municipality: a period,
// optionally one wijk, the previous period beside it and, on request, the municipalities of the region side by side.
// Every figure is the `display` the server formatted, the same cell the CSV and the PDF print; for a policy adviser
// cells about fewer than 5 residents arrive as "<5" and are shown as such. Each chart has a text alternative and is
// followed by a table with the same figures.
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading1,
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
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, loadAll } from '../../api.ts';
import { DataTable, Loading, RequirePermission } from '../../components/common.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/fields.tsx';
import { ErrorAlert, problemFieldErrors } from '../../components/problem.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { hasPermission, useSession } from '../../session.ts';
import { formatIsoDate } from '../../vroegsignalering/labels.tsx';
import {
  type MonitorMunicipality,
  type MonitorQuery,
  type MonitorResponse,
  type MonitorRow,
  type MonitorSearch,
  monitorApi,
  monitorQuery,
} from './api.ts';
import { Bars } from './charts.tsx';

type Lang = 'nl' | 'en';

/** The sections of the dashboard; together they hold every indicator, in the documented order. */
type SectionKey = 'signalen' | 'meldingen' | 'contact' | 'resultaten' | 'doorlooptijden';
const SECTIONS: { key: SectionKey; breakdown?: string; figures: string[] }[] = [
  {
    key: 'signalen',
    breakdown: 'signalen_per_partnertype',
    figures: ['signalen_per_1000', 'aandeel_signalen_melding', 'crisissignalen'],
  },
  { key: 'meldingen', figures: ['aandeel_enkelvoudig', 'aandeel_meervoudig', 'aandeel_opeenvolgend'] },
  {
    key: 'contact',
    breakdown: 'contactpogingen_per_soort',
    figures: ['aandeel_bereikt', 'aandeel_hulp_aanvaard_van_bereikt', 'aandeel_hulp_aanvaard'],
  },
  { key: 'resultaten', breakdown: 'eindresultaten', figures: [] },
  {
    key: 'doorlooptijden',
    figures: [
      'dagen_tot_oppakken_mediaan',
      'dagen_tot_oppakken_p90',
      'dagen_tot_eerste_contact_mediaan',
      'dagen_tot_eerste_contact_p90',
      'crisis_dagen_tot_oppakken_mediaan',
      'aandeel_binnen_termijn',
    ],
  },
];

const indicatorName = (t: TFunction, id: string) => t(`monitor.indicators.${id}`, { defaultValue: id });

function axisFormat(unit: MonitorRow['unit'], lang: Lang) {
  const locale = lang === 'en' ? 'en-GB' : 'nl-NL';
  const format =
    unit === 'share'
      ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
      : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (value: number) => format.format(value);
}

export function MonitorPage({ search }: { search: MonitorSearch }) {
  return (
    <RequirePermission anyOf={['aggregates:read', 'vroegsignalering:read']}>
      <Monitor search={search} />
    </RequirePermission>
  );
}

function Monitor({ search }: { search: MonitorSearch }) {
  const { t, i18n } = useTranslation();
  usePageTitle(t('monitor.title'));
  const session = useSession();
  const lang: Lang = i18n.language.startsWith('en') ? 'en' : 'nl';
  const query = monitorQuery(search, lang);
  const data = useQuery({
    queryKey: ['monitor', session?.activeMunicipality?.id, query],
    queryFn: () => monitorApi.show(query),
    retry: false,
  });
  const mayReadWijken = hasPermission(session, 'organisation:read');
  const wijken = useQuery({
    queryKey: ['wijken', 'all'],
    queryFn: () => loadAll((cursor) => api.wijken(cursor)),
    enabled: mayReadWijken,
  });
  const period = data.data?.period;
  return (
    <>
      <Heading1>{t('monitor.title')}</Heading1>
      <Paragraph>{t('monitor.intro')}</Paragraph>
      <Filters
        key={JSON.stringify([search, period])}
        search={search}
        period={period}
        wijken={(wijken.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
        error={data.error}
      />
      {data.isPending && <Loading />}
      {data.isError && <ErrorAlert error={data.error} />}
      {data.data && <Dashboard data={data.data} query={query} lang={lang} />}
    </>
  );
}

function Filters({
  search,
  period,
  wijken,
  error,
}: {
  search: MonitorSearch;
  period: { van: string; tot: string } | undefined;
  wijken: { value: string; label: string }[];
  error: unknown;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [van, setVan] = useState(search.van ?? period?.van ?? '');
  const [tot, setTot] = useState(search.tot ?? period?.tot ?? '');
  const [wijk, setWijk] = useState(search.wijk ?? '');
  const [regio, setRegio] = useState(!!search.regio);
  const errors = problemFieldErrors(t, error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void navigate({
      to: '/monitor',
      search: {
        van: van || undefined,
        tot: tot || undefined,
        wijk: wijk || undefined,
        regio: regio || undefined,
      },
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="vangnet-form vangnet-filters">
      <Fieldset>
        <FieldsetLegend>{t('monitor.filters')}</FieldsetLegend>
        <div className="vangnet-filters__fields">
          <TextField
            id="van"
            label={t('monitor.van')}
            type="date"
            value={van}
            onChange={setVan}
            description={t('monitor.periodHint')}
            error={errors.van}
          />
          <TextField
            id="tot"
            label={t('monitor.tot')}
            type="date"
            value={tot}
            onChange={setTot}
            error={errors.tot}
          />
          {wijken.length > 0 && (
            <SelectField
              id="wijk"
              label={t('monitor.wijk')}
              value={wijk}
              onChange={setWijk}
              options={[{ value: '', label: t('monitor.wholeMunicipality') }, ...wijken]}
            />
          )}
        </div>
        <CheckboxField id="regio" label={t('monitor.regio')} checked={regio} onChange={setRegio} />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('monitor.show')}
          </Button>
        </ButtonGroup>
      </Fieldset>
    </form>
  );
}

function Dashboard({ data, query, lang }: { data: MonitorResponse; query: MonitorQuery; lang: Lang }) {
  const { t } = useTranslation();
  const exact = { ...query, van: data.period.van, tot: data.period.tot };
  return (
    <>
      <Paragraph>
        {t('monitor.periodText', {
          municipality: data.municipality.name,
          wijk: data.wijk ? t('monitor.inWijk', { wijk: data.wijk.name }) : '',
          van: formatIsoDate(data.period.van),
          tot: formatIsoDate(data.period.tot),
          previousVan: formatIsoDate(data.previousPeriod.van),
          previousTot: formatIsoDate(data.previousPeriod.tot),
        })}
      </Paragraph>
      {data.suppressed && (
        <Paragraph className="vangnet-monitor-note" id="monitor-suppressed">
          {t('monitor.suppressedNote')}
        </Paragraph>
      )}
      <Paragraph className="vangnet-monitor-downloads">
        <Link href={monitorApi.csvUrl(exact)} download>
          {t('monitor.downloadCsv')}
        </Link>
        <Link href={monitorApi.pdfUrl(exact)} download>
          {t('monitor.downloadPdf')}
        </Link>
      </Paragraph>
      {SECTIONS.map((s) => (
        <Section key={s.key} section={s} rows={data.municipality.rows} lang={lang} />
      ))}
      {data.region && <Region municipalities={data.region} lang={lang} />}
    </>
  );
}

function Section({
  section,
  rows,
  lang,
}: {
  section: (typeof SECTIONS)[number];
  rows: MonitorRow[];
  lang: Lang;
}) {
  const { t } = useTranslation();
  const figures = section.figures
    .map((id) => rows.find((r) => r.indicator === id && r.category === null))
    .filter((r): r is MonitorRow => r !== undefined);
  // Figures of one unit (shares, days) share a chart; a lone figure of its unit only appears in the table.
  const units = [...new Set(figures.map((f) => f.unit))].filter(
    (u) => figures.filter((f) => f.unit === u).length > 1,
  );
  const headingId = `monitor-${section.key}`;
  return (
    <section className="vangnet-monitor-section" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t(`monitor.sections.${section.key}`)}</Heading2>
      {section.breakdown && (
        <Breakdown
          id={section.breakdown}
          rows={rows.filter((r) => r.indicator === section.breakdown)}
          lang={lang}
        />
      )}
      {units.map((unit) => {
        const shown = figures.filter((f) => f.unit === unit);
        return (
          <Comparison
            key={unit}
            title={t(`monitor.sections.${section.key}`)}
            items={shown.map((f) => ({ name: indicatorName(t, f.indicator), row: f }))}
            unit={unit}
            lang={lang}
          />
        );
      })}
      {figures.length > 0 && (
        <FigureTable
          caption={t('monitor.figuresCaption', { section: t(`monitor.sections.${section.key}`) })}
          firstHeader={t('monitor.indicator')}
          items={figures.map((f) => ({ name: indicatorName(t, f.indicator), row: f }))}
        />
      )}
    </section>
  );
}

/** A breakdown (partner types, contact kinds, end results): a chart of this and the previous period, and a table. */
function Breakdown({ id, rows, lang }: { id: string; rows: MonitorRow[]; lang: Lang }) {
  const { t } = useTranslation();
  const title = indicatorName(t, id);
  return (
    <>
      <Heading3>{title}</Heading3>
      <Comparison
        title={title}
        items={rows.map((r) => ({ name: r.category ?? '', row: r }))}
        unit={rows[0]?.unit ?? 'count'}
        lang={lang}
      />
      <FigureTable
        caption={title}
        firstHeader={t('monitor.category')}
        items={rows.map((r) => ({ name: r.category ?? '', row: r }))}
      />
    </>
  );
}

type Item = { name: string; row: MonitorRow };

/** The text alternative: what the chart compares and its largest figures; the table has all of them. */
function chartLabel(t: TFunction, title: string, items: Item[]): string {
  const top = items
    .filter((i) => i.row.current.value !== null)
    .sort((a, b) => (b.row.current.value ?? 0) - (a.row.current.value ?? 0))
    .slice(0, 3)
    .map((i) =>
      t('monitor.chartItem', {
        name: i.name,
        current: i.row.current.display,
        previous: i.row.previous.display,
      }),
    );
  return [
    t('monitor.chartAlt', { title }),
    top.length > 0 ? t('monitor.chartTop', { items: top.join('; ') }) : t('monitor.chartEmpty'),
    t('monitor.chartTable'),
  ].join(' ');
}

function Comparison({
  title,
  items,
  unit,
  lang,
}: {
  title: string;
  items: Item[];
  unit: MonitorRow['unit'];
  lang: Lang;
}) {
  const { t } = useTranslation();
  const categories = useMemo(() => items.map((i) => i.name), [items]);
  const series = useMemo(
    () => [
      { name: t('monitor.current'), values: items.map((i) => i.row.current.value) },
      { name: t('monitor.previous'), values: items.map((i) => i.row.previous.value) },
    ],
    [items, t],
  );
  const format = useMemo(() => axisFormat(unit, lang), [unit, lang]);
  return (
    <figure className="vangnet-figure">
      <Bars categories={categories} series={series} label={chartLabel(t, title, items)} format={format} />
      <figcaption>{title}</figcaption>
    </figure>
  );
}

function FigureTable({
  caption,
  firstHeader,
  items,
}: {
  caption: string;
  firstHeader: string;
  items: Item[];
}) {
  const { t } = useTranslation();
  return (
    <DataTable caption={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{firstHeader}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('monitor.current')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('monitor.previous')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((i) => (
          <TableRow key={i.name}>
            <TableHeaderCell scope="row">{i.name}</TableHeaderCell>
            <Cell cell={i.row.current} />
            <Cell cell={i.row.previous} />
          </TableRow>
        ))}
      </TableBody>
    </DataTable>
  );
}

function Cell({ cell }: { cell: MonitorRow['current'] }) {
  const { t } = useTranslation();
  if (cell.suppressed)
    return (
      <TableCell>
        <span aria-hidden="true">{cell.display}</span>
        <span className="vangnet-visually-hidden">{t('monitor.suppressedCell')}</span>
      </TableCell>
    );
  return <TableCell>{cell.display}</TableCell>;
}

const rate = (m: MonitorMunicipality) =>
  m.rows.find((r) => r.indicator === 'signalen_per_1000') as MonitorRow;

/** The municipalities of the region side by side: signals per 1,000 as a chart, every indicator in a table. */
function Region({ municipalities, lang }: { municipalities: MonitorMunicipality[]; lang: Lang }) {
  const { t } = useTranslation();
  const first = municipalities[0]?.rows ?? [];
  const title = t('monitor.regionChart');
  const items = municipalities.map((m) => ({ name: m.name, row: rate(m) }));
  const categories = useMemo(() => municipalities.map((m) => m.name), [municipalities]);
  const series = useMemo(
    () => [{ name: t('monitor.current'), values: municipalities.map((m) => rate(m).current.value) }],
    [municipalities, t],
  );
  const format = useMemo(() => axisFormat('rate', lang), [lang]);
  return (
    <section className="vangnet-monitor-section" aria-labelledby="monitor-region">
      <Heading2 id="monitor-region">{t('monitor.sections.regio')}</Heading2>
      <figure className="vangnet-figure">
        <Bars categories={categories} series={series} label={chartLabel(t, title, items)} format={format} />
        <figcaption>{title}</figcaption>
      </figure>
      <DataTable caption={t('monitor.regionCaption')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('monitor.indicator')}</TableHeaderCell>
            {municipalities.map((m) => (
              <TableHeaderCell key={m.id} scope="col">
                {m.name}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {first.map((r, index) => (
            <TableRow key={`${r.indicator}|${r.category ?? ''}`}>
              <TableHeaderCell scope="row">
                {r.category
                  ? `${indicatorName(t, r.indicator)}: ${r.category}`
                  : indicatorName(t, r.indicator)}
              </TableHeaderCell>
              {municipalities.map((m) => (
                <Cell key={m.id} cell={(m.rows[index] as MonitorRow).current} />
              ))}
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
    </section>
  );
}
