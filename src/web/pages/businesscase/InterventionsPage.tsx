// Interventions and their outcomes, for the professionals who record them (interventions:manage): what an
// intervention cost (money, and hours priced at the municipality's hourly rate) and, later, which risks it likely
// avoided, with the worker's own judgement and confidence. Opened from a household plan it is about that household.
// Maatwerkbudget payments and budgetmaatje matches are recorded by themselves; they appear here too.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Heading1,
  Heading3,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, Loading, RequirePermission } from '../../components/common.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { type AlertField, ErrorAlert, FocusedSuccessAlert } from '../../components/problem.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { hasPermission, useSession } from '../../session.ts';
import { formatIsoDate, todayIso } from '../../vroegsignalering/labels.tsx';
import { parseEuros } from '../../vroegsignalering/money.ts';
import { businessCaseApi, type Intervention, keys } from './api.ts';
import {
  bcFieldErrors,
  confidenceName,
  confidenceOptions,
  formatDecimal,
  formatEuros,
  formatWholeEuros,
  parseDecimal,
  RISK_CODES,
  riskName,
  Section,
  typeName,
  typeOptions,
} from './parts.tsx';

export function InterventionsPage({ householdCaseId }: { householdCaseId?: string }) {
  return (
    <RequirePermission anyOf={['interventions:manage']}>
      <Interventions householdCaseId={householdCaseId} />
    </RequirePermission>
  );
}

/** The hourly rate and the risks to choose from: the known ones and every code of the price list in force. */
function useChoices() {
  const session = useSession();
  const municipalityId = session?.activeMunicipality?.id;
  const settings = useQuery({
    queryKey: keys.settings(municipalityId),
    queryFn: () => businessCaseApi.settings(),
  });
  const versions = useQuery({
    queryKey: keys.priceLists(municipalityId),
    queryFn: () => businessCaseApi.priceLists(),
  });
  const today = todayIso();
  // The version in force today: the latest valid_from on or before today, the highest version among equals.
  const inForce = (versions.data ?? [])
    .filter((v) => v.validFrom <= today)
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom) || b.version - a.version)[0];
  const version = useQuery({
    queryKey: keys.priceList(inForce?.id ?? ''),
    queryFn: () => businessCaseApi.priceList(inForce?.id ?? ''),
    enabled: !!inForce,
  });
  const labels = new Map((version.data?.items ?? []).map((i) => [i.code, i.label]));
  const codes = [...new Set([...RISK_CODES, ...labels.keys()])];
  return { hourlyRateCents: settings.data?.hourlyRateCents ?? null, labels, codes };
}

function Interventions({ householdCaseId }: { householdCaseId?: string }) {
  const { t } = useTranslation();
  usePageTitle(t('businesscase.interventions.title'));
  const session = useSession();
  const list = useQuery({
    queryKey: keys.interventions(session?.activeMunicipality?.id, householdCaseId),
    queryFn: () => businessCaseApi.interventions(householdCaseId),
  });
  const choices = useChoices();
  const [created, setCreated] = useState<Intervention | null>(null);
  return (
    <>
      <Heading1>{t('businesscase.interventions.title')}</Heading1>
      <Paragraph>{t('businesscase.interventions.intro')}</Paragraph>
      {householdCaseId && (
        <Paragraph>
          {t('businesscase.interventions.forHousehold')}{' '}
          {hasPermission(session, 'households:read', 'households:manage') && (
            <AppLink to="/huishoudens/$householdId" params={{ householdId: householdCaseId }}>
              {t('businesscase.interventions.toHousehold')}
            </AppLink>
          )}{' '}
          <AppLink to="/interventies">{t('businesscase.interventions.allInterventions')}</AppLink>
        </Paragraph>
      )}
      <Section id="iv-new" title={t('businesscase.interventions.newTitle')}>
        <InterventionForm
          householdCaseId={householdCaseId}
          hourlyRateCents={choices.hourlyRateCents}
          onCreated={setCreated}
        />
      </Section>
      <Section id="iv-list" title={t('businesscase.interventions.listTitle')}>
        {list.isPending && <Loading />}
        {list.isError && <ErrorAlert error={list.error} />}
        {list.data && list.data.length === 0 && <Paragraph>{t('businesscase.interventions.none')}</Paragraph>}
        {list.data?.map((i) => (
          <InterventionItem
            key={i.id}
            intervention={i}
            choices={choices}
            hourlyRateCents={choices.hourlyRateCents}
            startOpen={created?.id === i.id}
          />
        ))}
      </Section>
    </>
  );
}

function InterventionForm({
  householdCaseId,
  hourlyRateCents,
  onCreated,
}: {
  householdCaseId?: string;
  hourlyRateCents: number | null;
  onCreated: (i: Intervention) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [type, setType] = useState('');
  const [startedOn, setStartedOn] = useState(todayIso());
  const [money, setMoney] = useState('');
  const [hours, setHours] = useState('');
  const [note, setNote] = useState('');
  const [own, setOwn] = useState<Record<string, string>>({});
  const [done, setDone] = useState<Intervention | null>(null);
  const record = useMutation({
    mutationFn: businessCaseApi.recordIntervention,
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['businesscase', 'interventions'] });
      setDone(created);
      onCreated(created);
      setType('');
      setMoney('');
      setHours('');
      setNote('');
    },
  });
  const server = bcFieldErrors(t, record.error);
  const errors: Record<string, string | undefined> = {
    'iv-type': own['iv-type'] ?? server.interventionType,
    'iv-started': own['iv-started'] ?? server.startedOn,
    'iv-money': own['iv-money'] ?? server.costCents,
    'iv-hours': own['iv-hours'] ?? server.hours,
    'iv-note': server.note,
  };
  const parsedHours = hours.trim() === '' ? 0 : parseDecimal(hours);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const found: Record<string, string> = {};
    if (!type) found['iv-type'] = t('errors.required');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startedOn)) found['iv-started'] = t('errors.required');
    const cents = money.trim() === '' ? 0 : parseEuros(money);
    if (cents === null) found['iv-money'] = t('businesscase.scenario.amountInvalid');
    if (parsedHours === null || parsedHours < 0 || parsedHours > 10_000)
      found['iv-hours'] = t('businesscase.interventions.hoursInvalid');
    setOwn(found);
    if (Object.keys(found).length > 0) return;
    record.mutate({
      householdCaseId,
      interventionType: type as 'overig',
      startedOn,
      costCents: cents ?? 0,
      hours: parsedHours ?? 0,
      note: note.trim(),
    });
  };
  const labels: Record<string, string> = {
    'iv-type': t('businesscase.interventions.type'),
    'iv-started': t('businesscase.interventions.startedOn'),
    'iv-money': t('businesscase.interventions.money'),
    'iv-hours': t('businesscase.interventions.hours'),
    'iv-note': t('businesscase.interventions.note'),
  };
  const fields: AlertField[] = Object.keys(labels).map((id) => ({
    id,
    label: labels[id] ?? id,
    message: errors[id],
  }));
  const invalid = Object.keys(own).length > 0;
  const hourCosts =
    hourlyRateCents !== null && parsedHours !== null ? Math.round(parsedHours * hourlyRateCents) : null;
  return (
    <>
      {done && (
        <FocusedSuccessAlert>
          <Paragraph>
            {t('businesscase.interventions.recorded', { type: typeName(t, done.interventionType) })}
          </Paragraph>
        </FocusedSuccessAlert>
      )}
      {(invalid || record.isError) && (
        <ErrorAlert
          error={record.error}
          message={invalid ? t('errors.validation') : undefined}
          fields={fields}
        />
      )}
      <form onSubmit={submit} noValidate className="vangnet-form">
        <SelectField
          id="iv-type"
          label={labels['iv-type']}
          value={type}
          onChange={setType}
          options={[{ value: '', label: t('businesscase.interventions.chooseType') }, ...typeOptions(t)]}
          error={errors['iv-type']}
        />
        <TextField
          id="iv-started"
          label={labels['iv-started']}
          type="date"
          value={startedOn}
          onChange={setStartedOn}
          error={errors['iv-started']}
        />
        <TextField
          id="iv-money"
          label={labels['iv-money']}
          description={t('businesscase.interventions.moneyHint')}
          value={money}
          onChange={setMoney}
          error={errors['iv-money']}
          inputMode="decimal"
          optional
        />
        <TextField
          id="iv-hours"
          label={labels['iv-hours']}
          description={
            hourlyRateCents === null
              ? t('businesscase.interventions.hoursHint')
              : t('businesscase.interventions.hoursRate', {
                  rate: formatEuros(hourlyRateCents),
                  costs: formatEuros(hourCosts ?? 0),
                })
          }
          value={hours}
          onChange={setHours}
          error={errors['iv-hours']}
          inputMode="decimal"
          optional
        />
        <TextAreaField
          id="iv-note"
          label={labels['iv-note']}
          description={t('businesscase.interventions.noteHint')}
          value={note}
          onChange={setNote}
          error={errors['iv-note']}
          optional
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={record.isPending}>
            {t('businesscase.interventions.record')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}

type Choices = ReturnType<typeof useChoices>;

function InterventionItem({
  intervention: i,
  choices,
  hourlyRateCents,
  startOpen,
}: {
  intervention: Intervention;
  choices: Choices;
  hourlyRateCents: number | null;
  startOpen: boolean;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(startOpen);
  const headingId = useId();
  const title = t('businesscase.interventions.itemTitle', {
    type: typeName(t, i.interventionType),
    date: formatIsoDate(i.startedOn),
  });
  const costs = hourlyRateCents === null ? i.costCents : i.costCents + Math.round(i.hours * hourlyRateCents);
  return (
    <article className="vangnet-bc-intervention" aria-labelledby={headingId}>
      <Heading3 id={headingId}>{title}</Heading3>
      <Paragraph>
        {t('businesscase.interventions.costsLine', {
          money: formatEuros(i.costCents),
          hours: formatDecimal(i.hours),
          costs: formatWholeEuros(costs),
        })}{' '}
        {i.sourceKind !== 'handmatig' && t(`businesscase.interventions.source.${i.sourceKind}`)}
      </Paragraph>
      {i.note && <Paragraph>{i.note}</Paragraph>}
      {i.outcomes.length === 0 ? (
        <Paragraph>{t('businesscase.interventions.noOutcomes')}</Paragraph>
      ) : (
        <DataTable caption={t('businesscase.interventions.outcomesCaption', { title })}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('businesscase.interventions.risk')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('businesscase.interventions.quantity')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('businesscase.interventions.confidence')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('businesscase.interventions.judgement')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('businesscase.interventions.recordedOn')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {i.outcomes.map((o) => (
              <TableRow key={o.id}>
                <TableHeaderCell scope="row">
                  {riskName(t, o.riskCode, choices.labels.get(o.riskCode))}
                </TableHeaderCell>
                <TableCell>{formatDecimal(o.quantity)}</TableCell>
                <TableCell>{confidenceName(t, o.confidence)}</TableCell>
                <TableCell>{o.judgement}</TableCell>
                <TableCell>
                  {o.recordedByName
                    ? t('businesscase.interventions.byOn', {
                        date: formatIsoDate(o.recordedOn),
                        name: o.recordedByName,
                      })
                    : formatIsoDate(o.recordedOn)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
      {adding ? (
        <OutcomeForm intervention={i} choices={choices} onClose={() => setAdding(false)} />
      ) : (
        <ButtonGroup>
          <Button appearance="secondary-action-button" onClick={() => setAdding(true)}>
            {t('businesscase.interventions.addOutcome', { title })}
          </Button>
        </ButtonGroup>
      )}
    </article>
  );
}

function OutcomeForm({
  intervention: i,
  choices,
  onClose,
}: {
  intervention: Intervention;
  choices: Choices;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = `oc-${i.id}`;
  const [risk, setRisk] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [confidence, setConfidence] = useState('');
  const [judgement, setJudgement] = useState('');
  const [recordedOn, setRecordedOn] = useState(todayIso());
  const [own, setOwn] = useState<Record<string, string>>({});
  const record = useMutation({
    mutationFn: (body: Parameters<typeof businessCaseApi.recordOutcome>[1]) =>
      businessCaseApi.recordOutcome(i.id, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['businesscase', 'interventions'] });
      onClose();
    },
  });
  const server = bcFieldErrors(t, record.error);
  const ids = {
    risk: `${prefix}-risk`,
    quantity: `${prefix}-quantity`,
    confidence: `${prefix}-confidence`,
    judgement: `${prefix}-judgement`,
    recordedOn: `${prefix}-recorded`,
  };
  const errors: Record<string, string | undefined> = {
    [ids.risk]: own.risk ?? server.riskCode,
    [ids.quantity]: own.quantity ?? server.quantity,
    [ids.confidence]: own.confidence ?? server.confidence,
    [ids.judgement]: own.judgement ?? server.judgement,
    [ids.recordedOn]: own.recordedOn ?? server.recordedOn,
  };
  const labels: Record<string, string> = {
    [ids.risk]: t('businesscase.interventions.risk'),
    [ids.quantity]: t('businesscase.interventions.quantity'),
    [ids.confidence]: t('businesscase.interventions.confidence'),
    [ids.judgement]: t('businesscase.interventions.judgement'),
    [ids.recordedOn]: t('businesscase.interventions.recordedOn'),
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!risk) found.risk = t('errors.required');
    const q = parseDecimal(quantity);
    if (q === null || q <= 0 || q > 1000) found.quantity = t('businesscase.interventions.quantityInvalid');
    if (!confidence) found.confidence = t('errors.required');
    if (!judgement.trim()) found.judgement = t('errors.required');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(recordedOn)) found.recordedOn = t('errors.required');
    setOwn(found);
    if (Object.keys(found).length > 0 || q === null) return;
    record.mutate({
      riskCode: risk,
      quantity: q,
      confidence: confidence as 'laag',
      judgement: judgement.trim(),
      recordedOn,
    });
  };
  const fields: AlertField[] = Object.values(ids).map((id) => ({
    id,
    label: labels[id] ?? id,
    message: errors[id],
  }));
  const invalid = Object.keys(own).length > 0;
  return (
    <div className="vangnet-bc-outcome-form">
      {(invalid || record.isError) && (
        <ErrorAlert
          error={record.error}
          message={invalid ? t('errors.validation') : undefined}
          fields={fields}
        />
      )}
      <form onSubmit={submit} noValidate className="vangnet-form">
        <SelectField
          id={ids.risk}
          label={labels[ids.risk]}
          description={t('businesscase.interventions.riskHint')}
          value={risk}
          onChange={setRisk}
          options={[
            { value: '', label: t('businesscase.interventions.chooseRisk') },
            ...choices.codes.map((c) => ({ value: c, label: riskName(t, c, choices.labels.get(c)) })),
          ]}
          error={errors[ids.risk]}
        />
        <TextField
          id={ids.quantity}
          label={labels[ids.quantity]}
          description={t('businesscase.interventions.quantityHint')}
          value={quantity}
          onChange={setQuantity}
          error={errors[ids.quantity]}
          inputMode="decimal"
        />
        <SelectField
          id={ids.confidence}
          label={labels[ids.confidence]}
          description={t('businesscase.interventions.confidenceHint')}
          value={confidence}
          onChange={setConfidence}
          options={[
            { value: '', label: t('businesscase.interventions.chooseConfidence') },
            ...confidenceOptions(t),
          ]}
          error={errors[ids.confidence]}
        />
        <TextAreaField
          id={ids.judgement}
          label={labels[ids.judgement]}
          description={t('businesscase.interventions.judgementHint')}
          value={judgement}
          onChange={setJudgement}
          error={errors[ids.judgement]}
        />
        <TextField
          id={ids.recordedOn}
          label={labels[ids.recordedOn]}
          type="date"
          value={recordedOn}
          onChange={setRecordedOn}
          error={errors[ids.recordedOn]}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={record.isPending}>
            {t('businesscase.interventions.saveOutcome')}
          </Button>
          <Button appearance="secondary-action-button" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </ButtonGroup>
      </form>
    </div>
  );
}
