import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../api.ts';
import { AppLink } from '../components/links.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <>
      <Heading1>{t('notFound.title')}</Heading1>
      <Paragraph>{t('notFound.text')}</Paragraph>
      <Paragraph>
        <AppLink to="/">{t('notFound.home')}</AppLink>
      </Paragraph>
    </>
  );
}

export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  usePageTitle(t('errors.title'));
  return (
    <>
      <Heading1>{t('errors.title')}</Heading1>
      <Paragraph>
        {isApiProblem(error) && error.isNetworkError ? t('errors.network') : t('errors.generic')}
      </Paragraph>
      <Paragraph>
        <AppLink to="/">{t('notFound.home')}</AppLink>
      </Paragraph>
    </>
  );
}
