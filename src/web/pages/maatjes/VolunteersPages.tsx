// The coordinator's volunteers (intake, training, VOG with its expiry, availability, languages, background, wijk,
// kinds of help, how many residents at a time) and the volunteer organisations.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import {
  ButtonGroup,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HELP_KINDS, TRAINING_STATUSES, VOLUNTEER_STATUSES } from '../../../shared/schemas/volunteers.ts';
import { api, loadAll } from '../../api.ts';
import { DataTable, Loading, PagedTable } from '../../components/common.tsx';
import {
  CheckboxField,
  CheckboxGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/fields.tsx';
import { ResourceForm } from '../../components/forms.tsx';
import { AppButtonLink, AppLink } from '../../components/links.tsx';
import { ErrorAlert, FocusedSuccessAlert } from '../../components/problem.tsx';
import { showFlash } from '../../flash.ts';
import { useSession } from '../../session.ts';
import { formatIsoDate } from '../../vroegsignalering/labels.tsx';
import { AnyPermittedPage, fieldId, Section, useFormErrors } from '../budget/parts.tsx';
import { keys, maatjesApi, type Volunteer } from './api.ts';
import { type VolunteerValues, volunteerBody } from './logic.ts';
import { AvailabilityField, helpKindList, helpKindName, languageList, VogText } from './parts.tsx';

export function VolunteersPage() {
  const { t } = useTranslation();
  const [organisationId, setOrganisationId] = useState('');
  const [status, setStatus] = useState('');
  const organisations = useQuery({ queryKey: keys.organisations, queryFn: maatjesApi.organisations });
  return (
    <AnyPermittedPage
      anyOf={['volunteers:manage']}
      title={t('budget.volunteers.list.title')}
      intro={t('budget.volunteers.list.intro')}
    >
      <ButtonGroup>
        <AppButtonLink to="/budgetmaatjes/vrijwilligers/nieuw" appearance="primary-action-button">
          {t('budget.volunteers.list.new')}
        </AppButtonLink>
      </ButtonGroup>
      <div className="vangnet-filters__fields">
        <SelectField
          id="maatjes-volunteers-organisation"
          label={t('budget.volunteers.organisation')}
          value={organisationId}
          onChange={setOrganisationId}
          options={[
            { value: '', label: t('budget.volunteers.anyOrganisation') },
            ...(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <SelectField
          id="maatjes-volunteers-status"
          label={t('budget.volunteers.status')}
          value={status}
          onChange={setStatus}
          options={[
            { value: '', label: t('budget.volunteers.list.allStatuses') },
            ...VOLUNTEER_STATUSES.map((s) => ({ value: s, label: t(`budget.volunteers.statuses.${s}`) })),
          ]}
        />
      </div>
      <PagedTable<Volunteer>
        queryKey={keys.volunteers({ organisationId, status })}
        load={(cursor) =>
          maatjesApi.volunteers({
            organisationId: organisationId || undefined,
            status: status || undefined,
            cursor,
            limit: 50,
          })
        }
        caption={t('budget.volunteers.list.caption')}
        empty={t('budget.volunteers.list.empty')}
        columns={[
          {
            header: t('budget.volunteers.name'),
            cell: (v) => (
              <AppLink to="/budgetmaatjes/vrijwilligers/$volunteerId" params={{ volunteerId: v.id }}>
                {v.displayName}
              </AppLink>
            ),
          },
          { header: t('budget.volunteers.status'), cell: (v) => t(`budget.volunteers.statuses.${v.status}`) },
          { header: t('budget.volunteers.vogLabel'), cell: (v) => <VogText expiresOn={v.vogExpiresOn} /> },
          {
            header: t('budget.volunteers.trainingLabel'),
            cell: (v) => t(`budget.volunteers.training.${v.trainingStatus}`),
          },
          {
            header: t('budget.volunteers.list.load'),
            cell: (v) =>
              t('budget.volunteers.candidates.load', { active: v.activeMatches, max: v.maxMatches }),
          },
          { header: t('budget.volunteers.helpKindsLabel'), cell: (v) => helpKindList(t, v.helpKinds) },
          { header: t('budget.volunteers.languages'), cell: (v) => languageList(t, v.languages) },
          { header: t('budget.volunteers.wijk'), cell: (v) => v.wijkName ?? t('budget.volunteers.noWijk') },
        ]}
      />
    </AnyPermittedPage>
  );
}

// --- New and edit ------------------------------------------------------------------------------------------

export function VolunteerNewPage() {
  const { t } = useTranslation();
  return (
    <AnyPermittedPage anyOf={['volunteers:manage']} title={t('budget.volunteers.form.newTitle')}>
      <Paragraph>
        <AppLink to="/budgetmaatjes/vrijwilligers">{t('budget.volunteers.form.back')}</AppLink>
      </Paragraph>
      <VolunteerForm />
    </AnyPermittedPage>
  );
}

export function VolunteerEditPage({ volunteerId }: { volunteerId: string }) {
  const { t } = useTranslation();
  const volunteer = useQuery({
    queryKey: keys.volunteer(volunteerId),
    queryFn: () => maatjesApi.volunteer(volunteerId),
  });
  return (
    <AnyPermittedPage
      anyOf={['volunteers:manage']}
      title={
        volunteer.data
          ? t('budget.volunteers.form.editTitle', { name: volunteer.data.displayName })
          : t('budget.volunteers.form.editLoading')
      }
    >
      <Paragraph>
        <AppLink to="/budgetmaatjes/vrijwilligers">{t('budget.volunteers.form.back')}</AppLink>
      </Paragraph>
      {volunteer.isPending && <Loading />}
      {volunteer.isError && <ErrorAlert error={volunteer.error} />}
      {volunteer.data && <VolunteerForm key={volunteer.data.version} volunteer={volunteer.data} />}
    </AnyPermittedPage>
  );
}

function valuesOf(v: Volunteer | undefined): VolunteerValues {
  return {
    organisationId: v?.organisationId ?? '',
    userId: v?.userId ?? '',
    displayName: v?.displayName ?? '',
    email: v?.email ?? '',
    phone: v?.phone ?? '',
    intakeOn: v?.intakeOn ?? '',
    trainingStatus: v?.trainingStatus ?? 'niet_gestart',
    vogIssuedOn: v?.vogIssuedOn ?? '',
    vogExpiresOn: v?.vogExpiresOn ?? '',
    availability: v?.availability ?? [],
    languages: (v?.languages ?? []).join(', '),
    backgrounds: (v?.backgrounds ?? []).join(', '),
    migrationExperience: v?.migrationExperience ?? false,
    wijkId: v?.wijkId ?? '',
    helpKinds: v?.helpKinds ?? [],
    maxMatches: String(v?.maxMatches ?? 1),
    status: v?.status ?? 'actief',
    note: v?.note ?? '',
  };
}

function VolunteerForm({ volunteer }: { volunteer?: Volunteer }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState<VolunteerValues>(() => valuesOf(volunteer));
  const [saved, setSaved] = useState(false);
  const organisations = useQuery({ queryKey: keys.organisations, queryFn: maatjesApi.organisations });
  const accounts = useQuery({ queryKey: ['maatjes', 'accounts'], queryFn: maatjesApi.accounts });
  // A login can belong to one volunteer: offer the free ones and this volunteer's own.
  const loginOptions = [
    { value: '', label: t('budget.volunteers.form.noAccount') },
    ...(accounts.data ?? [])
      .filter((a) => a.role === 'vrijwilliger' && (a.volunteerId === null || a.volunteerId === volunteer?.id))
      .map((a) => ({ value: a.id, label: a.displayName })),
  ];
  const wijken = useQuery({ queryKey: ['wijken', 'all'], queryFn: () => loadAll((c) => api.wijken(c)) });
  const organisationId = values.organisationId || organisations.data?.[0]?.id || '';
  const save = useMutation({
    mutationFn: () => {
      const body = volunteerBody({ ...values, organisationId });
      return volunteer
        ? maatjesApi.updateVolunteer(volunteer.id, { ...body, version: volunteer.version })
        : maatjesApi.createVolunteer(body);
    },
    onSuccess: async (v) => {
      queryClient.setQueryData(keys.volunteer(v.id), v);
      await queryClient.invalidateQueries({ queryKey: ['maatjes', 'volunteers'] });
      if (volunteer) {
        setSaved(true);
        return;
      }
      showFlash(t('common.created', { name: v.displayName }), '/budgetmaatjes/vrijwilligers');
      await navigate({ to: '/budgetmaatjes/vrijwilligers' });
    },
  });
  const f = 'budget.volunteers';
  const labels: Record<string, string> = {
    organisationId: t(`${f}.organisation`),
    userId: t(`${f}.form.account`),
    displayName: t(`${f}.name`),
    email: t(`${f}.form.email`),
    phone: t(`${f}.form.phone`),
    intakeOn: t(`${f}.form.intakeOn`),
    trainingStatus: t(`${f}.trainingLabel`),
    vogIssuedOn: t(`${f}.form.vogIssuedOn`),
    vogExpiresOn: t(`${f}.form.vogExpiresOn`),
    availability: t(`${f}.availability`),
    languages: t(`${f}.languages`),
    backgrounds: t(`${f}.form.backgrounds`),
    migrationExperience: t(`${f}.form.migration`),
    wijkId: t(`${f}.wijk`),
    helpKinds: t(`${f}.helpKindsLabel`),
    maxMatches: t(`${f}.form.maxMatches`),
    status: t(`${f}.status`),
    note: t(`${f}.form.note`),
    version: t(`${f}.form.version`),
  };
  const prefix = 'maatjes-volunteer';
  // List fields answer errors per item (languages.1): each is shown at its list field.
  const { errors, alert } = useFormErrors(
    save.error,
    (name) => fieldId(prefix, name.split('.')[0] ?? name),
    labels,
  );
  const err = (name: string) =>
    errors[name] ?? Object.entries(errors).find(([k]) => k.startsWith(`${name}.`))?.[1];
  const set = (name: keyof VolunteerValues) => (v: string | boolean | string[]) => {
    setSaved(false);
    setValues((old) => ({ ...old, [name]: v }));
  };
  const id = (name: string) => fieldId(prefix, name);
  const text = (
    name: keyof VolunteerValues,
    extra: { type?: 'date' | 'email'; optional?: boolean; description?: string } = {},
  ) => (
    <TextField
      id={id(name)}
      label={labels[name] ?? name}
      type={extra.type}
      optional={extra.optional}
      description={extra.description}
      value={String(values[name])}
      onChange={set(name)}
      error={err(name)}
    />
  );
  if (organisations.isPending) return <Loading />;
  return (
    <>
      {saved && !save.isPending && (
        <FocusedSuccessAlert>
          <Paragraph>{t('common.saved')}</Paragraph>
        </FocusedSuccessAlert>
      )}
      {alert}
      <ResourceForm
        error={null}
        fields={[]}
        busy={save.isPending}
        submitLabel={volunteer ? t('common.save') : t('budget.volunteers.form.create')}
        onSubmit={() => save.mutate()}
      >
        <SelectField
          id={id('organisationId')}
          label={labels.organisationId ?? ''}
          value={organisationId}
          onChange={set('organisationId')}
          error={err('organisationId')}
          options={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        />
        {text('displayName')}
        <SelectField
          id={id('userId')}
          label={labels.userId ?? ''}
          description={t('budget.volunteers.form.accountDescription')}
          value={values.userId}
          onChange={set('userId')}
          error={err('userId')}
          options={loginOptions}
        />
        {text('email', { type: 'email', optional: true })}
        {text('phone', { optional: true })}
        {text('intakeOn', { type: 'date', optional: true })}
        <SelectField
          id={id('trainingStatus')}
          label={labels.trainingStatus ?? ''}
          value={values.trainingStatus}
          onChange={set('trainingStatus')}
          error={err('trainingStatus')}
          options={TRAINING_STATUSES.map((s) => ({ value: s, label: t(`budget.volunteers.training.${s}`) }))}
        />
        {text('vogIssuedOn', { type: 'date', optional: true })}
        {text('vogExpiresOn', {
          type: 'date',
          optional: true,
          description: t('budget.volunteers.form.vogHelp'),
        })}
        <CheckboxGroup
          id={id('helpKinds')}
          legend={labels.helpKinds}
          options={HELP_KINDS.map((k) => ({ value: k, label: helpKindName(t, k) }))}
          value={values.helpKinds}
          onChange={set('helpKinds')}
          error={err('helpKinds')}
        />
        {text('languages', { optional: true, description: t('budget.volunteers.languagesHelp') })}
        {text('backgrounds', { optional: true, description: t('budget.volunteers.form.backgroundsHelp') })}
        <CheckboxField
          id={id('migrationExperience')}
          label={labels.migrationExperience}
          checked={values.migrationExperience}
          onChange={set('migrationExperience')}
          error={err('migrationExperience')}
        />
        <SelectField
          id={id('wijkId')}
          label={labels.wijkId ?? ''}
          description={t('budget.volunteers.form.wijkHelp')}
          optional
          value={values.wijkId}
          onChange={set('wijkId')}
          error={err('wijkId')}
          options={[
            { value: '', label: t('budget.volunteers.noWijk') },
            ...(wijken.data ?? []).map((w) => ({ value: w.id, label: w.name })),
          ]}
        />
        <AvailabilityField
          id={id('availability')}
          value={values.availability}
          onChange={set('availability')}
          error={err('availability')}
        />
        <TextField
          id={id('maxMatches')}
          label={labels.maxMatches ?? ''}
          description={t('budget.volunteers.form.maxMatchesHelp')}
          inputMode="numeric"
          size="small"
          value={values.maxMatches}
          onChange={set('maxMatches')}
          error={err('maxMatches')}
        />
        <SelectField
          id={id('status')}
          label={labels.status ?? ''}
          value={values.status}
          onChange={set('status')}
          error={err('status')}
          options={VOLUNTEER_STATUSES.map((s) => ({ value: s, label: t(`budget.volunteers.statuses.${s}`) }))}
        />
        <TextAreaField
          id={id('note')}
          label={labels.note ?? ''}
          optional
          value={values.note}
          onChange={set('note')}
          error={err('note')}
        />
      </ResourceForm>
      {volunteer && (
        <Paragraph className="vangnet-muted">
          {volunteer.userId ? t('budget.volunteers.form.hasLogin') : t('budget.volunteers.form.noLogin')}{' '}
          {volunteer.intakeOn &&
            t('budget.volunteers.form.intakeShown', { date: formatIsoDate(volunteer.intakeOn) })}
        </Paragraph>
      )}
    </>
  );
}

// --- Organisations -----------------------------------------------------------------------------------------

export function OrganisationsPage() {
  const { t } = useTranslation();
  return (
    <AnyPermittedPage
      anyOf={['volunteers:manage']}
      title={t('budget.volunteers.organisations.title')}
      intro={t('budget.volunteers.organisations.intro')}
    >
      <OrganisationList />
      <OrganisationForm />
    </AnyPermittedPage>
  );
}

function OrganisationList() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: keys.organisations, queryFn: maatjesApi.organisations });
  return (
    <>
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data &&
        (list.data.length === 0 ? (
          <Paragraph>{t('budget.volunteers.organisations.none')}</Paragraph>
        ) : (
          <DataTable caption={t('budget.volunteers.organisations.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('budget.volunteers.name')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('budget.volunteers.organisations.contact')}</TableHeaderCell>
                <TableHeaderCell scope="col">
                  {t('budget.volunteers.organisations.coordinators')}
                </TableHeaderCell>
                <TableHeaderCell scope="col">
                  {t('budget.volunteers.organisations.volunteers')}
                </TableHeaderCell>
                <TableHeaderCell scope="col">
                  {t('budget.volunteers.organisations.activeMatches')}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.map((o) => (
                <TableRow key={o.id}>
                  <TableHeaderCell scope="row">{o.name}</TableHeaderCell>
                  <TableCell>{[o.contactEmail, o.phone].filter(Boolean).join(', ')}</TableCell>
                  <TableCell>
                    {o.coordinators.map((c) => c.displayName).join(', ') || t('budget.volunteers.none')}
                  </TableCell>
                  <TableCell>{o.volunteers}</TableCell>
                  <TableCell>{o.activeMatches}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
        ))}
    </>
  );
}

function OrganisationForm() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const roles = session?.municipalities.find((m) => m.id === session.activeMunicipality?.id)?.roles ?? [];
  const isCoordinator = roles.includes('coordinator_vrijwilligers');
  // Any coordinator login of the municipality can be named, not only oneself: a beheerder sets up an organisation
  // for its coordinators, and a coordinator may share one with a colleague.
  const accounts = useQuery({ queryKey: ['maatjes', 'accounts'], queryFn: maatjesApi.accounts });
  const coordinatorOptions = (accounts.data ?? [])
    .filter((a) => a.role === 'coordinator_vrijwilligers')
    .map((a) => ({
      value: a.id,
      label:
        a.id === session?.user?.id
          ? t('budget.volunteers.organisations.meName', { name: a.displayName })
          : a.displayName,
    }));
  const empty = {
    name: '',
    contactEmail: '',
    phone: '',
    coordinatorIds: isCoordinator && session?.user ? [session.user.id] : ([] as string[]),
  };
  const [values, setValues] = useState(empty);
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      maatjesApi.createOrganisation({
        name: values.name,
        contactEmail: values.contactEmail.trim() || undefined,
        phone: values.phone.trim() || undefined,
        coordinatorIds: values.coordinatorIds,
      }),
    onSuccess: async (o) => {
      setCreated(t('common.created', { name: o.name }));
      setValues(empty);
      await queryClient.invalidateQueries({ queryKey: keys.organisations });
    },
  });
  const labels = {
    name: t('budget.volunteers.name'),
    contactEmail: t('budget.volunteers.form.email'),
    phone: t('budget.volunteers.form.phone'),
    coordinatorIds: t('budget.volunteers.organisations.coordinators'),
  };
  const prefix = 'maatjes-organisation';
  const { errors, alert } = useFormErrors(create.error, (n) => fieldId(prefix, n.split('.')[0] ?? n), labels);
  return (
    <Section id="maatjes-organisation-new" title={t('budget.volunteers.organisations.new')}>
      {created && !create.isPending && (
        <FocusedSuccessAlert>
          <Paragraph>{created}</Paragraph>
        </FocusedSuccessAlert>
      )}
      {alert}
      <ResourceForm
        error={null}
        fields={[]}
        busy={create.isPending}
        submitLabel={t('budget.volunteers.organisations.create')}
        onSubmit={() => {
          setCreated(null);
          create.mutate();
        }}
      >
        <TextField
          id={fieldId(prefix, 'name')}
          label={labels.name}
          value={values.name}
          onChange={(v) => setValues((o) => ({ ...o, name: v }))}
          error={errors.name}
        />
        <TextField
          id={fieldId(prefix, 'contactEmail')}
          type="email"
          label={labels.contactEmail}
          optional
          value={values.contactEmail}
          onChange={(v) => setValues((o) => ({ ...o, contactEmail: v }))}
          error={errors.contactEmail}
        />
        <TextField
          id={fieldId(prefix, 'phone')}
          label={labels.phone}
          optional
          value={values.phone}
          onChange={(v) => setValues((o) => ({ ...o, phone: v }))}
          error={errors.phone}
        />
        {coordinatorOptions.length > 0 && (
          <CheckboxGroup
            id={fieldId(prefix, 'coordinatorIds')}
            legend={labels.coordinatorIds}
            description={t('budget.volunteers.organisations.coordinatorsHint')}
            options={coordinatorOptions}
            value={values.coordinatorIds}
            onChange={(v) => setValues((o) => ({ ...o, coordinatorIds: v }))}
            error={Object.entries(errors).find(([k]) => k.startsWith('coordinatorIds'))?.[1]}
          />
        )}
      </ResourceForm>
    </Section>
  );
}
