import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, loadAll, type Wijk } from '../api.ts';
import { Loading, PagedTable } from '../components/common.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { type FormProps, ResourceForm, useFieldErrors } from '../components/forms.tsx';
import { AppLink } from '../components/links.tsx';
import {
  type AdminResource,
  ResourceEditor,
  ResourceEditPage,
  ResourceListPage,
  ResourceNewPage,
} from '../components/resources.tsx';
import { hasPermission, useSession } from '../session.ts';

// Part of vroegsignalering, and with it in a chunk of its own (see router.tsx).
const PostcodeRanges = lazy(() =>
  import('./vroegsignalering/PostcodeRanges.tsx').then((m) => ({ default: m.PostcodeRanges })),
);

const WIJKEN: AdminResource<Wijk> = {
  key: 'wijken',
  path: '/beheer/wijken',
  permission: 'organisation:manage',
  name: (wijk) => `${wijk.code} ${wijk.name}`,
};
const WIJK_CODE = /^WK\d{6}$/;

function useAllTeams() {
  return useQuery({ queryKey: ['teams', 'all'], queryFn: () => loadAll((cursor) => api.teams(cursor)) });
}

export function WijkenPage() {
  const { t } = useTranslation();
  return (
    <ResourceListPage
      resource={WIJKEN}
      title={t('wijken.title')}
      intro={t('wijken.intro')}
      newLabel={t('wijken.new')}
    >
      <WijkenTable />
    </ResourceListPage>
  );
}

function WijkenTable() {
  const { t } = useTranslation();
  const teams = useAllTeams();
  const teamName = (id: string | null) =>
    id ? (teams.data?.find((tm) => tm.id === id)?.name ?? '') : t('wijken.noTeam');
  return (
    <PagedTable
      queryKey={[WIJKEN.key, 'list']}
      load={(cursor) => api.wijken(cursor)}
      caption={t('wijken.caption')}
      columns={[
        {
          header: t('wijken.code'),
          cell: (w) => (
            <AppLink to="/beheer/wijken/$wijkId" params={{ wijkId: w.id }}>
              {w.code}
            </AppLink>
          ),
        },
        { header: t('wijken.name'), cell: (w) => w.name },
        { header: t('wijken.team'), cell: (w) => teamName(w.teamId) },
      ]}
    />
  );
}

interface WijkValues {
  code: string;
  name: string;
  teamId: string | null;
}

function WijkForm({ initial, onSubmit, busy, error }: FormProps<WijkValues>) {
  const { t } = useTranslation();
  const teams = useAllTeams();
  const [code, setCode] = useState(initial.code);
  const [name, setName] = useState(initial.name);
  const [teamId, setTeamId] = useState(initial.teamId ?? '');
  const { errors, checkError: codeError, setCheckError: setCodeError } = useFieldErrors(error, 'code');
  const submit = () => {
    const normalised = code.trim().toUpperCase();
    if (!WIJK_CODE.test(normalised)) {
      setCodeError(t('wijken.codeInvalid'));
      return;
    }
    setCodeError(undefined);
    if (!busy) onSubmit({ code: normalised, name: name.trim(), teamId: teamId || null });
  };
  const teamOptions = [
    { value: '', label: t('wijken.noTeam') },
    ...(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name })),
  ];
  return (
    <ResourceForm
      error={error}
      invalid={codeError !== undefined}
      fields={[
        { id: 'code', label: t('wijken.code'), message: errors.code },
        { id: 'name', label: t('wijken.name'), message: errors.name },
        { id: 'teamId', label: t('wijken.team'), message: errors.teamId },
      ]}
      busy={busy}
      onSubmit={submit}
    >
      <TextField
        id="code"
        label={t('wijken.code')}
        description={t('wijken.codeDescription')}
        value={code}
        onChange={setCode}
        error={errors.code}
        autoComplete="off"
        spellCheck={false}
        maxLength={8}
        size="small"
        required
      />
      <TextField
        id="name"
        label={t('wijken.name')}
        value={name}
        onChange={setName}
        error={errors.name}
        autoComplete="off"
        required
      />
      <SelectField
        id="teamId"
        label={t('wijken.team')}
        value={teamId}
        onChange={setTeamId}
        options={teamOptions}
        error={errors.teamId}
        optional
      />
    </ResourceForm>
  );
}

export function WijkNewPage() {
  const { t } = useTranslation();
  return (
    <ResourceNewPage
      resource={WIJKEN}
      title={t('wijken.newTitle')}
      create={(values: WijkValues) =>
        api.createWijk({
          code: values.code,
          name: values.name,
          ...(values.teamId ? { teamId: values.teamId } : {}),
        })
      }
    >
      {(form) => <WijkForm initial={{ code: '', name: '', teamId: null }} {...form} />}
    </ResourceNewPage>
  );
}

export function WijkEditPage({ wijkId }: { wijkId: string }) {
  const { t } = useTranslation();
  // The postcode areas route signals to the wijk: part of the vroegsignalering configuration.
  const managesVroegsignalering = hasPermission(useSession(), 'vroegsignalering:manage');
  return (
    <ResourceEditPage
      resource={WIJKEN}
      id={wijkId}
      title={t('wijken.editTitle')}
      load={() => api.wijk(wijkId)}
    >
      {(wijk) => (
        <ResourceEditor
          resource={WIJKEN}
          item={wijk}
          update={(values: WijkValues) => api.updateWijk(wijk.id, values)}
          remove={() => api.deleteWijk(wijk.id)}
          deleteTitle={t('wijken.deleteTitle')}
        >
          {(form) => (
            <>
              <WijkForm initial={{ code: wijk.code, name: wijk.name, teamId: wijk.teamId }} {...form} />
              {managesVroegsignalering && (
                <Suspense fallback={<Loading />}>
                  <PostcodeRanges wijkId={wijk.id} wijkName={wijk.name} />
                </Suspense>
              )}
            </>
          )}
        </ResourceEditor>
      )}
    </ResourceEditPage>
  );
}
