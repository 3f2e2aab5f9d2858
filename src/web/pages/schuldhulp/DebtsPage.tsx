// The debts of a trajectory per creditor, with totals per DDAS schuldsoort; adding and changing a debt; and the
// import of a debt list (CSV) that stores every good line and shows every bad one (line, column, reason).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  TableBody,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEBT_STATUSES, SHV_SCHULDENSOORTEN } from '../../../shared/ddas-shv.ts';
import { DataTable, Loading, RequirePermission } from '../../components/common.tsx';
import { FileField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert, FocusedSuccessAlert } from '../../components/problem.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { hasPermission, useSession } from '../../session.ts';
import { formatIsoDate } from '../../vroegsignalering/labels.tsx';
import { formatEuros } from '../../vroegsignalering/money.ts';
import { type Debt, type DebtImportResult, keys, schuldhulpApi, type Trajectory } from './api.ts';
import {
  conflictMessage,
  Disclosure,
  type FieldSpec,
  type FormValues,
  initialValue,
  RecordForm,
  soortName,
  statusName,
} from './parts.tsx';
import { trajectoryName, useTrajectory } from './TrajectoryPage.tsx';
import './schuldhulp.css';

export function DebtsPage({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const query = useTrajectory(trajectoryId);
  const title = query.data
    ? t('schuldhulp.debts.title', { name: trajectoryName(t, query.data) })
    : t('schuldhulp.debts.titleLoading');
  usePageTitle(title);
  return (
    <RequirePermission anyOf={['schuldhulp:read']}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <AppLink to="/schuldhulp/trajecten/$trajectoryId" params={{ trajectoryId }}>
          {t('schuldhulp.debts.back')}
        </AppLink>
      </Paragraph>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && <Debts view={query.data} />}
    </RequirePermission>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="vangnet-section" aria-labelledby={id}>
      <Heading2 id={id}>{title}</Heading2>
      {children}
    </section>
  );
}

function Debts({ view }: { view: Trajectory }) {
  const { t } = useTranslation();
  const session = useSession();
  const canManage = hasPermission(session, 'schuldhulp:manage') && !view.uitstroom.datum;
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const debt = view.debts.find((d) => d.id === editing);
  return (
    <>
      {view.uitstroom.datum && <Alert type="info">{t('schuldhulp.trajectory.ended')}</Alert>}
      {saved && (
        <FocusedSuccessAlert key={saved}>
          <Paragraph>{saved}</Paragraph>
        </FocusedSuccessAlert>
      )}
      <Totals view={view} />
      <Section id="shv-debt-list" title={t('schuldhulp.debts.listTitle')}>
        {view.debts.length === 0 ? (
          <Paragraph>{t('schuldhulp.debts.none')}</Paragraph>
        ) : (
          <DataTable caption={t('schuldhulp.debts.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('schuldhulp.debts.creditor')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('schuldhulp.debts.soort')}</TableHeaderCell>
                <TableHeaderCell scope="col" className="vangnet-shv-amount">
                  {t('schuldhulp.debts.original')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="vangnet-shv-amount">
                  {t('schuldhulp.debts.current')}
                </TableHeaderCell>
                <TableHeaderCell scope="col">{t('schuldhulp.debts.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('schuldhulp.debts.peildatum')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('schuldhulp.debts.reference')}</TableHeaderCell>
                {canManage && <TableHeaderCell scope="col">{t('schuldhulp.debts.action')}</TableHeaderCell>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {view.debts.map((d) => (
                <TableRow key={d.id}>
                  <TableHeaderCell scope="row">
                    {d.creditorIsPrivate
                      ? t('schuldhulp.debts.private', { name: d.creditorName })
                      : d.creditorName}
                  </TableHeaderCell>
                  <TableCell>{soortName(t, d.schuldsoort)}</TableCell>
                  <TableCell className="vangnet-shv-amount">{formatEuros(d.originalCents)}</TableCell>
                  <TableCell className="vangnet-shv-amount">{formatEuros(d.currentCents)}</TableCell>
                  <TableCell>{statusName(t, d.status)}</TableCell>
                  <TableCell>{formatIsoDate(d.establishedOn)}</TableCell>
                  <TableCell>{d.reference ?? ''}</TableCell>
                  {canManage && (
                    <TableCell>
                      <Button
                        appearance="secondary-action-button"
                        aria-label={t('schuldhulp.debts.editOne', { name: d.creditorName })}
                        onClick={() => setEditing(d.id)}
                      >
                        {t('schuldhulp.debts.edit')}
                      </Button>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
        )}
        {canManage && debt && (
          <EditDebt
            key={debt.id}
            view={view}
            debt={debt}
            close={() => setEditing(null)}
            onSaved={() => setSaved(t('schuldhulp.debts.changed', { name: debt.creditorName }))}
          />
        )}
        {canManage && (
          <Disclosure label={t('schuldhulp.debts.add')}>
            {(close) => (
              <AddDebt
                view={view}
                close={close}
                onSaved={(d) => setSaved(t('schuldhulp.debts.added', { name: d.creditorName }))}
              />
            )}
          </Disclosure>
        )}
      </Section>
      {canManage && <ImportSection view={view} />}
    </>
  );
}

function Totals({ view }: { view: Trajectory }) {
  const { t } = useTranslation();
  const totals = view.debtTotals;
  return (
    <Section id="shv-debt-totals" title={t('schuldhulp.debts.totalsTitle')}>
      <DataTable caption={t('schuldhulp.debts.totalsCaption')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('schuldhulp.debts.soort')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('schuldhulp.debts.count')}</TableHeaderCell>
            <TableHeaderCell scope="col" className="vangnet-shv-amount">
              {t('schuldhulp.debts.original')}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="vangnet-shv-amount">
              {t('schuldhulp.debts.current')}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {SHV_SCHULDENSOORTEN.map((s) => (
            <TableRow key={s}>
              <TableHeaderCell scope="row">{soortName(t, s)}</TableHeaderCell>
              <TableCell>{totals.perSoort[s].count}</TableCell>
              <TableCell className="vangnet-shv-amount">
                {formatEuros(totals.perSoort[s].originalCents)}
              </TableCell>
              <TableCell className="vangnet-shv-amount">
                {formatEuros(totals.perSoort[s].currentCents)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow>
            <TableHeaderCell scope="row">{t('schuldhulp.debts.total')}</TableHeaderCell>
            <TableCell>{totals.total.count}</TableCell>
            <TableCell className="vangnet-shv-amount">{formatEuros(totals.total.originalCents)}</TableCell>
            <TableCell className="vangnet-shv-amount" data-testid="shv-total-current">
              {formatEuros(totals.total.currentCents)}
            </TableCell>
          </TableRow>
        </TableFooter>
      </DataTable>
    </Section>
  );
}

function useDebtChange(view: Trajectory, onDone: (debt: Debt) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (send: () => Promise<Debt>) => send(),
    onSuccess: async (debt) => {
      await queryClient.invalidateQueries({ queryKey: keys.trajectory(view.id) });
      await queryClient.invalidateQueries({ queryKey: ['schuldhulp', 'list'] });
      onDone(debt);
    },
  });
}

function AddDebt({
  view,
  close,
  onSaved,
}: {
  view: Trajectory;
  close: () => void;
  onSaved: (d: Debt) => void;
}) {
  const { t } = useTranslation();
  const specs: FieldSpec[] = [
    { name: 'creditorName', kind: 'text', label: t('schuldhulp.debts.creditor') },
    {
      name: 'schuldsoort',
      kind: 'select',
      label: t('schuldhulp.debts.soort'),
      options: SHV_SCHULDENSOORTEN.map((s) => ({ value: s, label: soortName(t, s) })),
    },
    {
      name: 'originalCents',
      kind: 'euros',
      label: t('schuldhulp.debts.originalField'),
      description: t('schuldhulp.debts.amountHelp'),
    },
    {
      name: 'currentCents',
      kind: 'euros',
      label: t('schuldhulp.debts.currentField'),
      description: t('schuldhulp.debts.currentHelp'),
      optional: true,
    },
    {
      name: 'status',
      kind: 'select',
      label: t('schuldhulp.debts.status'),
      options: DEBT_STATUSES.map((s) => ({ value: s, label: statusName(t, s) })),
    },
    {
      name: 'establishedOn',
      kind: 'date',
      label: t('schuldhulp.debts.peildatum'),
      description: t('schuldhulp.debts.peildatumHelp'),
      optional: true,
    },
    { name: 'reference', kind: 'text', label: t('schuldhulp.debts.reference'), optional: true },
    { name: 'creditorKvk', kind: 'text', label: t('schuldhulp.debts.kvk'), optional: true },
    { name: 'creditorPostcode', kind: 'text', label: t('schuldhulp.debts.postcode'), optional: true },
    {
      name: 'creditorIsPrivate',
      kind: 'bool',
      label: t('schuldhulp.debts.privateField'),
      description: t('schuldhulp.debts.privateHelp'),
    },
  ];
  const change = useDebtChange(view, (d) => {
    close();
    onSaved(d);
  });
  const initial: FormValues = Object.fromEntries(specs.map((s) => [s.name, initialValue(s, null)]));
  initial.status = 'in_inventarisatie';
  return (
    <RecordForm
      prefix="shv-debt"
      title={t('schuldhulp.debts.add')}
      submitLabel={t('schuldhulp.debts.addSubmit')}
      specs={specs}
      initial={initial}
      busy={change.isPending}
      error={change.error}
      onCancel={close}
      onSubmit={(body) => {
        // The API fills in today and the original amount itself when these are left out.
        const { establishedOn, currentCents, ...rest } = body;
        change.mutate(() =>
          schuldhulpApi.addDebt(view.id, {
            ...rest,
            ...(establishedOn ? { establishedOn } : {}),
            ...(currentCents !== null && currentCents !== undefined ? { currentCents } : {}),
          } as never),
        );
      }}
    />
  );
}

function EditDebt({
  view,
  debt,
  close,
  onSaved,
}: {
  view: Trajectory;
  debt: Debt;
  close: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const specs: FieldSpec[] = [
    { name: 'creditorName', kind: 'text', label: t('schuldhulp.debts.creditor') },
    {
      name: 'schuldsoort',
      kind: 'select',
      label: t('schuldhulp.debts.soort'),
      options: SHV_SCHULDENSOORTEN.map((s) => ({ value: s, label: soortName(t, s) })),
    },
    { name: 'currentCents', kind: 'euros', label: t('schuldhulp.debts.currentField') },
    {
      name: 'status',
      kind: 'select',
      label: t('schuldhulp.debts.status'),
      options: DEBT_STATUSES.map((s) => ({ value: s, label: statusName(t, s) })),
    },
    { name: 'reference', kind: 'text', label: t('schuldhulp.debts.reference'), optional: true },
  ];
  const change = useDebtChange(view, () => {
    close();
    onSaved();
  });
  const initial: FormValues = Object.fromEntries(
    specs.map((s) => [s.name, initialValue(s, debt[s.name as keyof Debt])]),
  );
  return (
    <RecordForm
      prefix="shv-debt-edit"
      title={t('schuldhulp.debts.editOne', { name: debt.creditorName })}
      submitLabel={t('schuldhulp.form.save')}
      specs={specs}
      initial={initial}
      busy={change.isPending}
      error={change.error}
      onCancel={close}
      onSubmit={(body) =>
        change.mutate(() => schuldhulpApi.changeDebt(debt.id, { ...body, version: debt.version } as never))
      }
    />
  );
}

// --- Import ------------------------------------------------------------------------------------------------

function ImportSection({ view }: { view: Trajectory }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const upload = useMutation({
    mutationFn: async (f: File) => schuldhulpApi.importDebts(view.id, await f.text()),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.trajectory(view.id) });
      await queryClient.invalidateQueries({ queryKey: ['schuldhulp', 'list'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!file);
    if (file) upload.mutate(file);
  };
  const fileError = missing ? t('schuldhulp.import.chooseFile') : undefined;
  return (
    <Section id="shv-import" title={t('schuldhulp.import.title')}>
      <Paragraph>{t('schuldhulp.import.intro')}</Paragraph>
      <Paragraph>{t('schuldhulp.import.columns')}</Paragraph>
      {(missing || upload.isError) && (
        <ErrorAlert
          error={upload.error}
          message={missing ? t('errors.validation') : conflictMessage(t, upload.error)}
          fields={[{ id: 'shv-import-file', label: t('schuldhulp.import.file'), message: fileError }]}
        />
      )}
      <form onSubmit={submit} noValidate className="vangnet-form">
        <FileField
          id="shv-import-file"
          label={t('schuldhulp.import.file')}
          accept=".csv,.txt,text/csv"
          onChange={setFile}
          error={fileError}
        />
        <div>
          <Button
            type="submit"
            appearance="primary-action-button"
            busy={upload.isPending}
            disabled={upload.isPending}
          >
            {t('schuldhulp.import.submit')}
          </Button>
        </div>
      </form>
      {upload.data && <ImportResult result={upload.data} />}
    </Section>
  );
}

function ImportResult({ result }: { result: DebtImportResult }) {
  const { t } = useTranslation();
  const badLines = new Set(result.rejected.map((p) => p.row)).size;
  return (
    <>
      <FocusedSuccessAlert>
        <Paragraph>{t('schuldhulp.import.imported', { count: result.imported })}</Paragraph>
        {result.rejected.length > 0 && (
          <Paragraph>{t('schuldhulp.import.rejected', { count: badLines })}</Paragraph>
        )}
      </FocusedSuccessAlert>
      {result.rejected.length > 0 && (
        <>
          <Heading3>{t('schuldhulp.import.problemsTitle')}</Heading3>
          <DataTable caption={t('schuldhulp.import.problemsCaption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('schuldhulp.import.row')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('schuldhulp.import.column')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('schuldhulp.import.reason')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.rejected.map((p) => (
                <TableRow key={`${p.row}-${p.column ?? ''}-${p.code}`}>
                  <TableHeaderCell scope="row">{p.row}</TableHeaderCell>
                  <TableCell>{p.column || t('schuldhulp.import.wholeLine')}</TableCell>
                  <TableCell>
                    {t(`schuldhulp.import.codes.${p.code}` as 'schuldhulp.import.codes.required', {
                      defaultValue: p.reason,
                    })}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
        </>
      )}
    </>
  );
}
