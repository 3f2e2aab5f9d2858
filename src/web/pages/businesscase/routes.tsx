// The route components of the business case (view, scenarios, assumptions, price list, interventions and the
// "wat werkt" catalogue), loaded as their own chunk (lazyRouteComponent in router.tsx) with the parts of echarts
// the view's chart uses.
import { getRouteApi } from '@tanstack/react-router';
import { BusinessCasePage } from './BusinessCasePage.tsx';
import { InterventionsPage } from './InterventionsPage.tsx';
import { PriceListPage, PriceListVersionPage } from './PriceListPages.tsx';
import { ScenarioPage } from './ScenarioPage.tsx';
import { SettingsPage } from './SettingsPage.tsx';
import { WhatWorksEntryPage, WhatWorksPage } from './WhatWorksPages.tsx';
import '../monitor/monitor.css';
import './businesscase.css';

export { PriceListPage, SettingsPage, WhatWorksPage };

const view = getRouteApi('/authenticated/businesscase');
const scenario = getRouteApi('/authenticated/businesscase/scenarios/$scenarioId');
const version = getRouteApi('/authenticated/businesscase/prijslijst/$versionId');
const interventions = getRouteApi('/authenticated/interventies');
const entry = getRouteApi('/authenticated/wat-werkt/$entryId');

export function BusinessCaseRoute() {
  return <BusinessCasePage search={view.useSearch()} />;
}

export function ScenarioRoute() {
  return <ScenarioPage scenarioId={scenario.useParams().scenarioId} search={scenario.useSearch()} />;
}

export function PriceListVersionRoute() {
  return <PriceListVersionPage versionId={version.useParams().versionId} />;
}

export function InterventionsRoute() {
  return <InterventionsPage householdCaseId={interventions.useSearch().huishouden} />;
}

export function WhatWorksEntryRoute() {
  return <WhatWorksEntryPage entryId={entry.useParams().entryId} />;
}
