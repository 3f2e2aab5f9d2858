// Names and badges of vroegsignalering values in the user's language. DDAS values (partner types, statuses)
// are shown verbatim: they are the national code lists.
import { StatusBadge } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MeldingFlag, MeldingSummary, SignalView } from '../api-vroegsignalering.ts';
import { formatDateTime, languageMeta } from '../i18n/index.ts';

/** A calendar date of the API (YYYY-MM-DD) as a date in the user's language, without a time-zone shift. */
export function formatIsoDate(value: string | null | undefined, style: 'medium' | 'long' = 'medium'): string {
  if (!value) return '';
  const day = value.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return value;
  return formatDateTime(`${day}T12:00:00`, { dateStyle: style });
}

/** Today as YYYY-MM-DD in the user's time zone (for date fields). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "november 2026" for the first day of a melding's period. */
export function formatPeriod(value: string): string {
  return formatDateTime(`${value.slice(0, 10)}T12:00:00`, { month: 'long', year: 'numeric' });
}

type Lookup = 'vs.flags' | 'vs.signalFlags' | 'vs.matchStatus' | 'vs.matchReasons' | 'vs.meldingStatus';

function label(t: TFunction, group: Lookup | `vs.${string}`, value: string): string {
  return t(`${group}.${value}` as 'vs.flags.crisis', { defaultValue: value });
}

export const MELDING_FLAGS: readonly MeldingFlag[] = [
  'crisis',
  'meervoudig',
  'opeenvolgend',
  'enkelvoudig',
  'knownToShv',
  'minorChildren',
];

export const flagLabel = (t: TFunction, flag: string) => label(t, 'vs.flags', flag);
export const signalFlagLabel = (t: TFunction, flag: string) => label(t, 'vs.signalFlags', flag);
export const matchStatusLabel = (t: TFunction, status: string) => label(t, 'vs.matchStatus', status);
export const matchReasonLabel = (t: TFunction, reason: string) => label(t, 'vs.matchReasons', reason);
export const meldingStatusLabel = (t: TFunction, status: string) => label(t, 'vs.meldingStatus', status);
export const importStatusLabel = (t: TFunction, status: string) => label(t, 'vs.importStatus', status);
export const deliveryChannelLabel = (t: TFunction, channel: string) =>
  label(t, 'vs.deliveryChannel', channel);
export const queueKindLabel = (t: TFunction, kind: string) => label(t, 'vs.queueKind', kind);
export const referralKindLabel = (t: TFunction, kind: string) => label(t, 'vs.referralKind', kind);
export const signalSourceLabel = (t: TFunction, source: string) => label(t, 'vs.signalSource', source);
export const matchingPeriodLabel = (t: TFunction, period: string) => label(t, 'vs.matchingPeriod', period);
export const brpStatusLabel = (t: TFunction, status: string) => label(t, 'vs.brpStatus', status);

/** The flags of a melding that hold, in a fixed order. */
export function meldingFlags(m: MeldingSummary): MeldingFlag[] {
  const holds: Record<MeldingFlag, boolean> = {
    crisis: m.isCrisis,
    meervoudig: m.meervoudig,
    opeenvolgend: m.opeenvolgend,
    enkelvoudig: m.enkelvoudig,
    knownToShv: m.knownToShv,
    minorChildren: m.hasMinorChildren,
  };
  return MELDING_FLAGS.filter((f) => holds[f]);
}

const FLAG_STATUS: Record<MeldingFlag, string> = {
  crisis: 'danger',
  meervoudig: 'warning',
  opeenvolgend: 'warning',
  enkelvoudig: 'neutral',
  knownToShv: 'neutral',
  minorChildren: 'neutral',
};

/** A crisis badge: the word "Crisis" with a warning sign, so it does not rely on colour alone. */
export function CrisisBadge() {
  const { t } = useTranslation();
  return (
    <StatusBadge status="danger" className="vangnet-badge vangnet-badge--crisis">
      <span aria-hidden="true">⚠ </span>
      {t('vs.flags.crisis')}
    </StatusBadge>
  );
}

/** The flags of a melding as status badges (text, with colour as an extra). */
export function MeldingFlagBadges({ melding }: { melding: MeldingSummary }) {
  const { t } = useTranslation();
  const flags = meldingFlags(melding);
  if (flags.length === 0) return <span className="vangnet-muted">{t('common.none')}</span>;
  return (
    <ul className="vangnet-badges">
      {flags.map((flag) => (
        <li key={flag}>
          {flag === 'crisis' ? (
            <CrisisBadge />
          ) : (
            <StatusBadge status={FLAG_STATUS[flag]} className="vangnet-badge">
              {flagLabel(t, flag)}
            </StatusBadge>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The crisis and other flags of one signal as badges. */
export function SignalFlagBadges({ signal }: { signal: SignalView }) {
  const { t } = useTranslation();
  if (!signal.isCrisis && signal.flags.length === 0) {
    return <span className="vangnet-muted">{t('common.none')}</span>;
  }
  return (
    <ul className="vangnet-badges">
      {signal.isCrisis && (
        <li>
          <CrisisBadge />
        </li>
      )}
      {signal.flags.map((flag) => (
        <li key={flag}>
          <StatusBadge status={flag === 'warmHandover' ? 'neutral' : 'warning'} className="vangnet-badge">
            {signalFlagLabel(t, flag)}
          </StatusBadge>
        </li>
      ))}
    </ul>
  );
}

/** A list of strings in the user's language: "Huur, Energie en Water". */
export function useListFormat(type: 'conjunction' | 'disjunction' = 'conjunction') {
  const { i18n } = useTranslation();
  const locale = languageMeta(i18n.language).locale;
  return (items: string[]) => {
    try {
      return new Intl.ListFormat(locale, { style: 'long', type }).format(items);
    } catch {
      return items.join(', ');
    }
  };
}
