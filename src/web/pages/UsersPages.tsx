import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type User } from '../api.ts';
import {
  ConfirmAction,
  DataTable,
  Loading,
  Pager,
  RequirePermission,
  useCursorPager,
} from '../components/common.tsx';
import { CheckboxGroup, TextField } from '../components/fields.tsx';
import { AppButtonLink, AppLink } from '../components/links.tsx';
import { ErrorAlert, type FieldErrors, problemFieldErrors, SuccessAlert } from '../components/problem.tsx';
import { roleLabel, roleOptions } from '../components/roles.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { showFlash } from '../flash.ts';

const USERS_PATH = '/beheer/gebruikers';

export function UsersPage() {
  return (
    <RequirePermission anyOf={['users:manage']}>
      <UsersList />
    </RequirePermission>
  );
}

function UsersList() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const pager = useCursorPager('users');
  const users = useQuery({
    queryKey: ['users', 'list', pager.cursor],
    queryFn: () => api.users(pager.cursor),
  });
  return (
    <>
      <Heading1>{t('users.title')}</Heading1>
      <Paragraph>{t('users.intro')}</Paragraph>
      <ButtonGroup>
        <AppButtonLink to="/beheer/gebruikers/nieuw" appearance="primary-action-button">
          {t('users.new')}
        </AppButtonLink>
      </ButtonGroup>
      {users.isPending && <Loading />}
      {users.isError && <ErrorAlert error={users.error} />}
      {users.data && (
        <>
          <DataTable caption={t('users.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('users.name')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.email')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.roles')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.mfa')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.data.items.map((u) => (
                <TableRow key={u.id}>
                  <TableCell>
                    <AppLink to="/beheer/gebruikers/$userId" params={{ userId: u.id }}>
                      {u.displayName}
                    </AppLink>
                  </TableCell>
                  <TableCell>{u.email}</TableCell>
                  <TableCell>
                    {u.roles.length ? u.roles.map((r) => roleLabel(t, r)).join(', ') : t('common.none')}
                  </TableCell>
                  <TableCell>{u.isActive ? t('users.active') : t('users.inactive')}</TableCell>
                  <TableCell>{u.mfaEnabled ? t('users.mfaOn') : t('users.mfaOff')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
          {users.data.items.length === 0 && <Paragraph>{t('common.empty')}</Paragraph>}
          <Pager
            page={pager.page}
            nextCursor={users.data.nextCursor}
            onNext={pager.next}
            onPrevious={pager.previous}
          />
        </>
      )}
    </>
  );
}

export function UserNewPage() {
  return (
    <RequirePermission anyOf={['users:manage']}>
      <UserNew />
    </RequirePermission>
  );
}

function UserNew() {
  const { t } = useTranslation();
  usePageTitle(t('users.newTitle'));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [rolesError, setRolesError] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: () =>
      api.createUser({
        email: email.trim(),
        displayName: displayName.trim(),
        password: password || undefined,
        roles,
      }),
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      showFlash(t('common.created', { name: user.displayName }), USERS_PATH);
      await navigate({ to: USERS_PATH });
    },
  });
  const serverErrors = problemFieldErrors(t, create.error);
  const errors: FieldErrors = { ...serverErrors, roles: rolesError ?? serverErrors.roles };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const missingRole = roles.length === 0 ? t('users.rolesRequired') : undefined;
    setRolesError(missingRole);
    if (!missingRole && !create.isPending) create.mutate();
  };
  return (
    <>
      <Heading1>{t('users.newTitle')}</Heading1>
      <Paragraph>
        <AppLink to={USERS_PATH}>{t('common.back')}</AppLink>
      </Paragraph>
      {(create.isError || rolesError) && (
        <ErrorAlert
          message={rolesError ? t('errors.validation') : undefined}
          error={create.error}
          fields={[
            { id: 'email', label: t('users.email'), message: errors.email },
            { id: 'displayName', label: t('users.name'), message: errors.displayName },
            { id: 'password', label: t('users.password'), message: errors.password },
            { id: 'roles', label: t('users.roles'), message: errors.roles },
          ]}
        />
      )}
      <form onSubmit={onSubmit} noValidate className="vangnet-form">
        <TextField
          id="displayName"
          label={t('users.name')}
          value={displayName}
          onChange={setDisplayName}
          error={errors.displayName}
          autoComplete="off"
          required
        />
        <TextField
          id="email"
          label={t('users.email')}
          type="email"
          value={email}
          onChange={setEmail}
          error={errors.email}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          id="password"
          label={t('users.password')}
          type="password"
          description={t('users.passwordDescription')}
          value={password}
          onChange={setPassword}
          error={errors.password}
          autoComplete="new-password"
          optional
        />
        <CheckboxGroup
          id="roles"
          legend={t('users.roles')}
          description={t('users.rolesDescription')}
          options={roleOptions(t)}
          value={roles}
          onChange={setRoles}
          error={errors.roles}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={create.isPending}>
            {t('common.save')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}

export function UserEditPage({ userId }: { userId: string }) {
  return (
    <RequirePermission anyOf={['users:manage']}>
      <UserEdit userId={userId} />
    </RequirePermission>
  );
}

function UserEdit({ userId }: { userId: string }) {
  const { t } = useTranslation();
  usePageTitle(t('users.editTitle'));
  const user = useQuery({ queryKey: ['users', 'detail', userId], queryFn: () => api.user(userId) });
  return (
    <>
      <Heading1>{t('users.editTitle')}</Heading1>
      <Paragraph>
        <AppLink to={USERS_PATH}>{t('common.back')}</AppLink>
      </Paragraph>
      {user.isPending && <Loading />}
      {user.isError && <ErrorAlert error={user.error} />}
      {user.data && <UserEditForm user={user.data} />}
    </>
  );
}

function UserEditForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [message, setMessage] = useState<string | null>(null);
  const [rolesError, setRolesError] = useState<string | undefined>();
  useEffect(() => {
    setDisplayName(user.displayName);
    setRoles(user.roles);
  }, [user]);

  const onSaved = async (updated: User, text: string) => {
    queryClient.setQueryData(['users', 'detail', user.id], updated);
    await queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
    setMessage(text);
  };
  const save = useMutation({
    mutationFn: () => api.updateUser(user.id, { displayName: displayName.trim(), roles }),
    onSuccess: (updated) => onSaved(updated, t('common.saved')),
  });
  const setActive = useMutation({
    mutationFn: (isActive: boolean) => api.updateUser(user.id, { isActive }),
    onSuccess: (updated) =>
      onSaved(
        updated,
        updated.isActive
          ? t('users.activated', { name: updated.displayName })
          : t('users.deactivated', { name: updated.displayName }),
      ),
  });
  const serverErrors = problemFieldErrors(t, save.error);
  const errors: FieldErrors = { ...serverErrors, roles: rolesError ?? serverErrors.roles };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const missingRole = roles.length === 0 ? t('users.rolesRequired') : undefined;
    setRolesError(missingRole);
    if (!missingRole && !save.isPending) save.mutate();
  };
  return (
    <>
      {message && <SuccessAlert>{message}</SuccessAlert>}
      {(save.isError || rolesError) && (
        <ErrorAlert
          message={rolesError ? t('errors.validation') : undefined}
          error={save.error}
          fields={[
            { id: 'displayName', label: t('users.name'), message: errors.displayName },
            { id: 'roles', label: t('users.roles'), message: errors.roles },
          ]}
        />
      )}
      {setActive.isError && <ErrorAlert error={setActive.error} />}
      <DataList>
        <DataListItem>
          <DataListKey>{t('users.email')}</DataListKey>
          <DataListValue>{user.email}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('users.status')}</DataListKey>
          <DataListValue>{user.isActive ? t('users.active') : t('users.inactive')}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('users.mfa')}</DataListKey>
          <DataListValue>{user.mfaEnabled ? t('users.mfaOn') : t('users.mfaOff')}</DataListValue>
        </DataListItem>
      </DataList>
      <form onSubmit={onSubmit} noValidate className="vangnet-form">
        <TextField
          id="displayName"
          label={t('users.name')}
          value={displayName}
          onChange={setDisplayName}
          error={errors.displayName}
          autoComplete="off"
          required
        />
        <CheckboxGroup
          id="roles"
          legend={t('users.roles')}
          description={t('users.rolesDescription')}
          options={roleOptions(t)}
          value={roles}
          onChange={setRoles}
          error={errors.roles}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
            {t('common.save')}
          </Button>
        </ButtonGroup>
      </form>
      <section className="vangnet-section" aria-labelledby="account-heading">
        <Heading2 id="account-heading">{t('users.accountTitle')}</Heading2>
        {user.isActive ? (
          <ConfirmAction
            label={t('users.deactivate')}
            question={t('users.deactivateConfirm', { name: user.displayName })}
            confirmLabel={t('users.deactivate')}
            onConfirm={() => setActive.mutate(false)}
            busy={setActive.isPending}
          />
        ) : (
          <Button
            appearance="secondary-action-button"
            onClick={() => setActive.mutate(true)}
            busy={setActive.isPending}
          >
            {t('users.activate')}
          </Button>
        )}
      </section>
    </>
  );
}
