// The integrated household plan: the regisseur's caseload, one household (members, regisseur and hand-over,
// network, consent, ZRM with its chart, the bridge, goals with steps and progress, referrals, timeline) and the
// "next step" view that shows one step at a time in plain language. Network members see the same pages, limited
// to what the resident shares with them; the server decides, the page only shows what it gets.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Heading1,
  Heading2,
  Heading3,
  Link,
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
import {
  type ALL_NETWORK_RELATIONS,
  CONSENT_CATEGORIES,
  type ConsentCategory,
  NETWORK_RELATIONS,
  type NetworkKind,
  PILLARS,
  PLAN_LANGUAGES,
  REFERRAL_TARGETS,
  type ReferralTarget,
  TIMELINE_CATEGORIES,
  ZRM,
  ZRM_DOMAINS,
  type ZrmDomain,
} from '../../../shared/schemas/households.ts';
import { isApiProblem } from '../../api.ts';
import {
  ConfirmAction,
  DataTable,
  Forbidden,
  Loading,
  Pager,
  RequirePermission,
  useCursorPager,
} from '../../components/common.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert, problemFieldErrors, SuccessAlert } from '../../components/problem.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { formatDateTime, languageMeta } from '../../i18n/index.ts';
import { hasPermission, useSession } from '../../session.ts';
import { formatIsoDate, todayIso } from '../../vroegsignalering/labels.tsx';
import { HouseholdBudgetLinks } from '../budget/HouseholdBudgetLinks.tsx';
import { HouseholdInterventionsLink } from '../businesscase/HouseholdInterventions.tsx';
import { HouseholdDebtHelpLinks } from '../schuldhulp/HouseholdDebtHelp.tsx';
import { appointmentTimelineKind, CaseloadReminders, HouseholdAppointments } from './Appointments.tsx';
import { type Action, type Goal, type HouseholdView, householdsApi } from './api.ts';
import { BridgeView, ZrmChart } from './charts.tsx';
import { bi, pillarName, zrmDomainName } from './texts.ts';
import './households.css';
import { Disclosure, FormButtons, Section } from './parts.tsx';

const key = (id: string) => ['households', 'view', id] as const;

/** The field errors of a failed save, and a list of them with links for the error alert. */
function useErrors(error: unknown, prefix: string, labels: Record<string, string>) {
  const { t } = useTranslation();
  const fields = problemFieldErrors(t, error);
  const conflict = isApiProblem(error) && error.status === 409 ? t('households.view.stale') : undefined;
  const alert = error ? (
    <ErrorAlert
      error={error}
      message={conflict}
      fields={Object.entries(fields).map(([name, message]) => ({
        id: `${prefix}-${name.replace(/\./g, '-')}`,
        label: labels[name] ?? name,
        message,
      }))}
    />
  ) : null;
  return { fields, alert };
}

/** Saves through the API and puts the household view it answers into the cache. */
function useSave<A>(householdId: string, fn: (args: A) => Promise<HouseholdView>, onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (view) => {
      queryClient.setQueryData(key(householdId), view);
      await queryClient.invalidateQueries({ queryKey: ['households', 'timeline', householdId] });
      await queryClient.invalidateQueries({ queryKey: ['households', 'caseload'] });
      onDone?.();
    },
  });
}

// --- Caseload ----------------------------------------------------------------------------------------------

export function CaseloadPage() {
  const { t } = useTranslation();
  const session = useSession();
  const professional = hasPermission(session, 'households:read');
  usePageTitle(t('households.caseload.title'));
  const [who, setWho] = useState('mij');
  const pager = useCursorPager(who);
  const query = { regisseur: who, limit: 50, cursor: pager.cursor ?? undefined };
  const list = useQuery({
    queryKey: ['households', 'caseload', query],
    queryFn: () => householdsApi.caseload(query),
    enabled: !!session,
  });
  if (session && !hasPermission(session, 'households:read', 'household_network:read')) return <Forbidden />;
  const today = todayIso();
  return (
    <>
      <Heading1>{t('households.caseload.title')}</Heading1>
      <Paragraph>
        {professional ? t('households.caseload.intro') : t('households.caseload.networkIntro')}
      </Paragraph>
      {professional && (
        <SelectField
          id="hh-who"
          label={t('households.caseload.filter')}
          value={who}
          onChange={setWho}
          options={(['mij', 'geen', 'alle'] as const).map((v) => ({
            value: v,
            label: t(`households.caseload.${v}`),
          }))}
        />
      )}
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && (
        <>
          <DataTable caption={t('households.caseload.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('households.caseload.household')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('households.caseload.regisseur')}</TableHeaderCell>
                {professional && (
                  <>
                    <TableHeaderCell scope="col">{t('households.caseload.goals')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('households.caseload.actions')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('households.caseload.nextDue')}</TableHeaderCell>
                  </>
                )}
                <TableHeaderCell scope="col">{t('households.caseload.lastActivity')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.map((h) => (
                <TableRow key={h.id}>
                  <TableCell>
                    <AppLink to="/huishoudens/$householdId" params={{ householdId: h.id }}>
                      {h.label || t('households.caseload.unnamed')}
                    </AppLink>
                  </TableCell>
                  <TableCell>{h.regisseur?.name ?? t('households.caseload.noRegisseur')}</TableCell>
                  {professional && (
                    <>
                      <TableCell>
                        {t('households.caseload.goalsValue', {
                          active: h.activeGoals,
                          reached: h.reachedGoals,
                        })}
                      </TableCell>
                      <TableCell>
                        {h.openActions}
                        {h.overdueActions > 0 && (
                          <span className="vangnet-deadline vangnet-deadline--overdue">
                            {' '}
                            {h.overdueActions} {t('households.caseload.overdue')}
                          </span>
                        )}
                      </TableCell>
                      <TableCell>
                        {h.nextDueDate ? formatIsoDate(h.nextDueDate) : ''}
                        {h.nextDueDate && h.nextDueDate < today ? ` (${t('households.goals.overdue')})` : ''}
                      </TableCell>
                    </>
                  )}
                  <TableCell>{formatDateTime(h.lastActivityAt, { dateStyle: 'medium' })}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
          {list.data.items.length === 0 && <Paragraph>{t('households.caseload.empty')}</Paragraph>}
          <Pager
            page={pager.page}
            nextCursor={list.data.nextCursor}
            onNext={pager.next}
            onPrevious={pager.previous}
          />
        </>
      )}
      {professional && <CaseloadReminders who={who} />}
    </>
  );
}

// --- One household -----------------------------------------------------------------------------------------

export function HouseholdPage({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: key(householdId), queryFn: () => householdsApi.household(householdId) });
  const title = query.data
    ? t('households.view.title', { label: query.data.label })
    : t('households.caseload.household');
  usePageTitle(title);
  return (
    <RequirePermission anyOf={['households:read', 'household_network:read']}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <AppLink to="/huishoudens">{t('households.view.back')}</AppLink>
      </Paragraph>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && <Household view={query.data} />}
    </RequirePermission>
  );
}

function Household({ view }: { view: HouseholdView }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const manage = view.access.canManage;
  const parts = view.access.categories.map((c) => t(`households.consent.names.${c}`)).join(', ');
  return (
    <>
      {view.status === 'gesloten' && <Alert type="info">{t('households.view.closed')}</Alert>}
      {view.access.level === 'netwerk' && <Paragraph>{t('households.view.shared', { parts })}</Paragraph>}
      {view.access.level === 'professional' && !manage && view.status === 'open' && (
        <Paragraph>{t('households.view.notYourPlan')}</Paragraph>
      )}
      <UnorderedList className="vangnet-hh-links">
        {view.goals && (
          <UnorderedListItem>
            <AppLink to="/huishoudens/$householdId/volgende-stap" params={{ householdId: view.id }}>
              {t('households.view.nextStep')}
            </AppLink>
          </UnorderedListItem>
        )}
        {view.goals &&
          PLAN_LANGUAGES.map((lang) => (
            <UnorderedListItem key={lang}>
              <Link href={householdsApi.pdfUrl(view.id, lang)} hrefLang={lang}>
                {t('households.view.pdf', { language: languageMeta(lang).name })}
              </Link>
            </UnorderedListItem>
          ))}
        {view.householdId && hasPermission(session, 'niet_gebruik:read') && (
          <UnorderedListItem>
            <AppLink to="/berekeningen/huishoudens/$householdId" params={{ householdId: view.householdId }}>
              {t('households.view.scan')}
            </AppLink>
          </UnorderedListItem>
        )}
        <HouseholdDebtHelpLinks householdCaseId={view.id} />
        <HouseholdBudgetLinks householdCaseId={view.id} open={view.status === 'open'} manage={manage} />
        <HouseholdInterventionsLink householdCaseId={view.id} />
      </UnorderedList>
      <RegisseurSection view={view} />
      {view.members && <MembersSection view={view} />}
      {view.network && <NetworkSection view={view} />}
      {view.consents && view.network && <ConsentSection view={view} />}
      {view.zrm && <ZrmSection view={view} lang={i18n.language} />}
      {view.bridge && <BridgeSection view={view} lang={i18n.language} />}
      {view.goals && <GoalsSection view={view} />}
      {view.referrals && <ReferralsSection view={view} />}
      <HouseholdAppointments view={view} />
      {view.timeline && <TimelineSection view={view} />}
    </>
  );
}

function RegisseurSection({ view }: { view: HouseholdView }) {
  const { t } = useTranslation();
  const session = useSession();
  const me = session?.user?.id;
  const mayHandOver =
    hasPermission(session, 'households:manage') &&
    view.status === 'open' &&
    (view.regisseur === null || view.regisseur.id === me);
  return (
    <Section id="hh-regisseur" title={t('households.handover.title')}>
      <Paragraph>{view.regisseur ? view.regisseur.name : t('households.view.noRegisseur')}</Paragraph>
      {mayHandOver && <HandoverForm view={view} />}
      {view.regisseurHistory && view.regisseurHistory.length > 1 && (
        <>
          <Heading3>{t('households.handover.history')}</Heading3>
          <UnorderedList>
            {view.regisseurHistory.map((h) => (
              <UnorderedListItem key={h.id}>
                {t('households.handover.historyItem', {
                  date: formatDateTime(h.at, { dateStyle: 'medium' }),
                  to: h.to.name,
                  from: h.from?.name ?? t('households.handover.nobody'),
                  reason: h.reason,
                })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
    </Section>
  );
}

function HandoverForm({ view }: { view: HouseholdView }) {
  const { t } = useTranslation();
  const regisseurs = useQuery({ queryKey: ['households', 'regisseurs'], queryFn: householdsApi.regisseurs });
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const save = useSave(view.id, () =>
    householdsApi.handOver(view.id, { regisseurId: to, version: view.version, reason }),
  );
  const { fields, alert } = useErrors(save.error, 'hh-ho', {
    regisseurId: t('households.handover.to'),
    reason: t('households.handover.reason'),
  });
  const options = (regisseurs.data?.items ?? []).filter((r) => r.id !== view.regisseur?.id);
  return (
    <Disclosure label={t('households.handover.submit')}>
      {(close) => (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate(undefined, { onSuccess: close });
          }}
        >
          {alert}
          <SelectField
            id="hh-ho-regisseurId"
            label={t('households.handover.to')}
            value={to}
            onChange={setTo}
            error={fields.regisseurId}
            options={[{ value: '', label: '' }, ...options.map((r) => ({ value: r.id, label: r.name }))]}
          />
          <TextAreaField
            id="hh-ho-reason"
            label={t('households.handover.reason')}
            value={reason}
            onChange={setReason}
            error={fields.reason}
          />
          <FormButtons busy={save.isPending} submit={t('households.handover.submit')} onCancel={close} />
        </form>
      )}
    </Disclosure>
  );
}

function MembersSection({ view }: { view: HouseholdView }) {
  const { t } = useTranslation();
  const members = view.members ?? [];
  const withBsn = members.some((m) => m.bsn);
  return (
    <Section id="hh-members" title={t('households.members.title')}>
      <DataTable caption={t('households.members.caption')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('households.members.name')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('households.members.role')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('households.members.born')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('households.members.source')}</TableHeaderCell>
            {withBsn && <TableHeaderCell scope="col">{t('households.members.bsn')}</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.map((m) => (
            <TableRow key={m.id}>
              <TableCell>{m.naam}</TableCell>
              <TableCell>{t(`households.members.roles.${m.role}`)}</TableCell>
              <TableCell>{formatIsoDate(m.geboortedatum)}</TableCell>
              <TableCell>{t(`households.members.${m.source}`)}</TableCell>
              {withBsn && <TableCell>{m.bsn ?? ''}</TableCell>}
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
    </Section>
  );
}

function NetworkSection({ view }: { view: HouseholdView }) {
  const { t } = useTranslation();
  const network = view.network ?? [];
  return (
    <Section id="hh-network" title={t('households.network.title')}>
      <Paragraph>{t('households.network.intro')}</Paragraph>
      {network.length === 0 ? (
        <Paragraph>{t('households.network.none')}</Paragraph>
      ) : (
        <DataTable caption={t('households.network.caption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('households.network.name')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('households.network.relation')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('households.network.organisation')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('households.network.login')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {network.map((n) => (
              <TableRow key={n.id}>
                <TableCell>
                  {n.name}
                  {n.endedOn ? ` (${t('households.network.ended', { date: formatIsoDate(n.endedOn) })})` : ''}
                </TableCell>
                <TableCell>
                  {t(`households.network.kinds.${n.kind}`)}: {t(`households.network.relations.${n.relation}`)}
                </TableCell>
                <TableCell>{n.organisation ?? ''}</TableCell>
                <TableCell>{n.user ? n.user.name : t('households.common.no')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
      {view.access.canManage && <NetworkForm view={view} />}
    </Section>
  );
}

function NetworkForm({ view }: { view: HouseholdView }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<NetworkKind>('informeel');
  const [relation, setRelation] = useState('familie');
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const save = useSave(view.id, () =>
    householdsApi.addNetwork(view.id, {
      kind,
      relation: relation as (typeof ALL_NETWORK_RELATIONS)[number],
      name,
      ...(organisation ? { organisation } : {}),
    }),
  );
  const { fields, alert } = useErrors(save.error, 'hh-nw', {
    name: t('households.network.name'),
    relation: t('households.network.relation'),
    organisation: t('households.network.organisation'),
  });
  return (
    <Disclosure label={t('households.network.add')}>
      {(close) => (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate(undefined, { onSuccess: close });
          }}
        >
          {alert}
          <SelectField
            id="hh-nw-kind"
            label={t('households.network.kind')}
            value={kind}
            onChange={(v) => {
              setKind(v as NetworkKind);
              setRelation(NETWORK_RELATIONS[v as NetworkKind][0]);
            }}
            options={(['informeel', 'formeel'] as const).map((k) => ({
              value: k,
              label: t(`households.network.kinds.${k}`),
            }))}
          />
          <SelectField
            id="hh-nw-relation"
            label={t('households.network.relation')}
            value={relation}
            onChange={setRelation}
            error={fields.relation}
            options={NETWORK_RELATIONS[kind].map((r) => ({
              value: r,
              label: t(`households.network.relations.${r}`),
            }))}
          />
          <TextField
            id="hh-nw-name"
            label={t('households.network.name')}
            value={name}
            onChange={setName}
            error={fields.name}
          />
          <TextField
            id="hh-nw-organisation"
            label={t('households.network.organisation')}
            value={organisation}
            onChange={setOrganisation}
            error={fields.organisation}
            optional={kind === 'informeel'}
          />
          <FormButtons busy={save.isPending} submit={t('households.network.submit')} onCancel={close} />
        </form>
      )}
    </Disclosure>
  );
}

function ConsentSection({ view }: { view: HouseholdView }) {
  const { t } = useTranslation();
  const consents = view.consents ?? [];
  const nameOf = (id: string) => view.network?.find((n) => n.id === id)?.name ?? '';
  return (
    <Section id="hh-consent" title={t('households.consent.title')}>
      <Paragraph>{t('households.consent.intro')}</Paragraph>
      {consents.length === 0 ? (
        <Paragraph>{t('households.consent.none')}</Paragraph>
      ) : (
        <DataTable caption={t('households.consent.caption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('households.consent.with')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('households.consent.categories')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('households.consent.purpose')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('households.consent.given')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('households.consent.status')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {consents.map((k) => (
              <TableRow key={k.id}>
                <TableCell>{nameOf(k.networkMemberId)}</TableCell>
                <TableCell>
                  {k.categories.map((c) => t(`households.consent.names.${c}`)).join(', ')}
                </TableCell>
                <TableCell>{k.purpose}</TableCell>
                <TableCell>
                  {formatIsoDate(k.givenOn)}, {k.givenBy.naam}
                </TableCell>
                <TableCell>
                  {k.active ? (
                    <>
                      {t('households.consent.active')}
                      {view.access.canManage && <WithdrawConsent view={view} consentId={k.id} />}
                    </>
                  ) : (
                    t('households.consent.withdrawnOn', {
                      date: formatIsoDate(k.withdrawnOn),
                      name: k.withdrawnBy?.naam ?? '',
                    })
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
      {view.access.canManage && <ConsentForm view={view} />}
    </Section>
  );
}

function WithdrawConsent({ view, consentId }: { view: HouseholdView; consentId: string }) {
  const { t } = useTranslation();
  const head = view.members?.[0]?.id ?? '';
  const save = useSave(view.id, () =>
    householdsApi.withdrawConsent(consentId, { withdrawnOn: todayIso(), withdrawnByMemberId: head }),
  );
  return (
    <>
      {save.error ? <ErrorAlert error={save.error} /> : null}
      <ConfirmAction
        label={t('households.consent.withdraw')}
        question={t('households.consent.withdrawQuestion')}
        confirmLabel={t('households.consent.withdrawConfirm')}
        busy={save.isPending}
        onConfirm={() => save.mutate(undefined)}
      />
    </>
  );
}

function ConsentForm({ view }: { view: HouseholdView }) {
  const { t } = useTranslation();
  const network = (view.network ?? []).filter((n) => !n.endedOn);
  const members = view.members ?? [];
  const [networkMemberId, setNetworkMemberId] = useState(network[0]?.id ?? '');
  const [givenByMemberId, setGivenBy] = useState(members[0]?.id ?? '');
  const [categories, setCategories] = useState<ConsentCategory[]>(['plan']);
  const [purpose, setPurpose] = useState('');
  const [givenOn, setGivenOn] = useState(todayIso());
  const save = useSave(view.id, () =>
    householdsApi.giveConsent(view.id, { networkMemberId, categories, purpose, givenOn, givenByMemberId }),
  );
  const { fields, alert } = useErrors(save.error, 'hh-cs', {
    networkMemberId: t('households.consent.with'),
    purpose: t('households.consent.purpose'),
    givenOn: t('households.common.date'),
    categories: t('households.consent.categories'),
  });
  if (network.length === 0) return null;
  return (
    <Disclosure label={t('households.consent.give')}>
      {(close) => (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate(undefined, { onSuccess: close });
          }}
        >
          {alert}
          <SelectField
            id="hh-cs-networkMemberId"
            label={t('households.consent.with')}
            value={networkMemberId}
            onChange={setNetworkMemberId}
            error={fields.networkMemberId}
            options={network.map((n) => ({ value: n.id, label: n.name }))}
          />
          <fieldset className="vangnet-hh-fieldset">
            <legend>{t('households.consent.categories')}</legend>
            {CONSENT_CATEGORIES.map((c) => (
              <CheckboxField
                key={c}
                id={`hh-cs-cat-${c}`}
                label={t(`households.consent.names.${c}`)}
                checked={categories.includes(c)}
                onChange={(on) => setCategories(on ? [...categories, c] : categories.filter((x) => x !== c))}
              />
            ))}
          </fieldset>
          <TextAreaField
            id="hh-cs-purpose"
            label={t('households.consent.purpose')}
            value={purpose}
            onChange={setPurpose}
            error={fields.purpose}
          />
          <TextField
            id="hh-cs-givenOn"
            type="date"
            label={t('households.common.date')}
            value={givenOn}
            onChange={setGivenOn}
            error={fields.givenOn}
          />
          <SelectField
            id="hh-cs-givenBy"
            label={t('households.consent.givenBy')}
            value={givenByMemberId}
            onChange={setGivenBy}
            options={members.map((m) => ({ value: m.id, label: m.naam }))}
          />
          <FormButtons busy={save.isPending} submit={t('households.consent.submit')} onCancel={close} />
        </form>
      )}
    </Disclosure>
  );
}

function ZrmSection({ view, lang }: { view: HouseholdView; lang: string }) {
  const { t } = useTranslation();
  const zrm = view.zrm ?? [];
  return (
    <Section id="hh-zrm" title={t('households.zrm.title')}>
      <Paragraph>{t('households.zrm.intro')}</Paragraph>
      {zrm.length === 0 ? (
        <Paragraph>{t('households.zrm.none')}</Paragraph>
      ) : (
        <ZrmChart assessments={zrm} lang={lang} />
      )}
      <details className="vangnet-hh-details">
        <summary>{t('households.zrm.levels')}</summary>
        {ZRM_DOMAINS.map((d) => (
          <div key={d}>
            <Heading3>{zrmDomainName(d, lang)}</Heading3>
            <ol>
              {ZRM[d].levels.map((level) => (
                <li key={level.nl}>{bi(level, lang)}</li>
              ))}
            </ol>
          </div>
        ))}
      </details>
      {view.access.canManage && <ZrmForm view={view} lang={lang} />}
    </Section>
  );
}

function ZrmForm({ view, lang }: { view: HouseholdView; lang: string }) {
  const { t } = useTranslation();
  const last = view.zrm?.at(-1)?.scores ?? {};
  const [scores, setScores] = useState<Record<string, string>>(
    Object.fromEntries(ZRM_DOMAINS.map((d) => [d, String(last[d] ?? 3)])),
  );
  const [assessedOn, setAssessedOn] = useState(todayIso());
  const save = useSave(view.id, () =>
    householdsApi.recordZrm(view.id, {
      assessedOn,
      scores: Object.fromEntries(ZRM_DOMAINS.map((d) => [d, Number(scores[d])])) as Record<ZrmDomain, number>,
    }),
  );
  const { fields, alert } = useErrors(save.error, 'hh-zrm', { assessedOn: t('households.zrm.assessedOn') });
  return (
    <Disclosure label={t('households.zrm.record')}>
      {(close) => (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate(undefined, { onSuccess: close });
          }}
        >
          {alert}
          <TextField
            id="hh-zrm-assessedOn"
            type="date"
            label={t('households.zrm.assessedOn')}
            value={assessedOn}
            onChange={setAssessedOn}
            error={fields.assessedOn}
          />
          {ZRM_DOMAINS.map((d) => (
            <SelectField
              key={d}
              id={`hh-zrm-${d}`}
              label={zrmDomainName(d, lang)}
              value={scores[d] ?? '3'}
              onChange={(v) => setScores({ ...scores, [d]: v })}
              options={ZRM[d].levels.map((level, i) => ({
                value: String(i + 1),
                label: `${i + 1}: ${bi(level, lang)}`,
              }))}
            />
          ))}
          <FormButtons busy={save.isPending} submit={t('households.zrm.submit')} onCancel={close} />
        </form>
      )}
    </Disclosure>
  );
}

function BridgeSection({ view, lang }: { view: HouseholdView; lang: string }) {
  const { t } = useTranslation();
  const latest = view.bridge?.at(-1);
  return (
    <Section id="hh-bridge" title={t('households.bridge.title')}>
      <Paragraph>{t('households.bridge.intro')}</Paragraph>
      {latest ? (
        <BridgeView levels={latest.levels} lang={lang} />
      ) : (
        <Paragraph>{t('households.bridge.none')}</Paragraph>
      )}
      {view.access.canManage && <BridgeForm view={view} lang={lang} />}
    </Section>
  );
}

function BridgeForm({ view, lang }: { view: HouseholdView; lang: string }) {
  const { t } = useTranslation();
  const last = view.bridge?.at(-1)?.levels ?? {};
  const [levels, setLevels] = useState<Record<string, string>>(
    Object.fromEntries(PILLARS.map((p) => [p, String(last[p] ?? 3)])),
  );
  const save = useSave(view.id, () =>
    householdsApi.recordBridge(view.id, {
      assessedOn: todayIso(),
      levels: Object.fromEntries(PILLARS.map((p) => [p, Number(levels[p])])) as Record<
        (typeof PILLARS)[number],
        number
      >,
    }),
  );
  return (
    <Disclosure label={t('households.bridge.record')}>
      {(close) => (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate(undefined, { onSuccess: close });
          }}
        >
          {save.error ? <ErrorAlert error={save.error} /> : null}
          {PILLARS.map((p) => (
            <SelectField
              key={p}
              id={`hh-br-${p}`}
              label={pillarName(p, lang)}
              value={levels[p] ?? '3'}
              onChange={(v) => setLevels({ ...levels, [p]: v })}
              options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))}
            />
          ))}
          <FormButtons busy={save.isPending} submit={t('households.bridge.submit')} onCancel={close} />
        </form>
      )}
    </Disclosure>
  );
}

// --- Goals and actions -------------------------------------------------------------------------------------

function GoalsSection({ view }: { view: HouseholdView }) {
  const { t } = useTranslation();
  const goals = view.goals ?? [];
  return (
    <Section id="hh-goals" title={t('households.goals.title')}>
      {goals.length === 0 && <Paragraph>{t('households.goals.none')}</Paragraph>}
      {goals.map((g) => (
        <GoalCard key={g.id} view={view} goal={g} />
      ))}
      {view.access.canManage && <GoalForm view={view} />}
    </Section>
  );
}

function GoalCard({ view, goal }: { view: HouseholdView; goal: Goal }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const about = [
    goal.zrmDomain ? zrmDomainName(goal.zrmDomain, lang) : null,
    goal.pillar ? pillarName(goal.pillar, lang) : null,
  ]
    .filter(Boolean)
    .join(', ');
  const setAction = useSave(view.id, (a: { id: string; status: 'open' | 'gedaan' }) =>
    householdsApi.setAction(a.id, a.status),
  );
  return (
    <article
      className={`vangnet-hh-goal vangnet-hh-goal--${goal.status}`}
      aria-labelledby={`goal-${goal.id}`}
    >
      <Heading3 id={`goal-${goal.id}`}>
        {goal.title} ({t(`households.goals.status.${goal.status}`)})
      </Heading3>
      {goal.status === 'bereikt' && (
        <Alert type="ok">
          <Paragraph>
            <strong>{t('households.goals.reachedTitle')}</strong>{' '}
            {t('households.goals.reachedOn', { date: formatIsoDate(goal.reachedOn) })}
          </Paragraph>
          {goal.recognition && <Paragraph>{goal.recognition}</Paragraph>}
        </Alert>
      )}
      <Paragraph>
        {t('households.goals.target', { date: formatIsoDate(goal.targetDate) })}.{' '}
        {t('households.goals.about', { about })}. {t('households.goals.chosen', { name: goal.chosenBy.naam })}
        .
      </Paragraph>
      {goal.description && <Paragraph>{goal.description}</Paragraph>}
      <label className="vangnet-hh-progress-label" htmlFor={`progress-${goal.id}`}>
        {t('households.goals.progress', goal.progress)}
      </label>
      <progress
        id={`progress-${goal.id}`}
        max={Math.max(goal.progress.total, 1)}
        value={goal.progress.done}
      />
      <Heading3 className="vangnet-hh-subheading">{t('households.goals.actions')}</Heading3>
      {goal.actions.length === 0 ? (
        <Paragraph>{t('households.goals.noActions')}</Paragraph>
      ) : (
        <UnorderedList>
          {goal.actions.map((a) => (
            <UnorderedListItem key={a.id}>
              {actionLine(t, a)}
              {a.overdue && (
                <span className="vangnet-deadline vangnet-deadline--overdue">
                  {' '}
                  {t('households.goals.overdue')}
                </span>
              )}
              {view.access.canManage && a.status !== 'vervallen' && (
                <Button
                  appearance="subtle-button"
                  className="vangnet-hh-inline-button"
                  onClick={() =>
                    setAction.mutate({ id: a.id, status: a.status === 'open' ? 'gedaan' : 'open' })
                  }
                  aria-label={`${a.status === 'open' ? t('households.goals.markDone') : t('households.goals.reopen')}: ${a.description}`}
                >
                  {a.status === 'open' ? t('households.goals.markDone') : t('households.goals.reopen')}
                </Button>
              )}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      {goal.events.filter((e) => e.kind !== 'bereikt').length > 0 && (
        <UnorderedList>
          {goal.events
            .filter((e) => e.kind !== 'bereikt')
            .map((e) => (
              <UnorderedListItem key={e.id}>
                {t(`households.goals.events.${e.kind}`)} ({formatIsoDate(e.occurredOn)}): {e.note}
              </UnorderedListItem>
            ))}
        </UnorderedList>
      )}
      {setAction.error ? <ErrorAlert error={setAction.error} /> : null}
      {view.access.canManage && goal.status === 'actief' && (
        <ButtonGroup className="vangnet-hh-goal-actions">
          <ActionForm view={view} goal={goal} />
          <ProgressForm view={view} goal={goal} />
          <ReachedForm view={view} goal={goal} />
        </ButtonGroup>
      )}
    </article>
  );
}

function actionLine(t: TFunction, a: Action): string {
  return t('households.goals.actionLine', {
    description: a.description,
    owner: a.owner.name,
    date: formatIsoDate(a.dueDate),
    status: t(`households.goals.actionStatus.${a.status}`),
  });
}

function GoalForm({ view }: { view: HouseholdView }) {
  const { t, i18n } = useTranslation();
  const members = view.members ?? [];
  const [title, setTitle] = useState('');
  const [zrmDomain, setZrm] = useState('');
  const [pillar, setPillar] = useState('');
  const [chosenByMemberId, setChosenBy] = useState(members[0]?.id ?? '');
  const [targetDate, setTargetDate] = useState('');
  const save = useSave(view.id, () =>
    householdsApi.addGoal(view.id, {
      title,
      chosenByMemberId,
      targetDate,
      ...(zrmDomain ? { zrmDomain: zrmDomain as ZrmDomain } : {}),
      ...(pillar ? { pillar: pillar as (typeof PILLARS)[number] } : {}),
    }),
  );
  const { fields, alert } = useErrors(save.error, 'hh-goal', {
    title: t('households.goals.titleField'),
    targetDate: t('households.goals.targetDate'),
    zrmDomain: t('households.goals.zrmDomain'),
    chosenByMemberId: t('households.goals.chosenBy'),
  });
  return (
    <Disclosure label={t('households.goals.add')}>
      {(close) => (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate(undefined, { onSuccess: close });
          }}
        >
          {alert}
          <TextField
            id="hh-goal-title"
            label={t('households.goals.titleField')}
            description={t('households.goals.titleHelp')}
            value={title}
            onChange={setTitle}
            error={fields.title}
          />
          <SelectField
            id="hh-goal-zrmDomain"
            label={t('households.goals.zrmDomain')}
            value={zrmDomain}
            onChange={setZrm}
            error={fields.zrmDomain}
            options={[
              { value: '', label: t('households.goals.none_option') },
              ...ZRM_DOMAINS.map((d) => ({ value: d, label: zrmDomainName(d, i18n.language) })),
            ]}
          />
          <SelectField
            id="hh-goal-pillar"
            label={t('households.goals.pillar')}
            value={pillar}
            onChange={setPillar}
            options={[
              { value: '', label: t('households.goals.none_option') },
              ...PILLARS.map((p) => ({ value: p, label: pillarName(p, i18n.language) })),
            ]}
          />
          <SelectField
            id="hh-goal-chosenByMemberId"
            label={t('households.goals.chosenBy')}
            value={chosenByMemberId}
            onChange={setChosenBy}
            error={fields.chosenByMemberId}
            options={members.map((m) => ({ value: m.id, label: m.naam }))}
          />
          <TextField
            id="hh-goal-targetDate"
            type="date"
            label={t('households.goals.targetDate')}
            value={targetDate}
            onChange={setTargetDate}
            error={fields.targetDate}
          />
          <FormButtons busy={save.isPending} submit={t('households.goals.submit')} onCancel={close} />
        </form>
      )}
    </Disclosure>
  );
}

function ActionForm({ view, goal }: { view: HouseholdView; goal: Goal }) {
  const { t } = useTranslation();
  const owners = [
    ...(view.members ?? []).map((m) => ({ value: `bewoner:${m.id}`, label: m.naam })),
    ...(view.network ?? [])
      .filter((n) => !n.endedOn)
      .map((n) => ({ value: `netwerk:${n.id}`, label: n.name })),
    { value: 'regisseur:', label: t('households.goals.ownerRegisseur') },
  ];
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState(owners[0]?.value ?? 'regisseur:');
  const [dueDate, setDueDate] = useState('');
  const save = useSave(view.id, () => {
    const [kind, ownerId] = owner.split(':');
    return householdsApi.addAction(goal.id, {
      description,
      dueDate,
      owner:
        kind === 'bewoner'
          ? { kind: 'bewoner', memberId: ownerId ?? '' }
          : kind === 'netwerk'
            ? { kind: 'netwerk', networkMemberId: ownerId ?? '' }
            : { kind: 'regisseur' },
    });
  });
  const prefix = `hh-act-${goal.id}`;
  const { fields, alert } = useErrors(save.error, prefix, {
    description: t('households.goals.actionDescription'),
    dueDate: t('households.goals.dueDate'),
  });
  return (
    <Disclosure label={t('households.goals.addAction')}>
      {(close) => (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate(undefined, { onSuccess: close });
          }}
        >
          {alert}
          <TextField
            id={`${prefix}-description`}
            label={t('households.goals.actionDescription')}
            description={t('households.goals.actionHelp')}
            value={description}
            onChange={setDescription}
            error={fields.description}
          />
          <SelectField
            id={`${prefix}-owner`}
            label={t('households.goals.owner')}
            value={owner}
            onChange={setOwner}
            error={fields['owner.memberId'] ?? fields['owner.networkMemberId']}
            options={owners}
          />
          <TextField
            id={`${prefix}-dueDate`}
            type="date"
            label={t('households.goals.dueDate')}
            value={dueDate}
            onChange={setDueDate}
            error={fields.dueDate}
          />
          <FormButtons busy={save.isPending} submit={t('households.goals.submitAction')} onCancel={close} />
        </form>
      )}
    </Disclosure>
  );
}

function ProgressForm({ view, goal }: { view: HouseholdView; goal: Goal }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [milestone, setMilestone] = useState(false);
  const save = useSave(view.id, () =>
    householdsApi.addProgress(goal.id, {
      kind: milestone ? 'mijlpaal' : 'voortgang',
      note,
      occurredOn: todayIso(),
    }),
  );
  const prefix = `hh-pr-${goal.id}`;
  const { fields, alert } = useErrors(save.error, prefix, { note: t('households.goals.progressNote') });
  return (
    <Disclosure label={t('households.goals.addProgress')}>
      {(close) => (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate(undefined, { onSuccess: close });
          }}
        >
          {alert}
          <TextAreaField
            id={`${prefix}-note`}
            label={t('households.goals.progressNote')}
            value={note}
            onChange={setNote}
            error={fields.note}
          />
          <CheckboxField
            id={`${prefix}-milestone`}
            label={t('households.goals.milestone')}
            checked={milestone}
            onChange={setMilestone}
          />
          <FormButtons busy={save.isPending} submit={t('households.goals.submitProgress')} onCancel={close} />
        </form>
      )}
    </Disclosure>
  );
}

function ReachedForm({ view, goal }: { view: HouseholdView; goal: Goal }) {
  const { t } = useTranslation();
  const [recognition, setRecognition] = useState('');
  const save = useSave(view.id, () =>
    householdsApi.updateGoal(goal.id, {
      version: goal.version,
      status: 'bereikt',
      ...(recognition ? { recognition } : {}),
    }),
  );
  return (
    <Disclosure label={t('households.goals.markReached')}>
      {(close) => (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate(undefined, { onSuccess: close });
          }}
        >
          {save.error ? (
            <ErrorAlert
              error={save.error}
              message={
                isApiProblem(save.error) && save.error.status === 409 ? t('households.view.stale') : undefined
              }
            />
          ) : null}
          <TextAreaField
            id={`hh-rc-${goal.id}`}
            label={t('households.goals.recognition')}
            value={recognition}
            onChange={setRecognition}
          />
          <FormButtons busy={save.isPending} submit={t('households.goals.markReached')} onCancel={close} />
        </form>
      )}
    </Disclosure>
  );
}

// --- Referrals ---------------------------------------------------------------------------------------------

function ReferralsSection({ view }: { view: HouseholdView }) {
  const { t } = useTranslation();
  const referrals = view.referrals ?? [];
  const update = useSave(
    view.id,
    (r: { id: string; version: number; status: 'geaccepteerd' | 'afgewezen' | 'afgerond' }) =>
      householdsApi.updateReferral(r.id, { version: r.version, status: r.status }),
  );
  return (
    <Section id="hh-referrals" title={t('households.referrals.title')}>
      {referrals.length === 0 ? (
        <Paragraph>{t('households.referrals.none')}</Paragraph>
      ) : (
        <DataTable caption={t('households.referrals.caption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('households.referrals.target')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('households.referrals.reason')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('households.referrals.status')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('households.referrals.reply')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {referrals.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  {r.organisation ?? t(`households.referrals.targets.${r.target}`)} (
                  {t(r.kind === 'intern' ? 'households.referrals.internal' : 'households.referrals.external')}
                  )
                </TableCell>
                <TableCell>{r.reason}</TableCell>
                <TableCell>
                  {t(`households.referrals.statuses.${r.status}`)}
                  {r.reminderDue && <Paragraph>{t('households.referrals.reminderDue')}</Paragraph>}
                  {view.access.canManage && (r.status === 'verzonden' || r.status === 'geaccepteerd') && (
                    <ButtonGroup>
                      {r.status === 'verzonden' && (
                        <Button
                          appearance="subtle-button"
                          onClick={() =>
                            update.mutate({ id: r.id, version: r.version, status: 'geaccepteerd' })
                          }
                        >
                          {t('households.referrals.accept')}
                        </Button>
                      )}
                      <Button
                        appearance="subtle-button"
                        onClick={() => update.mutate({ id: r.id, version: r.version, status: 'afgerond' })}
                      >
                        {t('households.referrals.complete')}
                      </Button>
                    </ButtonGroup>
                  )}
                </TableCell>
                <TableCell>{r.reply ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
      {update.error ? <ErrorAlert error={update.error} /> : null}
      {view.access.canManage && <ReferralForm view={view} />}
    </Section>
  );
}

function ReferralForm({ view }: { view: HouseholdView }) {
  const { t } = useTranslation();
  const members = view.members ?? [];
  const [target, setTarget] = useState<ReferralTarget>('voedselbank');
  const [organisation, setOrganisation] = useState('');
  const [reason, setReason] = useState('');
  const [memberId, setMemberId] = useState(members[0]?.id ?? '');
  const [shared, setShared] = useState('');
  const [givenOn, setGivenOn] = useState(todayIso());
  const save = useSave(view.id, () =>
    householdsApi.addReferral(view.id, {
      target,
      reason,
      ...(organisation ? { organisation } : {}),
      consent: { givenOn, memberId, shared },
    }),
  );
  const { fields, alert } = useErrors(save.error, 'hh-ref', {
    organisation: t('households.referrals.organisation'),
    reason: t('households.referrals.reason'),
    'consent.shared': t('households.referrals.consentShared'),
    'consent.givenOn': t('households.referrals.consentGivenOn'),
  });
  return (
    <Disclosure label={t('households.referrals.add')}>
      {(close) => (
        <form
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate(undefined, { onSuccess: close });
          }}
        >
          {alert}
          <SelectField
            id="hh-ref-target"
            label={t('households.referrals.target')}
            value={target}
            onChange={(v) => setTarget(v as ReferralTarget)}
            options={REFERRAL_TARGETS.map((x) => ({
              value: x,
              label: t(`households.referrals.targets.${x}`),
            }))}
          />
          <TextField
            id="hh-ref-organisation"
            label={t('households.referrals.organisation')}
            value={organisation}
            onChange={setOrganisation}
            error={fields.organisation}
            optional={target !== 'overig'}
          />
          <TextAreaField
            id="hh-ref-reason"
            label={t('households.referrals.reason')}
            value={reason}
            onChange={setReason}
            error={fields.reason}
          />
          <SelectField
            id="hh-ref-member"
            label={t('households.referrals.consentMember')}
            value={memberId}
            onChange={setMemberId}
            options={members.map((m) => ({ value: m.id, label: m.naam }))}
          />
          <TextField
            id="hh-ref-consent-givenOn"
            type="date"
            label={t('households.referrals.consentGivenOn')}
            value={givenOn}
            onChange={setGivenOn}
            error={fields['consent.givenOn']}
          />
          <TextField
            id="hh-ref-consent-shared"
            label={t('households.referrals.consentShared')}
            value={shared}
            onChange={setShared}
            error={fields['consent.shared']}
          />
          <FormButtons busy={save.isPending} submit={t('households.referrals.submit')} onCancel={close} />
        </form>
      )}
    </Disclosure>
  );
}

// --- Timeline ----------------------------------------------------------------------------------------------

function TimelineSection({ view }: { view: HouseholdView }) {
  const { t } = useTranslation();
  const [categorie, setCategorie] = useState('');
  const pager = useCursorPager(categorie);
  const query = { categorie: categorie || undefined, cursor: pager.cursor ?? undefined, limit: 20 };
  const first = !categorie && !pager.cursor;
  const page = useQuery({
    queryKey: ['households', 'timeline', view.id, query],
    queryFn: () => householdsApi.timeline(view.id, query),
    enabled: !first,
  });
  const data = first ? view.timeline : page.data;
  return (
    <Section id="hh-timeline" title={t('households.timeline.title')}>
      <SelectField
        id="hh-tl-categorie"
        label={t('households.timeline.filter')}
        value={categorie}
        onChange={setCategorie}
        options={[
          { value: '', label: t('households.timeline.all') },
          ...TIMELINE_CATEGORIES.map((c) => ({ value: c, label: t(`households.timeline.categories.${c}`) })),
        ]}
      />
      {!first && page.isPending && <Loading />}
      {page.isError && <ErrorAlert error={page.error} />}
      {data && data.items.length === 0 && <Paragraph>{t('households.timeline.none')}</Paragraph>}
      {data && data.items.length > 0 && (
        <ol className="vangnet-hh-timeline">
          {data.items.map((e) => (
            <li key={e.id}>
              <time dateTime={e.occurredAt}>
                {formatDateTime(e.occurredAt, { dateStyle: 'medium', timeStyle: 'short' })}
              </time>{' '}
              <strong>
                {t(`households.timeline.kinds.${e.kind}`, {
                  defaultValue: appointmentTimelineKind(t, e.kind, t('households.timeline.kinds.other')),
                })}
              </strong>
              {e.text ? `: ${e.text}` : ''}
              {e.by ? ` (${t('households.timeline.by', { name: e.by.name })})` : ''}
            </li>
          ))}
        </ol>
      )}
      {data && (
        <Pager
          page={pager.page}
          nextCursor={data.nextCursor}
          onNext={pager.next}
          onPrevious={pager.previous}
        />
      )}
    </Section>
  );
}

// --- Next step ---------------------------------------------------------------------------------------------

export function NextStepPage({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  usePageTitle(t('households.nextStep.title'));
  const query = useQuery({ queryKey: key(householdId), queryFn: () => householdsApi.household(householdId) });
  const [index, setIndex] = useState(0);
  const [saved, setSaved] = useState(false);
  const done = useSave(
    householdId,
    (id: string) => householdsApi.setAction(id, 'gedaan'),
    () => setSaved(true),
  );
  const open = (query.data?.goals ?? [])
    .filter((g) => g.status === 'actief')
    .flatMap((g) => g.actions.filter((a) => a.status === 'open').map((a) => ({ goal: g, action: a })))
    .sort((a, b) => a.action.dueDate.localeCompare(b.action.dueDate));
  const at = Math.min(index, Math.max(open.length - 1, 0));
  const current = open[at];
  return (
    <RequirePermission anyOf={['households:read', 'household_network:read']}>
      <Heading1>{t('households.nextStep.title')}</Heading1>
      <Paragraph>
        <AppLink to="/huishoudens/$householdId" params={{ householdId }}>
          {t('households.nextStep.back')}
        </AppLink>
      </Paragraph>
      <Paragraph>{t('households.nextStep.intro')}</Paragraph>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {saved && <SuccessAlert>{t('households.view.saved')}</SuccessAlert>}
      {done.error ? <ErrorAlert error={done.error} /> : null}
      {query.data && !current && <Paragraph>{t('households.nextStep.none')}</Paragraph>}
      {current && (
        <section className="vangnet-hh-step" aria-labelledby="hh-step-title" aria-live="polite">
          <Paragraph>{t('households.nextStep.position', { n: at + 1, total: open.length })}</Paragraph>
          <Heading2 id="hh-step-title">{current.action.description}</Heading2>
          <dl className="vangnet-hh-step__facts">
            <dt>{t('households.nextStep.who')}</dt>
            <dd>{current.action.owner.name}</dd>
            <dt>{t('households.nextStep.when')}</dt>
            <dd>
              {formatIsoDate(current.action.dueDate, 'long')}
              {current.action.overdue ? ` (${t('households.goals.overdue')})` : ''}
            </dd>
            <dt>{t('households.nextStep.goal')}</dt>
            <dd>{current.goal.title}</dd>
          </dl>
          <ButtonGroup>
            <Button appearance="secondary-action-button" disabled={at === 0} onClick={() => setIndex(at - 1)}>
              {t('households.nextStep.previous')}
            </Button>
            <Button
              appearance="secondary-action-button"
              disabled={at >= open.length - 1}
              onClick={() => setIndex(at + 1)}
            >
              {t('households.nextStep.next')}
            </Button>
            {query.data?.access.canManage && (
              <Button
                appearance="primary-action-button"
                busy={done.isPending}
                onClick={() => done.mutate(current.action.id)}
              >
                {t('households.nextStep.done')}
              </Button>
            )}
          </ButtonGroup>
        </section>
      )}
    </RequirePermission>
  );
}
