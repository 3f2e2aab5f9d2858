// The household view's links to debt help: each trajectory of the household, or "Aanmelden voor schuldhulp" when
// there is none and the user may register one. List items only: the household page puts them in its link list.
import { useQuery } from '@tanstack/react-query';
import { UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../../components/links.tsx';
import { hasPermission, useSession } from '../../session.ts';
import { formatIsoDate } from '../../vroegsignalering/labels.tsx';
import { keys, schuldhulpApi } from './api.ts';
import { phaseName } from './parts.tsx';

export function HouseholdDebtHelpLinks({ householdCaseId }: { householdCaseId: string }) {
  const session = useSession();
  if (!hasPermission(session, 'schuldhulp:read')) return null;
  return <Links householdCaseId={householdCaseId} canStart={hasPermission(session, 'schuldhulp:manage')} />;
}

function Links({ householdCaseId, canStart }: { householdCaseId: string; canStart: boolean }) {
  const { t } = useTranslation();
  const query = { householdCaseId, limit: 10 };
  const list = useQuery({ queryKey: keys.list(query), queryFn: () => schuldhulpApi.trajectories(query) });
  if (!list.data) return null;
  if (list.data.items.length === 0) {
    if (!canStart) return null;
    return (
      <UnorderedListItem>
        <AppLink to="/schuldhulp/aanmelden" search={{ huishouden: householdCaseId }}>
          {t('schuldhulp.household.start')}
        </AppLink>
      </UnorderedListItem>
    );
  }
  return (
    <>
      {list.data.items.map((s) => (
        <UnorderedListItem key={s.id}>
          <AppLink to="/schuldhulp/trajecten/$trajectoryId" params={{ trajectoryId: s.id }}>
            {t('schuldhulp.household.link', {
              phase: phaseName(t, s.phase),
              date: formatIsoDate(s.requestedOn),
            })}
          </AppLink>
        </UnorderedListItem>
      ))}
    </>
  );
}
