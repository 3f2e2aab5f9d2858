import {
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../components/links.tsx';
import { roleLabel } from '../components/roles.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { formatDate } from '../i18n/index.ts';
import { hasPermission, useSession } from '../session.ts';
import { MyWorkSection } from './vroegsignalering/FollowupPages.tsx';

type Task = {
  to:
    | '/beheer/gebruikers'
    | '/beheer/teams'
    | '/beheer/wijken'
    | '/beheer/gemeente'
    | '/beheer/signaalpartners'
    | '/beheer/verwijzers'
    | '/beheer/werkbakjes'
    | '/audit'
    | '/vroegsignalering/meldingen'
    | '/vroegsignalering/koppelen'
    | '/vroegsignalering/bestanden'
    | '/vroegsignalering/signaal'
    | '/vroegsignalering/afwegingskader'
    | '/verwijzen';
  title: string;
  description: string;
};

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const session = useSession();
  if (!session?.user) return null;
  const active = session.activeMunicipality;
  const roles = session.municipalities.find((m) => m.id === active?.id)?.roles ?? [];

  const tasks: Task[] = [];
  // Vroegsignalering first: for the people who work with it, it is the daily work.
  if (hasPermission(session, 'vroegsignalering:read')) {
    tasks.push({
      to: '/vroegsignalering/meldingen',
      title: t('nav.meldingen'),
      description: t('home.meldingenDescription'),
    });
  }
  if (hasPermission(session, 'vroegsignalering:manage')) {
    tasks.push(
      {
        to: '/vroegsignalering/koppelen',
        title: t('nav.koppelen'),
        description: t('home.koppelenDescription'),
      },
      {
        to: '/vroegsignalering/bestanden',
        title: t('nav.bestanden'),
        description: t('home.bestandenDescription'),
      },
      { to: '/vroegsignalering/signaal', title: t('nav.signaal'), description: t('home.signaalDescription') },
    );
  }
  if (hasPermission(session, 'organisation:read')) {
    tasks.push({ to: '/verwijzen', title: t('nav.verwijzen'), description: t('home.verwijzenDescription') });
  }
  if (hasPermission(session, 'vroegsignalering:read')) {
    tasks.push({
      to: '/vroegsignalering/afwegingskader',
      title: t('nav.afwegingskader'),
      description: t('home.afwegingskaderDescription'),
    });
  }
  if (hasPermission(session, 'users:manage')) {
    tasks.push({ to: '/beheer/gebruikers', title: t('nav.users'), description: t('home.usersDescription') });
  }
  if (hasPermission(session, 'organisation:manage')) {
    tasks.push(
      { to: '/beheer/teams', title: t('nav.teams'), description: t('home.teamsDescription') },
      { to: '/beheer/wijken', title: t('nav.wijken'), description: t('home.wijkenDescription') },
      {
        to: '/beheer/gemeente',
        title: t('nav.municipality'),
        description: t('home.municipalityDescription'),
      },
    );
  }
  if (hasPermission(session, 'vroegsignalering:manage')) {
    tasks.push(
      {
        to: '/beheer/signaalpartners',
        title: t('nav.signaalpartners'),
        description: t('home.signaalpartnersDescription'),
      },
      { to: '/beheer/verwijzers', title: t('nav.verwijzers'), description: t('home.verwijzersDescription') },
      { to: '/beheer/werkbakjes', title: t('nav.werkbakjes'), description: t('home.werkbakjesDescription') },
    );
  }
  if (hasPermission(session, 'audit:read')) {
    tasks.push({ to: '/audit', title: t('nav.audit'), description: t('home.auditDescription') });
  }

  return (
    <>
      <Heading1>{t('home.title')}</Heading1>
      <Paragraph lead>
        {t('home.greeting', { name: session.user.displayName })}{' '}
        {t('home.today', { date: formatDate(new Date()) })}
      </Paragraph>

      {hasPermission(session, 'meldingen:manage') && <MyWorkSection />}

      {active && (
        <section className="vangnet-section" aria-labelledby="home-municipality">
          <Heading2 id="home-municipality">{t('home.municipality')}</Heading2>
          <Paragraph>
            {active.name}{' '}
            <span className="vangnet-muted">
              ({t('home.cbsCode')} {active.cbsCode})
            </span>
          </Paragraph>
        </section>
      )}

      <section className="vangnet-section" aria-labelledby="home-roles">
        <Heading2 id="home-roles">{t('home.roles')}</Heading2>
        {roles.length > 0 ? (
          <UnorderedList>
            {roles.map((r) => (
              <UnorderedListItem key={r}>{roleLabel(t, r)}</UnorderedListItem>
            ))}
          </UnorderedList>
        ) : (
          <Paragraph>{t('home.noRoles')}</Paragraph>
        )}
      </section>

      <section className="vangnet-section" aria-labelledby="home-tasks">
        <Heading2 id="home-tasks">{t('home.tasks')}</Heading2>
        {tasks.length > 0 ? (
          <ul className="vangnet-cards">
            {tasks.map((task) => (
              <li key={task.to} className="vangnet-card">
                <Heading3 className="vangnet-card__title">
                  <AppLink to={task.to} className="vangnet-card__link">
                    {task.title}
                  </AppLink>
                </Heading3>
                <Paragraph>{task.description}</Paragraph>
              </li>
            ))}
          </ul>
        ) : (
          <Paragraph>{t('home.noTasks')}</Paragraph>
        )}
      </section>
    </>
  );
}
