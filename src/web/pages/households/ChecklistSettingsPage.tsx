// The municipality's default list of documents to bring to the first conversation (the preparation call): the
// functioneel beheerder ticks the built-in documents and adds the municipality's own, in Dutch and English (other
// letter languages fall back to English). Each household's list starts from this one.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHECKLIST_CODES,
  CHECKLIST_TEXTS,
  type ChecklistCode,
} from '../../../shared/schemas/household-appointments.ts';
import { PermittedPage, QueryView } from '../../components/common.tsx';
import { CheckboxGroup, TextField } from '../../components/fields.tsx';
import { ResourceForm } from '../../components/forms.tsx';
import { problemFieldErrors, SuccessAlert } from '../../components/problem.tsx';
import { appointmentsApi, appointmentsKeys, type ChecklistSettings } from './appointments-api.ts';

type OwnDocument = { key: number; nl: string; en: string; ar: string; tr: string };

let nextKey = 1;
const ownOf = (settings: ChecklistSettings): OwnDocument[] =>
  settings.items
    .filter((i) => i.kind === 'eigen')
    .map((i) => ({ key: nextKey++, nl: i.texts.nl, en: i.texts.en, ar: i.texts.ar, tr: i.texts.tr }));
const codesOf = (settings: ChecklistSettings): string[] =>
  settings.items.flatMap((i) => (i.kind === 'standaard' && i.code ? [i.code] : []));

export function ChecklistSettingsPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="organisation:manage"
      title={t('households.appointments.checklistSettings.title')}
      intro={t('households.appointments.checklistSettings.intro')}
    >
      <QueryView queryKey={appointmentsKeys.checklist} queryFn={appointmentsApi.checklist}>
        {(settings) => <ChecklistForm settings={settings} />}
      </QueryView>
    </PermittedPage>
  );
}

function ChecklistForm({ settings }: { settings: ChecklistSettings }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[]>(() => codesOf(settings));
  const [own, setOwn] = useState<OwnDocument[]>(() => ownOf(settings));
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setCodes(codesOf(settings));
    setOwn(ownOf(settings));
  }, [settings]);
  const k = 'households.appointments.checklistSettings';
  const save = useMutation({
    mutationFn: () =>
      appointmentsApi.saveChecklist({
        // The built-in documents in their fixed order, then the municipality's own in the order entered.
        items: [
          ...CHECKLIST_CODES.filter((c) => codes.includes(c)).map((code) => ({
            kind: 'standaard' as const,
            code,
          })),
          ...own.map((d) => ({
            kind: 'eigen' as const,
            texts: {
              nl: d.nl.trim(),
              en: d.en.trim(),
              ...(d.ar.trim() ? { ar: d.ar.trim() } : {}),
              ...(d.tr.trim() ? { tr: d.tr.trim() } : {}),
            },
          })),
        ],
        version: settings.version,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(appointmentsKeys.checklist, updated);
      setSaved(true);
    },
  });
  // Field errors arrive as body.items.<n>.texts.<lang>; each is shown at its own text field.
  const serverErrors = problemFieldErrors(t, save.error);
  const fieldError = (index: number, lang: 'nl' | 'en') =>
    serverErrors[`body.items.${codes.length + index}.texts.${lang}`] ??
    serverErrors[`items.${codes.length + index}.texts.${lang}`];
  const setText = (key: number, lang: 'nl' | 'en' | 'ar' | 'tr', value: string) =>
    setOwn((docs) => docs.map((d) => (d.key === key ? { ...d, [lang]: value } : d)));
  const codeLabel = (code: ChecklistCode) =>
    CHECKLIST_TEXTS[code][i18n.language.startsWith('en') ? 'en' : 'nl'];
  const empty = codes.length + own.length === 0;

  return (
    <>
      {saved && !save.isPending && <SuccessAlert>{t('common.saved')}</SuccessAlert>}
      <ResourceForm
        error={save.error}
        invalid={empty}
        fields={[]}
        busy={save.isPending}
        onSubmit={() => {
          setSaved(false);
          if (!empty && !save.isPending) save.mutate();
        }}
      >
        <CheckboxGroup
          id="checklist-standard"
          legend={t(`${k}.standard`)}
          description={t(`${k}.standardDescription`)}
          error={empty ? t(`${k}.empty`) : undefined}
          options={CHECKLIST_CODES.map((code) => ({ value: code, label: codeLabel(code) }))}
          value={codes}
          onChange={setCodes}
        />
        <Heading2>{t(`${k}.own`)}</Heading2>
        {own.length === 0 && <Paragraph>{t(`${k}.noOwn`)}</Paragraph>}
        {own.map((d, index) => (
          <Fieldset key={d.key} className="vangnet-fieldset">
            <FieldsetLegend>{t(`${k}.ownLegend`, { number: index + 1 })}</FieldsetLegend>
            <TextField
              id={`own-${d.key}-nl`}
              label={t(`${k}.textNl`)}
              value={d.nl}
              onChange={(v) => setText(d.key, 'nl', v)}
              error={fieldError(index, 'nl')}
              maxLength={300}
            />
            <TextField
              id={`own-${d.key}-en`}
              label={t(`${k}.textEn`)}
              value={d.en}
              onChange={(v) => setText(d.key, 'en', v)}
              error={fieldError(index, 'en')}
              maxLength={300}
            />
            <TextField
              id={`own-${d.key}-ar`}
              label={t(`${k}.textAr`)}
              value={d.ar}
              onChange={(v) => setText(d.key, 'ar', v)}
              maxLength={300}
              optional
            />
            <TextField
              id={`own-${d.key}-tr`}
              label={t(`${k}.textTr`)}
              value={d.tr}
              onChange={(v) => setText(d.key, 'tr', v)}
              maxLength={300}
              optional
            />
            <ButtonGroup>
              <Button
                appearance="secondary-action-button"
                onClick={() => setOwn((docs) => docs.filter((x) => x.key !== d.key))}
              >
                {t(`${k}.remove`, { number: index + 1 })}
              </Button>
            </ButtonGroup>
          </Fieldset>
        ))}
        <ButtonGroup>
          <Button
            appearance="secondary-action-button"
            onClick={() => setOwn((docs) => [...docs, { key: nextKey++, nl: '', en: '', ar: '', tr: '' }])}
          >
            {t(`${k}.add`)}
          </Button>
        </ButtonGroup>
      </ResourceForm>
    </>
  );
}
