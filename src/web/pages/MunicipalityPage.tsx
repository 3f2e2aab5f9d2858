import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonGroup, Heading1, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type MunicipalityDetails } from '../api.ts';
import { Loading, RequirePermission } from '../components/common.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { ErrorAlert, problemFieldErrors, SuccessAlert } from '../components/problem.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { sessionQueryKey } from '../session.ts';
import { DEFAULT_THEME, THEMES } from '../theme.ts';

export function MunicipalityPage() {
  return (
    <RequirePermission anyOf={['organisation:manage']}>
      <Municipality />
    </RequirePermission>
  );
}

function Municipality() {
  const { t } = useTranslation();
  usePageTitle(t('municipality.title'));
  const municipality = useQuery({ queryKey: ['municipality'], queryFn: () => api.municipality() });
  return (
    <>
      <Heading1>{t('municipality.title')}</Heading1>
      <Paragraph>{t('municipality.intro')}</Paragraph>
      {municipality.isPending && <Loading />}
      {municipality.isError && <ErrorAlert error={municipality.error} />}
      {municipality.data && <MunicipalityForm municipality={municipality.data} />}
    </>
  );
}

function MunicipalityForm({ municipality }: { municipality: MunicipalityDetails }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initialTheme = municipality.settings.theme ?? DEFAULT_THEME;
  const [inhabitants, setInhabitants] = useState(municipality.inhabitants?.toString() ?? '');
  const [theme, setTheme] = useState(initialTheme);
  const [contactEmail, setContactEmail] = useState(municipality.settings.contactEmail ?? '');
  const [inhabitantsError, setInhabitantsError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setInhabitants(municipality.inhabitants?.toString() ?? '');
    setTheme(municipality.settings.theme ?? DEFAULT_THEME);
    setContactEmail(municipality.settings.contactEmail ?? '');
  }, [municipality]);

  const save = useMutation({
    mutationFn: (body: Parameters<typeof api.updateMunicipality>[0]) => api.updateMunicipality(body),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['municipality'], updated);
      // The theme lives in the session's activeMunicipality.
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      setSaved(true);
    },
  });
  const serverErrors = problemFieldErrors(t, save.error);
  const errors = {
    inhabitants: inhabitantsError ?? serverErrors.inhabitants,
    theme: serverErrors['settings.theme'],
    contactEmail: serverErrors['settings.contactEmail'],
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const trimmed = inhabitants.trim();
    const count = trimmed === '' ? null : Number(trimmed);
    if (count !== null && (!Number.isInteger(count) || count < 0)) {
      setInhabitantsError(t('municipality.inhabitantsInvalid'));
      return;
    }
    setInhabitantsError(undefined);
    const settings: { theme?: string; contactEmail?: string | null } = { theme };
    if (contactEmail.trim()) settings.contactEmail = contactEmail.trim();
    else if (municipality.settings.contactEmail) settings.contactEmail = null; // null removes the address
    if (!save.isPending) save.mutate({ ...(count !== null ? { inhabitants: count } : {}), settings });
  };

  const themeOptions = Object.entries(THEMES).map(([value, label]) => ({ value, label }));
  if (!Object.hasOwn(THEMES, initialTheme)) themeOptions.push({ value: initialTheme, label: initialTheme });

  const showAlert = inhabitantsError !== undefined || save.isError;
  return (
    <>
      {saved && !save.isPending && <SuccessAlert>{t('common.saved')}</SuccessAlert>}
      {showAlert && (
        <ErrorAlert
          message={inhabitantsError ? t('errors.validation') : undefined}
          error={save.error}
          fields={[
            { id: 'inhabitants', label: t('municipality.inhabitants'), message: errors.inhabitants },
            { id: 'theme', label: t('municipality.theme'), message: errors.theme },
            { id: 'contactEmail', label: t('municipality.contactEmail'), message: errors.contactEmail },
          ]}
        />
      )}
      <form onSubmit={onSubmit} noValidate className="vangnet-form">
        <TextField
          id="name"
          label={t('municipality.name')}
          description={t('municipality.nameDescription')}
          value={municipality.name}
          onChange={() => undefined}
          readOnly
        />
        <TextField
          id="cbsCode"
          label={t('municipality.cbsCode')}
          value={municipality.cbsCode}
          onChange={() => undefined}
          readOnly
          size="small"
        />
        <TextField
          id="inhabitants"
          label={t('municipality.inhabitants')}
          type="number"
          min={0}
          inputMode="numeric"
          value={inhabitants}
          onChange={setInhabitants}
          error={errors.inhabitants}
          size="small"
          optional
        />
        <SelectField
          id="theme"
          label={t('municipality.theme')}
          description={t('municipality.themeDescription')}
          value={theme}
          onChange={setTheme}
          options={themeOptions}
          error={errors.theme}
        />
        <TextField
          id="contactEmail"
          label={t('municipality.contactEmail')}
          description={t('municipality.contactEmailDescription')}
          type="email"
          value={contactEmail}
          onChange={setContactEmail}
          error={errors.contactEmail}
          autoComplete="off"
          spellCheck={false}
          optional
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
            {t('common.save')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
