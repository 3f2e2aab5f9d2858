// The schuldhulpverlener's caseload: trajectories with their phase and the statutory clocks (the most urgent open
// one, and any that were met late), filtered by owner, phase and clock; and the open reminders of the clocks.
import { useQuery } from '@tanstack/react-query';
import {
  Heading2,
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHV_PHASES } from '../../../shared/ddas-shv.ts';
import { DataTable, Loading, Pager, PermittedPage, useCursorPager } from '../../components/common.tsx';
import { SelectField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert } from '../../components/problem.tsx';
import { formatIsoDate } from '../../vroegsignalering/labels.tsx';
import { formatEuros } from '../../vroegsignalering/money.ts';
import { keys, type Reminder, schuldhulpApi, type TrajectorySummary } from './api.ts';
import { ClockBadge, clockName, MetLateBadge, phaseName } from './parts.tsx';
import './schuldhulp.css';

export function SchuldhulpCaseloadPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="schuldhulp:read"
      title={t('schuldhulp.caseload.title')}
      intro={t('schuldhulp.caseload.intro')}
    >
      <Reminders />
      <Caseload />
    </PermittedPage>
  );
}

/** The names of the residents of a trajectory, or the day of the help request when none is linked. */
export function trajectoryLabel(t: TFunction, s: Pick<TrajectorySummary, 'clients' | 'requestedOn'>): string {
  const names = s.clients.map((c) => c.name).filter(Boolean);
  return names.length > 0
    ? names.join(t('schuldhulp.and'))
    : String(t('schuldhulp.caseload.unnamed', { date: formatIsoDate(s.requestedOn) }));
}

function Caseload() {
  const { t } = useTranslation();
  const [mine, setMine] = useState('true');
  const [fase, setFase] = useState('');
  const [klok, setKlok] = useState('');
  const filter = { mine, fase: fase || undefined, klok: klok || undefined };
  const pager = useCursorPager(JSON.stringify(filter));
  const query = { ...filter, limit: 50, cursor: pager.cursor ?? undefined };
  const list = useQuery({ queryKey: keys.list(query), queryFn: () => schuldhulpApi.trajectories(query) });
  return (
    <section className="vangnet-section" aria-labelledby="shv-list">
      <Heading2 id="shv-list">{t('schuldhulp.caseload.listTitle')}</Heading2>
      <div className="vangnet-filters__fields">
        <SelectField
          id="shv-mine"
          label={t('schuldhulp.caseload.who')}
          value={mine}
          onChange={setMine}
          options={[
            { value: 'true', label: t('schuldhulp.caseload.mine') },
            { value: 'false', label: t('schuldhulp.caseload.everyone') },
          ]}
        />
        <SelectField
          id="shv-fase"
          label={t('schuldhulp.caseload.phase')}
          value={fase}
          onChange={setFase}
          options={[
            { value: '', label: t('schuldhulp.caseload.allPhases') },
            ...SHV_PHASES.map((p) => ({ value: p, label: phaseName(t, p) })),
          ]}
        />
        <SelectField
          id="shv-klok"
          label={t('schuldhulp.caseload.clock')}
          value={klok}
          onChange={setKlok}
          options={[
            { value: '', label: t('schuldhulp.caseload.allClocks') },
            { value: 'overdue', label: t('schuldhulp.caseload.overdueOnly') },
            { value: 'due_soon', label: t('schuldhulp.caseload.dueSoonOnly') },
          ]}
        />
      </div>
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && (
        <>
          <DataTable caption={t('schuldhulp.caseload.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('schuldhulp.caseload.clients')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('schuldhulp.caseload.phase')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('schuldhulp.caseload.requestedOn')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('schuldhulp.caseload.nextClock')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('schuldhulp.caseload.metLate')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('schuldhulp.caseload.counsellor')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('schuldhulp.caseload.debts')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.map((s) => (
                <CaseloadRow key={s.id} s={s} />
              ))}
            </TableBody>
          </DataTable>
          {list.data.items.length === 0 && <Paragraph>{t('schuldhulp.caseload.empty')}</Paragraph>}
          <Pager
            page={pager.page}
            nextCursor={list.data.nextCursor}
            onNext={pager.next}
            onPrevious={pager.previous}
          />
        </>
      )}
    </section>
  );
}

function CaseloadRow({ s }: { s: TrajectorySummary }) {
  const { t } = useTranslation();
  return (
    <TableRow>
      <TableHeaderCell scope="row">
        <AppLink to="/schuldhulp/trajecten/$trajectoryId" params={{ trajectoryId: s.id }}>
          {trajectoryLabel(t, s)}
        </AppLink>
      </TableHeaderCell>
      <TableCell>
        {phaseName(t, s.phase)}
        {s.isThreatening && (
          <>
            <br />
            <span className="vangnet-shv-flag">{t('schuldhulp.caseload.threatening')}</span>
          </>
        )}
        {s.crisis && (
          <>
            <br />
            <span className="vangnet-shv-flag">{t('schuldhulp.caseload.crisis')}</span>
          </>
        )}
      </TableCell>
      <TableCell>{formatIsoDate(s.requestedOn)}</TableCell>
      <TableCell>
        {s.nextClock ? (
          <>
            {clockName(t, s.nextClock.clock)}: <ClockBadge clock={s.nextClock} />
          </>
        ) : (
          t('schuldhulp.caseload.noOpenClock')
        )}
      </TableCell>
      <TableCell>
        {s.clocksMetLate.length === 0
          ? t('schuldhulp.caseload.none')
          : s.clocksMetLate.map((c) => <MetLateBadge key={c} clock={c} />)}
      </TableCell>
      <TableCell>{s.counsellor?.name ?? t('schuldhulp.caseload.noCounsellor')}</TableCell>
      <TableCell>{formatEuros(s.debtCurrentCents)}</TableCell>
    </TableRow>
  );
}

/** The open reminders of the clocks for the caller (the job writes them for the trajectory's counsellor). */
function Reminders() {
  const { t } = useTranslation();
  const reminders = useQuery({
    queryKey: keys.reminders(false),
    queryFn: () => schuldhulpApi.reminders(false),
  });
  return (
    <section className="vangnet-section" aria-labelledby="shv-reminders">
      <Heading2 id="shv-reminders">{t('schuldhulp.reminders.title')}</Heading2>
      {reminders.isPending && <Loading />}
      {reminders.isError && <ErrorAlert error={reminders.error} />}
      {reminders.data &&
        (reminders.data.items.length === 0 ? (
          <Paragraph>{t('schuldhulp.reminders.none')}</Paragraph>
        ) : (
          <UnorderedList>
            {reminders.data.items.map((r) => (
              <ReminderItem key={r.id} r={r} />
            ))}
          </UnorderedList>
        ))}
    </section>
  );
}

export function ReminderItem({ r, link = true }: { r: Reminder; link?: boolean }) {
  const { t } = useTranslation();
  const text = t(`schuldhulp.reminders.${r.kind}`, {
    clock: clockName(t, r.clock),
    date: formatIsoDate(r.dueOn),
  });
  return (
    <UnorderedListItem>
      {link ? (
        <AppLink to="/schuldhulp/trajecten/$trajectoryId" params={{ trajectoryId: r.trajectoryId }}>
          {text}
        </AppLink>
      ) : (
        text
      )}
    </UnorderedListItem>
  );
}
