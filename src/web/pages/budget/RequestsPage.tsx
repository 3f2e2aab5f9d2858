// The requests for the maatwerkbudget, newest first, filtered by state and budget (and by household when the
// household page links here); and the follow-ups that are due: did the expected effect happen?
import { useQuery } from '@tanstack/react-query';
import {
  ButtonGroup,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REQUEST_STATUSES } from '../../../shared/schemas/budget.ts';
import { DataTable, Loading, Pager, useCursorPager } from '../../components/common.tsx';
import { SelectField } from '../../components/fields.tsx';
import { AppButtonLink, AppLink } from '../../components/links.tsx';
import { ErrorAlert } from '../../components/problem.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import { formatIsoDate } from '../../vroegsignalering/labels.tsx';
import { formatEuros } from '../../vroegsignalering/money.ts';
import { budgetApi, keys } from './api.ts';
import { sortBudgets } from './logic.ts';
import { budgetTitle } from './OverviewPage.tsx';
import { AnyPermittedPage, categoryName, Section, StatusText, statusName } from './parts.tsx';

export function RequestsPage({ householdCaseId }: { householdCaseId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <AnyPermittedPage
      anyOf={['budget_requests:manage']}
      title={t('budget.requests.title')}
      intro={t('budget.requests.intro')}
    >
      <ButtonGroup>
        <AppButtonLink
          to="/maatwerkbudget/aanvragen/nieuw"
          search={{ huishouden: householdCaseId }}
          appearance="primary-action-button"
        >
          {t('budget.requests.new')}
        </AppButtonLink>
        <AppButtonLink to="/maatwerkbudget" appearance="secondary-action-button">
          {t('budget.requests.toOverview')}
        </AppButtonLink>
      </ButtonGroup>
      <RequestList householdCaseId={householdCaseId} />
      <DueFollowups />
    </AnyPermittedPage>
  );
}

function RequestList({ householdCaseId }: { householdCaseId: string | undefined }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [budgetId, setBudgetId] = useState('');
  const budgets = useQuery({ queryKey: keys.budgets, queryFn: budgetApi.budgets });
  const filter = { status: status || undefined, budgetId: budgetId || undefined, householdCaseId };
  // Another filter starts again at the first page.
  const pager = useCursorPager(JSON.stringify(filter));
  const query = { ...filter, limit: 50, cursor: pager.cursor ?? undefined };
  const list = useQuery({ queryKey: keys.requests(query), queryFn: () => budgetApi.requests(query) });
  return (
    <Section id="budget-requests" title={t('budget.requests.listTitle')}>
      {householdCaseId && (
        <Paragraph>
          {t('budget.requests.oneHousehold')}{' '}
          <AppLink to="/maatwerkbudget/aanvragen" search={{}}>
            {t('budget.requests.allHouseholds')}
          </AppLink>
        </Paragraph>
      )}
      <div className="vangnet-filters__fields">
        <SelectField
          id="budget-filter-status"
          label={t('budget.requests.status')}
          value={status}
          onChange={setStatus}
          options={[
            { value: '', label: t('budget.requests.allStatuses') },
            ...REQUEST_STATUSES.map((s) => ({ value: s, label: statusName(t, s) })),
          ]}
        />
        <SelectField
          id="budget-filter-budget"
          label={t('budget.requests.budget')}
          value={budgetId}
          onChange={setBudgetId}
          options={[
            { value: '', label: t('budget.csv.allBudgets') },
            ...sortBudgets(budgets.data ?? []).map((b) => ({ value: b.id, label: budgetTitle(t, b) })),
          ]}
        />
      </div>
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && (
        <>
          <DataTable caption={t('budget.requests.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('budget.requests.household')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.requests.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.requests.category')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.requests.amount')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.requests.payee')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.requests.requested')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.map((r) => (
                <TableRow key={r.id}>
                  <TableHeaderCell scope="row">
                    <AppLink to="/maatwerkbudget/aanvragen/$requestId" params={{ requestId: r.id }}>
                      {r.householdLabel || t('budget.requests.unnamed')}
                    </AppLink>
                  </TableHeaderCell>
                  <TableCell>
                    <StatusText status={r.status} />
                  </TableCell>
                  <TableCell>{categoryName(t, r.category)}</TableCell>
                  <TableCell className="vangnet-budget-amount">{formatEuros(r.amountCents)}</TableCell>
                  <TableCell>{r.payeeName}</TableCell>
                  <TableCell>
                    {t('budget.requests.requestedBy', {
                      date: formatDateTime(r.requestedAt, { dateStyle: 'medium' }),
                      name: r.requestedBy.name,
                    })}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
          {list.data.items.length === 0 && <Paragraph>{t('budget.requests.empty')}</Paragraph>}
          <Pager
            page={pager.page}
            nextCursor={list.data.nextCursor}
            onNext={pager.next}
            onPrevious={pager.previous}
          />
        </>
      )}
    </Section>
  );
}

/** Follow-ups whose day has come: open the request to record whether the effect happened. */
function DueFollowups() {
  const { t } = useTranslation();
  const due = useQuery({
    queryKey: keys.followups('te_beoordelen'),
    queryFn: () => budgetApi.followups('te_beoordelen'),
  });
  // A follow-up names its request only by id: the paid requests give each link the household's name. All of
  // them (a request waiting for its check is still 'betaald'), and only when there is a check to name.
  const paidQuery = { status: 'betaald' };
  const paid = useQuery({
    queryKey: keys.allRequests(paidQuery),
    queryFn: () => budgetApi.allRequests(paidQuery),
    enabled: (due.data?.length ?? 0) > 0,
  });
  const labelOf = (requestId: string) => paid.data?.find((r) => r.id === requestId)?.householdLabel ?? '';
  return (
    <Section id="budget-followups" title={t('budget.requests.followupsTitle')}>
      <Paragraph>{t('budget.requests.followupsIntro')}</Paragraph>
      {due.isPending && <Loading />}
      {due.isError && <ErrorAlert error={due.error} />}
      {due.data &&
        (due.data.length === 0 ? (
          <Paragraph>{t('budget.requests.noFollowups')}</Paragraph>
        ) : (
          <DataTable caption={t('budget.requests.followupsCaption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('budget.followup.check')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.followup.due')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {due.data.map((f) => (
                <TableRow key={f.id}>
                  <TableHeaderCell scope="row">
                    <AppLink to="/maatwerkbudget/aanvragen/$requestId" params={{ requestId: f.requestId }}>
                      {t('budget.followup.linkName', { days: f.afterDays, household: labelOf(f.requestId) })}
                    </AppLink>
                  </TableHeaderCell>
                  <TableCell>{formatIsoDate(f.dueOn)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
        ))}
    </Section>
  );
}
