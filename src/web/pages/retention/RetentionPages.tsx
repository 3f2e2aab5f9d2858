// Retention (AVG) in the web UI: the functioneel beheerder sets the terms and can run the deletion now (it also runs
// every night); whoever handles meldingen sets or lifts a legal hold (bewaarplicht) on one melding.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmAction, PermittedPage, QueryView } from '../../components/common.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { ResourceForm, useFieldErrors } from '../../components/forms.tsx';
import { ErrorAlert, FocusedSuccessAlert, SuccessAlert } from '../../components/problem.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import { hasPermission, useSession } from '../../session.ts';
import {
  LEGAL_HOLD_REASON_OPTIONS,
  type LegalHoldReason,
  type RetentionReport,
  type RetentionSettings,
  retentionApi,
} from './api.ts';

const TERMS = ['noContactMonths', 'takenUpMonths', 'closedMonths'] as const;

const asText = (s: RetentionSettings) =>
  Object.fromEntries(TERMS.map((k) => [k, String(s[k])])) as Record<(typeof TERMS)[number], string>;

export function RetentionPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage permission="retention:manage" title={t('retention.title')} intro={t('retention.intro')}>
      <QueryView queryKey={['retention']} queryFn={retentionApi.settings}>
        {(settings) => <RetentionForm settings={settings} />}
      </QueryView>
      <PurgeNow />
    </PermittedPage>
  );
}

function RetentionForm({ settings }: { settings: RetentionSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(asText(settings));
  const [saved, setSaved] = useState(false);
  useEffect(() => setValues(asText(settings)), [settings]);
  const save = useMutation({
    mutationFn: retentionApi.saveSettings,
    onSuccess: (updated) => {
      queryClient.setQueryData(['retention'], updated);
      setSaved(true);
    },
  });
  const { errors, checkError, setCheckError } = useFieldErrors(save.error, 'noContactMonths');
  const [localErrors, setLocalErrors] = useState<Partial<Record<(typeof TERMS)[number], string>>>({});

  const onSubmit = () => {
    setSaved(false);
    const bad: Partial<Record<(typeof TERMS)[number], string>> = {};
    const body = {} as RetentionSettings;
    for (const key of TERMS) {
      const n = Number(values[key].trim());
      if (values[key].trim() === '' || !Number.isInteger(n) || n < 1 || n > 120)
        bad[key] = t('retention.monthsInvalid');
      else body[key] = n;
    }
    setLocalErrors(bad);
    setCheckError(Object.keys(bad).length > 0 ? t('retention.monthsInvalid') : undefined);
    if (Object.keys(bad).length === 0 && !save.isPending) save.mutate(body);
  };
  const errorOf = (key: (typeof TERMS)[number]) => localErrors[key] ?? errors[key];

  return (
    <section className="vangnet-section" aria-labelledby="terms-heading">
      <Heading2 id="terms-heading">{t('retention.termsHeading')}</Heading2>
      {saved && !save.isPending && <SuccessAlert>{t('common.saved')}</SuccessAlert>}
      <ResourceForm
        error={save.error}
        invalid={checkError !== undefined}
        fields={TERMS.map((key) => ({ id: key, label: t(`retention.${key}`), message: errorOf(key) }))}
        busy={save.isPending}
        onSubmit={onSubmit}
      >
        {TERMS.map((key) => (
          <TextField
            key={key}
            id={key}
            label={t(`retention.${key}`)}
            description={t(`retention.${key}Description`)}
            type="number"
            min={1}
            inputMode="numeric"
            value={values[key]}
            onChange={(v) => setValues((old) => ({ ...old, [key]: v }))}
            error={errorOf(key)}
            size="small"
          />
        ))}
      </ResourceForm>
    </section>
  );
}

function PurgeNow() {
  const { t } = useTranslation();
  const [report, setReport] = useState<RetentionReport | null>(null);
  const purge = useMutation({ mutationFn: retentionApi.purgeNow, onSuccess: setReport });
  return (
    <section className="vangnet-section" aria-labelledby="purge-heading">
      <Heading2 id="purge-heading">{t('retention.purgeHeading')}</Heading2>
      <Paragraph>{t('retention.purgeIntro')}</Paragraph>
      {purge.error ? <ErrorAlert error={purge.error} /> : null}
      {report && (
        <FocusedSuccessAlert>
          <Paragraph>{t('retention.purgeDone', { date: report.date })}</Paragraph>
        </FocusedSuccessAlert>
      )}
      {report && (
        <DataList className="vangnet-facts">
          {(
            [
              'meldingen',
              'signals',
              'contactNotes',
              'messages',
              'letterBatches',
              'importRows',
              'held',
            ] as const
          ).map((key) => (
            <DataListItem key={key}>
              <DataListKey>{t(`retention.report.${key}`)}</DataListKey>
              <DataListValue>{report[key]}</DataListValue>
            </DataListItem>
          ))}
        </DataList>
      )}
      <ConfirmAction
        label={t('retention.purgeButton')}
        question={t('retention.purgeQuestion')}
        confirmLabel={t('retention.purgeConfirm')}
        busy={purge.isPending}
        onConfirm={() => purge.mutate()}
      />
    </section>
  );
}

/** On the melding page: the bewaarplicht that keeps a melding (and its signals) from deletion. */
export function LegalHoldPanel({
  meldingId,
  hold,
}: {
  meldingId: string;
  hold: { reason: LegalHoldReason; setAt: string } | null;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<LegalHoldReason>(hold?.reason ?? 'bezwaar');
  const change = useMutation({
    mutationFn: (next: LegalHoldReason | null) => retentionApi.setLegalHold(meldingId, next),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['meldingen', 'detail', meldingId] }),
  });
  const mayChange = hasPermission(session, 'meldingen:manage');
  if (!mayChange && !hold) return null;
  return (
    <section className="vangnet-section" aria-labelledby="legal-hold-heading">
      <Heading2 id="legal-hold-heading">{t('retention.holdHeading')}</Heading2>
      <Paragraph>
        {hold
          ? t('retention.holdActive', {
              reason: t(`retention.reasons.${hold.reason}`),
              date: formatDateTime(hold.setAt),
            })
          : t('retention.holdNone')}
      </Paragraph>
      {mayChange && (
        <>
          {change.error ? <ErrorAlert error={change.error} /> : null}
          {hold ? (
            <ConfirmAction
              label={t('retention.holdLift')}
              question={t('retention.holdLiftQuestion')}
              confirmLabel={t('retention.holdLiftConfirm')}
              busy={change.isPending}
              onConfirm={() => change.mutate(null)}
            />
          ) : (
            <ResourceForm
              error={null}
              fields={[]}
              busy={change.isPending}
              submitLabel={t('retention.holdSet')}
              onSubmit={() => change.mutate(reason)}
            >
              <SelectField
                id="legal-hold-reason"
                label={t('retention.holdReason')}
                description={t('retention.holdReasonDescription')}
                value={reason}
                onChange={(v) => setReason(v as LegalHoldReason)}
                options={LEGAL_HOLD_REASON_OPTIONS.map((r) => ({
                  value: r,
                  label: t(`retention.reasons.${r}`),
                }))}
              />
            </ResourceForm>
          )}
        </>
      )}
    </section>
  );
}
