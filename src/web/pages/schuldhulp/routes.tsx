// The route components of debt help (schuldhulp), loaded as their own chunk (lazyRouteComponent in router.tsx).
import { getRouteApi } from '@tanstack/react-router';
import { AanmeldenPage } from './AanmeldenPage.tsx';
import { SchuldhulpCaseloadPage } from './CaseloadPage.tsx';
import { DebtsPage } from './DebtsPage.tsx';
import { TrajectoryPage } from './TrajectoryPage.tsx';

export { SchuldhulpCaseloadPage };

const trajectory = getRouteApi('/authenticated/schuldhulp/trajecten/$trajectoryId');
const debts = getRouteApi('/authenticated/schuldhulp/trajecten/$trajectoryId/schulden');
const aanmelden = getRouteApi('/authenticated/schuldhulp/aanmelden');

export function TrajectoryRoute() {
  return <TrajectoryPage trajectoryId={trajectory.useParams().trajectoryId} />;
}

export function DebtsRoute() {
  return <DebtsPage trajectoryId={debts.useParams().trajectoryId} />;
}

export function AanmeldenRoute() {
  return <AanmeldenPage householdCaseId={aanmelden.useSearch().huishouden} />;
}
