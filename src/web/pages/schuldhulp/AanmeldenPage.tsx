// Registering a help request (aanmelding) for a household: this starts the trajectory and the Wgs clock of the
// first conversation (4 weeks, or 3 working days in a threatening situation).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { SHV_THREAT_KINDS } from '../../../shared/ddas-shv.ts';
import { PermittedPage } from '../../components/common.tsx';
import { AppLink } from '../../components/links.tsx';
import { showFlash } from '../../flash.ts';
import { todayIso } from '../../vroegsignalering/labels.tsx';
import { keys, schuldhulpApi } from './api.ts';
import { type FieldSpec, RecordForm, threatName } from './parts.tsx';
import './schuldhulp.css';

export function AanmeldenPage({ householdCaseId }: { householdCaseId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="schuldhulp:manage"
      title={t('schuldhulp.aanmelden.title')}
      intro={t('schuldhulp.aanmelden.intro')}
    >
      {householdCaseId ? (
        <AanmeldenForm householdCaseId={householdCaseId} />
      ) : (
        <Paragraph>
          {t('schuldhulp.aanmelden.noHousehold')} <AppLink to="/huishoudens">{t('nav.households')}</AppLink>
        </Paragraph>
      )}
    </PermittedPage>
  );
}

function AanmeldenForm({ householdCaseId }: { householdCaseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const specs: FieldSpec[] = [
    {
      name: 'requestedOn',
      kind: 'date',
      label: t('schuldhulp.aanmelden.requestedOn'),
      description: t('schuldhulp.aanmelden.requestedOnHelp'),
    },
    {
      name: 'threatening',
      kind: 'bool',
      label: t('schuldhulp.aanmelden.threatening'),
      description: t('schuldhulp.aanmelden.threateningHelp'),
    },
    {
      name: 'threatKind',
      kind: 'select',
      label: t('schuldhulp.aanmelden.threatKind'),
      optional: true,
      options: SHV_THREAT_KINDS.map((k) => ({ value: k, label: threatName(t, k) })),
    },
    { name: 'crisisinterventie', kind: 'bool', label: t('schuldhulp.fields.crisisinterventie') },
    { name: 'note', kind: 'longtext', label: t('schuldhulp.aanmelden.note'), optional: true },
  ];
  const start = useMutation({
    mutationFn: (body: Record<string, unknown>) => schuldhulpApi.start({ ...body, householdCaseId } as never),
    onSuccess: async (view) => {
      await queryClient.invalidateQueries({ queryKey: keys.all });
      const path = `/schuldhulp/trajecten/${view.id}`;
      showFlash(t('schuldhulp.aanmelden.done'), path);
      await navigate({ to: '/schuldhulp/trajecten/$trajectoryId', params: { trajectoryId: view.id } });
    },
  });
  return (
    <RecordForm
      prefix="shv-new"
      title={t('schuldhulp.aanmelden.formTitle')}
      submitLabel={t('schuldhulp.aanmelden.submit')}
      specs={specs}
      initial={{
        requestedOn: todayIso(),
        threatening: false,
        threatKind: '',
        crisisinterventie: false,
        note: '',
      }}
      busy={start.isPending}
      error={start.error}
      onSubmit={(body) => start.mutate(body)}
    />
  );
}
