import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import {
  Button,
  ButtonGroup,
  Heading1,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Team } from '../api.ts';
import {
  ConfirmAction,
  DataTable,
  Loading,
  Pager,
  RequirePermission,
  useCursorPager,
} from '../components/common.tsx';
import { TextAreaField, TextField } from '../components/fields.tsx';
import { AppButtonLink, AppLink } from '../components/links.tsx';
import { ErrorAlert, problemFieldErrors, SuccessAlert } from '../components/problem.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { showFlash } from '../flash.ts';

const TEAMS_PATH = '/beheer/teams';

export function TeamsPage() {
  return (
    <RequirePermission anyOf={['organisation:manage']}>
      <TeamsList />
    </RequirePermission>
  );
}

function TeamsList() {
  const { t } = useTranslation();
  usePageTitle(t('teams.title'));
  const pager = useCursorPager('teams');
  const teams = useQuery({
    queryKey: ['teams', 'list', pager.cursor],
    queryFn: () => api.teams(pager.cursor),
  });
  return (
    <>
      <Heading1>{t('teams.title')}</Heading1>
      <Paragraph>{t('teams.intro')}</Paragraph>
      <ButtonGroup>
        <AppButtonLink to="/beheer/teams/nieuw" appearance="primary-action-button">
          {t('teams.new')}
        </AppButtonLink>
      </ButtonGroup>
      {teams.isPending && <Loading />}
      {teams.isError && <ErrorAlert error={teams.error} />}
      {teams.data && (
        <>
          <DataTable caption={t('teams.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('teams.name')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('teams.description')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {teams.data.items.map((team) => (
                <TableRow key={team.id}>
                  <TableCell>
                    <AppLink to="/beheer/teams/$teamId" params={{ teamId: team.id }}>
                      {team.name}
                    </AppLink>
                  </TableCell>
                  <TableCell>{team.description}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
          {teams.data.items.length === 0 && <Paragraph>{t('common.empty')}</Paragraph>}
          <Pager
            page={pager.page}
            nextCursor={teams.data.nextCursor}
            onNext={pager.next}
            onPrevious={pager.previous}
          />
        </>
      )}
    </>
  );
}

function TeamForm({
  initial,
  onSubmit,
  busy,
  error,
}: {
  initial: { name: string; description: string };
  onSubmit: (values: { name: string; description: string }) => void;
  busy: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const errors = problemFieldErrors(t, error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) onSubmit({ name: name.trim(), description: description.trim() });
  };
  return (
    <>
      {error !== null && error !== undefined && (
        <ErrorAlert
          error={error}
          fields={[
            { id: 'name', label: t('teams.name'), message: errors.name },
            { id: 'description', label: t('teams.description'), message: errors.description },
          ]}
        />
      )}
      <form onSubmit={submit} noValidate className="vangnet-form">
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
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={busy}>
            {t('common.save')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}

export function TeamNewPage() {
  return (
    <RequirePermission anyOf={['organisation:manage']}>
      <TeamNew />
    </RequirePermission>
  );
}

function TeamNew() {
  const { t } = useTranslation();
  usePageTitle(t('teams.newTitle'));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (values: { name: string; description: string }) => api.createTeam(values),
    onSuccess: async (team) => {
      await queryClient.invalidateQueries({ queryKey: ['teams'] });
      showFlash(t('common.created', { name: team.name }), TEAMS_PATH);
      await navigate({ to: TEAMS_PATH });
    },
  });
  return (
    <>
      <Heading1>{t('teams.newTitle')}</Heading1>
      <Paragraph>
        <AppLink to={TEAMS_PATH}>{t('common.back')}</AppLink>
      </Paragraph>
      <TeamForm
        initial={{ name: '', description: '' }}
        onSubmit={create.mutate}
        busy={create.isPending}
        error={create.error}
      />
    </>
  );
}

export function TeamEditPage({ teamId }: { teamId: string }) {
  return (
    <RequirePermission anyOf={['organisation:manage']}>
      <TeamEdit teamId={teamId} />
    </RequirePermission>
  );
}

function TeamEdit({ teamId }: { teamId: string }) {
  const { t } = useTranslation();
  usePageTitle(t('teams.editTitle'));
  const team = useQuery({ queryKey: ['teams', 'detail', teamId], queryFn: () => api.team(teamId) });
  return (
    <>
      <Heading1>{t('teams.editTitle')}</Heading1>
      <Paragraph>
        <AppLink to={TEAMS_PATH}>{t('common.back')}</AppLink>
      </Paragraph>
      {team.isPending && <Loading />}
      {team.isError && <ErrorAlert error={team.error} />}
      {team.data && <TeamEditForm team={team.data} />}
    </>
  );
}

function TeamEditForm({ team }: { team: Team }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [saved, setSaved] = useState(false);
  const update = useMutation({
    mutationFn: (values: { name: string; description: string }) => api.updateTeam(team.id, values),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['teams', 'detail', team.id], updated);
      await queryClient.invalidateQueries({ queryKey: ['teams', 'list'] });
      setSaved(true);
    },
  });
  const remove = useMutation({
    mutationFn: () => api.deleteTeam(team.id),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ['teams', 'detail', team.id] });
      await queryClient.invalidateQueries({ queryKey: ['teams'] });
      await queryClient.invalidateQueries({ queryKey: ['wijken'] });
      showFlash(t('common.deleted', { name: team.name }), TEAMS_PATH);
      await navigate({ to: TEAMS_PATH });
    },
  });
  return (
    <>
      {saved && !update.isPending && <SuccessAlert>{t('common.saved')}</SuccessAlert>}
      <TeamForm
        initial={{ name: team.name, description: team.description }}
        onSubmit={(values) => {
          setSaved(false);
          update.mutate(values);
        }}
        busy={update.isPending}
        error={update.error}
      />
      <section className="vangnet-section" aria-labelledby="delete-heading">
        <Heading2 id="delete-heading">{t('teams.deleteTitle')}</Heading2>
        {remove.isError && <ErrorAlert error={remove.error} />}
        <ConfirmAction
          label={t('common.delete')}
          question={t('common.confirmDelete', { name: team.name })}
          confirmLabel={t('common.confirmDeleteButton')}
          onConfirm={() => remove.mutate()}
          busy={remove.isPending}
        />
      </section>
    </>
  );
}
