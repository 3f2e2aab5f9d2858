// The route components of the maatwerkbudget, loaded as their own chunk (lazyRouteComponent in router.tsx).
import { getRouteApi } from '@tanstack/react-router';
import { BudgetEditPage, BudgetNewPage } from './BudgetFormPage.tsx';
import { NewRequestPage } from './NewRequestPage.tsx';
import { BudgetOverviewPage } from './OverviewPage.tsx';
import { RequestPage } from './RequestPage.tsx';
import { RequestsPage } from './RequestsPage.tsx';

export { BudgetNewPage, BudgetOverviewPage };

const budgetEdit = getRouteApi('/authenticated/maatwerkbudget/budgetten/$budgetId');
const requests = getRouteApi('/authenticated/maatwerkbudget/aanvragen');
const newRequest = getRouteApi('/authenticated/maatwerkbudget/aanvragen/nieuw');
const request = getRouteApi('/authenticated/maatwerkbudget/aanvragen/$requestId');

export function BudgetEditRoute() {
  return <BudgetEditPage budgetId={budgetEdit.useParams().budgetId} />;
}

export function RequestsRoute() {
  return <RequestsPage householdCaseId={requests.useSearch().huishouden} />;
}

export function NewRequestRoute() {
  return <NewRequestPage householdCaseId={newRequest.useSearch().huishouden} />;
}

export function RequestRoute() {
  return <RequestPage requestId={request.useParams().requestId} />;
}
