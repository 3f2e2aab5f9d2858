import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { clearCsrfToken, setUnauthorizedHandler } from './api.ts';
import { Shell } from './components/Shell.tsx';
import { AuditPage, validateAuditSearch } from './pages/AuditPage.tsx';
import { validateBusinessCaseSearch, validateInterventionsSearch } from './pages/businesscase/api.ts';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage, type LoginReason, type LoginSearch } from './pages/LoginPage.tsx';
import { MunicipalityPage } from './pages/MunicipalityPage.tsx';
import { validateMonitorSearch } from './pages/monitor/api.ts';
import { ErrorPage, NotFoundPage } from './pages/NotFoundPage.tsx';
import { SecondFactorPage } from './pages/SecondFactorPage.tsx';
import { TeamEditPage, TeamNewPage, TeamsPage } from './pages/TeamsPages.tsx';
import { UserEditPage, UserNewPage, UsersPage } from './pages/UsersPages.tsx';
import { WijkEditPage, WijkenPage, WijkNewPage } from './pages/WijkenPages.tsx';
import {
  hadSession,
  isFullyAuthenticated,
  needsSecondFactor,
  rememberHadSession,
  safeRedirect,
  sessionQueryOptions,
} from './session.ts';
import { validateMeldingenSearch } from './vroegsignalering/meldingenSearch.ts';

export interface RouterContext {
  queryClient: QueryClient;
}

const LOGIN_REASONS: readonly LoginReason[] = ['expired', 'logout', 'logout_everywhere'];

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Shell,
  notFoundComponent: NotFoundPage,
  errorComponent: ({ error }) => <ErrorPage error={error} />,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/inloggen',
  validateSearch: (search: Record<string, unknown>): LoginSearch => ({
    redirect: safeRedirect(search.redirect),
    reason: LOGIN_REASONS.find((r) => r === search.reason),
  }),
  beforeLoad: async ({ context, search }) => {
    const session = await context.queryClient.ensureQueryData(sessionQueryOptions);
    if (needsSecondFactor(session)) {
      throw redirect({ to: '/inloggen/tweede-factor', search: { redirect: search.redirect } });
    }
    if (isFullyAuthenticated(session)) throw redirect({ href: search.redirect ?? '/' });
  },
  component: function LoginRoute() {
    return <LoginPage search={loginRoute.useSearch()} />;
  },
});

const secondFactorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/inloggen/tweede-factor',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({
    redirect: safeRedirect(search.redirect),
  }),
  beforeLoad: async ({ context, search }) => {
    const session = await context.queryClient.ensureQueryData(sessionQueryOptions);
    if (!session.authenticated) throw redirect({ to: '/inloggen', search: { redirect: search.redirect } });
    if (!needsSecondFactor(session)) throw redirect({ href: search.redirect ?? '/' });
  },
  component: function SecondFactorRoute() {
    return <SecondFactorPage redirect={secondFactorRoute.useSearch().redirect} />;
  },
});

/** Everything below needs a complete login (password and, where required, the second factor). */
const authenticatedRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'authenticated',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQueryOptions);
    const back = safeRedirect(location.href);
    if (!session.authenticated) {
      const reason: LoginReason | undefined = hadSession() ? 'expired' : undefined;
      rememberHadSession(false);
      throw redirect({ to: '/inloggen', search: { redirect: back, reason } });
    }
    if (needsSecondFactor(session))
      throw redirect({ to: '/inloggen/tweede-factor', search: { redirect: back } });
  },
});

const homeRoute = createRoute({ getParentRoute: () => authenticatedRoute, path: '/', component: HomePage });

const usersRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/gebruikers',
  component: UsersPage,
});
const userNewRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/gebruikers/nieuw',
  component: UserNewPage,
});
const userEditRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/gebruikers/$userId',
  component: function UserEditRoute() {
    return <UserEditPage userId={userEditRoute.useParams().userId} />;
  },
});

const teamsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/teams',
  component: TeamsPage,
});
const teamNewRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/teams/nieuw',
  component: TeamNewPage,
});
const teamEditRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/teams/$teamId',
  component: function TeamEditRoute() {
    return <TeamEditPage teamId={teamEditRoute.useParams().teamId} />;
  },
});

const wijkenRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/wijken',
  component: WijkenPage,
});
const wijkNewRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/wijken/nieuw',
  component: WijkNewPage,
});
const wijkEditRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/wijken/$wijkId',
  component: function WijkEditRoute() {
    return <WijkEditPage wijkId={wijkEditRoute.useParams().wijkId} />;
  },
});

const municipalityRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/gemeente',
  component: MunicipalityPage,
});

const auditRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/audit',
  validateSearch: validateAuditSearch,
  component: function AuditRoute() {
    const navigate = auditRoute.useNavigate();
    return <AuditPage search={auditRoute.useSearch()} onSearch={(search) => void navigate({ search })} />;
  },
});

// Vroegsignalering ----------------------------------------------------------------------------------------
// Its pages are one chunk of their own, loaded when the first of them is opened.

const vs = (name: keyof typeof import('./pages/vroegsignalering/routes.tsx')) =>
  lazyRouteComponent(() => import('./pages/vroegsignalering/routes.tsx'), name);

const meldingenRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/meldingen',
  validateSearch: validateMeldingenSearch,
  component: vs('MeldingenRoute'),
});
const meldingRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/meldingen/$meldingId',
  component: vs('MeldingRoute'),
});
const followupWorkRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/werk',
  component: vs('FollowupWorkPage'),
});
const followupAgendaRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/agenda',
  component: vs('FollowupAgendaPage'),
});
const followupRouteRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/route',
  component: vs('FollowupRoutePage'),
});
const koppelenRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/koppelen',
  component: vs('KoppelenPage'),
});
const bestandenRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/bestanden',
  component: vs('BestandenPage'),
});
const importRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/bestanden/$importId',
  component: vs('ImportRoute'),
});
const signaalRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/signaal',
  component: vs('SignaalPage'),
});
const afwegingskaderRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/afwegingskader',
  component: vs('AfwegingskaderPage'),
});
const verwijzenRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/verwijzen',
  component: vs('VerwijzenPage'),
});

// Outreach (letters, cards, e-mail, text messages): a chunk of its own as well.
const or = (name: keyof typeof import('./pages/vroegsignalering/OutreachPages.tsx')) =>
  lazyRouteComponent(() => import('./pages/vroegsignalering/OutreachPages.tsx'), name);

const outreachTemplatesRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/berichtsjablonen',
  component: or('OutreachTemplatesPage'),
});
const outreachTemplateNewRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/berichtsjablonen/nieuw',
  component: or('OutreachTemplateNewPage'),
});
const outreachTemplateRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/berichtsjablonen/$templateId',
  component: or('OutreachTemplateEditRoute'),
});
const outreachBatchRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/brieven',
  component: or('OutreachBatchPage'),
});
const outreachMessagesRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/vroegsignalering/berichten',
  component: or('OutreachMessagesPage'),
});
const outreachSettingsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/berichtinstellingen',
  component: or('OutreachSettingsPage'),
});
const terugmeldingenRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/terugmeldingen',
  component: lazyRouteComponent(
    () => import('./pages/vroegsignalering/TerugmeldingenPage.tsx'),
    'TerugmeldingenPage',
  ),
});
const contactCardRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/mijn-contactkaart',
  component: or('ContactCardPage'),
});

const partnersRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/signaalpartners',
  component: vs('PartnersPage'),
});
const partnerNewRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/signaalpartners/nieuw',
  component: vs('PartnerNewPage'),
});
const partnerEditRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/signaalpartners/$partnerId',
  component: vs('PartnerEditRoute'),
});
const sourcesRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/verwijzers',
  component: vs('ReferralSourcesPage'),
});
const sourceNewRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/verwijzers/nieuw',
  component: vs('ReferralSourceNewPage'),
});
const sourceEditRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/verwijzers/$sourceId',
  component: vs('SourceEditRoute'),
});
const queuesRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/werkbakjes',
  component: vs('WorkQueuesPage'),
});
const queueNewRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/werkbakjes/nieuw',
  component: vs('WorkQueueNewPage'),
});
const queueEditRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/werkbakjes/$queueId',
  component: vs('QueueEditRoute'),
});

// Berekeningen: calculator, non-take-up, municipal schemes (their own chunk) ------------------------------

const bk = (name: keyof typeof import('./pages/berekeningen/routes.tsx')) =>
  lazyRouteComponent(() => import('./pages/berekeningen/routes.tsx'), name);

const calculatorRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/berekeningen',
  component: bk('CalculatorPage'),
});
const nietGebruikRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/berekeningen/niet-gebruik',
  component: bk('NietGebruikPage'),
});
const householdScanRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/berekeningen/huishoudens/$householdId',
  validateSearch: (search: Record<string, unknown>): { peildatum?: string } => ({
    peildatum:
      typeof search.peildatum === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(search.peildatum)
        ? search.peildatum
        : undefined,
  }),
  component: bk('HuishoudenScanRoute'),
});
const regelingenRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/regelingen',
  component: bk('RegelingenPage'),
});
const regelingNewRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/regelingen/nieuw',
  component: bk('RegelingNewPage'),
});
const regelingEditRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/regelingen/$schemeId',
  component: bk('RegelingEditRoute'),
});

// Household plan ------------------------------------------------------------------------------------------
// Its pages (with echarts) are one chunk of their own.

const hh = (name: keyof typeof import('./pages/households/routes.tsx')) =>
  lazyRouteComponent(() => import('./pages/households/routes.tsx'), name);

const householdsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/huishoudens',
  component: hh('CaseloadPage'),
});
const householdRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/huishoudens/$householdId',
  component: hh('HouseholdRoute'),
});
const householdNextStepRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/huishoudens/$householdId/volgende-stap',
  component: hh('NextStepRoute'),
});

// Monitor dashboard (Divosa indicators): a chunk of its own with the parts of echarts it uses.
const monitorRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/monitor',
  validateSearch: validateMonitorSearch,
  component: lazyRouteComponent(() => import('./pages/monitor/routes.tsx'), 'MonitorRoute'),
});

// The municipality's default list of documents to bring (household plan, preparation call).
const checklistSettingsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/meeneemlijst',
  component: lazyRouteComponent(
    () => import('./pages/households/ChecklistSettingsPage.tsx'),
    'ChecklistSettingsPage',
  ),
});

// Retention terms (AVG) of the functioneel beheerder: a chunk of its own.
const retentionRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/beheer/bewaartermijnen',
  component: lazyRouteComponent(() => import('./pages/retention/RetentionPages.tsx'), 'RetentionPage'),
});

// Business case: the view, scenarios, assumptions, the price list, interventions and "wat werkt" (one chunk, with
// the parts of echarts the view's chart uses) ----------------------------------------------------------------

const bc = (name: keyof typeof import('./pages/businesscase/routes.tsx')) =>
  lazyRouteComponent(() => import('./pages/businesscase/routes.tsx'), name);

const businessCaseRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/businesscase',
  validateSearch: validateBusinessCaseSearch,
  component: bc('BusinessCaseRoute'),
});
const businessCaseScenarioRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/businesscase/scenarios/$scenarioId',
  validateSearch: (search: Record<string, unknown>): { van?: string; tot?: string } => {
    const { van, tot } = validateBusinessCaseSearch(search);
    return { van, tot };
  },
  component: bc('ScenarioRoute'),
});
const businessCaseSettingsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/businesscase/aannames',
  component: bc('SettingsPage'),
});
const priceListRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/businesscase/prijslijst',
  component: bc('PriceListPage'),
});
const priceListVersionRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/businesscase/prijslijst/$versionId',
  component: bc('PriceListVersionRoute'),
});
const interventionsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/interventies',
  validateSearch: validateInterventionsSearch,
  component: bc('InterventionsRoute'),
});
const whatWorksRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/wat-werkt',
  component: bc('WhatWorksPage'),
});
const whatWorksEntryRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/wat-werkt/$entryId',
  component: bc('WhatWorksEntryRoute'),
});

// Debt help (schuldhulp): caseload, trajectory, debts, aanmelding (their own chunk) --------------------------

const shv = (name: keyof typeof import('./pages/schuldhulp/routes.tsx')) =>
  lazyRouteComponent(() => import('./pages/schuldhulp/routes.tsx'), name);

const schuldhulpRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/schuldhulp',
  component: shv('SchuldhulpCaseloadPage'),
});
const schuldhulpAanmeldenRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/schuldhulp/aanmelden',
  validateSearch: (search: Record<string, unknown>): { huishouden?: string } => ({
    huishouden:
      typeof search.huishouden === 'string' && /^[0-9a-f-]{36}$/i.test(search.huishouden)
        ? search.huishouden
        : undefined,
  }),
  component: shv('AanmeldenRoute'),
});
const schuldhulpTrajectoryRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/schuldhulp/trajecten/$trajectoryId',
  component: shv('TrajectoryRoute'),
});
const schuldhulpDebtsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/schuldhulp/trajecten/$trajectoryId/schulden',
  component: shv('DebtsRoute'),
});

// Maatwerkbudget: overview, budgets, requests with the gate, decision, payment and follow-up (their own chunk) --

const mwb = (name: keyof typeof import('./pages/budget/routes.tsx')) =>
  lazyRouteComponent(() => import('./pages/budget/routes.tsx'), name);

/** `?huishouden=<household plan id>`: a page about one household (its requests, a new request, a budgetmaatje). */
const householdSearch = (search: Record<string, unknown>): { huishouden?: string } => ({
  huishouden:
    typeof search.huishouden === 'string' && /^[0-9a-f-]{36}$/i.test(search.huishouden)
      ? search.huishouden
      : undefined,
});

const budgetOverviewRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/maatwerkbudget',
  component: mwb('BudgetOverviewPage'),
});
const budgetNewRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/maatwerkbudget/budgetten/nieuw',
  component: mwb('BudgetNewPage'),
});
const budgetEditRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/maatwerkbudget/budgetten/$budgetId',
  component: mwb('BudgetEditRoute'),
});
const budgetRequestsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/maatwerkbudget/aanvragen',
  validateSearch: householdSearch,
  component: mwb('RequestsRoute'),
});
const budgetRequestNewRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/maatwerkbudget/aanvragen/nieuw',
  validateSearch: householdSearch,
  component: mwb('NewRequestRoute'),
});
const budgetRequestRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/maatwerkbudget/aanvragen/$requestId',
  component: mwb('RequestRoute'),
});

// Budgetmaatjes: the coordinator's requests, volunteers, organisations, matches and escalations, and the
// volunteer's own matches (their own chunk) -----------------------------------------------------------------

const mj = (name: keyof typeof import('./pages/maatjes/routes.tsx')) =>
  lazyRouteComponent(() => import('./pages/maatjes/routes.tsx'), name);

const maatjesRequestsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/budgetmaatjes',
  component: mj('MaatjesRequestsPage'),
});
const maatjesRequestNewRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/budgetmaatjes/hulpvragen/nieuw',
  validateSearch: householdSearch,
  component: mj('MaatjesNewRequestRoute'),
});
const maatjesRequestRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/budgetmaatjes/hulpvragen/$requestId',
  component: mj('MaatjesRequestRoute'),
});
const volunteersRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/budgetmaatjes/vrijwilligers',
  component: mj('VolunteersPage'),
});
const volunteerNewRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/budgetmaatjes/vrijwilligers/nieuw',
  component: mj('VolunteerNewPage'),
});
const volunteerEditRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/budgetmaatjes/vrijwilligers/$volunteerId',
  component: mj('VolunteerEditRoute'),
});
const organisationsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/budgetmaatjes/organisaties',
  component: mj('OrganisationsPage'),
});
const matchesRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/budgetmaatjes/koppelingen',
  component: mj('MatchesPage'),
});
const escalationsRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/budgetmaatjes/escalaties',
  component: mj('EscalationsPage'),
});
const myMatchesRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/mijn-maatjes',
  component: mj('MyMatchesPage'),
});
const myMatchRoute = createRoute({
  getParentRoute: () => authenticatedRoute,
  path: '/mijn-maatjes/$matchId',
  component: mj('MyMatchRoute'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  secondFactorRoute,
  authenticatedRoute.addChildren([
    homeRoute,
    usersRoute,
    userNewRoute,
    userEditRoute,
    teamsRoute,
    teamNewRoute,
    teamEditRoute,
    wijkenRoute,
    wijkNewRoute,
    wijkEditRoute,
    municipalityRoute,
    auditRoute,
    meldingenRoute,
    meldingRoute,
    followupWorkRoute,
    followupAgendaRoute,
    followupRouteRoute,
    koppelenRoute,
    bestandenRoute,
    importRoute,
    signaalRoute,
    afwegingskaderRoute,
    verwijzenRoute,
    partnersRoute,
    partnerNewRoute,
    partnerEditRoute,
    sourcesRoute,
    sourceNewRoute,
    sourceEditRoute,
    queuesRoute,
    queueNewRoute,
    queueEditRoute,
    outreachTemplatesRoute,
    outreachTemplateNewRoute,
    outreachTemplateRoute,
    outreachBatchRoute,
    outreachMessagesRoute,
    outreachSettingsRoute,
    contactCardRoute,
    terugmeldingenRoute,
    calculatorRoute,
    nietGebruikRoute,
    householdScanRoute,
    regelingenRoute,
    regelingNewRoute,
    regelingEditRoute,
    householdsRoute,
    householdRoute,
    householdNextStepRoute,
    monitorRoute,
    retentionRoute,
    checklistSettingsRoute,
    schuldhulpRoute,
    schuldhulpAanmeldenRoute,
    schuldhulpTrajectoryRoute,
    schuldhulpDebtsRoute,
    budgetOverviewRoute,
    budgetNewRoute,
    budgetEditRoute,
    budgetRequestsRoute,
    budgetRequestNewRoute,
    budgetRequestRoute,
    maatjesRequestsRoute,
    maatjesRequestNewRoute,
    maatjesRequestRoute,
    volunteersRoute,
    volunteerNewRoute,
    volunteerEditRoute,
    organisationsRoute,
    matchesRoute,
    escalationsRoute,
    myMatchesRoute,
    myMatchRoute,
    businessCaseRoute,
    businessCaseScenarioRoute,
    businessCaseSettingsRoute,
    priceListRoute,
    priceListVersionRoute,
    interventionsRoute,
    whatWorksRoute,
    whatWorksEntryRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  const router = createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: false,
    scrollRestoration: true,
  });

  // Any 401 from the API means the session is gone (idle timeout, logged out elsewhere): go to the login page
  // with "Uw sessie is verlopen" and come back to where the user was afterwards.
  let handling = false;
  setUnauthorizedHandler(() => {
    // The address bar, not router.state: during a navigation the router state may still hold the previous page.
    const { pathname, search } = window.location;
    if (handling || pathname === '/inloggen') return;
    handling = true;
    rememberHadSession(false);
    clearCsrfToken();
    queryClient.removeQueries();
    void router
      .navigate({
        to: '/inloggen',
        search: { redirect: safeRedirect(`${pathname}${search}`), reason: 'expired' },
        replace: true,
      })
      .finally(() => {
        handling = false;
      });
  });
  return router;
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
