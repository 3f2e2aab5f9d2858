// One request for the maatwerkbudget: what it is for, the gate (the household's own network, and the voorliggende
// voorzieningen, pre-filled by the non-take-up scan), the decision (within one's limit, four eyes above the set
// amount, never one's own request: the server's refusals are shown here in words), the payment, withdrawal and
// the follow-up after 30 and 90 days.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Heading1,
  Heading3,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROVISION_OUTCOMES } from '../../../shared/schemas/budget.ts';
import { DataTable, Loading, RequirePermission } from '../../components/common.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert, FocusedSuccessAlert } from '../../components/problem.tsx';
import { roleLabel } from '../../components/roles.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDateTime } from '../../i18n/index.ts';
import { useSession } from '../../session.ts';
import { formatIsoDate, todayIso } from '../../vroegsignalering/labels.tsx';
import { formatEuros } from '../../vroegsignalering/money.ts';
import { type BudgetRequest, budgetApi, type Followup, keys } from './api.ts';
import { decisionHint, type GateDraft, gateBody, gateDraftOf, limitFor, problemSlug } from './logic.ts';
import {
  categoryName,
  effectName,
  Facts,
  fieldId,
  followupStatusName,
  outcomeName,
  Section,
  StatusText,
  useFormErrors,
} from './parts.tsx';

const OPEN: BudgetRequest['status'][] = ['ingediend', 'eerste_akkoord'];
const WITHDRAWABLE: BudgetRequest['status'][] = ['ingediend', 'eerste_akkoord', 'goedgekeurd'];
const GATE = 'budget-gate';

export function RequestPage({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: keys.request(requestId), queryFn: () => budgetApi.request(requestId) });
  const title = query.data
    ? t('budget.request.title', { name: query.data.householdLabel || t('budget.requests.unnamed') })
    : t('budget.request.titleLoading');
  usePageTitle(title);
  return (
    <RequirePermission anyOf={['budget_requests:manage']}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <AppLink to="/maatwerkbudget/aanvragen" search={{}}>
          {t('budget.request.back')}
        </AppLink>
      </Paragraph>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && <RequestView r={query.data} />}
    </RequirePermission>
  );
}

/** Saves through the API and keeps the request it answers; a stale version reloads the request. */
function useRequestChange(r: BudgetRequest, onDone: (updated: BudgetRequest) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (send: () => Promise<BudgetRequest>) => send(),
    onSuccess: async (updated) => {
      queryClient.setQueryData(keys.request(r.id), updated);
      await queryClient.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'budget' && q.queryKey[1] !== 'request',
      });
      onDone(updated);
    },
    onError: async (error) => {
      if (problemSlug(error) === 'aanvraag-gewijzigd') {
        await queryClient.invalidateQueries({ queryKey: keys.request(r.id) });
      }
    },
  });
}

function RequestView({ r }: { r: BudgetRequest }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<{ message: string; n: number } | null>(null);
  const done = (message: string) => setSaved((old) => ({ message, n: (old?.n ?? 0) + 1 }));
  return (
    <>
      {saved && (
        <FocusedSuccessAlert key={saved.n}>
          <Paragraph>{saved.message}</Paragraph>
        </FocusedSuccessAlert>
      )}
      <Summary r={r} />
      <GateSection r={r} onSaved={() => done(t('budget.gate.saved'))} />
      <DecisionSection r={r} onSaved={done} />
      <PaymentSection r={r} onSaved={() => done(t('budget.payment.saved'))} />
      <FollowupSection r={r} onSaved={() => done(t('budget.followup.saved'))} />
      {WITHDRAWABLE.includes(r.status) && (
        <WithdrawSection r={r} onSaved={() => done(t('budget.withdraw.saved'))} />
      )}
    </>
  );
}

function Summary({ r }: { r: BudgetRequest }) {
  const { t } = useTranslation();
  return (
    <Section id="budget-summary" title={t('budget.request.summary')}>
      <Facts
        items={[
          [t('budget.request.status'), <StatusText key="s" status={r.status} />],
          [
            t('budget.newRequest.household'),
            <AppLink key="h" to="/huishoudens/$householdId" params={{ householdId: r.householdCaseId }}>
              {r.householdLabel || t('budget.requests.unnamed')}
            </AppLink>,
          ],
          [t('budget.newRequest.goal'), r.goalTitle],
          [t('budget.newRequest.budget'), r.budgetName],
          [t('budget.newRequest.category'), categoryName(t, r.category)],
          [t('budget.newRequest.amount'), formatEuros(r.amountCents)],
          [t('budget.newRequest.payeeName'), r.payeeName],
          [t('budget.newRequest.payeeIban'), r.payeeIban],
          [t('budget.newRequest.paymentReference'), r.paymentReference],
          [t('budget.newRequest.problem'), r.problem],
          [t('budget.newRequest.expectedEffect'), r.expectedEffect],
          [
            t('budget.request.requested'),
            t('budget.requests.requestedBy', {
              date: formatDateTime(r.requestedAt, { dateStyle: 'medium' }),
              name: r.requestedBy.name,
            }),
          ],
          [t('budget.request.fourEyes'), r.needsFourEyes ? t('budget.request.fourEyesYes') : t('common.no')],
        ]}
      />
    </Section>
  );
}

// --- The gate ----------------------------------------------------------------------------------------------

/** What still blocks approval, in words. */
function blockText(t: TFunction, r: BudgetRequest, block: BudgetRequest['gateBlocks'][number]): string {
  if (block === 'netwerk') return t('budget.gate.blockNetwork');
  const p = r.provisions.find((x) => x.provision === block);
  return t('budget.gate.blockProvision', { name: p?.label ?? block });
}

function GateSection({ r, onSaved }: { r: BudgetRequest; onSaved: () => void }) {
  const { t } = useTranslation();
  const open = OPEN.includes(r.status);
  return (
    <Section id="budget-gate" title={t('budget.gate.title')}>
      <Paragraph>{t('budget.gate.intro')}</Paragraph>
      <Paragraph>
        {r.scannedAt
          ? t('budget.gate.scanned', { date: formatDateTime(r.scannedAt, { dateStyle: 'medium' }) })
          : t('budget.gate.notScanned')}
      </Paragraph>
      {r.gateBlocks.length === 0 ? (
        <Paragraph>
          <strong className="vangnet-budget-gate vangnet-budget-gate--passed">
            {t('budget.gate.passed')}
          </strong>
        </Paragraph>
      ) : (
        <>
          <Paragraph>
            <strong className="vangnet-budget-gate vangnet-budget-gate--blocked">
              {t('budget.gate.blocked')}
            </strong>
          </Paragraph>
          <UnorderedList>
            {r.gateBlocks.map((b) => (
              <UnorderedListItem key={b}>{blockText(t, r, b)}</UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
      {r.gateOverrideReason && (
        <Paragraph>{t('budget.gate.overridden', { reason: r.gateOverrideReason })}</Paragraph>
      )}
      {open ? <GateForm key={r.version} r={r} onSaved={onSaved} /> : <GateTable r={r} />}
    </Section>
  );
}

function estimateText(t: TFunction, p: BudgetRequest['provisions'][number]): string {
  if (!p.likelyEligible) return '';
  return p.estimateYearlyCents
    ? t('budget.gate.likelyWithEstimate', { amount: formatEuros(p.estimateYearlyCents) })
    : t('budget.gate.likely');
}

function checkedText(t: TFunction, p: BudgetRequest['provisions'][number]): string {
  if (!p.checkedByName || !p.checkedAt) return t('budget.gate.notCheckedYet');
  return t('budget.gate.checkedBy', {
    name: p.checkedByName,
    date: formatDateTime(p.checkedAt, { dateStyle: 'medium' }),
  });
}

function GateTable({ r }: { r: BudgetRequest }) {
  const { t } = useTranslation();
  return (
    <>
      <Facts
        items={[
          [t('budget.newRequest.networkConsidered'), r.networkConsidered ? t('common.yes') : t('common.no')],
          [t('budget.newRequest.networkNote'), r.networkNote],
        ]}
      />
      <DataTable caption={t('budget.gate.caption')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('budget.gate.provision')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('budget.gate.scan')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('budget.gate.outcome')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('budget.gate.note')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {r.provisions.map((p) => (
            <TableRow key={p.provision}>
              <TableHeaderCell scope="row">{p.label}</TableHeaderCell>
              <TableCell>{estimateText(t, p) || t('budget.gate.notLikely')}</TableCell>
              <TableCell>
                {outcomeName(t, p.outcome)}
                <br />
                <span className="vangnet-muted">{checkedText(t, p)}</span>
              </TableCell>
              <TableCell>{p.note}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
    </>
  );
}

/** The id of a gate field, so the decision's errors can link to it. */
const gateFieldId = (name: string) => fieldId(GATE, name);

function GateForm({ r, onSaved }: { r: BudgetRequest; onSaved: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<GateDraft>(() => gateDraftOf(r));
  const change = useRequestChange(r, onSaved);
  const labels: Record<string, string> = {
    networkConsidered: t('budget.newRequest.networkConsidered'),
    networkNote: t('budget.newRequest.networkNote'),
    ...Object.fromEntries(r.provisions.map((p) => [`provisions.${p.provision}`, p.label])),
  };
  const { errors, alert } = useFormErrors(change.error, GATE, labels);
  const setProvision = (provision: string, part: Partial<GateDraft['provisions'][string]>) =>
    setDraft((old) => {
      const current = old.provisions[provision] ?? { outcome: 'niet_gecontroleerd' as const, note: '' };
      return { ...old, provisions: { ...old.provisions, [provision]: { ...current, ...part } } };
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate(() => budgetApi.recordGate(r.id, gateBody(r, draft)));
  };
  return (
    <>
      {alert}
      <form onSubmit={submit} noValidate className="vangnet-form" aria-labelledby="budget-gate">
        <CheckboxField
          id={gateFieldId('networkConsidered')}
          label={labels.networkConsidered}
          description={t('budget.gate.networkHelp')}
          checked={draft.networkConsidered}
          onChange={(v) => setDraft((old) => ({ ...old, networkConsidered: v }))}
          error={errors.networkConsidered}
        />
        <TextAreaField
          id={gateFieldId('networkNote')}
          label={labels.networkNote ?? ''}
          optional
          value={draft.networkNote}
          onChange={(v) => setDraft((old) => ({ ...old, networkNote: v }))}
          error={errors.networkNote}
        />
        <Heading3>{t('budget.gate.provisionsTitle')}</Heading3>
        <Paragraph>{t('budget.gate.provisionsIntro')}</Paragraph>
        {r.provisions.map((p) => {
          const d = draft.provisions[p.provision];
          const name = `provisions.${p.provision}`;
          return (
            <Fieldset key={p.provision} className="vangnet-budget-provision">
              <FieldsetLegend>
                {p.label}
                {p.likelyEligible && (
                  <>
                    {' '}
                    <span className="vangnet-budget-likely">{estimateText(t, p)}</span>
                  </>
                )}
              </FieldsetLegend>
              <Paragraph small className="vangnet-muted">
                {checkedText(t, p)}
              </Paragraph>
              <SelectField
                id={gateFieldId(name)}
                label={t('budget.gate.outcomeOf', { name: p.label })}
                value={d?.outcome ?? p.outcome}
                onChange={(v) => setProvision(p.provision, { outcome: v as typeof p.outcome })}
                error={errors[name]}
                options={PROVISION_OUTCOMES.map((o) => ({ value: o, label: outcomeName(t, o) }))}
              />
              <TextField
                id={gateFieldId(`${name}.note`)}
                label={t('budget.gate.noteOf', { name: p.label })}
                optional
                value={d?.note ?? ''}
                onChange={(v) => setProvision(p.provision, { note: v })}
                error={errors[`${name}.note`]}
              />
            </Fieldset>
          );
        })}
        <ButtonGroup>
          <Button
            type="submit"
            appearance="primary-action-button"
            busy={change.isPending}
            disabled={change.isPending}
          >
            {t('budget.gate.save')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}

// --- The decision ------------------------------------------------------------------------------------------

function DecisionSection({ r, onSaved }: { r: BudgetRequest; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const open = OPEN.includes(r.status);
  return (
    <Section id="budget-decision" title={t('budget.decision.title')}>
      {r.decisions.length === 0 ? (
        <Paragraph>{t('budget.decision.none')}</Paragraph>
      ) : (
        <DataTable caption={t('budget.decision.caption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('budget.decision.by')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('budget.decision.decision')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('budget.decision.reason')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('budget.decision.at')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {r.decisions.map((d) => (
              <TableRow key={`${d.byName}-${d.at}`}>
                <TableHeaderCell scope="row">
                  {d.byName}
                  {d.roles.length > 0 && ` (${d.roles.map((role) => roleLabel(t, role)).join(', ')})`}
                </TableHeaderCell>
                <TableCell>{t(`budget.decision.decisions.${d.decision}`)}</TableCell>
                <TableCell>
                  {d.reason}
                  {d.gateOverrideReason && (
                    <>
                      {d.reason && <br />}
                      {t('budget.decision.overrideShown', { reason: d.gateOverrideReason })}
                    </>
                  )}
                </TableCell>
                <TableCell>{formatDateTime(d.at, { dateStyle: 'medium', timeStyle: 'short' })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
      {open && <DecisionForm r={r} onSaved={onSaved} />}
    </Section>
  );
}

function DecisionForm({ r, onSaved }: { r: BudgetRequest; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const budget = useQuery({ queryKey: keys.budget(r.budgetId), queryFn: () => budgetApi.budget(r.budgetId) });
  const roles = session?.municipalities.find((m) => m.id === session.activeMunicipality?.id)?.roles ?? [];
  const limit = budget.data ? limitFor(budget.data.limits, roles) : undefined;
  const hint = decisionHint(r, session?.user?.id, limit);
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const change = useRequestChange(r, (updated) =>
    onSaved(
      t(
        `budget.decision.saved.${updated.status === 'afgewezen' ? 'afgewezen' : updated.status === 'eerste_akkoord' ? 'first' : 'akkoord'}`,
      ),
    ),
  );
  const unchecked = r.gateBlocks.filter((b) => b !== 'netwerk');
  const labels: Record<string, string> = {
    reason: t('budget.decision.reasonLabel'),
    gateOverrideReason: t('budget.decision.overrideLabel'),
    networkConsidered: t('budget.newRequest.networkConsidered'),
    ...Object.fromEntries(r.provisions.map((p) => [`provisions.${p.provision}`, p.label])),
  };
  const idOf = (name: string) =>
    name === 'reason' || name === 'gateOverrideReason' ? fieldId('budget-decision', name) : gateFieldId(name);
  const { errors, alert } = useFormErrors(
    change.error,
    idOf,
    labels,
    {},
    {
      limit: typeof limit === 'number' ? formatEuros(limit) : '',
      remaining: budget.data ? formatEuros(budget.data.remainingCents) : '',
      variant: limit === null ? 'none' : limit === undefined ? 'unknown' : undefined,
    },
  );
  const decide = (decision: 'akkoord' | 'afgewezen') =>
    change.mutate(() =>
      budgetApi.decide(r.id, {
        version: r.version,
        decision,
        reason,
        gateOverrideReason: decision === 'akkoord' && override.trim() ? override : undefined,
      }),
    );
  return (
    <div className="vangnet-budget-form">
      <Heading3 id="budget-decide">{t('budget.decision.formTitle')}</Heading3>
      {budget.data && (
        <Paragraph>
          {typeof limit === 'number'
            ? t('budget.decision.yourLimit', { limit: formatEuros(limit) })
            : t('budget.decision.yourNoLimit')}{' '}
          {t('budget.decision.fourEyesAmount', { amount: formatEuros(budget.data.fourEyesAboveCents) })}
        </Paragraph>
      )}
      {hint && (
        <Alert type="info">
          <Paragraph>
            {t(`budget.decision.hints.${hint}`, {
              limit: typeof limit === 'number' ? formatEuros(limit) : '',
              amount: budget.data ? formatEuros(budget.data.fourEyesAboveCents) : '',
            })}
          </Paragraph>
        </Alert>
      )}
      {alert}
      <form
        onSubmit={(e) => e.preventDefault()}
        noValidate
        className="vangnet-form"
        aria-labelledby="budget-decide"
      >
        <TextAreaField
          id={fieldId('budget-decision', 'reason')}
          label={labels.reason ?? ''}
          description={t('budget.decision.reasonHelp')}
          optional
          value={reason}
          onChange={setReason}
          error={errors.reason}
        />
        {unchecked.length > 0 && (
          <TextAreaField
            id={fieldId('budget-decision', 'gateOverrideReason')}
            label={labels.gateOverrideReason ?? ''}
            description={t('budget.decision.overrideHelp')}
            optional
            value={override}
            onChange={setOverride}
            error={errors.gateOverrideReason}
          />
        )}
        <ButtonGroup>
          <Button
            appearance="primary-action-button"
            busy={change.isPending}
            disabled={change.isPending}
            onClick={() => decide('akkoord')}
          >
            {t('budget.decision.approve')}
          </Button>
          <Button
            appearance="secondary-action-button"
            hint="danger"
            busy={change.isPending}
            disabled={change.isPending}
            onClick={() => decide('afgewezen')}
          >
            {t('budget.decision.refuse')}
          </Button>
        </ButtonGroup>
      </form>
    </div>
  );
}

// --- Payment -----------------------------------------------------------------------------------------------

function PaymentSection({ r, onSaved }: { r: BudgetRequest; onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <Section id="budget-payment" title={t('budget.payment.title')}>
      {r.payment ? (
        <Facts
          items={[
            [t('budget.payment.paidOn'), formatIsoDate(r.payment.paidOn)],
            [t('budget.newRequest.amount'), formatEuros(r.payment.amountCents)],
            [t('budget.payment.reference'), r.payment.reference],
            [t('budget.newRequest.payeeName'), r.payeeName],
          ]}
        />
      ) : r.status === 'goedgekeurd' ? (
        <PaymentForm r={r} onSaved={onSaved} />
      ) : (
        <Paragraph>{t('budget.payment.notYet')}</Paragraph>
      )}
    </Section>
  );
}

function PaymentForm({ r, onSaved }: { r: BudgetRequest; onSaved: () => void }) {
  const { t } = useTranslation();
  const [paidOn, setPaidOn] = useState(todayIso());
  const [reference, setReference] = useState('');
  const change = useRequestChange(r, onSaved);
  const labels = { paidOn: t('budget.payment.paidOn'), reference: t('budget.payment.reference') };
  const { errors, alert } = useFormErrors(change.error, 'budget-payment', labels);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate(() =>
      budgetApi.pay(r.id, { version: r.version, paidOn, reference: reference.trim() || undefined }),
    );
  };
  return (
    <>
      <Paragraph>
        {t('budget.payment.intro', { amount: formatEuros(r.amountCents), payee: r.payeeName })}
      </Paragraph>
      {alert}
      <form onSubmit={submit} noValidate className="vangnet-form" aria-labelledby="budget-payment">
        <TextField
          id={fieldId('budget-payment', 'paidOn')}
          type="date"
          label={labels.paidOn}
          value={paidOn}
          onChange={setPaidOn}
          error={errors.paidOn}
        />
        <TextField
          id={fieldId('budget-payment', 'reference')}
          label={labels.reference}
          description={t('budget.payment.referenceHelp', {
            reference: r.paymentReference || `MWB-${r.id.slice(0, 8)}`,
          })}
          optional
          value={reference}
          onChange={setReference}
          error={errors.reference}
        />
        <ButtonGroup>
          <Button
            type="submit"
            appearance="primary-action-button"
            busy={change.isPending}
            disabled={change.isPending}
          >
            {t('budget.payment.submit')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}

// --- Follow-up ---------------------------------------------------------------------------------------------

function FollowupSection({ r, onSaved }: { r: BudgetRequest; onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <Section id="budget-followup" title={t('budget.followup.title')}>
      <Paragraph>{t('budget.followup.intro', { effect: r.expectedEffect })}</Paragraph>
      {r.followups.length === 0 ? (
        <Paragraph>{t('budget.followup.none')}</Paragraph>
      ) : (
        <>
          <DataTable caption={t('budget.followup.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('budget.followup.check')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.followup.due')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.followup.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.followup.effect')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {r.followups.map((f) => (
                <TableRow key={f.id}>
                  <TableHeaderCell scope="row">
                    {t('budget.followup.name', { days: f.afterDays })}
                  </TableHeaderCell>
                  <TableCell>{formatIsoDate(f.dueOn)}</TableCell>
                  <TableCell>{followupStatusName(t, f.status)}</TableCell>
                  <TableCell>
                    {f.effect ? effectName(t, f.effect) : ''}
                    {f.note ? `${f.effect ? ': ' : ''}${f.note}` : ''}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
          {r.followups
            .filter((f) => f.status === 'te_beoordelen')
            .map((f) => (
              <FollowupForm key={f.id} r={r} f={f} onSaved={onSaved} />
            ))}
        </>
      )}
    </Section>
  );
}

function FollowupForm({ r, f, onSaved }: { r: BudgetRequest; f: Followup; onSaved: () => void }) {
  const { t } = useTranslation();
  const [effect, setEffect] = useState('');
  const [note, setNote] = useState('');
  const change = useRequestChange(r, onSaved);
  const prefix = `budget-followup-${f.afterDays}`;
  const title = t('budget.followup.formTitle', { days: f.afterDays });
  const labels = { effect: t('budget.followup.effectQuestion'), note: t('budget.followup.note') };
  const { errors, alert } = useFormErrors(change.error, prefix, labels);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate(() => budgetApi.assessFollowup(f.id, { effect: effect as never, note }));
  };
  return (
    <div className="vangnet-budget-form">
      <Heading3 id={`${prefix}-title`}>{title}</Heading3>
      {alert}
      <form onSubmit={submit} noValidate className="vangnet-form" aria-labelledby={`${prefix}-title`}>
        <SelectField
          id={fieldId(prefix, 'effect')}
          label={labels.effect}
          value={effect}
          onChange={setEffect}
          error={errors.effect}
          options={[
            { value: '', label: t('budget.form.choose') },
            ...(['bereikt', 'deels', 'niet_bereikt', 'onbekend'] as const).map((e) => ({
              value: e,
              label: effectName(t, e),
            })),
          ]}
        />
        <TextAreaField
          id={fieldId(prefix, 'note')}
          label={labels.note}
          optional
          value={note}
          onChange={setNote}
          error={errors.note}
        />
        <ButtonGroup>
          <Button
            type="submit"
            appearance="primary-action-button"
            busy={change.isPending}
            disabled={change.isPending}
          >
            {t('budget.followup.submit', { days: f.afterDays })}
          </Button>
        </ButtonGroup>
      </form>
    </div>
  );
}

// --- Withdrawal --------------------------------------------------------------------------------------------

function WithdrawSection({ r, onSaved }: { r: BudgetRequest; onSaved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const change = useRequestChange(r, () => {
    setOpen(false);
    onSaved();
  });
  const labels = { reason: t('budget.withdraw.reason') };
  const { errors, alert } = useFormErrors(change.error, 'budget-withdraw', labels);
  return (
    <Section id="budget-withdraw" title={t('budget.withdraw.title')}>
      <Paragraph>{t('budget.withdraw.intro')}</Paragraph>
      {!open ? (
        <Button appearance="secondary-action-button" hint="danger" onClick={() => setOpen(true)}>
          {t('budget.withdraw.start')}
        </Button>
      ) : (
        <>
          {alert}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              change.mutate(() => budgetApi.withdraw(r.id, { version: r.version, reason }));
            }}
            noValidate
            className="vangnet-form"
            aria-labelledby="budget-withdraw"
          >
            <TextAreaField
              id={fieldId('budget-withdraw', 'reason')}
              label={labels.reason}
              value={reason}
              onChange={setReason}
              error={errors.reason}
            />
            <ButtonGroup>
              <Button
                type="submit"
                appearance="primary-action-button"
                hint="danger"
                busy={change.isPending}
                disabled={change.isPending}
              >
                {t('budget.withdraw.submit')}
              </Button>
              <Button appearance="secondary-action-button" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
            </ButtonGroup>
          </form>
        </>
      )}
    </Section>
  );
}
