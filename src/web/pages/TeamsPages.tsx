import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Team } from '../api.ts';
import { PagedTable } from '../components/common.tsx';
import { TextAreaField, TextField } from '../components/fields.tsx';
import { type FormProps, ResourceForm } from '../components/forms.tsx';
import { AppLink } from '../components/links.tsx';
import { problemFieldErrors } from '../components/problem.tsx';
import {
  type AdminResource,
  ResourceEditor,
  ResourceEditPage,
  ResourceListPage,
  ResourceNewPage,
} from '../components/resources.tsx';

const TEAMS: AdminResource<Team> = {
  key: 'teams',
  path: '/beheer/teams',
  permission: 'organisation:manage',
  name: (team) => team.name,
};

interface TeamValues {
  name: string;
  description: string;
}

export function TeamsPage() {
  const { t } = useTranslation();
  return (
    <ResourceListPage
      resource={TEAMS}
      title={t('teams.title')}
      intro={t('teams.intro')}
      newLabel={t('teams.new')}
    >
      <PagedTable
        queryKey={[TEAMS.key, 'list']}
        load={(cursor) => api.teams(cursor)}
        caption={t('teams.caption')}
        columns={[
          {
            header: t('teams.name'),
            cell: (team) => (
              <AppLink to="/beheer/teams/$teamId" params={{ teamId: team.id }}>
                {team.name}
              </AppLink>
            ),
          },
          { header: t('teams.description'), cell: (team) => team.description },
        ]}
      />
    </ResourceListPage>
  );
}

function TeamForm({ initial, onSubmit, busy, error }: FormProps<TeamValues>) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const errors = problemFieldErrors(t, error);
  const submit = () => {
    if (!busy) onSubmit({ name: name.trim(), description: description.trim() });
  };
  return (
    <ResourceForm
      error={error}
      fields={[
        { id: 'name', label: t('teams.name'), message: errors.name },
        { id: 'description', label: t('teams.description'), message: errors.description },
      ]}
      busy={busy}
      onSubmit={submit}
    >
      <TextField
        id="name"
        label={t('teams.name')}
        value={name}
        onChange={setName}
        error={errors.name}
        autoComplete="off"
        required
      />
      <TextAreaField
        id="description"
        label={t('teams.description')}
        value={description}
        onChange={setDescription}
        error={errors.description}
        optional
      />
    </ResourceForm>
  );
}

export function TeamNewPage() {
  const { t } = useTranslation();
  return (
    <ResourceNewPage
      resource={TEAMS}
      title={t('teams.newTitle')}
      create={(values: TeamValues) => api.createTeam(values)}
    >
      {(form) => <TeamForm initial={{ name: '', description: '' }} {...form} />}
    </ResourceNewPage>
  );
}

export function TeamEditPage({ teamId }: { teamId: string }) {
  const { t } = useTranslation();
  return (
    <ResourceEditPage resource={TEAMS} id={teamId} title={t('teams.editTitle')} load={() => api.team(teamId)}>
      {(team) => (
        <ResourceEditor
          resource={TEAMS}
          item={team}
          update={(values: TeamValues) => api.updateTeam(team.id, values)}
          remove={() => api.deleteTeam(team.id)}
          deleteTitle={t('teams.deleteTitle')}
          alsoInvalidate={['wijken']}
        >
          {(form) => <TeamForm initial={{ name: team.name, description: team.description }} {...form} />}
        </ResourceEditor>
      )}
    </ResourceEditPage>
  );
}
