// Setting up the budget of a year (of the whole municipality or of one team) and changing it: the amount, the
// four-eyes amount and the limit per role. A role without a limit cannot approve.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Fieldset, FieldsetLegend, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMIT_ROLES } from '../../../shared/schemas/budget.ts';
import { api, loadAll } from '../../api.ts';
import { Loading } from '../../components/common.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { ResourceForm } from '../../components/forms.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert } from '../../components/problem.tsx';
import { roleLabel } from '../../components/roles.ts';
import { showFlash } from '../../flash.ts';
import { todayIso } from '../../vroegsignalering/labels.tsx';
import { centsToInput } from '../../vroegsignalering/money.ts';
import { type Budget, budgetApi, keys } from './api.ts';
import { amountOf } from './logic.ts';
import { budgetTitle } from './OverviewPage.tsx';
import { AnyPermittedPage, amountMessage, fieldId, useFormErrors } from './parts.tsx';

export function BudgetNewPage() {
  const { t } = useTranslation();
  return (
    <AnyPermittedPage
      anyOf={['budgets:manage']}
      title={t('budget.form.newTitle')}
      intro={t('budget.form.intro')}
    >
      <BackLink />
      <BudgetForm />
    </AnyPermittedPage>
  );
}

export function BudgetEditPage({ budgetId }: { budgetId: string }) {
  const { t } = useTranslation();
  const budget = useQuery({ queryKey: keys.budget(budgetId), queryFn: () => budgetApi.budget(budgetId) });
  return (
    <AnyPermittedPage
      anyOf={['budgets:manage']}
      title={
        budget.data
          ? t('budget.form.editTitle', { name: budgetTitle(t, budget.data) })
          : t('budget.form.editLoading')
      }
      intro={t('budget.form.intro')}
    >
      <BackLink />
      {budget.isPending && <Loading />}
      {budget.isError && <ErrorAlert error={budget.error} />}
      {budget.data && <BudgetForm budget={budget.data} />}
    </AnyPermittedPage>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Paragraph>
      <AppLink to="/maatwerkbudget">{t('budget.form.back')}</AppLink>
    </Paragraph>
  );
}

type Values = {
  year: string;
  teamId: string;
  name: string;
  total: string;
  fourEyes: string;
  limits: Record<string, string>;
};

function BudgetForm({ budget }: { budget?: Budget }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const teams = useQuery({
    queryKey: ['teams', 'all'],
    queryFn: () => loadAll((cursor) => api.teams(cursor)),
    enabled: !budget,
  });
  const [values, setValues] = useState<Values>({
    year: String(budget?.year ?? todayIso().slice(0, 4)),
    teamId: budget?.teamId ?? '',
    name: budget?.name ?? '',
    total: budget ? centsToInput(budget.totalCents) : '',
    fourEyes: budget ? centsToInput(budget.fourEyesAboveCents) : '',
    limits: Object.fromEntries(
      LIMIT_ROLES.map((r) => [
        r,
        budget && typeof budget.limits[r] === 'number' ? centsToInput(budget.limits[r]) : '',
      ]),
    ),
  });
  const [local, setLocal] = useState<Record<string, string | undefined>>({});
  const save = useMutation({
    mutationFn: (body: {
      year: number;
      teamId?: string;
      name: string;
      totalCents: number;
      fourEyesAboveCents: number;
      limits: Record<string, number>;
    }) =>
      budget
        ? budgetApi.updateBudget(budget.id, {
            name: body.name,
            totalCents: body.totalCents,
            fourEyesAboveCents: body.fourEyesAboveCents,
            limits: body.limits,
          })
        : budgetApi.createBudget(body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: keys.all });
      showFlash(
        budget ? t('common.saved') : t('budget.form.created', { name: budgetTitle(t, saved) }),
        '/maatwerkbudget',
      );
      await navigate({ to: '/maatwerkbudget' });
    },
  });
  const labels: Record<string, string> = {
    year: t('budget.form.year'),
    teamId: t('budget.form.team'),
    name: t('budget.form.name'),
    totalCents: t('budget.form.total'),
    fourEyesAboveCents: t('budget.form.fourEyes'),
    ...Object.fromEntries(
      LIMIT_ROLES.map((r) => [`limits.${r}`, t('budget.form.limitOf', { role: roleLabel(t, r) })]),
    ),
  };
  const prefix = 'budget';
  const { errors, alert } = useFormErrors(save.error, prefix, labels, local);
  const set = (name: keyof Omit<Values, 'limits'>) => (v: string) =>
    setValues((old) => ({ ...old, [name]: v }));

  const submit = () => {
    const total = amountOf(values.total);
    const fourEyes = amountOf(values.fourEyes);
    const limits = Object.fromEntries(LIMIT_ROLES.map((r) => [r, amountOf(values.limits[r] ?? '', true)]));
    const checks: Record<string, string | undefined> = {
      year: /^\d{4}$/.test(values.year.trim()) ? undefined : t('budget.form.yearInvalid'),
      totalCents: amountMessage(t, total.error),
      fourEyesAboveCents: amountMessage(t, fourEyes.error),
      ...Object.fromEntries(LIMIT_ROLES.map((r) => [`limits.${r}`, amountMessage(t, limits[r]?.error)])),
    };
    setLocal(checks);
    if (Object.values(checks).some(Boolean)) return;
    const limitCents: Record<string, number> = {};
    for (const r of LIMIT_ROLES) {
      const cents = limits[r]?.cents;
      if (typeof cents === 'number') limitCents[r] = cents;
    }
    save.mutate({
      year: Number(values.year.trim()),
      teamId: values.teamId || undefined,
      name: values.name,
      totalCents: total.cents ?? 0,
      fourEyesAboveCents: fourEyes.cents ?? 0,
      limits: limitCents,
    });
  };

  return (
    <>
      {alert}
      <ResourceForm
        error={null}
        fields={[]}
        busy={save.isPending}
        submitLabel={budget ? t('common.save') : t('budget.form.create')}
        onSubmit={submit}
      >
        {!budget && (
          <>
            <TextField
              id={fieldId(prefix, 'year')}
              label={labels.year}
              value={values.year}
              onChange={set('year')}
              inputMode="numeric"
              size="small"
              error={errors.year}
            />
            <SelectField
              id={fieldId(prefix, 'teamId')}
              label={labels.teamId}
              description={t('budget.form.teamHelp')}
              value={values.teamId}
              onChange={set('teamId')}
              error={errors.teamId}
              options={[
                { value: '', label: t('budget.form.wholeMunicipality') },
                ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
              ]}
            />
          </>
        )}
        <TextField
          id={fieldId(prefix, 'name')}
          label={labels.name}
          value={values.name}
          onChange={set('name')}
          error={errors.name}
        />
        <TextField
          id={fieldId(prefix, 'totalCents')}
          label={labels.totalCents}
          description={t('budget.form.euroHelp')}
          value={values.total}
          onChange={set('total')}
          inputMode="decimal"
          size="small"
          error={errors.totalCents}
        />
        <TextField
          id={fieldId(prefix, 'fourEyesAboveCents')}
          label={labels.fourEyesAboveCents}
          description={t('budget.form.fourEyesHelp')}
          value={values.fourEyes}
          onChange={set('fourEyes')}
          inputMode="decimal"
          size="small"
          error={errors.fourEyesAboveCents}
        />
        <Fieldset className="vangnet-budget-fieldset">
          <FieldsetLegend>{t('budget.form.limits')}</FieldsetLegend>
          <Paragraph>{t('budget.form.limitsHelp')}</Paragraph>
          {LIMIT_ROLES.map((r) => (
            <TextField
              key={r}
              id={fieldId(prefix, `limits.${r}`)}
              label={labels[`limits.${r}`] ?? r}
              optional
              value={values.limits[r] ?? ''}
              onChange={(v) => setValues((old) => ({ ...old, limits: { ...old.limits, [r]: v } }))}
              inputMode="decimal"
              size="small"
              error={errors[`limits.${r}`]}
            />
          ))}
        </Fieldset>
      </ResourceForm>
    </>
  );
}
