// The route components of berekeningen (calculator, non-take-up, municipal schemes), loaded as their own chunk
// (lazyRouteComponent in router.tsx): users who never open these pages do not download them.
import { getRouteApi } from '@tanstack/react-router';
import { CalculatorPage } from './CalculatorPage.tsx';
import { HuishoudenScanPage, NietGebruikPage } from './NietGebruikPages.tsx';
import { RegelingEditPage, RegelingenPage, RegelingNewPage } from './RegelingenPages.tsx';

export { CalculatorPage, NietGebruikPage, RegelingenPage, RegelingNewPage };

const household = getRouteApi('/authenticated/berekeningen/huishoudens/$householdId');
const scheme = getRouteApi('/authenticated/beheer/regelingen/$schemeId');

export function HuishoudenScanRoute() {
  const { householdId } = household.useParams();
  const { peildatum } = household.useSearch();
  return <HuishoudenScanPage householdId={householdId} peildatum={peildatum} />;
}

export function RegelingEditRoute() {
  return <RegelingEditPage schemeId={scheme.useParams().schemeId} />;
}
