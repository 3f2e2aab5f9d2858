// The assumptions of the municipality (businesscase:manage): the hourly rate that prices professional hours, and per
// confidence of a worker's judgement the chance range that the risk would have happened and the uncertainty of a
// price by the confidence of its source. Percentages on screen, fractions in the API.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonGroup, Fieldset, FieldsetLegend, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, PermittedPage } from '../../components/common.tsx';
import { TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { type AlertField, ErrorAlert, FocusedSuccessAlert } from '../../components/problem.tsx';
import { useSession } from '../../session.ts';
import { centsToInput, parseEuros } from '../../vroegsignalering/money.ts';
import { businessCaseApi, keys, type Settings } from './api.ts';
import { CONFIDENCES, confidenceName, decimalToInput, parseDecimal } from './parts.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="businesscase:manage"
      title={t('businesscase.settings.title')}
      intro={t('businesscase.settings.intro')}
    >
      <Paragraph>
        <AppLink to="/businesscase">{t('businesscase.settings.back')}</AppLink>
      </Paragraph>
      <SettingsLoader />
    </PermittedPage>
  );
}

function SettingsLoader() {
  const session = useSession();
  const settings = useQuery({
    queryKey: keys.settings(session?.activeMunicipality?.id),
    queryFn: () => businessCaseApi.settings(),
  });
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  return <SettingsForm settings={settings.data} />;
}

const percent = (fraction: number) => decimalToInput(Math.round(fraction * 10000) / 100);

function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rate, setRate] = useState(centsToInput(settings.hourlyRateCents));
  const [chance, setChance] = useState<Record<string, [string, string]>>(() =>
    Object.fromEntries(
      CONFIDENCES.map((c) => [c, [percent(settings.probability[c][0]), percent(settings.probability[c][1])]]),
    ),
  );
  const [spread, setSpread] = useState<Record<string, string>>(() =>
    Object.fromEntries(CONFIDENCES.map((c) => [c, percent(settings.priceSpread[c])])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: Settings) => businessCaseApi.saveSettings(body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.all });
      setSaved(true);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const found: Record<string, string> = {};
    const fraction = (id: string, text: string) => {
      const n = parseDecimal(text);
      if (n === null || n < 0 || n > 100) {
        found[id] = t('businesscase.scenario.percentInvalid');
        return 0;
      }
      return n / 100;
    };
    const cents = parseEuros(rate);
    if (cents === null) found['bc-rate'] = t('businesscase.scenario.amountInvalid');
    const body: Settings = {
      hourlyRateCents: cents ?? 0,
      probability: Object.fromEntries(
        CONFIDENCES.map((c) => [
          c,
          [
            fraction(`bc-chance-${c}-low`, chance[c]?.[0] ?? ''),
            fraction(`bc-chance-${c}-high`, chance[c]?.[1] ?? ''),
          ],
        ]),
      ) as Settings['probability'],
      priceSpread: Object.fromEntries(
        CONFIDENCES.map((c) => [c, fraction(`bc-spread-${c}`, spread[c] ?? '')]),
      ) as Settings['priceSpread'],
    };
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate(body);
  };
  const labels: Record<string, string> = {
    'bc-rate': t('businesscase.settings.hourlyRate'),
    ...Object.fromEntries(
      CONFIDENCES.flatMap((c) => [
        [`bc-chance-${c}-low`, t('businesscase.settings.chanceLowOf', { confidence: confidenceName(t, c) })],
        [
          `bc-chance-${c}-high`,
          t('businesscase.settings.chanceHighOf', { confidence: confidenceName(t, c) }),
        ],
        [`bc-spread-${c}`, t('businesscase.settings.spreadOf', { confidence: confidenceName(t, c) })],
      ]),
    ),
  };
  const fields: AlertField[] = Object.entries(errors).map(([id, message]) => ({
    id,
    label: labels[id] ?? id,
    message,
  }));
  return (
    <>
      {saved && (
        <FocusedSuccessAlert>
          <Paragraph>{t('businesscase.settings.saved')}</Paragraph>
        </FocusedSuccessAlert>
      )}
      {(fields.length > 0 || save.isError) && (
        <ErrorAlert
          error={save.error}
          message={fields.length > 0 ? t('errors.validation') : undefined}
          fields={fields}
        />
      )}
      <form onSubmit={submit} noValidate className="vangnet-form">
        <TextField
          id="bc-rate"
          label={labels['bc-rate']}
          description={t('businesscase.settings.hourlyRateHint')}
          value={rate}
          onChange={setRate}
          error={errors['bc-rate']}
          inputMode="decimal"
        />
        <Paragraph>{t('businesscase.settings.chanceIntro')}</Paragraph>
        {CONFIDENCES.map((c) => (
          <Fieldset key={c}>
            <FieldsetLegend>
              {t('businesscase.settings.confidenceLegend', { confidence: confidenceName(t, c) })}
            </FieldsetLegend>
            <div className="vangnet-filters__fields">
              <TextField
                id={`bc-chance-${c}-low`}
                label={t('businesscase.settings.chanceLow')}
                value={chance[c]?.[0] ?? ''}
                onChange={(low) => setChance({ ...chance, [c]: [low, chance[c]?.[1] ?? ''] })}
                error={errors[`bc-chance-${c}-low`]}
                inputMode="decimal"
              />
              <TextField
                id={`bc-chance-${c}-high`}
                label={t('businesscase.settings.chanceHigh')}
                value={chance[c]?.[1] ?? ''}
                onChange={(high) => setChance({ ...chance, [c]: [chance[c]?.[0] ?? '', high] })}
                error={errors[`bc-chance-${c}-high`]}
                inputMode="decimal"
              />
              <TextField
                id={`bc-spread-${c}`}
                label={t('businesscase.settings.spread')}
                value={spread[c] ?? ''}
                onChange={(s) => setSpread({ ...spread, [c]: s })}
                error={errors[`bc-spread-${c}`]}
                inputMode="decimal"
              />
            </div>
          </Fieldset>
        ))}
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
            {t('common.save')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
