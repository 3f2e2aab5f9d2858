import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import {
  Button,
  FormLabel,
  Page,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  Select,
  SelectOption,
  SkipLink,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, clearCsrfToken, type Session } from '../api.ts';
import { clearFlashUnlessFor, useFlash } from '../flash.ts';
import { LANGUAGE_META, SUPPORTED_LANGUAGES, setLanguage } from '../i18n/index.ts';
import {
  hasPermission,
  isFullyAuthenticated,
  rememberHadSession,
  sessionQueryKey,
  useSession,
} from '../session.ts';
import { applyTheme } from '../theme.ts';
import { AppLink } from './links.tsx';
import { ErrorAlert, SuccessAlert } from './problem.tsx';

export function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const flash = useFlash(pathname);
  const signedIn = isFullyAuthenticated(session);

  // Theme of the active municipality, and whether this tab had a session (for the "expired" message).
  const theme = session?.activeMunicipality?.theme;
  useEffect(() => {
    applyTheme(theme);
  }, [theme]);
  useEffect(() => {
    if (session?.authenticated) rememberHadSession(true);
  }, [session?.authenticated]);

  // After navigating inside the app, move focus to the new page's heading so screen readers announce it.
  const resolvedPath = useRouterState({ select: (s) => s.resolvedLocation?.pathname });
  const previousPath = useRef(resolvedPath);
  useEffect(() => {
    if (previousPath.current === resolvedPath) return;
    const initial = previousPath.current === undefined;
    previousPath.current = resolvedPath;
    if (resolvedPath) clearFlashUnlessFor(resolvedPath);
    if (initial) return;
    const frame = requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>('main h1');
      if (heading && !heading.contains(document.activeElement)) {
        heading.tabIndex = -1;
        heading.focus();
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [resolvedPath]);

  return (
    <>
      <SkipLink href="#main">{t('app.skipLink')}</SkipLink>
      <Page className="vangnet-page">
        <PageHeader className="vangnet-header">
          <div className="vangnet-header__content">
            <div className="vangnet-brand">
              <AppLink to="/" className="vangnet-brand__link" aria-label={t('app.homeLink')}>
                <span className="vangnet-brand__name">{t('app.name')}</span>
              </AppLink>
              {session?.activeMunicipality && signedIn && (
                <span className="vangnet-brand__municipality">{session.activeMunicipality.name}</span>
              )}
            </div>
            <div className="vangnet-header__tools">
              <LanguageSwitch />
              {signedIn && session && <MunicipalitySwitch session={session} />}
              {signedIn && session && <UserMenu session={session} />}
            </div>
          </div>
        </PageHeader>
        {signedIn && session && <MainNav session={session} />}
        <PageContent className="vangnet-content">
          <main id="main" tabIndex={-1} className="utrecht-page-content__main vangnet-main">
            {flash && <SuccessAlert>{flash}</SuccessAlert>}
            <Outlet />
          </main>
        </PageContent>
        <PageFooter className="vangnet-footer">
          <div className="vangnet-footer__content">
            <Paragraph>{t('app.footer')}</Paragraph>
          </div>
        </PageFooter>
      </Page>
    </>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <nav className="vangnet-language-switch" aria-label={t('languageSwitch.label')}>
      <ul className="vangnet-inline-list">
        {SUPPORTED_LANGUAGES.map((code) => {
          const meta = LANGUAGE_META[code];
          const current = i18n.language === code;
          return (
            <li key={code}>
              <Button
                appearance="subtle-button"
                lang={code}
                dir={meta?.dir}
                aria-pressed={current}
                onClick={() => void setLanguage(code)}
              >
                {meta?.name ?? code}
              </Button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function MunicipalitySwitch({ session }: { session: Session }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const activeId = session.activeMunicipality?.id ?? '';
  const [selected, setSelected] = useState(activeId);
  useEffect(() => setSelected(activeId), [activeId]);
  const mutation = useMutation({
    mutationFn: (id: string) => api.switchMunicipality(id),
    onSuccess: async (next) => {
      queryClient.setQueryData(sessionQueryKey, next);
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== sessionQueryKey[0] });
    },
  });
  if (session.municipalities.length < 2) return null;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (selected && selected !== activeId) mutation.mutate(selected);
  };
  return (
    <form className="vangnet-municipality-switch" onSubmit={onSubmit}>
      <FormLabel htmlFor="municipality-switch">{t('municipalitySwitch.label')}</FormLabel>
      <div className="vangnet-municipality-switch__controls">
        <Select id="municipality-switch" value={selected} onChange={(e) => setSelected(e.target.value)}>
          {session.municipalities.map((m) => (
            <SelectOption key={m.id} value={m.id}>
              {m.name}
            </SelectOption>
          ))}
        </Select>
        <Button type="submit" appearance="secondary-action-button" busy={mutation.isPending}>
          {t('municipalitySwitch.submit')}
        </Button>
      </div>
      {mutation.isError && <ErrorAlert message={t('municipalitySwitch.failed')} error={mutation.error} />}
    </form>
  );
}

function UserMenu({ session }: { session: Session }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: async (everywhere: boolean) => {
      if (everywhere) await api.logoutEverywhere();
      else await api.logout();
      return everywhere;
    },
    onSettled: async (everywhere) => {
      rememberHadSession(false);
      clearCsrfToken();
      queryClient.clear();
      await navigate({ to: '/inloggen', search: { reason: everywhere ? 'logout_everywhere' : 'logout' } });
    },
  });
  const user = session.user;
  if (!user) return null;
  return (
    <details className="vangnet-user-menu">
      <summary
        className="vangnet-user-menu__summary"
        aria-label={t('userMenu.label', { name: user.displayName })}
      >
        {user.displayName}
      </summary>
      <div className="vangnet-user-menu__panel">
        <Paragraph small>{t('userMenu.signedInAs', { email: user.email })}</Paragraph>
        <ul className="vangnet-plain-list">
          <li>
            <Button
              appearance="secondary-action-button"
              onClick={() => signOut.mutate(false)}
              busy={signOut.isPending}
            >
              {t('userMenu.logout')}
            </Button>
          </li>
          <li>
            <Button
              appearance="subtle-button"
              onClick={() => signOut.mutate(true)}
              busy={signOut.isPending}
              aria-describedby="logout-everywhere-description"
            >
              {t('userMenu.logoutEverywhere')}
            </Button>
            <Paragraph small id="logout-everywhere-description">
              {t('userMenu.logoutEverywhereDescription')}
            </Paragraph>
          </li>
        </ul>
      </div>
    </details>
  );
}

/** One link of the main navigation. */
interface NavEntry {
  to: NavTarget;
  label: string;
  exact?: boolean;
}

interface NavGroup {
  key: string;
  label?: string;
  items: NavEntry[];
}

/** The links a user may follow, grouped: their own work, vroegsignalering, and the administration. */
export function navGroups(t: TFunction, session: Session): NavGroup[] {
  const may = (...p: Parameters<typeof hasPermission>[1][]) => hasPermission(session, ...p);
  const general: NavEntry[] = [{ to: '/', label: t('nav.home'), exact: true }];
  if (may('audit:read')) general.push({ to: '/audit', label: t('nav.audit') });
  if (may('berekeningen:read'))
    general.push({ to: '/berekeningen', label: t('nav.berekeningen'), exact: true });
  if (may('niet_gebruik:read'))
    general.push({ to: '/berekeningen/niet-gebruik', label: t('nav.nietGebruik') });
  if (may('outreach:manage')) general.push({ to: '/mijn-contactkaart', label: t('nav.contactkaart') });
  if (may('households:read', 'household_network:read'))
    general.push({ to: '/huishoudens', label: t('nav.households') });
  if (may('schuldhulp:read')) general.push({ to: '/schuldhulp', label: t('nav.schuldhulp') });
  if (may('aggregates:read', 'vroegsignalering:read'))
    general.push({ to: '/monitor', label: t('nav.monitor') });
  if (may('volunteer_matches:manage')) general.push({ to: '/mijn-maatjes', label: t('budget.nav.mine') });

  const maatwerkbudget: NavEntry[] = [];
  if (may('budgets:manage', 'budget_requests:manage', 'aggregates:read'))
    maatwerkbudget.push({ to: '/maatwerkbudget', label: t('budget.nav.overview'), exact: true });
  if (may('budget_requests:manage'))
    maatwerkbudget.push({ to: '/maatwerkbudget/aanvragen', label: t('budget.nav.requests') });

  const maatjes: NavEntry[] = [];
  if (may('volunteers:manage')) {
    maatjes.push(
      { to: '/budgetmaatjes', label: t('budget.nav.helpRequests'), exact: true },
      { to: '/budgetmaatjes/vrijwilligers', label: t('budget.nav.volunteers') },
      { to: '/budgetmaatjes/organisaties', label: t('budget.nav.organisations') },
      { to: '/budgetmaatjes/koppelingen', label: t('budget.nav.matches') },
    );
  }
  // Escalations reach the household's regisseur, or the coordinators when the resident has no household plan.
  if (may('volunteers:manage', 'households:manage'))
    maatjes.push({ to: '/budgetmaatjes/escalaties', label: t('budget.nav.escalations') });
  if (may('interventions:manage'))
    general.push({ to: '/interventies', label: t('businesscase.nav.interventions') });

  // The business case: the view for policy, its price list, and the catalogue every reader of it may consult.
  const businesscase: NavEntry[] = [];
  if (may('aggregates:read', 'businesscase:manage'))
    businesscase.push({ to: '/businesscase', label: t('businesscase.nav.view'), exact: true });
  if (may('businesscase:manage'))
    businesscase.push({ to: '/businesscase/prijslijst', label: t('businesscase.nav.prices') });
  if (may('aggregates:read', 'businesscase:manage', 'interventions:manage'))
    businesscase.push({ to: '/wat-werkt', label: t('businesscase.nav.whatWorks') });

  const vroegsignalering: NavEntry[] = [];
  if (may('vroegsignalering:read'))
    vroegsignalering.push(
      { to: '/vroegsignalering/werk', label: t('nav.werk') },
      { to: '/vroegsignalering/agenda', label: t('nav.agenda') },
      { to: '/vroegsignalering/meldingen', label: t('nav.meldingen') },
    );
  if (may('vroegsignalering:manage')) {
    vroegsignalering.push(
      { to: '/vroegsignalering/koppelen', label: t('nav.koppelen') },
      { to: '/vroegsignalering/bestanden', label: t('nav.bestanden') },
      { to: '/vroegsignalering/signaal', label: t('nav.signaal') },
    );
  }
  if (may('organisation:read')) vroegsignalering.push({ to: '/verwijzen', label: t('nav.verwijzen') });
  if (may('vroegsignalering:read')) {
    vroegsignalering.push({ to: '/vroegsignalering/afwegingskader', label: t('nav.afwegingskader') });
  }
  if (may('outreach:manage')) {
    vroegsignalering.push(
      { to: '/vroegsignalering/brieven', label: t('nav.brieven') },
      { to: '/vroegsignalering/berichten', label: t('nav.berichten') },
    );
  }
  if (may('outreach_templates:manage'))
    vroegsignalering.push({ to: '/vroegsignalering/berichtsjablonen', label: t('nav.berichtsjablonen') });

  const beheer: NavEntry[] = [];
  if (may('users:manage')) beheer.push({ to: '/beheer/gebruikers', label: t('nav.users') });
  if (may('organisation:manage')) {
    beheer.push(
      { to: '/beheer/teams', label: t('nav.teams') },
      { to: '/beheer/wijken', label: t('nav.wijken') },
      { to: '/beheer/gemeente', label: t('nav.municipality') },
      { to: '/beheer/meeneemlijst', label: t('nav.checklist') },
    );
  }
  if (may('vroegsignalering:manage')) {
    beheer.push(
      { to: '/beheer/signaalpartners', label: t('nav.signaalpartners') },
      { to: '/beheer/verwijzers', label: t('nav.verwijzers') },
      { to: '/beheer/werkbakjes', label: t('nav.werkbakjes') },
      { to: '/beheer/terugmeldingen', label: t('nav.terugmeldingen') },
    );
  }
  if (may('outreach_templates:manage'))
    beheer.push({ to: '/beheer/berichtinstellingen', label: t('nav.berichtinstellingen') });
  if (may('regelingen:manage')) beheer.push({ to: '/beheer/regelingen', label: t('nav.regelingen') });
  if (may('retention:manage')) beheer.push({ to: '/beheer/bewaartermijnen', label: t('nav.retention') });
  const groups: NavGroup[] = [
    { key: 'general', items: general },
    { key: 'vroegsignalering', label: String(t('nav.groupVroegsignalering')), items: vroegsignalering },
    { key: 'maatwerkbudget', label: String(t('budget.nav.groupBudget')), items: maatwerkbudget },
    { key: 'budgetmaatjes', label: String(t('budget.nav.groupMaatjes')), items: maatjes },
    { key: 'businesscase', label: String(t('businesscase.nav.group')), items: businesscase },
    { key: 'beheer', label: String(t('nav.groupBeheer')), items: beheer },
  ];
  return groups.filter((g) => g.items.length > 0);
}

function MainNav({ session }: { session: Session }) {
  const { t } = useTranslation();
  return (
    <nav className="utrecht-nav-bar vangnet-nav" aria-label={t('nav.label')}>
      <div className="utrecht-nav-bar__content vangnet-nav__content">
        {navGroups(t, session).map((group) => (
          <div key={group.key} className="vangnet-nav__group">
            {group.label && (
              <span id={`nav-${group.key}`} className="vangnet-nav__group-label">
                {group.label}
              </span>
            )}
            <ul
              className="utrecht-nav-list vangnet-nav__list"
              aria-labelledby={group.label ? `nav-${group.key}` : undefined}
            >
              {group.items.map((item) => (
                <NavItem key={item.to} {...item} />
              ))}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}

type NavTarget =
  | '/'
  | '/beheer/gebruikers'
  | '/beheer/teams'
  | '/beheer/wijken'
  | '/beheer/gemeente'
  | '/beheer/signaalpartners'
  | '/beheer/verwijzers'
  | '/beheer/werkbakjes'
  | '/audit'
  | '/vroegsignalering/meldingen'
  | '/vroegsignalering/werk'
  | '/vroegsignalering/agenda'
  | '/vroegsignalering/koppelen'
  | '/vroegsignalering/bestanden'
  | '/vroegsignalering/signaal'
  | '/vroegsignalering/afwegingskader'
  | '/verwijzen'
  | '/vroegsignalering/brieven'
  | '/vroegsignalering/berichten'
  | '/vroegsignalering/berichtsjablonen'
  | '/beheer/berichtinstellingen'
  | '/mijn-contactkaart'
  | '/beheer/terugmeldingen'
  | '/berekeningen'
  | '/berekeningen/niet-gebruik'
  | '/beheer/regelingen'
  | '/beheer/bewaartermijnen'
  | '/beheer/meeneemlijst'
  | '/huishoudens'
  | '/monitor'
  | '/schuldhulp'
  | '/mijn-maatjes'
  | '/maatwerkbudget'
  | '/maatwerkbudget/aanvragen'
  | '/budgetmaatjes'
  | '/budgetmaatjes/vrijwilligers'
  | '/budgetmaatjes/organisaties'
  | '/budgetmaatjes/koppelingen'
  | '/budgetmaatjes/escalaties'
  | '/businesscase'
  | '/businesscase/prijslijst'
  | '/interventies'
  | '/wat-werkt';

function NavItem({ to, label, exact }: NavEntry) {
  return (
    <li className="utrecht-nav-list__item">
      <AppLink
        to={to}
        className="utrecht-nav-list__link vangnet-nav__link"
        activeOptions={{ exact: !!exact }}
      >
        {label}
      </AppLink>
    </li>
  );
}
