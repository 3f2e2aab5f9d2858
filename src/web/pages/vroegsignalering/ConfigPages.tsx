// The configuration of vroegsignalering under Beheer: signaalpartners (with their machine credentials),
// verwijzers and werkbakjes. None of them is ever deleted: they are deactivated, so history keeps its meaning.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Code,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DDAS_SIGNAALPARTNERS } from '../../../shared/ddas.ts';
import { DELIVERY_CHANNELS, REFERRAL_SOURCE_KINDS } from '../../../shared/schemas/partners.ts';
import { WORK_QUEUE_KINDS } from '../../../shared/schemas/queues.ts';
import { api, loadAll } from '../../api.ts';
import {
  type PartnerCredentials,
  type ReferralSource,
  type SignalPartner,
  vsApi,
  type WorkQueue,
} from '../../api-vroegsignalering.ts';
import { ConfirmAction, PagedTable } from '../../components/common.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/fields.tsx';
import { type FormProps, ResourceForm, useFieldErrors } from '../../components/forms.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert, SuccessAlert } from '../../components/problem.tsx';
import {
  type AdminResource,
  ResourceEditPage,
  ResourceListPage,
  ResourceNewPage,
  useUpdateResource,
} from '../../components/resources.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import { deliveryChannelLabel, queueKindLabel, referralKindLabel } from '../../vroegsignalering/labels.tsx';

const activeLabel = (t: TFunction, active: boolean) => (active ? t('users.active') : t('partners.inactive'));

/** Saves with a success message, for edit pages without a delete section. */
function useEditor<V, T extends { id: string }>(
  resource: AdminResource<T>,
  id: string,
  update: (v: V) => Promise<T>,
) {
  const [saved, setSaved] = useState(false);
  const mutation = useUpdateResource(resource, id, update, () => setSaved(true));
  return {
    saved: saved && !mutation.isPending,
    form: {
      onSubmit: (values: V) => {
        setSaved(false);
        mutation.mutate(values);
      },
      busy: mutation.isPending,
      error: mutation.error,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Signaalpartners

const PARTNERS: AdminResource<SignalPartner> = {
  key: 'signaalpartners',
  path: '/beheer/signaalpartners',
  permission: 'vroegsignalering:manage',
  name: (p) => p.name,
};

export function PartnersPage() {
  const { t } = useTranslation();
  return (
    <ResourceListPage
      resource={PARTNERS}
      title={t('partners.title')}
      intro={t('partners.intro')}
      newLabel={t('partners.new')}
    >
      <PagedTable
        queryKey={[PARTNERS.key, 'list']}
        load={(cursor) => vsApi.partners(cursor, 50)}
        caption={t('partners.caption')}
        columns={[
          {
            header: t('partners.name'),
            cell: (p) => (
              <AppLink to="/beheer/signaalpartners/$partnerId" params={{ partnerId: p.id }}>
                {p.name}
              </AppLink>
            ),
          },
          { header: t('partners.partnerType'), cell: (p) => p.partnerType },
          { header: t('partners.deliveryChannel'), cell: (p) => deliveryChannelLabel(t, p.deliveryChannel) },
          {
            header: t('partners.contact'),
            cell: (p) => [p.contactName, p.contactEmail].filter(Boolean).join(', '),
          },
          { header: t('users.status'), cell: (p) => activeLabel(t, p.isActive) },
          {
            header: t('partners.credentials'),
            cell: (p) =>
              p.clientId ? <span className="vangnet-ids">{p.clientId}</span> : t('partners.noCredentials'),
          },
        ]}
      />
    </ResourceListPage>
  );
}

interface PartnerValues {
  name: string;
  partnerType: string;
  deliveryChannel: string;
  contactName: string;
  contactEmail: string;
  isActive: boolean;
}

function PartnerForm({ initial, onSubmit, busy, error, edit }: FormProps<PartnerValues> & { edit: boolean }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const set =
    <K extends keyof PartnerValues>(k: K) =>
    (v: PartnerValues[K]) =>
      setValues((x) => ({ ...x, [k]: v }));
  const { errors, checkError, setCheckError } = useFieldErrors(error, 'partnerType');
  const submit = () => {
    if (!values.partnerType) {
      setCheckError(t('partners.partnerTypeRequired'));
      return;
    }
    setCheckError(undefined);
    if (!busy) onSubmit(values);
  };
  return (
    <ResourceForm
      error={error}
      invalid={checkError !== undefined}
      fields={[
        { id: 'name', label: t('partners.name'), message: errors.name },
        { id: 'partnerType', label: t('partners.partnerType'), message: errors.partnerType },
        { id: 'deliveryChannel', label: t('partners.deliveryChannel'), message: errors.deliveryChannel },
        { id: 'contactName', label: t('partners.contactName'), message: errors.contactName },
        { id: 'contactEmail', label: t('partners.contactEmail'), message: errors.contactEmail },
      ]}
      busy={busy}
      onSubmit={submit}
    >
      <TextField
        id="name"
        label={t('partners.name')}
        value={values.name}
        onChange={set('name')}
        error={errors.name}
        autoComplete="off"
        required
      />
      <SelectField
        id="partnerType"
        label={t('partners.partnerType')}
        description={t('partners.partnerTypeDescription')}
        value={values.partnerType}
        onChange={set('partnerType')}
        options={[
          { value: '', label: t('partners.choosePartnerType') },
          ...DDAS_SIGNAALPARTNERS.map((p) => ({ value: p, label: p })),
        ]}
        error={errors.partnerType}
      />
      <SelectField
        id="deliveryChannel"
        label={t('partners.deliveryChannel')}
        value={values.deliveryChannel}
        onChange={set('deliveryChannel')}
        options={DELIVERY_CHANNELS.map((c) => ({ value: c, label: deliveryChannelLabel(t, c) }))}
        error={errors.deliveryChannel}
      />
      <TextField
        id="contactName"
        label={t('partners.contactName')}
        value={values.contactName}
        onChange={set('contactName')}
        error={errors.contactName}
        autoComplete="off"
        optional
      />
      <TextField
        id="contactEmail"
        label={t('partners.contactEmail')}
        type="email"
        value={values.contactEmail}
        onChange={set('contactEmail')}
        error={errors.contactEmail}
        autoComplete="off"
        spellCheck={false}
        optional
      />
      {edit && (
        <CheckboxField
          id="isActive"
          label={t('partners.isActive')}
          description={t('partners.isActiveDescription')}
          checked={values.isActive}
          onChange={set('isActive')}
        />
      )}
    </ResourceForm>
  );
}

const partnerBody = (v: PartnerValues, edit: boolean) => ({
  name: v.name.trim(),
  partnerType: v.partnerType as SignalPartner['partnerType'],
  deliveryChannel: v.deliveryChannel as SignalPartner['deliveryChannel'],
  contactName: v.contactName.trim() || null,
  contactEmail: v.contactEmail.trim() || null,
  ...(edit ? { isActive: v.isActive } : {}),
});

export function PartnerNewPage() {
  const { t } = useTranslation();
  return (
    <ResourceNewPage
      resource={PARTNERS}
      title={t('partners.newTitle')}
      create={(v: PartnerValues) => vsApi.createPartner(partnerBody(v, false))}
    >
      {(form) => (
        <PartnerForm
          edit={false}
          initial={{
            name: '',
            partnerType: '',
            deliveryChannel: 'bestand',
            contactName: '',
            contactEmail: '',
            isActive: true,
          }}
          {...form}
        />
      )}
    </ResourceNewPage>
  );
}

export function PartnerEditPage({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation();
  return (
    <ResourceEditPage
      resource={PARTNERS}
      id={partnerId}
      title={t('partners.editTitle')}
      load={() => vsApi.partner(partnerId)}
    >
      {(partner) => <PartnerEditor partner={partner} />}
    </ResourceEditPage>
  );
}

function PartnerEditor({ partner }: { partner: SignalPartner }) {
  const { t } = useTranslation();
  const { saved, form } = useEditor(PARTNERS, partner.id, (v: PartnerValues) =>
    vsApi.updatePartner(partner.id, partnerBody(v, true)),
  );
  return (
    <>
      {saved && <SuccessAlert>{t('common.saved')}</SuccessAlert>}
      <PartnerForm
        key={JSON.stringify(partner)}
        edit
        initial={{
          name: partner.name,
          partnerType: partner.partnerType,
          deliveryChannel: partner.deliveryChannel,
          contactName: partner.contactName ?? '',
          contactEmail: partner.contactEmail ?? '',
          isActive: partner.isActive,
        }}
        {...form}
      />
      <Credentials partner={partner} />
    </>
  );
}

/** The OAuth client credentials of the partner's own system; the secret is shown once, right after issuing. */
function Credentials({ partner }: { partner: SignalPartner }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [issued, setIssued] = useState<PartnerCredentials | null>(null);
  const mutation = useMutation({
    mutationFn: () => vsApi.issueCredentials(partner.id),
    onSuccess: async (credentials) => {
      setIssued(credentials);
      await queryClient.invalidateQueries({ queryKey: [PARTNERS.key] });
    },
  });
  useEffect(() => {
    if (issued) document.getElementById('credentials-issued')?.focus();
  }, [issued]);
  return (
    <section className="vangnet-section" aria-labelledby="credentials-heading">
      <Heading2 id="credentials-heading">{t('partners.credentialsTitle')}</Heading2>
      <Paragraph>{t('partners.credentialsIntro')}</Paragraph>
      {partner.clientId && !issued && (
        <DataList>
          <DataListItem>
            <DataListKey>{t('partners.clientId')}</DataListKey>
            <DataListValue>
              <Code>{partner.clientId}</Code>
            </DataListValue>
          </DataListItem>
          {partner.credentialsIssuedAt && (
            <DataListItem>
              <DataListKey>{t('partners.issuedAt')}</DataListKey>
              <DataListValue>{formatDateTime(partner.credentialsIssuedAt)}</DataListValue>
            </DataListItem>
          )}
        </DataList>
      )}
      {issued && (
        <div id="credentials-issued" tabIndex={-1} className="vangnet-alert-focus">
          <Alert type="warning">
            <Paragraph>
              <strong>{t('partners.secretWarningTitle')}</strong> {t('partners.secretWarning')}
            </Paragraph>
            <DataList>
              <DataListItem>
                <DataListKey>{t('partners.clientId')}</DataListKey>
                <DataListValue>
                  <Code className="vangnet-secret">{issued.clientId}</Code>
                </DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('partners.clientSecret')}</DataListKey>
                <DataListValue>
                  <Code className="vangnet-secret">{issued.clientSecret}</Code>
                </DataListValue>
              </DataListItem>
            </DataList>
          </Alert>
        </div>
      )}
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      {!partner.isActive ? (
        <Paragraph>{t('partners.credentialsInactive')}</Paragraph>
      ) : partner.clientId || issued ? (
        <ConfirmAction
          label={t('partners.rotateCredentials')}
          question={t('partners.rotateQuestion', { name: partner.name })}
          confirmLabel={t('partners.rotateConfirm')}
          onConfirm={() => mutation.mutate()}
          busy={mutation.isPending}
        />
      ) : (
        <ConfirmAction
          label={t('partners.issueCredentials')}
          question={t('partners.issueQuestion')}
          confirmLabel={t('partners.issueConfirm')}
          onConfirm={() => mutation.mutate()}
          busy={mutation.isPending}
        />
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Verwijzers

const SOURCES: AdminResource<ReferralSource> = {
  key: 'verwijzers',
  path: '/beheer/verwijzers',
  permission: 'vroegsignalering:manage',
  name: (s) => s.name,
};

export function ReferralSourcesPage() {
  const { t } = useTranslation();
  return (
    <ResourceListPage
      resource={SOURCES}
      title={t('verwijzers.title')}
      intro={t('verwijzers.intro')}
      newLabel={t('verwijzers.new')}
    >
      <PagedTable
        queryKey={[SOURCES.key, 'list']}
        load={(cursor) => vsApi.referralSources(cursor, 50)}
        caption={t('verwijzers.caption')}
        columns={[
          {
            header: t('verwijzers.name'),
            cell: (s) => (
              <AppLink to="/beheer/verwijzers/$sourceId" params={{ sourceId: s.id }}>
                {s.name}
              </AppLink>
            ),
          },
          { header: t('verwijzers.kind'), cell: (s) => referralKindLabel(t, s.kind) },
          { header: t('users.status'), cell: (s) => activeLabel(t, s.isActive) },
        ]}
      />
    </ResourceListPage>
  );
}

interface SourceValues {
  name: string;
  kind: string;
  isActive: boolean;
}

function SourceForm({ initial, onSubmit, busy, error, edit }: FormProps<SourceValues> & { edit: boolean }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const set =
    <K extends keyof SourceValues>(k: K) =>
    (v: SourceValues[K]) =>
      setValues((x) => ({ ...x, [k]: v }));
  const { errors } = useFieldErrors(error, 'name');
  return (
    <ResourceForm
      error={error}
      fields={[
        { id: 'name', label: t('verwijzers.name'), message: errors.name },
        { id: 'kind', label: t('verwijzers.kind'), message: errors.kind },
      ]}
      busy={busy}
      onSubmit={() => !busy && onSubmit(values)}
    >
      <TextField
        id="name"
        label={t('verwijzers.name')}
        value={values.name}
        onChange={set('name')}
        error={errors.name}
        autoComplete="off"
        required
      />
      <SelectField
        id="kind"
        label={t('verwijzers.kind')}
        description={t('verwijzers.kindDescription')}
        value={values.kind}
        onChange={set('kind')}
        options={REFERRAL_SOURCE_KINDS.map((k) => ({ value: k, label: referralKindLabel(t, k) }))}
        error={errors.kind}
      />
      {edit && (
        <CheckboxField
          id="isActive"
          label={t('verwijzers.isActive')}
          description={t('verwijzers.isActiveDescription')}
          checked={values.isActive}
          onChange={set('isActive')}
        />
      )}
    </ResourceForm>
  );
}

const sourceBody = (v: SourceValues) => ({ name: v.name.trim(), kind: v.kind as ReferralSource['kind'] });

export function ReferralSourceNewPage() {
  const { t } = useTranslation();
  return (
    <ResourceNewPage
      resource={SOURCES}
      title={t('verwijzers.newTitle')}
      create={(v: SourceValues) => vsApi.createReferralSource(sourceBody(v))}
    >
      {(form) => <SourceForm edit={false} initial={{ name: '', kind: 'intern', isActive: true }} {...form} />}
    </ResourceNewPage>
  );
}

export function ReferralSourceEditPage({ sourceId }: { sourceId: string }) {
  const { t } = useTranslation();
  return (
    <ResourceEditPage
      resource={SOURCES}
      id={sourceId}
      title={t('verwijzers.editTitle')}
      load={() => vsApi.referralSource(sourceId)}
    >
      {(source) => <ReferralSourceEditor source={source} />}
    </ResourceEditPage>
  );
}

function ReferralSourceEditor({ source }: { source: ReferralSource }) {
  const { t } = useTranslation();
  const { saved, form } = useEditor(SOURCES, source.id, (v: SourceValues) =>
    vsApi.updateReferralSource(source.id, { ...sourceBody(v), isActive: v.isActive }),
  );
  return (
    <>
      {saved && <SuccessAlert>{t('common.saved')}</SuccessAlert>}
      <SourceForm
        key={JSON.stringify(source)}
        edit
        initial={{ name: source.name, kind: source.kind, isActive: source.isActive }}
        {...form}
      />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Werkbakjes

const QUEUES: AdminResource<WorkQueue> = {
  key: 'werkbakjes',
  path: '/beheer/werkbakjes',
  permission: 'vroegsignalering:manage',
  name: (q) => q.name,
};

function useAllTeams() {
  return useQuery({ queryKey: ['teams', 'all'], queryFn: () => loadAll((cursor) => api.teams(cursor)) });
}

export function WorkQueuesPage() {
  const { t } = useTranslation();
  const teams = useAllTeams();
  const teamName = (id: string | null) =>
    id ? (teams.data?.find((tm) => tm.id === id)?.name ?? '') : t('wijken.noTeam');
  return (
    <ResourceListPage
      resource={QUEUES}
      title={t('werkbakjes.title')}
      intro={t('werkbakjes.intro')}
      newLabel={t('werkbakjes.new')}
    >
      <PagedTable
        queryKey={[QUEUES.key, 'list']}
        load={(cursor) => vsApi.workQueues(cursor, 50)}
        caption={t('werkbakjes.caption')}
        columns={[
          {
            header: t('werkbakjes.name'),
            cell: (q) => (
              <AppLink to="/beheer/werkbakjes/$queueId" params={{ queueId: q.id }}>
                {q.name}
              </AppLink>
            ),
          },
          { header: t('werkbakjes.kind'), cell: (q) => queueKindLabel(t, q.kind) },
          { header: t('werkbakjes.team'), cell: (q) => teamName(q.teamId) },
          {
            header: t('werkbakjes.targetWorkingDays'),
            cell: (q) => t('werkbakjes.days', { count: q.targetWorkingDays }),
          },
        ]}
      />
    </ResourceListPage>
  );
}

interface QueueValues {
  name: string;
  kind: string;
  teamId: string;
  targetWorkingDays: string;
}

function QueueForm({ initial, onSubmit, busy, error }: FormProps<QueueValues>) {
  const { t } = useTranslation();
  const teams = useAllTeams();
  const [values, setValues] = useState(initial);
  const set =
    <K extends keyof QueueValues>(k: K) =>
    (v: QueueValues[K]) =>
      setValues((x) => ({ ...x, [k]: v }));
  const { errors, checkError, setCheckError } = useFieldErrors(error, 'targetWorkingDays');
  const submit = () => {
    const days = values.targetWorkingDays.trim();
    if (!/^\d{1,3}$/.test(days) || Number(days) < 1 || Number(days) > 365) {
      setCheckError(t('werkbakjes.daysInvalid'));
      return;
    }
    setCheckError(undefined);
    if (!busy) onSubmit(values);
  };
  return (
    <ResourceForm
      error={error}
      invalid={checkError !== undefined}
      fields={[
        { id: 'name', label: t('werkbakjes.name'), message: errors.name },
        { id: 'kind', label: t('werkbakjes.kind'), message: errors.kind },
        { id: 'teamId', label: t('werkbakjes.team'), message: errors.teamId },
        {
          id: 'targetWorkingDays',
          label: t('werkbakjes.targetWorkingDays'),
          message: errors.targetWorkingDays,
        },
      ]}
      busy={busy}
      onSubmit={submit}
    >
      <TextField
        id="name"
        label={t('werkbakjes.name')}
        description={t('werkbakjes.nameDescription')}
        value={values.name}
        onChange={set('name')}
        error={errors.name}
        autoComplete="off"
        required
      />
      <SelectField
        id="kind"
        label={t('werkbakjes.kind')}
        value={values.kind}
        onChange={set('kind')}
        options={WORK_QUEUE_KINDS.map((k) => ({ value: k, label: queueKindLabel(t, k) }))}
        error={errors.kind}
      />
      <SelectField
        id="teamId"
        label={t('werkbakjes.team')}
        value={values.teamId}
        onChange={set('teamId')}
        options={[
          { value: '', label: t('wijken.noTeam') },
          ...(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name })),
        ]}
        error={errors.teamId}
        optional
      />
      <TextField
        id="targetWorkingDays"
        label={t('werkbakjes.targetWorkingDays')}
        description={t('werkbakjes.targetDescription')}
        value={values.targetWorkingDays}
        onChange={set('targetWorkingDays')}
        error={errors.targetWorkingDays}
        inputMode="numeric"
        autoComplete="off"
        size="small"
        required
      />
    </ResourceForm>
  );
}

const queueBody = (v: QueueValues) => ({
  name: v.name.trim(),
  kind: v.kind as WorkQueue['kind'],
  teamId: v.teamId || null,
  targetWorkingDays: Number(v.targetWorkingDays.trim()),
});

export function WorkQueueNewPage() {
  const { t } = useTranslation();
  return (
    <ResourceNewPage
      resource={QUEUES}
      title={t('werkbakjes.newTitle')}
      create={(v: QueueValues) => vsApi.createWorkQueue(queueBody(v))}
    >
      {(form) => (
        <QueueForm initial={{ name: '', kind: 'regulier', teamId: '', targetWorkingDays: '10' }} {...form} />
      )}
    </ResourceNewPage>
  );
}

export function WorkQueueEditPage({ queueId }: { queueId: string }) {
  const { t } = useTranslation();
  return (
    <ResourceEditPage
      resource={QUEUES}
      id={queueId}
      title={t('werkbakjes.editTitle')}
      load={() => vsApi.workQueue(queueId)}
    >
      {(queue) => <WorkQueueEditor queue={queue} />}
    </ResourceEditPage>
  );
}

function WorkQueueEditor({ queue }: { queue: WorkQueue }) {
  const { t } = useTranslation();
  const { saved, form } = useEditor(QUEUES, queue.id, (v: QueueValues) =>
    vsApi.updateWorkQueue(queue.id, queueBody(v)),
  );
  return (
    <>
      {saved && <SuccessAlert>{t('common.saved')}</SuccessAlert>}
      <Paragraph className="vangnet-muted">{t('werkbakjes.renameNote')}</Paragraph>
      <QueueForm
        key={JSON.stringify(queue)}
        initial={{
          name: queue.name,
          kind: queue.kind,
          teamId: queue.teamId ?? '',
          targetWorkingDays: String(queue.targetWorkingDays),
        }}
        {...form}
      />
    </>
  );
}
