// The household view's link to the interventions of the household (their costs and the risks they likely avoided),
// for the professionals who record them. A list item only: the household page puts it in its link list.
import { UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../../components/links.tsx';
import { hasPermission, useSession } from '../../session.ts';

export function HouseholdInterventionsLink({ householdCaseId }: { householdCaseId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  if (!hasPermission(session, 'interventions:manage')) return null;
  return (
    <UnorderedListItem>
      <AppLink to="/interventies" search={{ huishouden: householdCaseId }}>
        {t('businesscase.interventions.householdLink')}
      </AppLink>
    </UnorderedListItem>
  );
}
