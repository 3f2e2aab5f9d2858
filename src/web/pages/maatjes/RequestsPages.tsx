// Residents' requests for a budgetmaatje: the coordinator's list, a new request (also from the household page by
// its regisseur, with only what the resident agreed to share), and one request with the ranked candidates, each
// with the reasons, to match one of them (or another volunteer: the server refuses an expired VOG, shown here).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
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
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HELP_KINDS } from '../../../shared/schemas/volunteers.ts';
import { api, loadAll } from '../../api.ts';
import { DataTable, Loading, PagedTable, RequirePermission } from '../../components/common.tsx';
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
import { usePageTitle } from '../../components/usePageTitle.ts';
import { showFlash } from '../../flash.ts';
import { formatDateTime } from '../../i18n/index.ts';
import { hasPermission, useSession } from '../../session.ts';
import { formatIsoDate, todayIso } from '../../vroegsignalering/labels.tsx';
import { AnyPermittedPage, Facts, fieldId, Section, useFormErrors } from '../budget/parts.tsx';
import { type Candidate, keys, maatjesApi, type VolunteerRequest } from './api.ts';
import { parseCodes, vogState } from './logic.ts';
import {
  AvailabilityField,
  helpKindList,
  helpKindName,
  languageList,
  Reasons,
  slotName,
  VogText,
} from './parts.tsx';

const REQUEST_STATUSES = ['open', 'gekoppeld', 'gesloten'] as const;

export function MaatjesRequestsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('open');
  return (
    <AnyPermittedPage
      anyOf={['volunteers:manage']}
      title={t('budget.volunteers.requests.title')}
      intro={t('budget.volunteers.requests.intro')}
    >
      <ButtonGroup>
        <AppButtonLink to="/budgetmaatjes/hulpvragen/nieuw" search={{}} appearance="primary-action-button">
          {t('budget.volunteers.requests.new')}
        </AppButtonLink>
      </ButtonGroup>
      <SelectField
        id="maatjes-request-status"
        label={t('budget.volunteers.requests.status')}
        value={status}
        onChange={setStatus}
        options={[
          ...REQUEST_STATUSES.map((s) => ({ value: s, label: t(`budget.volunteers.requestStatuses.${s}`) })),
          { value: '', label: t('budget.volunteers.requests.allStatuses') },
        ]}
      />
      <PagedTable<VolunteerRequest>
        queryKey={keys.requests({ status })}
        load={(cursor) => maatjesApi.requests({ status: status || undefined, cursor, limit: 50 })}
        caption={t('budget.volunteers.requests.caption')}
        empty={t('budget.volunteers.requests.empty')}
        columns={[
          {
            header: t('budget.volunteers.requests.resident'),
            cell: (r) => (
              <AppLink to="/budgetmaatjes/hulpvragen/$requestId" params={{ requestId: r.id }}>
                {r.residentName}
              </AppLink>
            ),
          },
          { header: t('budget.volunteers.requests.help'), cell: (r) => helpKindList(t, r.helpKinds) },
          {
            header: t('budget.volunteers.requests.wijk'),
            cell: (r) => r.wijkName ?? t('budget.volunteers.none'),
          },
          {
            header: t('budget.volunteers.requests.status'),
            cell: (r) =>
              r.activeMatch
                ? t('budget.volunteers.requests.matchedWith', { name: r.activeMatch.volunteerName })
                : t(`budget.volunteers.requestStatuses.${r.status}`),
          },
          {
            header: t('budget.volunteers.requests.created'),
            cell: (r) => formatDateTime(r.createdAt, { dateStyle: 'medium' }),
          },
        ]}
      />
    </AnyPermittedPage>
  );
}

// --- A new request -----------------------------------------------------------------------------------------

const EMPTY = {
  residentName: '',
  residentContact: '',
  sharedSummary: '',
  consentGivenOn: '',
  helpKinds: [] as string[],
  languages: '',
  background: '',
  wantsMigrationExperience: false,
  wijkId: '',
  organisationId: '',
  availability: [] as string[],
};
type RequestValues = typeof EMPTY;

export function MaatjesNewRequestPage({ householdCaseId }: { householdCaseId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <AnyPermittedPage
      anyOf={['volunteers:manage', 'households:manage']}
      title={t('budget.volunteers.newRequest.title')}
      intro={t('budget.volunteers.newRequest.intro')}
    >
      <Paragraph>
        {householdCaseId ? (
          <AppLink to="/huishoudens/$householdId" params={{ householdId: householdCaseId }}>
            {t('budget.volunteers.newRequest.backToHousehold')}
          </AppLink>
        ) : (
          <AppLink to="/budgetmaatjes">{t('budget.volunteers.requests.back')}</AppLink>
        )}
      </Paragraph>
      <RequestForm householdCaseId={householdCaseId} />
    </AnyPermittedPage>
  );
}

function RequestForm({ householdCaseId }: { householdCaseId: string | undefined }) {
  const { t } = useTranslation();
  const session = useSession();
  const coordinator = hasPermission(session, 'volunteers:manage');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState<RequestValues>({ ...EMPTY, consentGivenOn: todayIso() });
  const wijken = useQuery({
    queryKey: ['wijken', 'all'],
    queryFn: () => loadAll((cursor) => api.wijken(cursor)),
    enabled: hasPermission(session, 'organisation:read'),
  });
  const organisations = useQuery({
    queryKey: keys.organisations,
    queryFn: maatjesApi.organisations,
    enabled: coordinator,
  });
  const create = useMutation({
    mutationFn: () =>
      maatjesApi.createRequest({
        householdCaseId,
        organisationId: values.organisationId || undefined,
        residentName: values.residentName,
        residentContact: values.residentContact.trim() || undefined,
        sharedSummary: values.sharedSummary,
        consentGivenOn: values.consentGivenOn,
        helpKinds: values.helpKinds as never,
        languages: parseCodes(values.languages),
        background: values.background.trim() || undefined,
        wantsMigrationExperience: values.wantsMigrationExperience,
        wijkId: values.wijkId || undefined,
        availability: values.availability as never,
      }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: keys.all });
      if (coordinator) {
        showFlash(t('budget.volunteers.newRequest.done'), `/budgetmaatjes/hulpvragen/${created.id}`);
        await navigate({ to: '/budgetmaatjes/hulpvragen/$requestId', params: { requestId: created.id } });
      } else if (householdCaseId) {
        showFlash(t('budget.volunteers.newRequest.doneRegisseur'), `/huishoudens/${householdCaseId}`);
        await navigate({ to: '/huishoudens/$householdId', params: { householdId: householdCaseId } });
      }
    },
  });
  const labels: Record<string, string> = {
    householdCaseId: t('budget.newRequest.household'),
    residentName: t('budget.volunteers.newRequest.residentName'),
    residentContact: t('budget.volunteers.newRequest.residentContact'),
    sharedSummary: t('budget.volunteers.newRequest.sharedSummary'),
    consentGivenOn: t('budget.volunteers.newRequest.consentGivenOn'),
    helpKinds: t('budget.volunteers.helpKindsLabel'),
    languages: t('budget.volunteers.newRequest.languages'),
    background: t('budget.volunteers.newRequest.background'),
    wantsMigrationExperience: t('budget.volunteers.newRequest.migration'),
    wijkId: t('budget.volunteers.wijk'),
    organisationId: t('budget.volunteers.organisation'),
    availability: t('budget.volunteers.availability'),
  };
  const prefix = 'maatjes-request';
  const { errors, alert } = useFormErrors(create.error, prefix, labels);
  const err = (name: string) =>
    errors[name] ?? Object.entries(errors).find(([k]) => k.startsWith(`${name}.`))?.[1];
  const set = (name: keyof RequestValues) => (v: string | boolean | string[]) =>
    setValues((old) => ({ ...old, [name]: v }));
  const id = (name: string) => fieldId(prefix, name);
  if (!coordinator && !householdCaseId) {
    return <Paragraph>{t('budget.volunteers.newRequest.fromHousehold')}</Paragraph>;
  }
  return (
    <>
      {alert}
      <ResourceForm
        error={null}
        fields={[]}
        busy={create.isPending}
        submitLabel={t('budget.volunteers.newRequest.submit')}
        onSubmit={() => create.mutate()}
      >
        <TextField
          id={id('residentName')}
          label={labels.residentName ?? ''}
          description={t('budget.volunteers.newRequest.residentNameHelp')}
          value={values.residentName}
          onChange={set('residentName')}
          error={err('residentName')}
        />
        <TextField
          id={id('residentContact')}
          label={labels.residentContact ?? ''}
          description={t('budget.volunteers.newRequest.residentContactHelp')}
          optional
          value={values.residentContact}
          onChange={set('residentContact')}
          error={err('residentContact')}
        />
        <TextAreaField
          id={id('sharedSummary')}
          label={labels.sharedSummary ?? ''}
          description={t('budget.volunteers.newRequest.sharedSummaryHelp')}
          value={values.sharedSummary}
          onChange={set('sharedSummary')}
          error={err('sharedSummary')}
        />
        <TextField
          id={id('consentGivenOn')}
          type="date"
          label={labels.consentGivenOn ?? ''}
          value={values.consentGivenOn}
          onChange={set('consentGivenOn')}
          error={err('consentGivenOn')}
        />
        <CheckboxGroup
          id={id('helpKinds')}
          legend={labels.helpKinds}
          options={HELP_KINDS.map((k) => ({ value: k, label: helpKindName(t, k) }))}
          value={values.helpKinds}
          onChange={set('helpKinds')}
          error={err('helpKinds')}
        />
        <TextField
          id={id('languages')}
          label={labels.languages ?? ''}
          description={t('budget.volunteers.languagesHelp')}
          optional
          value={values.languages}
          onChange={set('languages')}
          error={err('languages')}
        />
        <TextField
          id={id('background')}
          label={labels.background ?? ''}
          description={t('budget.volunteers.newRequest.backgroundHelp')}
          optional
          value={values.background}
          onChange={set('background')}
          error={err('background')}
        />
        <CheckboxField
          id={id('wantsMigrationExperience')}
          label={labels.wantsMigrationExperience}
          checked={values.wantsMigrationExperience}
          onChange={set('wantsMigrationExperience')}
          error={err('wantsMigrationExperience')}
        />
        {wijken.data && (
          <SelectField
            id={id('wijkId')}
            label={labels.wijkId ?? ''}
            optional
            value={values.wijkId}
            onChange={set('wijkId')}
            error={err('wijkId')}
            options={[
              { value: '', label: t('budget.volunteers.noWijk') },
              ...wijken.data.map((w) => ({ value: w.id, label: w.name })),
            ]}
          />
        )}
        {organisations.data && (
          <SelectField
            id={id('organisationId')}
            label={labels.organisationId ?? ''}
            optional
            value={values.organisationId}
            onChange={set('organisationId')}
            error={err('organisationId')}
            options={[
              { value: '', label: t('budget.volunteers.anyOrganisation') },
              ...organisations.data.map((o) => ({ value: o.id, label: o.name })),
            ]}
          />
        )}
        <AvailabilityField
          id={id('availability')}
          value={values.availability}
          onChange={set('availability')}
          error={err('availability')}
        />
      </ResourceForm>
    </>
  );
}

// --- One request: candidates and the match -----------------------------------------------------------------

export function MaatjesRequestPage({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: keys.request(requestId), queryFn: () => maatjesApi.request(requestId) });
  const title = query.data
    ? t('budget.volunteers.request.title', { name: query.data.residentName })
    : t('budget.volunteers.request.titleLoading');
  usePageTitle(title);
  return (
    <RequirePermission anyOf={['volunteers:manage']}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <AppLink to="/budgetmaatjes">{t('budget.volunteers.requests.back')}</AppLink>
      </Paragraph>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && <RequestView r={query.data} />}
    </RequirePermission>
  );
}

function RequestView({ r }: { r: VolunteerRequest }) {
  const { t } = useTranslation();
  const [matched, setMatched] = useState<string | null>(null);
  return (
    <>
      {matched && (
        <FocusedSuccessAlert>
          <Paragraph>{matched}</Paragraph>
          <Paragraph>
            <AppLink to="/budgetmaatjes/koppelingen">{t('budget.volunteers.request.toMatches')}</AppLink>
          </Paragraph>
        </FocusedSuccessAlert>
      )}
      <Section id="maatjes-request" title={t('budget.volunteers.request.what')}>
        <Facts
          items={[
            [t('budget.volunteers.requests.status'), t(`budget.volunteers.requestStatuses.${r.status}`)],
            [t('budget.volunteers.newRequest.residentName'), r.residentName],
            [t('budget.volunteers.newRequest.residentContact'), r.residentContact],
            [t('budget.volunteers.newRequest.sharedSummary'), r.sharedSummary],
            [t('budget.volunteers.newRequest.consentGivenOn'), formatIsoDate(r.consentGivenOn)],
            [t('budget.volunteers.helpKindsLabel'), helpKindList(t, r.helpKinds)],
            [
              t('budget.volunteers.newRequest.languages'),
              r.languages.length ? languageList(t, r.languages) : '',
            ],
            [t('budget.volunteers.newRequest.background'), r.background],
            [t('budget.volunteers.newRequest.migration'), r.wantsMigrationExperience ? t('common.yes') : ''],
            [t('budget.volunteers.wijk'), r.wijkName],
            [t('budget.volunteers.availability'), r.availability.map((s) => slotName(t, s)).join(', ')],
            [
              t('budget.volunteers.request.household'),
              r.householdCaseId
                ? t('budget.volunteers.request.hasHousehold')
                : t('budget.volunteers.request.noHousehold'),
            ],
            [t('budget.volunteers.request.matchedWith'), r.activeMatch ? r.activeMatch.volunteerName : ''],
          ]}
        />
      </Section>
      {r.status === 'open' ? (
        <Candidates r={r} onMatched={setMatched} />
      ) : (
        !matched && (
          <Paragraph>
            {t('budget.volunteers.request.notOpen')}{' '}
            <AppLink to="/budgetmaatjes/koppelingen">{t('budget.volunteers.request.toMatches')}</AppLink>
          </Paragraph>
        )
      )}
    </>
  );
}

function Candidates({ r, onMatched }: { r: VolunteerRequest; onMatched: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const candidates = useQuery({
    queryKey: keys.candidates(r.id),
    queryFn: () => maatjesApi.candidates(r.id),
  });
  const [note, setNote] = useState('');
  const match = useMutation({
    mutationFn: (volunteerId: string) =>
      maatjesApi.match(r.id, { volunteerId, note: note.trim() || undefined }),
    onSuccess: async (m) => {
      onMatched(
        t('budget.volunteers.request.matched', { volunteer: m.volunteerName, resident: m.residentName }),
      );
      await queryClient.invalidateQueries({ queryKey: keys.all });
    },
  });
  const { alert } = useFormErrors(match.error, 'maatjes-match', {
    volunteerId: t('budget.volunteers.request.otherVolunteer'),
  });
  return (
    <Section id="maatjes-candidates" title={t('budget.volunteers.candidates.title')}>
      <Paragraph>{t('budget.volunteers.candidates.intro')}</Paragraph>
      {alert}
      <TextAreaField
        id="maatjes-match-note"
        label={t('budget.volunteers.candidates.note')}
        optional
        value={note}
        onChange={setNote}
      />
      {candidates.isPending && <Loading />}
      {candidates.isError && <ErrorAlert error={candidates.error} />}
      {candidates.data && (
        <>
          {candidates.data.candidates.length === 0 ? (
            <Paragraph>{t('budget.volunteers.candidates.none')}</Paragraph>
          ) : (
            <DataTable caption={t('budget.volunteers.candidates.caption')}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('budget.volunteers.candidates.rank')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('budget.volunteers.candidates.volunteer')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('budget.volunteers.candidates.score')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('budget.volunteers.candidates.reasons')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('budget.volunteers.candidates.facts')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('common.actions')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {candidates.data.candidates.map((c, i) => (
                  <CandidateRow
                    key={c.volunteerId}
                    c={c}
                    rank={i + 1}
                    busy={match.isPending}
                    onMatch={() => match.mutate(c.volunteerId)}
                  />
                ))}
              </TableBody>
            </DataTable>
          )}
          {candidates.data.withoutValidVog > 0 && (
            <Paragraph>
              {t('budget.volunteers.candidates.withoutVog', { count: candidates.data.withoutValidVog })}
            </Paragraph>
          )}
        </>
      )}
      <OtherVolunteer busy={match.isPending} onMatch={(id) => match.mutate(id)} />
    </Section>
  );
}

function CandidateRow({
  c,
  rank,
  busy,
  onMatch,
}: {
  c: Candidate;
  rank: number;
  busy: boolean;
  onMatch: () => void;
}) {
  const { t } = useTranslation();
  return (
    <TableRow>
      <TableCell>{rank}</TableCell>
      <TableHeaderCell scope="row">
        {c.displayName}
        <br />
        <span className="vangnet-muted">{c.organisationName}</span>
      </TableHeaderCell>
      <TableCell>{t('budget.volunteers.candidates.points', { count: c.score })}</TableCell>
      <TableCell>
        <Reasons reasons={c.reasons} />
      </TableCell>
      <TableCell>
        {t('budget.volunteers.candidates.load', { active: c.activeMatches, max: c.maxMatches })}
        <br />
        <VogText expiresOn={c.vogExpiresOn} />
        <br />
        {t(`budget.volunteers.training.${c.trainingStatus}`)}
        {c.wijkName && (
          <>
            <br />
            {c.wijkName}
          </>
        )}
      </TableCell>
      <TableCell>
        <Button
          appearance="primary-action-button"
          busy={busy}
          disabled={busy}
          aria-label={t('budget.volunteers.candidates.matchNamed', { name: c.displayName })}
          onClick={onMatch}
        >
          {t('budget.volunteers.candidates.match')}
        </Button>
      </TableCell>
    </TableRow>
  );
}

/** Another volunteer than the suggested ones; the server checks the VOG, room and kind of help. */
function OtherVolunteer({ busy, onMatch }: { busy: boolean; onMatch: (volunteerId: string) => void }) {
  const { t } = useTranslation();
  const today = todayIso();
  const volunteers = useQuery({
    queryKey: keys.volunteers({ status: 'actief', all: true }),
    queryFn: () => loadAll((cursor) => maatjesApi.volunteers({ status: 'actief', cursor, limit: 200 })),
  });
  const [chosen, setChosen] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen) onMatch(chosen);
  };
  return (
    <div className="vangnet-budget-form">
      <Heading3 id="maatjes-other">{t('budget.volunteers.request.otherTitle')}</Heading3>
      <Paragraph>{t('budget.volunteers.request.otherIntro')}</Paragraph>
      <form onSubmit={submit} noValidate className="vangnet-form" aria-labelledby="maatjes-other">
        <SelectField
          id={fieldId('maatjes-match', 'volunteerId')}
          label={t('budget.volunteers.request.otherVolunteer')}
          value={chosen}
          onChange={setChosen}
          options={[
            { value: '', label: t('budget.form.choose') },
            ...(volunteers.data ?? []).map((v) => {
              const state = vogState(v.vogExpiresOn, today);
              return {
                value: v.id,
                label:
                  state === 'expired' || state === 'missing'
                    ? t('budget.volunteers.request.optionNoVog', { name: v.displayName })
                    : v.displayName,
              };
            }),
          ]}
        />
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button" busy={busy} disabled={busy || !chosen}>
            {t('budget.volunteers.request.matchOther')}
          </Button>
        </ButtonGroup>
      </form>
    </div>
  );
}
