// A new request for the maatwerkbudget: for a household (and a goal of its plan), with the problem, the amount,
// who is paid and the expected effect. The server pre-fills the gate with the non-take-up scan; the request page
// comes next.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUDGET_CATEGORIES } from '../../../shared/schemas/budget.ts';
import { loadAll } from '../../api.ts';
import { Loading } from '../../components/common.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { ResourceForm } from '../../components/forms.tsx';
import { AppLink } from '../../components/links.tsx';
import { showFlash } from '../../flash.ts';
import { hasPermission, useSession } from '../../session.ts';
import { todayIso } from '../../vroegsignalering/labels.tsx';
import { householdsApi } from '../households/api.ts';
import { budgetApi, keys } from './api.ts';
import { amountOf, sortBudgets } from './logic.ts';
import { budgetTitle } from './OverviewPage.tsx';
import { AnyPermittedPage, amountMessage, categoryName, Facts, fieldId, useFormErrors } from './parts.tsx';

export function NewRequestPage({ householdCaseId }: { householdCaseId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <AnyPermittedPage
      anyOf={['budget_requests:manage']}
      title={t('budget.newRequest.title')}
      intro={t('budget.newRequest.intro')}
    >
      <Paragraph>
        <AppLink to="/maatwerkbudget/aanvragen" search={{ huishouden: householdCaseId }}>
          {t('budget.newRequest.back')}
        </AppLink>
      </Paragraph>
      <RequestForm fixedHousehold={householdCaseId} />
    </AnyPermittedPage>
  );
}

const EMPTY = {
  budgetId: '',
  householdCaseId: '',
  goalId: '',
  category: '',
  problem: '',
  amount: '',
  payeeName: '',
  payeeIban: '',
  paymentReference: '',
  expectedEffect: '',
  networkConsidered: false,
  networkNote: '',
};
type Values = typeof EMPTY;

function RequestForm({ fixedHousehold }: { fixedHousehold: string | undefined }) {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>({ ...EMPTY, householdCaseId: fixedHousehold ?? '' });
  const [local, setLocal] = useState<Record<string, string | undefined>>({});
  const budgets = useQuery({ queryKey: keys.budgets, queryFn: budgetApi.budgets });
  // A regisseur chooses from their own caseload; others (debt help) from every open household plan.
  const who = hasPermission(session, 'households:manage') ? 'mij' : 'alle';
  // Every page of it: the caseload is paged, and a household past the first page must be choosable too.
  const caseloadQuery = { regisseur: who, status: 'open', limit: 200 };
  const caseload = useQuery({
    queryKey: ['households', 'caseload', 'all', caseloadQuery],
    queryFn: () => loadAll((cursor) => householdsApi.caseload({ ...caseloadQuery, cursor })),
    enabled: !fixedHousehold,
  });
  const householdId = values.householdCaseId;
  const household = useQuery({
    queryKey: ['households', 'view', householdId],
    queryFn: () => householdsApi.household(householdId),
    enabled: !!householdId,
  });
  const thisYear = Number(todayIso().slice(0, 4));
  const budgetOptions = sortBudgets(budgets.data ?? []).filter((b) => b.year >= thisYear - 1);
  const budgetId = values.budgetId || budgetOptions.find((b) => b.year === thisYear)?.id || '';
  const goals = (household.data?.goals ?? []).filter((g) => g.status === 'actief');

  const create = useMutation({
    mutationFn: (amountCents: number) =>
      budgetApi.createRequest({
        budgetId,
        householdCaseId: values.householdCaseId,
        goalId: values.goalId || undefined,
        category: values.category as never,
        problem: values.problem,
        amountCents,
        payeeName: values.payeeName,
        payeeIban: values.payeeIban,
        paymentReference: values.paymentReference,
        expectedEffect: values.expectedEffect,
        networkConsidered: values.networkConsidered,
        networkNote: values.networkNote,
      }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: keys.all });
      const path = `/maatwerkbudget/aanvragen/${created.id}`;
      showFlash(t('budget.newRequest.done'), path);
      await navigate({ to: '/maatwerkbudget/aanvragen/$requestId', params: { requestId: created.id } });
    },
  });

  const labels: Record<string, string> = {
    budgetId: t('budget.newRequest.budget'),
    householdCaseId: t('budget.newRequest.household'),
    goalId: t('budget.newRequest.goal'),
    category: t('budget.newRequest.category'),
    problem: t('budget.newRequest.problem'),
    amountCents: t('budget.newRequest.amount'),
    payeeName: t('budget.newRequest.payeeName'),
    payeeIban: t('budget.newRequest.payeeIban'),
    paymentReference: t('budget.newRequest.paymentReference'),
    expectedEffect: t('budget.newRequest.expectedEffect'),
    networkConsidered: t('budget.newRequest.networkConsidered'),
    networkNote: t('budget.newRequest.networkNote'),
  };
  const prefix = 'budget-request';
  const { errors, alert } = useFormErrors(create.error, prefix, labels, local);
  const set = (name: keyof Values) => (v: string | boolean) => setValues((old) => ({ ...old, [name]: v }));
  const id = (name: string) => fieldId(prefix, name);

  const submit = () => {
    const amount = amountOf(values.amount);
    const checks = { amountCents: amountMessage(t, amount.error) };
    setLocal(checks);
    if (amount.error === undefined && amount.cents !== null) create.mutate(amount.cents);
  };

  if (budgets.isPending || (!fixedHousehold && caseload.isPending)) return <Loading />;
  return (
    <>
      {alert}
      {fixedHousehold && (
        <Facts items={[[labels.householdCaseId ?? '', household.data?.label ?? t('common.loading')]]} />
      )}
      <ResourceForm
        error={null}
        fields={[]}
        busy={create.isPending}
        submitLabel={t('budget.newRequest.submit')}
        onSubmit={submit}
      >
        <SelectField
          id={id('budgetId')}
          label={labels.budgetId}
          value={budgetId}
          onChange={set('budgetId')}
          error={errors.budgetId}
          options={[
            { value: '', label: t('budget.form.choose') },
            ...budgetOptions.map((b) => ({ value: b.id, label: budgetTitle(t, b) })),
          ]}
        />
        {!fixedHousehold && (
          <SelectField
            id={id('householdCaseId')}
            label={labels.householdCaseId}
            value={values.householdCaseId}
            onChange={(v) => setValues((old) => ({ ...old, householdCaseId: v, goalId: '' }))}
            error={errors.householdCaseId}
            options={[
              { value: '', label: t('budget.form.choose') },
              ...(caseload.data ?? []).map((h) => ({
                value: h.id,
                label: h.label || t('budget.requests.unnamed'),
              })),
            ]}
          />
        )}
        <SelectField
          id={id('goalId')}
          label={labels.goalId}
          description={t('budget.newRequest.goalHelp')}
          optional
          value={values.goalId}
          onChange={set('goalId')}
          error={errors.goalId}
          options={[
            { value: '', label: t('budget.newRequest.noGoal') },
            ...goals.map((g) => ({ value: g.id, label: g.title })),
          ]}
        />
        <SelectField
          id={id('category')}
          label={labels.category}
          value={values.category}
          onChange={set('category')}
          error={errors.category}
          options={[
            { value: '', label: t('budget.form.choose') },
            ...BUDGET_CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) })),
          ]}
        />
        <TextAreaField
          id={id('problem')}
          label={labels.problem}
          description={t('budget.newRequest.problemHelp')}
          value={values.problem}
          onChange={set('problem')}
          error={errors.problem}
        />
        <TextField
          id={id('amountCents')}
          label={labels.amountCents}
          description={t('budget.form.euroHelp')}
          value={values.amount}
          onChange={set('amount')}
          inputMode="decimal"
          size="small"
          error={errors.amountCents}
        />
        <TextField
          id={id('payeeName')}
          label={labels.payeeName}
          description={t('budget.newRequest.payeeHelp')}
          value={values.payeeName}
          onChange={set('payeeName')}
          error={errors.payeeName}
        />
        <TextField
          id={id('payeeIban')}
          label={labels.payeeIban}
          description={t('budget.newRequest.ibanHelp')}
          value={values.payeeIban}
          onChange={set('payeeIban')}
          spellCheck={false}
          error={errors.payeeIban}
        />
        <TextField
          id={id('paymentReference')}
          label={labels.paymentReference}
          description={t('budget.newRequest.referenceHelp')}
          optional
          value={values.paymentReference}
          onChange={set('paymentReference')}
          error={errors.paymentReference}
        />
        <TextAreaField
          id={id('expectedEffect')}
          label={labels.expectedEffect}
          description={t('budget.newRequest.effectHelp')}
          value={values.expectedEffect}
          onChange={set('expectedEffect')}
          error={errors.expectedEffect}
        />
        <CheckboxField
          id={id('networkConsidered')}
          label={labels.networkConsidered}
          description={t('budget.gate.networkHelp')}
          checked={values.networkConsidered}
          onChange={set('networkConsidered')}
          error={errors.networkConsidered}
        />
        <TextAreaField
          id={id('networkNote')}
          label={labels.networkNote}
          optional
          value={values.networkNote}
          onChange={set('networkNote')}
          error={errors.networkNote}
        />
      </ResourceForm>
    </>
  );
}
