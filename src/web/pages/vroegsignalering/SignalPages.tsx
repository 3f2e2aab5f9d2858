// "Nieuw signaal": a signal entered by hand (a phone call, a letter), and "Verwijzen": a colleague or an outside
// organisation refers a resident with money worries. Both go through the same intake as the partners' signals.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fieldset, FieldsetLegend, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntakeResponse } from '../../api-vroegsignalering.ts';
import { vsApi } from '../../api-vroegsignalering.ts';
import { PermittedPage } from '../../components/common.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { ResourceForm } from '../../components/forms.tsx';
import { AppLink } from '../../components/links.tsx';
import { type FieldErrors, FocusedSuccessAlert } from '../../components/problem.tsx';
import { hasPermission, useSession } from '../../session.ts';
import { intakeFieldErrors, mergeErrors, nestedFieldErrors } from '../../vroegsignalering/errors.ts';
import { referralKindLabel, todayIso } from '../../vroegsignalering/labels.tsx';
import { parseEuros } from '../../vroegsignalering/money.ts';
import {
  EMPTY_PERSON,
  PersonFields,
  type PersonValues,
  personAlertFields,
  personInput,
} from '../../vroegsignalering/PersonFields.tsx';

/** What the intake answered for the one signal: accepted, a duplicate, or rejected with its field errors. */
function firstResult(response: IntakeResponse) {
  return response.results[0];
}

// ---------------------------------------------------------------------------------------------------------
// Nieuw signaal

interface SignalValues {
  partnerId: string;
  person: PersonValues;
  amount: string;
  signalDate: string;
  arrearsSince: string;
  monthsInArrears: string;
  customerNumber: string;
  externalId: string;
  endOfSupply: boolean;
  endOfSupplyDate: string;
  evictionAnnounced: boolean;
  evictionDate: string;
  insuranceTermination: boolean;
  warmHandover: boolean;
  isBusiness: boolean;
  remark: string;
}

const emptySignal = (partnerId = ''): SignalValues => ({
  partnerId,
  person: EMPTY_PERSON,
  amount: '',
  signalDate: todayIso(),
  arrearsSince: '',
  monthsInArrears: '',
  customerNumber: '',
  externalId: '',
  endOfSupply: false,
  endOfSupplyDate: '',
  evictionAnnounced: false,
  evictionDate: '',
  insuranceTermination: false,
  warmHandover: false,
  isBusiness: false,
  remark: '',
});

export function SignaalPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage permission="vroegsignalering:manage" title={t('signaal.title')} intro={t('signaal.intro')}>
      <SignalForm />
    </PermittedPage>
  );
}

type SignalOutcome =
  | { kind: 'accepted'; signalId: string; meldingId: string | null; needsMatching: boolean }
  | { kind: 'duplicate' };

function SignalForm() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const partners = useQuery({ queryKey: ['signaalpartners', 'all'], queryFn: vsApi.allPartners });
  const [values, setValues] = useState<SignalValues>(() => emptySignal());
  const [checkErrors, setCheckErrors] = useState<FieldErrors>({});
  const [rejected, setRejected] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<SignalOutcome | null>(null);
  const set =
    <K extends keyof SignalValues>(key: K) =>
    (value: SignalValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));

  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof vsApi.enterSignal>[0]) => vsApi.enterSignal(body),
    onSuccess: async (response) => {
      const result = firstResult(response);
      if (result?.outcome === 'rejected') {
        setRejected(intakeFieldErrors(t, result.errors));
        return;
      }
      await queryClient.invalidateQueries({ queryKey: ['meldingen'] });
      await queryClient.invalidateQueries({ queryKey: ['koppelen'] });
      if (result?.outcome === 'duplicate') {
        setOutcome({ kind: 'duplicate' });
      } else if (result?.id) {
        // Where the signal went: its melding, or the matching queue. Only readers of signals may look it up.
        let meldingId: string | null = null;
        let needsMatching = false;
        if (hasPermission(session, 'vroegsignalering:read')) {
          const signal = await vsApi.signal(result.id).catch(() => null);
          meldingId = signal?.meldingId ?? null;
          needsMatching =
            !!signal && ['not_found', 'ambiguous', 'business', 'pending'].includes(signal.matchStatus);
        }
        setOutcome({ kind: 'accepted', signalId: result.id, meldingId, needsMatching });
      }
      setValues((v) => emptySignal(v.partnerId));
    },
  });

  const errors = mergeErrors(checkErrors, rejected, nestedFieldErrors(t, mutation.error, ['signal.']));

  const submit = () => {
    setOutcome(null);
    setRejected({});
    const { input: person, errors: personErrors } = personInput(t, values.person);
    const local: FieldErrors = { ...personErrors };
    const amountCents = parseEuros(values.amount);
    if (values.amount.trim() === '') local.amountCents = t('errors.required');
    else if (amountCents === null) local.amountCents = t('signaal.amountInvalid');
    if (!values.signalDate) local.signalDate = t('errors.required');
    if (!person.achternaam) local.achternaam = t('errors.required');
    const months = values.monthsInArrears.trim();
    if (months !== '' && !/^\d{1,3}$/.test(months)) local.monthsInArrears = t('errorCodes.invalid_number');
    setCheckErrors(local);
    if (Object.keys(local).length > 0 || mutation.isPending) return;
    const text = (v: string) => (v.trim() === '' ? undefined : v.trim());
    mutation.mutate({
      ...(values.partnerId ? { partnerId: values.partnerId } : {}),
      signal: {
        ...person,
        achternaam: String(person.achternaam),
        amountCents: amountCents ?? 0,
        signalDate: values.signalDate,
        arrearsSince: text(values.arrearsSince),
        monthsInArrears: months === '' ? undefined : Number(months),
        customerNumber: text(values.customerNumber),
        externalId: text(values.externalId),
        endOfSupply: values.endOfSupply,
        endOfSupplyDate: values.endOfSupply ? text(values.endOfSupplyDate) : undefined,
        evictionAnnounced: values.evictionAnnounced,
        evictionDate: values.evictionAnnounced ? text(values.evictionDate) : undefined,
        insuranceTermination: values.insuranceTermination,
        warmHandover: values.warmHandover,
        isBusiness: values.isBusiness,
        remark: text(values.remark),
      },
    });
  };

  const partnerOptions = [
    { value: '', label: t('signaal.noPartner') },
    ...(partners.data ?? [])
      .filter((p) => p.isActive)
      .map((p) => ({ value: p.id, label: `${p.name} (${p.partnerType})` })),
  ];
  const invalid = Object.keys(checkErrors).length > 0 || Object.keys(rejected).length > 0;

  return (
    <>
      {outcome?.kind === 'accepted' && (
        <FocusedSuccessAlert>
          <Paragraph>{t('signaal.saved')}</Paragraph>
          {outcome.meldingId && (
            <Paragraph>
              <AppLink to="/vroegsignalering/meldingen/$meldingId" params={{ meldingId: outcome.meldingId }}>
                {t('signaal.toMelding')}
              </AppLink>
            </Paragraph>
          )}
          {outcome.needsMatching && (
            <Paragraph>
              {t('signaal.needsMatching')}{' '}
              <AppLink to="/vroegsignalering/koppelen">{t('signaal.toMatching')}</AppLink>
            </Paragraph>
          )}
          <Paragraph>{t('signaal.next')}</Paragraph>
        </FocusedSuccessAlert>
      )}
      {outcome?.kind === 'duplicate' && (
        <FocusedSuccessAlert>
          <Paragraph>{t('signaal.duplicate')}</Paragraph>
        </FocusedSuccessAlert>
      )}
      <ResourceForm
        error={mutation.error}
        invalid={invalid}
        fields={[
          { id: 'partnerId', label: t('signaal.partner'), message: errors.partnerId },
          ...personAlertFields(t, errors),
          { id: 'amountCents', label: t('vs.fields.amountCents'), message: errors.amountCents },
          { id: 'signalDate', label: t('vs.fields.signalDate'), message: errors.signalDate },
          { id: 'arrearsSince', label: t('vs.fields.arrearsSince'), message: errors.arrearsSince },
          { id: 'monthsInArrears', label: t('vs.fields.monthsInArrears'), message: errors.monthsInArrears },
          { id: 'customerNumber', label: t('vs.fields.customerNumber'), message: errors.customerNumber },
          { id: 'externalId', label: t('vs.fields.externalId'), message: errors.externalId },
          { id: 'endOfSupplyDate', label: t('vs.fields.endOfSupplyDate'), message: errors.endOfSupplyDate },
          { id: 'evictionDate', label: t('vs.fields.evictionDate'), message: errors.evictionDate },
          { id: 'remark', label: t('vs.fields.remark'), message: errors.remark },
        ]}
        busy={mutation.isPending}
        submitLabel={t('signaal.submit')}
        onSubmit={submit}
      >
        <SelectField
          id="partnerId"
          label={t('signaal.partner')}
          description={t('signaal.partnerDescription')}
          value={values.partnerId}
          onChange={set('partnerId')}
          options={partnerOptions}
          error={errors.partnerId}
          optional
        />
        <PersonFields values={values.person} onChange={set('person')} errors={errors} />
        <Fieldset>
          <FieldsetLegend>{t('signaal.arrears')}</FieldsetLegend>
          <div className="vangnet-form__group">
            <TextField
              id="amountCents"
              label={t('signaal.amount')}
              description={t('signaal.amountDescription')}
              value={values.amount}
              onChange={set('amount')}
              error={errors.amountCents}
              inputMode="decimal"
              autoComplete="off"
              size="small"
              required
            />
            <TextField
              id="signalDate"
              label={t('vs.fields.signalDate')}
              type="date"
              value={values.signalDate}
              onChange={set('signalDate')}
              error={errors.signalDate}
              required
            />
            <TextField
              id="arrearsSince"
              label={t('vs.fields.arrearsSince')}
              type="date"
              value={values.arrearsSince}
              onChange={set('arrearsSince')}
              error={errors.arrearsSince}
              optional
            />
            <TextField
              id="monthsInArrears"
              label={t('vs.fields.monthsInArrears')}
              value={values.monthsInArrears}
              onChange={set('monthsInArrears')}
              error={errors.monthsInArrears}
              inputMode="numeric"
              size="small"
              optional
            />
            <TextField
              id="customerNumber"
              label={t('vs.fields.customerNumber')}
              value={values.customerNumber}
              onChange={set('customerNumber')}
              error={errors.customerNumber}
              autoComplete="off"
              optional
            />
            <TextField
              id="externalId"
              label={t('vs.fields.externalId')}
              description={t('signaal.externalIdDescription')}
              value={values.externalId}
              onChange={set('externalId')}
              error={errors.externalId}
              autoComplete="off"
              optional
            />
          </div>
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>{t('signaal.crisis')}</FieldsetLegend>
          <Paragraph className="vangnet-muted">{t('signaal.crisisDescription')}</Paragraph>
          <CheckboxField
            id="endOfSupply"
            label={t('vs.fields.endOfSupply')}
            checked={values.endOfSupply}
            onChange={set('endOfSupply')}
          />
          {values.endOfSupply && (
            <TextField
              id="endOfSupplyDate"
              label={t('vs.fields.endOfSupplyDate')}
              type="date"
              value={values.endOfSupplyDate}
              onChange={set('endOfSupplyDate')}
              error={errors.endOfSupplyDate}
              optional
            />
          )}
          <CheckboxField
            id="evictionAnnounced"
            label={t('vs.fields.evictionAnnounced')}
            checked={values.evictionAnnounced}
            onChange={set('evictionAnnounced')}
          />
          {values.evictionAnnounced && (
            <TextField
              id="evictionDate"
              label={t('vs.fields.evictionDate')}
              type="date"
              value={values.evictionDate}
              onChange={set('evictionDate')}
              error={errors.evictionDate}
              optional
            />
          )}
          <CheckboxField
            id="insuranceTermination"
            label={t('vs.fields.insuranceTermination')}
            checked={values.insuranceTermination}
            onChange={set('insuranceTermination')}
          />
        </Fieldset>
        <Fieldset>
          <FieldsetLegend>{t('signaal.other')}</FieldsetLegend>
          <CheckboxField
            id="warmHandover"
            label={t('vs.fields.warmHandover')}
            description={t('signaal.warmHandoverDescription')}
            checked={values.warmHandover}
            onChange={set('warmHandover')}
          />
          <CheckboxField
            id="isBusiness"
            label={t('vs.fields.isBusiness')}
            description={t('signaal.isBusinessDescription')}
            checked={values.isBusiness}
            onChange={set('isBusiness')}
          />
          <TextAreaField
            id="remark"
            label={t('vs.fields.remark')}
            value={values.remark}
            onChange={set('remark')}
            error={errors.remark}
            optional
          />
        </Fieldset>
      </ResourceForm>
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Verwijzen

interface ReferralValues {
  referralSourceId: string;
  referrerName: string;
  reason: string;
  person: PersonValues;
  amount: string;
  warmHandover: boolean;
}

const emptyReferral = (): ReferralValues => ({
  referralSourceId: '',
  referrerName: '',
  reason: '',
  person: EMPTY_PERSON,
  amount: '',
  warmHandover: false,
});

export function VerwijzenPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage permission="organisation:read" title={t('verwijzen.title')} intro={t('verwijzen.intro')}>
      <ReferralForm />
    </PermittedPage>
  );
}

function ReferralForm() {
  const { t } = useTranslation();
  const sources = useQuery({ queryKey: ['verwijzers', 'all'], queryFn: vsApi.allReferralSources });
  const [values, setValues] = useState<ReferralValues>(emptyReferral);
  const [checkErrors, setCheckErrors] = useState<FieldErrors>({});
  const [rejected, setRejected] = useState<FieldErrors>({});
  const [done, setDone] = useState<'accepted' | 'duplicate' | null>(null);
  const set =
    <K extends keyof ReferralValues>(key: K) =>
    (value: ReferralValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));

  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof vsApi.refer>[0]) => vsApi.refer(body),
    onSuccess: (response) => {
      const result = firstResult(response);
      if (result?.outcome === 'rejected') {
        setRejected(intakeFieldErrors(t, result.errors));
        return;
      }
      setDone(result?.outcome === 'duplicate' ? 'duplicate' : 'accepted');
      setValues(emptyReferral());
    },
  });

  const errors = mergeErrors(checkErrors, rejected, nestedFieldErrors(t, mutation.error, ['person.']));

  const submit = () => {
    setDone(null);
    setRejected({});
    const { input: person, errors: personErrors } = personInput(t, values.person);
    const local: FieldErrors = { ...personErrors };
    if (!values.referralSourceId) local.referralSourceId = t('verwijzen.sourceRequired');
    if (!values.referrerName.trim()) local.referrerName = t('errors.required');
    if (!values.reason.trim()) local.reason = t('errors.required');
    if (!person.achternaam) local.achternaam = t('errors.required');
    const amountCents = values.amount.trim() === '' ? undefined : parseEuros(values.amount);
    if (amountCents === null) local.amountCents = t('signaal.amountInvalid');
    setCheckErrors(local);
    if (Object.keys(local).length > 0 || mutation.isPending) return;
    mutation.mutate({
      referralSourceId: values.referralSourceId,
      referrerName: values.referrerName.trim(),
      reason: values.reason.trim(),
      person: { ...person, achternaam: String(person.achternaam) },
      ...(amountCents !== undefined && amountCents !== null ? { amountCents } : {}),
      warmHandover: values.warmHandover,
    });
  };

  const active = (sources.data ?? []).filter((s) => s.isActive);
  const sourceOptions = [
    { value: '', label: t('verwijzen.chooseSource') },
    ...active.map((s) => ({
      value: s.id,
      label: `${s.name} (${referralKindLabel(t, s.kind).toLowerCase()})`,
    })),
  ];
  const invalid = Object.keys(checkErrors).length > 0 || Object.keys(rejected).length > 0;

  return (
    <>
      {done === 'accepted' && (
        <FocusedSuccessAlert>
          <Paragraph>{t('verwijzen.saved')}</Paragraph>
        </FocusedSuccessAlert>
      )}
      {done === 'duplicate' && (
        <FocusedSuccessAlert>
          <Paragraph>{t('verwijzen.duplicate')}</Paragraph>
        </FocusedSuccessAlert>
      )}
      <ResourceForm
        error={mutation.error ?? sources.error}
        invalid={invalid}
        fields={[
          { id: 'referralSourceId', label: t('verwijzen.source'), message: errors.referralSourceId },
          { id: 'referrerName', label: t('verwijzen.referrerName'), message: errors.referrerName },
          { id: 'reason', label: t('verwijzen.reason'), message: errors.reason },
          ...personAlertFields(t, errors),
          { id: 'amountCents', label: t('verwijzen.amount'), message: errors.amountCents },
        ]}
        busy={mutation.isPending}
        submitLabel={t('verwijzen.submit')}
        onSubmit={submit}
      >
        <SelectField
          id="referralSourceId"
          label={t('verwijzen.source')}
          description={t('verwijzen.sourceDescription')}
          value={values.referralSourceId}
          onChange={set('referralSourceId')}
          options={sourceOptions}
          error={errors.referralSourceId}
        />
        <TextField
          id="referrerName"
          label={t('verwijzen.referrerName')}
          description={t('verwijzen.referrerNameDescription')}
          value={values.referrerName}
          onChange={set('referrerName')}
          error={errors.referrerName}
          autoComplete="off"
          required
        />
        <TextAreaField
          id="reason"
          label={t('verwijzen.reason')}
          description={t('verwijzen.reasonDescription')}
          value={values.reason}
          onChange={set('reason')}
          error={errors.reason}
        />
        <PersonFields values={values.person} onChange={set('person')} errors={errors} />
        <TextField
          id="amountCents"
          label={t('verwijzen.amount')}
          description={t('signaal.amountDescription')}
          value={values.amount}
          onChange={set('amount')}
          error={errors.amountCents}
          inputMode="decimal"
          autoComplete="off"
          size="small"
          optional
        />
        <CheckboxField
          id="warmHandover"
          label={t('vs.fields.warmHandover')}
          description={t('verwijzen.warmHandoverDescription')}
          checked={values.warmHandover}
          onChange={set('warmHandover')}
        />
      </ResourceForm>
    </>
  );
}
