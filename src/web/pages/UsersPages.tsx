import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type User } from '../api.ts';
import { ConfirmAction, PagedTable } from '../components/common.tsx';
import { CheckboxGroup, TextField } from '../components/fields.tsx';
import { ResourceForm, type SubmitProps, useFieldErrors } from '../components/forms.tsx';
import { AppLink } from '../components/links.tsx';
import { ErrorAlert, SuccessAlert } from '../components/problem.tsx';
import {
  type AdminResource,
  ResourceEditPage,
  ResourceListPage,
  ResourceNewPage,
  useUpdateResource,
} from '../components/resources.tsx';
import { roleLabel, roleOptions } from '../components/roles.ts';

const USERS: AdminResource<User> = {
  key: 'users',
  path: '/beheer/gebruikers',
  permission: 'users:manage',
  name: (user) => user.displayName,
};

const activeLabel = (t: TFunction, user: User) => (user.isActive ? t('users.active') : t('users.inactive'));
const mfaLabel = (t: TFunction, user: User) => (user.mfaEnabled ? t('users.mfaOn') : t('users.mfaOff'));

export function UsersPage() {
  const { t } = useTranslation();
  return (
    <ResourceListPage
      resource={USERS}
      title={t('users.title')}
      intro={t('users.intro')}
      newLabel={t('users.new')}
    >
      <PagedTable
        queryKey={[USERS.key, 'list']}
        load={(cursor) => api.users(cursor)}
        caption={t('users.caption')}
        columns={[
          {
            header: t('users.name'),
            cell: (u) => (
              <AppLink to="/beheer/gebruikers/$userId" params={{ userId: u.id }}>
                {u.displayName}
              </AppLink>
            ),
          },
          { header: t('users.email'), cell: (u) => u.email },
          {
            header: t('users.roles'),
            cell: (u) => (u.roles.length ? u.roles.map((r) => roleLabel(t, r)).join(', ') : t('common.none')),
          },
          { header: t('users.status'), cell: (u) => activeLabel(t, u) },
          { header: t('users.mfa'), cell: (u) => mfaLabel(t, u) },
        ]}
      />
    </ResourceListPage>
  );
}

/** A user needs at least one role: the form checks that itself, before the server is asked. */
function useRolesCheck(error: unknown) {
  const { t } = useTranslation();
  const { errors, checkError, setCheckError } = useFieldErrors(error, 'roles');
  /** Shows the error when no role is chosen; true when there is at least one. */
  const checkRoles = (roles: string[]) => {
    const missingRole = roles.length === 0 ? t('users.rolesRequired') : undefined;
    setCheckError(missingRole);
    return !missingRole;
  };
  return { errors, invalid: checkError !== undefined, checkRoles };
}

function DisplayNameField(props: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return <TextField id="displayName" label={t('users.name')} autoComplete="off" required {...props} />;
}

function RolesField(props: {
  value: string[];
  onChange: (value: string[]) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <CheckboxGroup
      id="roles"
      legend={t('users.roles')}
      description={t('users.rolesDescription')}
      options={roleOptions(t)}
      {...props}
    />
  );
}

interface NewUser {
  email: string;
  displayName: string;
  password: string | undefined;
  roles: string[];
}

export function UserNewPage() {
  const { t } = useTranslation();
  return (
    <ResourceNewPage
      resource={USERS}
      title={t('users.newTitle')}
      create={(values: NewUser) => api.createUser(values)}
    >
      {(form) => <UserNewForm {...form} />}
    </ResourceNewPage>
  );
}

function UserNewForm({ onSubmit, busy, error }: SubmitProps<NewUser>) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const { errors, invalid, checkRoles } = useRolesCheck(error);
  const submit = () => {
    if (checkRoles(roles) && !busy) {
      onSubmit({
        email: email.trim(),
        displayName: displayName.trim(),
        password: password || undefined,
        roles,
      });
    }
  };
  return (
    <ResourceForm
      error={error}
      invalid={invalid}
      fields={[
        { id: 'email', label: t('users.email'), message: errors.email },
        { id: 'displayName', label: t('users.name'), message: errors.displayName },
        { id: 'password', label: t('users.password'), message: errors.password },
        { id: 'roles', label: t('users.roles'), message: errors.roles },
      ]}
      busy={busy}
      onSubmit={submit}
    >
      <DisplayNameField value={displayName} onChange={setDisplayName} error={errors.displayName} />
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
      <RolesField value={roles} onChange={setRoles} error={errors.roles} />
    </ResourceForm>
  );
}

export function UserEditPage({ userId }: { userId: string }) {
  const { t } = useTranslation();
  return (
    <ResourceEditPage resource={USERS} id={userId} title={t('users.editTitle')} load={() => api.user(userId)}>
      {(user) => <UserEditForm user={user} />}
    </ResourceEditPage>
  );
}

function UserEditForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    setDisplayName(user.displayName);
    setRoles(user.roles);
  }, [user]);

  const save = useUpdateResource(
    USERS,
    user.id,
    () => api.updateUser(user.id, { displayName: displayName.trim(), roles }),
    () => setMessage(t('common.saved')),
  );
  const setActive = useUpdateResource(
    USERS,
    user.id,
    (isActive: boolean) => api.updateUser(user.id, { isActive }),
    (updated) =>
      setMessage(
        updated.isActive
          ? t('users.activated', { name: updated.displayName })
          : t('users.deactivated', { name: updated.displayName }),
      ),
  );
  const { errors, invalid, checkRoles } = useRolesCheck(save.error);
  const submit = () => {
    setMessage(null);
    if (checkRoles(roles) && !save.isPending) save.mutate();
  };
  return (
    <>
      {message && <SuccessAlert>{message}</SuccessAlert>}
      <ResourceForm
        error={save.error}
        invalid={invalid}
        fields={[
          { id: 'displayName', label: t('users.name'), message: errors.displayName },
          { id: 'roles', label: t('users.roles'), message: errors.roles },
        ]}
        details={
          <>
            {setActive.isError && <ErrorAlert error={setActive.error} />}
            <DataList>
              <DataListItem>
                <DataListKey>{t('users.email')}</DataListKey>
                <DataListValue>{user.email}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('users.status')}</DataListKey>
                <DataListValue>{activeLabel(t, user)}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('users.mfa')}</DataListKey>
                <DataListValue>{mfaLabel(t, user)}</DataListValue>
              </DataListItem>
            </DataList>
          </>
        }
        busy={save.isPending}
        onSubmit={submit}
      >
        <DisplayNameField value={displayName} onChange={setDisplayName} error={errors.displayName} />
        <RolesField value={roles} onChange={setRoles} error={errors.roles} />
      </ResourceForm>
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
