// The household view's links to the maatwerkbudget (its requests, and a new one) and to a budgetmaatje. List items
// only: the household page puts them in its link list.
import { useQuery } from '@tanstack/react-query';
import { UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../../components/links.tsx';
import { hasPermission, useSession } from '../../session.ts';
import { budgetApi, keys } from './api.ts';

/** `manage`: the caller is this household's regisseur (only they, or a coordinator, may ask for a budgetmaatje). */
export function HouseholdBudgetLinks({
  householdCaseId,
  open,
  manage,
}: {
  householdCaseId: string;
  open: boolean;
  manage: boolean;
}) {
  const session = useSession();
  return (
    <>
      {hasPermission(session, 'budget_requests:manage') && (
        <BudgetLinks householdCaseId={householdCaseId} open={open} />
      )}
      {open && manage && <MaatjeLink householdCaseId={householdCaseId} />}
    </>
  );
}

function BudgetLinks({ householdCaseId, open }: { householdCaseId: string; open: boolean }) {
  const { t } = useTranslation();
  // The link counts every request of the household, so all pages (a household has few).
  const query = { householdCaseId };
  const list = useQuery({ queryKey: keys.allRequests(query), queryFn: () => budgetApi.allRequests(query) });
  return (
    <>
      {list.data && list.data.length > 0 && (
        <UnorderedListItem>
          <AppLink to="/maatwerkbudget/aanvragen" search={{ huishouden: householdCaseId }}>
            {t('budget.household.requests', { count: list.data.length })}
          </AppLink>
        </UnorderedListItem>
      )}
      {open && (
        <UnorderedListItem>
          <AppLink to="/maatwerkbudget/aanvragen/nieuw" search={{ huishouden: householdCaseId }}>
            {t('budget.household.newRequest')}
          </AppLink>
        </UnorderedListItem>
      )}
    </>
  );
}

function MaatjeLink({ householdCaseId }: { householdCaseId: string }) {
  const { t } = useTranslation();
  return (
    <UnorderedListItem>
      <AppLink to="/budgetmaatjes/hulpvragen/nieuw" search={{ huishouden: householdCaseId }}>
        {t('budget.household.maatje')}
      </AppLink>
    </UnorderedListItem>
  );
}
