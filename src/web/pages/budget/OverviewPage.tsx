// The budget overview: per municipality and year (and per team where a team has its own budget) what was paid,
// what is approved but not yet paid, what waits for a decision and what remains, per category; the limits per role
// and the four-eyes amount; and the payments of a period as CSV for the financial administration.
import { useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  Link,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMIT_ROLES } from '../../../shared/schemas/budget.ts';
import { DataTable, Loading } from '../../components/common.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { AppButtonLink, AppLink } from '../../components/links.tsx';
import { ErrorAlert } from '../../components/problem.tsx';
import { roleLabel } from '../../components/roles.ts';
import { hasPermission, useSession } from '../../session.ts';
import { todayIso } from '../../vroegsignalering/labels.tsx';
import { formatEuros } from '../../vroegsignalering/money.ts';
import { type Budget, budgetApi, keys } from './api.ts';
import { periodProblem, sortBudgets, usedPercent } from './logic.ts';
import { AnyPermittedPage, categoryName, Facts, Section } from './parts.tsx';

export function BudgetOverviewPage() {
  const { t } = useTranslation();
  return (
    <AnyPermittedPage
      anyOf={['budgets:manage', 'budget_requests:manage', 'aggregates:read']}
      title={t('budget.overview.title')}
      intro={t('budget.overview.intro')}
    >
      <Overview />
    </AnyPermittedPage>
  );
}

function Overview() {
  const { t } = useTranslation();
  const session = useSession();
  const canManage = hasPermission(session, 'budgets:manage');
  const canRequest = hasPermission(session, 'budget_requests:manage');
  const budgets = useQuery({ queryKey: keys.budgets, queryFn: budgetApi.budgets });
  const years = [...new Set((budgets.data ?? []).map((b) => b.year))].sort((a, b) => b - a);
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState('');
  const chosen = year || String(years.includes(thisYear) ? thisYear : (years[0] ?? thisYear));
  const shown = sortBudgets(budgets.data ?? []).filter((b) => String(b.year) === chosen);
  return (
    <>
      {(canManage || canRequest) && (
        <ButtonGroup>
          {canRequest && (
            <AppButtonLink to="/maatwerkbudget/aanvragen" appearance="primary-action-button">
              {t('budget.overview.toRequests')}
            </AppButtonLink>
          )}
          {canManage && (
            <AppButtonLink to="/maatwerkbudget/budgetten/nieuw" appearance="secondary-action-button">
              {t('budget.overview.newBudget')}
            </AppButtonLink>
          )}
        </ButtonGroup>
      )}
      {budgets.isPending && <Loading />}
      {budgets.isError && <ErrorAlert error={budgets.error} />}
      {budgets.data && budgets.data.length === 0 && <Paragraph>{t('budget.overview.none')}</Paragraph>}
      {years.length > 1 && (
        <SelectField
          id="budget-year"
          label={t('budget.overview.year')}
          value={chosen}
          onChange={setYear}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
      )}
      {shown.map((b) => (
        <BudgetSection key={b.id} budget={b} canManage={canManage} />
      ))}
      {(canManage || canRequest) && budgets.data && <PaymentsCsv budgets={budgets.data} />}
    </>
  );
}

/** The name of a budget with its year and whether it is the whole municipality's or a team's. */
export function budgetTitle(t: TFunction, b: Budget): string {
  return t('budget.overview.budgetTitle', {
    name: b.name,
    year: b.year,
    scope: b.teamName ?? t('budget.overview.wholeMunicipality'),
  });
}

function BudgetSection({ budget: b, canManage }: { budget: Budget; canManage: boolean }) {
  const { t } = useTranslation();
  const headingId = `budget-${b.id}`;
  const used = usedPercent(b);
  return (
    <Section id={headingId} title={budgetTitle(t, b)}>
      <Facts
        items={[
          [t('budget.overview.total'), formatEuros(b.totalCents)],
          [t('budget.overview.spent'), formatEuros(b.spentCents)],
          [t('budget.overview.committed'), formatEuros(b.committedCents)],
          [t('budget.overview.pending'), formatEuros(b.pendingCents)],
          [t('budget.overview.remaining'), <strong key="r">{formatEuros(b.remainingCents)}</strong>],
          [t('budget.overview.fourEyes'), formatEuros(b.fourEyesAboveCents)],
          ...LIMIT_ROLES.map(
            (role) =>
              [
                t('budget.overview.limitOf', { role: roleLabel(t, role) }),
                typeof b.limits[role] === 'number'
                  ? formatEuros(b.limits[role] ?? 0)
                  : t('budget.overview.noLimit'),
              ] as [string, string],
          ),
        ]}
      />
      <div className="vangnet-budget-meter">
        <label htmlFor={`${headingId}-used`}>{t('budget.overview.used', { percent: used })}</label>
        <progress id={`${headingId}-used`} max={100} value={used}>
          {used}%
        </progress>
      </div>
      {b.perCategory.length === 0 ? (
        <Paragraph>{t('budget.overview.noRequests')}</Paragraph>
      ) : (
        <DataTable caption={t('budget.overview.categoryCaption', { name: budgetTitle(t, b) })}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('budget.overview.category')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('budget.overview.requests')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('budget.overview.spent')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('budget.overview.committed')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('budget.overview.pending')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {b.perCategory.map((c) => (
              <TableRow key={c.category}>
                <TableHeaderCell scope="row">{categoryName(t, c.category)}</TableHeaderCell>
                <TableCell className="vangnet-budget-amount">{c.requests}</TableCell>
                <TableCell className="vangnet-budget-amount">{formatEuros(c.spentCents)}</TableCell>
                <TableCell className="vangnet-budget-amount">{formatEuros(c.committedCents)}</TableCell>
                <TableCell className="vangnet-budget-amount">{formatEuros(c.pendingCents)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
      {canManage && (
        <Paragraph>
          <AppLink to="/maatwerkbudget/budgetten/$budgetId" params={{ budgetId: b.id }}>
            {t('budget.overview.edit', { name: budgetTitle(t, b) })}
          </AppLink>
        </Paragraph>
      )}
    </Section>
  );
}

/** The payments of a period as a CSV file; the link is there only when the period is valid. */
function PaymentsCsv({ budgets }: { budgets: Budget[] }) {
  const { t } = useTranslation();
  const today = todayIso();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [budgetId, setBudgetId] = useState('');
  const problem = periodProblem(from, to);
  const message =
    problem === 'required'
      ? t('budget.csv.required')
      : problem === 'before_from'
        ? t('budget.csv.beforeFrom')
        : undefined;
  return (
    <Section id="budget-csv" title={t('budget.csv.title')}>
      <Paragraph>{t('budget.csv.intro')}</Paragraph>
      <div className="vangnet-filters__fields">
        <TextField
          id="budget-csv-from"
          type="date"
          label={t('budget.csv.from')}
          value={from}
          onChange={setFrom}
        />
        <TextField
          id="budget-csv-to"
          type="date"
          label={t('budget.csv.to')}
          value={to}
          onChange={setTo}
          error={message}
        />
        <SelectField
          id="budget-csv-budget"
          label={t('budget.csv.budget')}
          value={budgetId}
          onChange={setBudgetId}
          options={[
            { value: '', label: t('budget.csv.allBudgets') },
            ...sortBudgets(budgets).map((b) => ({ value: b.id, label: budgetTitle(t, b) })),
          ]}
        />
      </div>
      {!problem && (
        <Paragraph>
          <Link href={budgetApi.paymentsCsvUrl({ from, to, budgetId: budgetId || undefined })} download>
            {t('budget.csv.download')}
          </Link>
        </Paragraph>
      )}
    </Section>
  );
}
