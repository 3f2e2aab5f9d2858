import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import {
  Button,
  ButtonGroup,
  Code,
  Heading1,
  Image,
  OrderedList,
  OrderedListItem,
  Paragraph,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, clearCsrfToken, isApiProblem } from '../api.ts';
import { Loading } from '../components/common.tsx';
import { TextField } from '../components/fields.tsx';
import { ErrorAlert, problemMessage } from '../components/problem.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { rememberHadSession, useSession } from '../session.ts';
import { useCompleteLogin } from './LoginPage.tsx';

const CODE_PATTERN = /^\d{6}$/;

/** Groups a base32 secret in blocks of four so it can be typed over. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

export function SecondFactorPage({ redirect }: { redirect?: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const enrol = session?.mfa === 'enrol';
  usePageTitle(enrol ? t('mfa.enrolTitle') : t('mfa.title'));
  const completeLogin = useCompleteLogin();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [formatError, setFormatError] = useState<string | undefined>();

  const enrolment = useQuery({
    queryKey: ['totp-enrolment', session?.user?.id],
    queryFn: () => api.startTotpEnrolment(),
    enabled: enrol,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: false,
    refetchOnWindowFocus: false,
  });

  const confirm = useMutation({
    mutationFn: (value: string) => (enrol ? api.confirmTotpEnrolment(value) : api.verifyTotp(value)),
    onSuccess: async (next) => {
      queryClient.removeQueries({ queryKey: ['totp-enrolment'] });
      await completeLogin(next, redirect);
    },
  });

  const cancel = useMutation({
    mutationFn: () => api.logout(),
    onSettled: async () => {
      rememberHadSession(false);
      clearCsrfToken();
      queryClient.clear();
      await navigate({ to: '/inloggen', search: { reason: 'logout' } });
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const value = code.replace(/\s/g, '');
    if (!CODE_PATTERN.test(value)) {
      setFormatError(t('mfa.codeInvalidFormat'));
      return;
    }
    setFormatError(undefined);
    if (!confirm.isPending) confirm.mutate(value);
  };

  const status = isApiProblem(confirm.error) ? confirm.error.status : null;
  const wrongCode = status === 400 || status === 422;
  const codeError = formatError ?? (wrongCode ? t('mfa.codeWrong') : undefined);
  const alertMessage = formatError
    ? t('errors.validation')
    : confirm.error
      ? wrongCode
        ? t('mfa.codeWrong')
        : status === 429
          ? t('login.rateLimited')
          : status === 423
            ? t('login.locked')
            : problemMessage(t, confirm.error)
      : undefined;

  const form = (
    <form onSubmit={onSubmit} noValidate className="vangnet-form">
      <TextField
        id="code"
        label={t('mfa.code')}
        description={t('mfa.codeDescription')}
        value={code}
        onChange={setCode}
        error={codeError}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        size="small"
        required
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" busy={confirm.isPending}>
          {t('mfa.submit')}
        </Button>
        <Button
          type="button"
          appearance="subtle-button"
          onClick={() => cancel.mutate()}
          busy={cancel.isPending}
        >
          {t('mfa.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );

  return (
    <div className="vangnet-narrow">
      <Heading1>{enrol ? t('mfa.enrolTitle') : t('mfa.title')}</Heading1>
      {alertMessage && (
        <ErrorAlert
          message={alertMessage}
          error={confirm.error}
          fields={[{ id: 'code', label: t('mfa.code'), message: codeError }]}
        />
      )}
      {enrol ? (
        <>
          <Paragraph>{t('mfa.enrolIntro')}</Paragraph>
          {enrolment.isPending && <Loading />}
          {enrolment.isError && <ErrorAlert error={enrolment.error} />}
          {enrolment.data && (
            <OrderedList className="vangnet-steps">
              <OrderedListItem>
                <Paragraph>{t('mfa.enrolStep1')}</Paragraph>
                <Image
                  className="vangnet-qr"
                  src={enrolment.data.qrDataUrl}
                  alt={t('mfa.qrAlt')}
                  width={200}
                  height={200}
                />
              </OrderedListItem>
              <OrderedListItem>
                <Paragraph>{t('mfa.enrolStep2')}</Paragraph>
                <Paragraph>
                  <span className="vangnet-visually-hidden">{t('mfa.secret')}: </span>
                  <Code className="vangnet-secret" translate="no">
                    {groupSecret(enrolment.data.secret)}
                  </Code>
                </Paragraph>
              </OrderedListItem>
              <OrderedListItem>
                <Paragraph>{t('mfa.enrolStep3')}</Paragraph>
                {form}
              </OrderedListItem>
            </OrderedList>
          )}
        </>
      ) : (
        <>
          <Paragraph>{t('mfa.verifyIntro')}</Paragraph>
          {form}
        </>
      )}
    </div>
  );
}
