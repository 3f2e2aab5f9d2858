import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type MunicipalityDetails } from '../api.ts';
import { PermittedPage, QueryView } from '../components/common.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { ResourceForm, useFieldErrors } from '../components/forms.tsx';
import { SuccessAlert } from '../components/problem.tsx';
import { sessionQueryKey } from '../session.ts';
import { DEFAULT_THEME, THEMES } from '../theme.ts';

export function MunicipalityPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="organisation:manage"
      title={t('municipality.title')}
      intro={t('municipality.intro')}
    >
      <QueryView queryKey={['municipality']} queryFn={() => api.municipality()}>
        {(municipality) => <MunicipalityForm municipality={municipality} />}
      </QueryView>
    </PermittedPage>
  );
}

function MunicipalityForm({ municipality }: { municipality: MunicipalityDetails }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initialTheme = municipality.settings.theme ?? DEFAULT_THEME;
  const [inhabitants, setInhabitants] = useState(municipality.inhabitants?.toString() ?? '');
  const [theme, setTheme] = useState(initialTheme);
  const [contactEmail, setContactEmail] = useState(municipality.settings.contactEmail ?? '');
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
  const {
    errors: fieldErrors,
    checkError: inhabitantsError,
    setCheckError: setInhabitantsError,
  } = useFieldErrors(save.error, 'inhabitants');
  const errors = {
    inhabitants: fieldErrors.inhabitants,
    theme: fieldErrors['settings.theme'],
    contactEmail: fieldErrors['settings.contactEmail'],
  };

  const onSubmit = () => {
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

  return (
    <>
      {saved && !save.isPending && <SuccessAlert>{t('common.saved')}</SuccessAlert>}
      <ResourceForm
        error={save.error}
        invalid={inhabitantsError !== undefined}
        fields={[
          { id: 'inhabitants', label: t('municipality.inhabitants'), message: errors.inhabitants },
          { id: 'theme', label: t('municipality.theme'), message: errors.theme },
          { id: 'contactEmail', label: t('municipality.contactEmail'), message: errors.contactEmail },
        ]}
        busy={save.isPending}
        onSubmit={onSubmit}
      >
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
      </ResourceForm>
    </>
  );
}
