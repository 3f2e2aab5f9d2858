// The route components of the household plan, loaded as their own chunk (lazyRouteComponent in router.tsx), with
// echarts and the shared schemas they use.
import { getRouteApi } from '@tanstack/react-router';
import { CaseloadPage, HouseholdPage, NextStepPage } from './HouseholdsPages.tsx';

export { CaseloadPage };

const household = getRouteApi('/authenticated/huishoudens/$householdId');
const nextStep = getRouteApi('/authenticated/huishoudens/$householdId/volgende-stap');

export function HouseholdRoute() {
  return <HouseholdPage householdId={household.useParams().householdId} />;
}

export function NextStepRoute() {
  return <NextStepPage householdId={nextStep.useParams().householdId} />;
}
