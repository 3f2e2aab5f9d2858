import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets document.title to "<page> - Vangnet" (WCAG 2.4.2), following the language. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title}${t('app.titleSeparator')}${t('app.name')}`;
  }, [title, t]);
}
