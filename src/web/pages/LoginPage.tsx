import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Alert, Button, ButtonLink, Heading1, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiProblem, type Session } from '../api.ts';
import { TextField } from '../components/fields.tsx';
import { ErrorAlert, problemFieldErrors, problemMessage } from '../components/problem.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { hasStoredLanguage, isSupportedLanguage, setLanguage } from '../i18n/index.ts';
import { needsSecondFactor, rememberHadSession, sessionQueryKey, useSession } from '../session.ts';

export type LoginReason = 'expired' | 'logout' | 'logout_everywhere';

export interface LoginSearch {
  redirect?: string;
  reason?: LoginReason;
}

/** After a successful login or second factor: store the session, follow the user's language, go on. */
export function useCompleteLogin() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (session: Session, redirect: string | undefined) => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionQueryKey[0] });
    queryClient.setQueryData(sessionQueryKey, session);
    rememberHadSession(true);
    const preferred = session.user?.preferredLanguage;
    if (!hasStoredLanguage() && isSupportedLanguage(preferred)) await setLanguage(preferred, false);
    if (needsSecondFactor(session)) {
      await navigate({ to: '/inloggen/tweede-factor', search: { redirect } });
    } else if (redirect) {
      await navigate({ href: redirect });
    } else {
      await navigate({ to: '/' });
    }
  };
}

export function LoginPage({ search }: { search: LoginSearch }) {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const session = useSession();
  const completeLogin = useCompleteLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<{ email?: string; password?: string }>({});

  const login = useMutation({
    mutationFn: () => api.login(email.trim(), password),
    onSuccess: (next) => completeLogin(next, search.redirect),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errors = {
      email: email.trim() ? undefined : t('login.emailRequired'),
      password: password ? undefined : t('login.passwordRequired'),
    };
    setClientErrors(errors);
    if (errors.email || errors.password || login.isPending) return;
    login.mutate();
  };

  const serverFields = problemFieldErrors(t, login.error);
  const fieldErrors = {
    email: clientErrors.email ?? serverFields.email,
    password: clientErrors.password ?? serverFields.password,
  };
  let errorMessage: string | undefined;
  if (login.error) {
    const status = isApiProblem(login.error) ? login.error.status : -1;
    errorMessage =
      status === 401
        ? t('login.wrongCredentials')
        : status === 423
          ? t('login.locked')
          : status === 429
            ? t('login.rateLimited')
            : problemMessage(t, login.error);
  } else if (clientErrors.email || clientErrors.password) {
    errorMessage = t('errors.validation');
  }

  return (
    <div className="vangnet-narrow">
      <Heading1>{t('login.title')}</Heading1>
      {search.reason === 'expired' && !login.error && (
        <Alert type="warning">
          <Paragraph>{t('login.expired')}</Paragraph>
        </Alert>
      )}
      {search.reason === 'logout' && (
        <Alert type="ok" role="status">
          <Paragraph>{t('login.loggedOut')}</Paragraph>
        </Alert>
      )}
      {search.reason === 'logout_everywhere' && (
        <Alert type="ok" role="status">
          <Paragraph>{t('login.loggedOutEverywhere')}</Paragraph>
        </Alert>
      )}
      {errorMessage && (
        <ErrorAlert
          message={errorMessage}
          error={login.error}
          fields={[
            { id: 'email', label: t('login.email'), message: fieldErrors.email },
            { id: 'password', label: t('login.password'), message: fieldErrors.password },
          ]}
        />
      )}
      <Paragraph>{t('login.intro')}</Paragraph>
      <form onSubmit={onSubmit} noValidate className="vangnet-form">
        <TextField
          id="email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={fieldErrors.email}
          required
        />
        <TextField
          id="password"
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={fieldErrors.password}
          required
        />
        <Button type="submit" appearance="primary-action-button" busy={login.isPending}>
          {login.isPending ? t('login.busy') : t('login.submit')}
        </Button>
      </form>
      {session?.oidcEnabled && (
        <div className="vangnet-section">
          <Paragraph>{t('login.or')}</Paragraph>
          {/* A full page navigation: the server redirects to the identity provider. */}
          <ButtonLink appearance="secondary-action-button" href="/api/v1/auth/oidc/login">
            {t('login.oidc')}
          </ButtonLink>
        </div>
      )}
    </div>
  );
}
