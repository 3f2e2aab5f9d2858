// The ZRM over time as a chart (echarts, canvas) with a text alternative and the data as a table, and the Mobility
// Mentoring bridge as steps. The chart is an image for assistive technology (role="img" with a summary); the same
// facts are in the list of changes and in the table, so nobody depends on seeing it.
import {
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BRIDGE_LEVEL_NAMES,
  PILLARS,
  ZRM_DOMAINS,
  ZRM_LEVEL_NAMES,
  type ZrmLevel,
} from '../../../shared/schemas/households.ts';
import { DataTable } from '../../components/common.tsx';
import { formatIsoDate } from '../../vroegsignalering/labels.tsx';
import { bi, pillarName, zrmDomainName } from './texts.ts';

echarts.use([BarChart, GridComponent, LegendComponent, CanvasRenderer]);

type Assessment = { id: string; assessedOn: string; scores: Record<string, number> };

/** "Financiën: van 1 naar 3" per domain, first assessment against the last. */
export function zrmChanges(assessments: readonly Assessment[], lang: string) {
  const first = assessments[0];
  const last = assessments.at(-1);
  if (!first || !last) return [];
  return ZRM_DOMAINS.map((d) => ({
    domain: zrmDomainName(d, lang),
    from: first.scores[d] ?? null,
    to: last.scores[d] ?? null,
  }));
}

export function ZrmChart({ assessments, lang }: { assessments: readonly Assessment[]; lang: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // The last three assessments in the chart (the table holds them all); the chart reads best with few bars.
  const shown = useMemo(() => assessments.slice(-3), [assessments]);
  const changes = zrmChanges(assessments, lang);
  const summary = changes.map((c) =>
    assessments.length === 1
      ? t('households.zrm.only', {
          domain: c.domain,
          score: c.to,
          level: c.to ? bi(ZRM_LEVEL_NAMES[c.to as ZrmLevel], lang) : '',
        })
      : c.from === c.to
        ? t('households.zrm.same', { domain: c.domain, score: c.to })
        : t('households.zrm.change', { domain: c.domain, from: c.from, to: c.to }),
  );
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    const domains = [...ZRM_DOMAINS].reverse();
    chart.setOption({
      animation: false,
      aria: { enabled: false },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 5, interval: 1 },
      yAxis: {
        type: 'category',
        data: domains.map((d) => zrmDomainName(d, lang)),
        axisLabel: { width: 130, overflow: 'break' },
      },
      series: shown.map((a) => ({
        type: 'bar',
        name: formatIsoDate(a.assessedOn),
        data: domains.map((d) => a.scores[d] ?? 0),
      })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [shown, lang]);
  return (
    <>
      <figure className="vangnet-figure">
        <div
          ref={ref}
          className="vangnet-hh-chart"
          role="img"
          aria-label={`${t('households.zrm.chart')}. ${summary.join('. ')}`}
        />
        <figcaption>{t('households.zrm.chart')}</figcaption>
      </figure>
      <h3 className="utrecht-heading-3">{t('households.zrm.changes')}</h3>
      <UnorderedList>
        {summary.map((line) => (
          <UnorderedListItem key={line}>{line}</UnorderedListItem>
        ))}
      </UnorderedList>
      <DataTable caption={t('households.zrm.caption')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('households.zrm.domain')}</TableHeaderCell>
            {assessments.map((a) => (
              <TableHeaderCell key={a.id} scope="col">
                {formatIsoDate(a.assessedOn)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {ZRM_DOMAINS.map((d) => (
            <TableRow key={d}>
              <TableHeaderCell scope="row">{zrmDomainName(d, lang)}</TableHeaderCell>
              {assessments.map((a) => (
                <TableCell key={a.id}>{a.scores[d] ?? ''}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
    </>
  );
}

/** Each pillar as five steps, the reached ones filled, with the level written out. */
export function BridgeView({ levels, lang }: { levels: Record<string, number>; lang: string }) {
  const { t } = useTranslation();
  return (
    <ul className="vangnet-hh-bridge">
      {PILLARS.map((p) => {
        const level = (levels[p] ?? 0) as ZrmLevel;
        return (
          <li key={p} className="vangnet-hh-bridge__pillar">
            <span className="vangnet-hh-bridge__name">
              {t('households.bridge.step', {
                pillar: pillarName(p, lang),
                level,
                name: level ? bi(BRIDGE_LEVEL_NAMES[level], lang) : '',
              })}
            </span>
            <span className="vangnet-hh-bridge__steps" aria-hidden="true">
              {[1, 2, 3, 4, 5].map((n) => (
                <span
                  key={n}
                  className={`vangnet-hh-bridge__step${n <= level ? ' vangnet-hh-bridge__step--on' : ''}`}
                />
              ))}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
