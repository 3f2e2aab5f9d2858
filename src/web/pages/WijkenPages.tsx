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
import { api, loadAll, type Wijk } from '../api.ts';
import {
  ConfirmAction,
  DataTable,
  Loading,
  Pager,
  RequirePermission,
  useCursorPager,
} from '../components/common.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { AppButtonLink, AppLink } from '../components/links.tsx';
import { ErrorAlert, type FieldErrors, problemFieldErrors, SuccessAlert } from '../components/problem.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { showFlash } from '../flash.ts';

const WIJKEN_PATH = '/beheer/wijken';
const WIJK_CODE = /^WK\d{6}$/;

function useAllTeams() {
  return useQuery({ queryKey: ['teams', 'all'], queryFn: () => loadAll((cursor) => api.teams(cursor)) });
}

export function WijkenPage() {
  return (
    <RequirePermission anyOf={['organisation:manage']}>
      <WijkenList />
    </RequirePermission>
  );
}

function WijkenList() {
  const { t } = useTranslation();
  usePageTitle(t('wijken.title'));
  const pager = useCursorPager('wijken');
  const wijken = useQuery({
    queryKey: ['wijken', 'list', pager.cursor],
    queryFn: () => api.wijken(pager.cursor),
  });
  const teams = useAllTeams();
  const teamName = (id: string | null) =>
    id ? (teams.data?.find((tm) => tm.id === id)?.name ?? '') : t('wijken.noTeam');
  return (
    <>
      <Heading1>{t('wijken.title')}</Heading1>
      <Paragraph>{t('wijken.intro')}</Paragraph>
      <ButtonGroup>
        <AppButtonLink to="/beheer/wijken/nieuw" appearance="primary-action-button">
          {t('wijken.new')}
        </AppButtonLink>
      </ButtonGroup>
      {wijken.isPending && <Loading />}
      {wijken.isError && <ErrorAlert error={wijken.error} />}
      {wijken.data && (
        <>
          <DataTable caption={t('wijken.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('wijken.code')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('wijken.name')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('wijken.team')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {wijken.data.items.map((w) => (
                <TableRow key={w.id}>
                  <TableCell>
                    <AppLink to="/beheer/wijken/$wijkId" params={{ wijkId: w.id }}>
                      {w.code}
                    </AppLink>
                  </TableCell>
                  <TableCell>{w.name}</TableCell>
                  <TableCell>{teamName(w.teamId)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
          {wijken.data.items.length === 0 && <Paragraph>{t('common.empty')}</Paragraph>}
          <Pager
            page={pager.page}
            nextCursor={wijken.data.nextCursor}
            onNext={pager.next}
            onPrevious={pager.previous}
          />
        </>
      )}
    </>
  );
}

interface WijkValues {
  code: string;
  name: string;
  teamId: string | null;
}

function WijkForm({
  initial,
  onSubmit,
  busy,
  error,
}: {
  initial: WijkValues;
  onSubmit: (values: WijkValues) => void;
  busy: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const teams = useAllTeams();
  const [code, setCode] = useState(initial.code);
  const [name, setName] = useState(initial.name);
  const [teamId, setTeamId] = useState(initial.teamId ?? '');
  const [codeError, setCodeError] = useState<string | undefined>();
  const serverErrors = problemFieldErrors(t, error);
  const errors: FieldErrors = { ...serverErrors, code: codeError ?? serverErrors.code };
  const submit = (e: FormEvent) => {
    e.preventDefault();
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
  const showAlert = codeError !== undefined || (error !== null && error !== undefined);
  return (
    <>
      {showAlert && (
        <ErrorAlert
          message={codeError ? t('errors.validation') : undefined}
          error={error}
          fields={[
            { id: 'code', label: t('wijken.code'), message: errors.code },
            { id: 'name', label: t('wijken.name'), message: errors.name },
            { id: 'teamId', label: t('wijken.team'), message: errors.teamId },
          ]}
        />
      )}
      <form onSubmit={submit} noValidate className="vangnet-form">
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
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={busy}>
            {t('common.save')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}

export function WijkNewPage() {
  return (
    <RequirePermission anyOf={['organisation:manage']}>
      <WijkNew />
    </RequirePermission>
  );
}

function WijkNew() {
  const { t } = useTranslation();
  usePageTitle(t('wijken.newTitle'));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (values: WijkValues) =>
      api.createWijk({
        code: values.code,
        name: values.name,
        ...(values.teamId ? { teamId: values.teamId } : {}),
      }),
    onSuccess: async (wijk) => {
      await queryClient.invalidateQueries({ queryKey: ['wijken'] });
      showFlash(t('common.created', { name: `${wijk.code} ${wijk.name}` }), WIJKEN_PATH);
      await navigate({ to: WIJKEN_PATH });
    },
  });
  return (
    <>
      <Heading1>{t('wijken.newTitle')}</Heading1>
      <Paragraph>
        <AppLink to={WIJKEN_PATH}>{t('common.back')}</AppLink>
      </Paragraph>
      <WijkForm
        initial={{ code: '', name: '', teamId: null }}
        onSubmit={create.mutate}
        busy={create.isPending}
        error={create.error}
      />
    </>
  );
}

export function WijkEditPage({ wijkId }: { wijkId: string }) {
  return (
    <RequirePermission anyOf={['organisation:manage']}>
      <WijkEdit wijkId={wijkId} />
    </RequirePermission>
  );
}

function WijkEdit({ wijkId }: { wijkId: string }) {
  const { t } = useTranslation();
  usePageTitle(t('wijken.editTitle'));
  const wijk = useQuery({ queryKey: ['wijken', 'detail', wijkId], queryFn: () => api.wijk(wijkId) });
  return (
    <>
      <Heading1>{t('wijken.editTitle')}</Heading1>
      <Paragraph>
        <AppLink to={WIJKEN_PATH}>{t('common.back')}</AppLink>
      </Paragraph>
      {wijk.isPending && <Loading />}
      {wijk.isError && <ErrorAlert error={wijk.error} />}
      {wijk.data && <WijkEditForm wijk={wijk.data} />}
    </>
  );
}

function WijkEditForm({ wijk }: { wijk: Wijk }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [saved, setSaved] = useState(false);
  const update = useMutation({
    mutationFn: (values: WijkValues) => api.updateWijk(wijk.id, values),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['wijken', 'detail', wijk.id], updated);
      await queryClient.invalidateQueries({ queryKey: ['wijken', 'list'] });
      setSaved(true);
    },
  });
  const remove = useMutation({
    mutationFn: () => api.deleteWijk(wijk.id),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ['wijken', 'detail', wijk.id] });
      await queryClient.invalidateQueries({ queryKey: ['wijken'] });
      showFlash(t('common.deleted', { name: `${wijk.code} ${wijk.name}` }), WIJKEN_PATH);
      await navigate({ to: WIJKEN_PATH });
    },
  });
  const label = `${wijk.code} ${wijk.name}`;
  return (
    <>
      {saved && !update.isPending && <SuccessAlert>{t('common.saved')}</SuccessAlert>}
      <WijkForm
        initial={{ code: wijk.code, name: wijk.name, teamId: wijk.teamId }}
        onSubmit={(values) => {
          setSaved(false);
          update.mutate(values);
        }}
        busy={update.isPending}
        error={update.error}
      />
      <section className="vangnet-section" aria-labelledby="delete-heading">
        <Heading2 id="delete-heading">{t('wijken.deleteTitle')}</Heading2>
        {remove.isError && <ErrorAlert error={remove.error} />}
        <ConfirmAction
          label={t('common.delete')}
          question={t('common.confirmDelete', { name: label })}
          confirmLabel={t('common.confirmDeleteButton')}
          onConfirm={() => remove.mutate()}
          busy={remove.isPending}
        />
      </section>
    </>
  );
}
