// "Koppelen": signals the automatic matching could not tie to one resident. The worker sees the signal as the
// partner wrote it beside the ranked BRP candidates, and chooses one, or "Geen inwoner".
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Heading3,
  Paragraph,
} from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatchCandidate, MatchingQueueItem } from '../../api-vroegsignalering.ts';
import { vsApi } from '../../api-vroegsignalering.ts';
import { ConfirmAction, Loading, Pager, PermittedPage, useCursorPager } from '../../components/common.tsx';
import { ErrorAlert } from '../../components/problem.tsx';
import { formatNumber } from '../../i18n/index.ts';
import {
  brpStatusLabel,
  formatIsoDate,
  matchReasonLabel,
  matchStatusLabel,
  SignalFlagBadges,
  signalSourceLabel,
} from '../../vroegsignalering/labels.tsx';
import { formatEuros } from '../../vroegsignalering/money.ts';

export function KoppelenPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="vroegsignalering:manage"
      title={t('koppelen.title')}
      intro={t('koppelen.intro')}
    >
      <MatchingQueue />
    </PermittedPage>
  );
}

function MatchingQueue() {
  const { t } = useTranslation();
  const pager = useCursorPager('koppelen');
  const queryKey = ['koppelen', pager.cursor];
  const query = useQuery({ queryKey, queryFn: () => vsApi.matchingQueue(pager.cursor) });
  const [message, setMessage] = useState<string | null>(null);
  /** The signal whose heading gets focus after the one before it was handled. */
  const [focusId, setFocusId] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const queryClient = useQueryClient();

  useEffect(() => {
    if (focusId === null) return;
    const heading = document.getElementById(`signal-${focusId}`);
    if (heading) heading.focus();
    else statusRef.current?.focus();
    setFocusId(null);
  }, [focusId]);

  const handled = (item: MatchingQueueItem, text: string) => {
    const items = query.data?.items ?? [];
    const index = items.findIndex((i) => i.signal.id === item.signal.id);
    const next = items[index + 1] ?? items[index - 1];
    queryClient.setQueryData(queryKey, {
      items: items.filter((i) => i.signal.id !== item.signal.id),
      nextCursor: query.data?.nextCursor ?? null,
    });
    void queryClient.invalidateQueries({ queryKey: ['meldingen'] });
    setMessage(text);
    setFocusId(next ? next.signal.id : 'none');
  };

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const items = query.data.items;
  return (
    <>
      <div aria-live="polite" className="vangnet-live">
        {message && (
          <Paragraph ref={statusRef} tabIndex={-1} className="vangnet-alert-focus vangnet-done">
            {message}
          </Paragraph>
        )}
      </div>
      {items.length === 0 ? (
        <Paragraph>{pager.page > 1 ? t('koppelen.emptyPage') : t('koppelen.empty')}</Paragraph>
      ) : (
        <Paragraph>{t('koppelen.count', { count: items.length })}</Paragraph>
      )}
      {items.map((item) => (
        <MatchingItem key={item.signal.id} item={item} onHandled={handled} />
      ))}
      <Pager
        page={pager.page}
        nextCursor={query.data.nextCursor}
        onNext={pager.next}
        onPrevious={pager.previous}
      />
    </>
  );
}

function MatchingItem({
  item,
  onHandled,
}: {
  item: MatchingQueueItem;
  onHandled: (item: MatchingQueueItem, message: string) => void;
}) {
  const { t } = useTranslation();
  const { signal, candidates } = item;
  const from = signal.partnerName ?? signalSourceLabel(t, signal.source);
  const mutation = useMutation({
    mutationFn: (candidate: MatchCandidate | null) => vsApi.match(signal.id, candidate?.personId ?? null),
    onSuccess: (_, candidate) =>
      onHandled(
        item,
        candidate
          ? t('koppelen.matched', { signal: signal.naam, person: candidate.naam })
          : t('koppelen.noResidentDone', { signal: signal.naam }),
      ),
  });
  const headingId = `signal-${signal.id}`;
  return (
    <article className="vangnet-match" aria-labelledby={headingId}>
      <Heading2 id={headingId} tabIndex={-1} className="vangnet-match__title">
        {signal.partnerName
          ? t('koppelen.signalTitle', { name: signal.naam, from })
          : t('koppelen.signalTitleSource', { name: signal.naam, source: from.toLowerCase() })}
      </Heading2>
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <div className="vangnet-match__columns">
        <section className="vangnet-match__signal" aria-labelledby={`${headingId}-given`}>
          <Heading3 id={`${headingId}-given`}>{t('koppelen.asDelivered')}</Heading3>
          <DataList>
            <Fact label={t('koppelen.name')} value={signal.naam} />
            <Fact
              label={t('koppelen.birthDate')}
              value={signal.geboortedatum ? formatIsoDate(signal.geboortedatum) : t('koppelen.notGiven')}
            />
            <Fact label={t('koppelen.address')} value={signal.adres ?? t('koppelen.notGiven')} />
            <Fact
              label={t('koppelen.partner')}
              value={signal.partnerType ? `${from} (${signal.partnerType})` : from}
            />
            <Fact label={t('koppelen.amount')} value={formatEuros(signal.amountCents)} />
            <Fact label={t('koppelen.signalDate')} value={formatIsoDate(signal.signalDate)} />
            <DataListItem>
              <DataListKey>{t('meldingen.flags')}</DataListKey>
              <DataListValue>
                <SignalFlagBadges signal={signal} />
              </DataListValue>
            </DataListItem>
            <Fact
              label={t('koppelen.why')}
              value={[
                matchStatusLabel(t, signal.matchStatus),
                ...signal.matchReasons.map((r) => matchReasonLabel(t, r)),
              ].join('. ')}
            />
          </DataList>
        </section>
        <section className="vangnet-match__candidates" aria-labelledby={`${headingId}-candidates`}>
          <Heading3 id={`${headingId}-candidates`}>{t('koppelen.candidates')}</Heading3>
          {candidates.length === 0 ? (
            <Paragraph>{t('koppelen.noCandidates')}</Paragraph>
          ) : (
            <ol className="vangnet-candidates">
              {candidates.map((c) => (
                <li key={c.personId} className="vangnet-candidate">
                  <DataList>
                    <Fact label={t('koppelen.name')} value={c.naam} />
                    <Fact label={t('koppelen.birthDate')} value={formatIsoDate(c.geboortedatum)} />
                    <Fact label={t('koppelen.address')} value={c.adres} />
                    <Fact
                      label={t('koppelen.score')}
                      value={t('koppelen.scoreValue', {
                        score: formatNumber(c.score, { style: 'percent', maximumFractionDigits: 0 }),
                      })}
                    />
                    {c.brpStatus !== 'ingeschreven' && (
                      <Fact label={t('koppelen.brpStatus')} value={brpStatusLabel(t, c.brpStatus)} />
                    )}
                    <DataListItem>
                      <DataListKey>{t('koppelen.reasons')}</DataListKey>
                      <DataListValue>
                        <ul className="vangnet-reasons">
                          {c.reasons.map((r) => (
                            <li key={r}>{matchReasonLabel(t, r)}</li>
                          ))}
                        </ul>
                      </DataListValue>
                    </DataListItem>
                  </DataList>
                  <ButtonGroup>
                    <Button
                      appearance="primary-action-button"
                      busy={mutation.isPending && mutation.variables?.personId === c.personId}
                      disabled={mutation.isPending}
                      onClick={() => mutation.mutate(c)}
                      aria-describedby={`${headingId}-candidate-${c.personId}`}
                    >
                      {t('koppelen.match')}
                    </Button>
                    <span id={`${headingId}-candidate-${c.personId}`} className="vangnet-visually-hidden">
                      {c.naam}, {formatIsoDate(c.geboortedatum)}
                    </span>
                  </ButtonGroup>
                </li>
              ))}
            </ol>
          )}
          <div className="vangnet-match__none">
            <ConfirmAction
              label={t('koppelen.noResident')}
              question={t('koppelen.noResidentQuestion', { name: signal.naam })}
              confirmLabel={t('koppelen.noResidentConfirm')}
              onConfirm={() => mutation.mutate(null)}
              busy={mutation.isPending && mutation.variables === null}
            />
          </div>
        </section>
      </div>
    </article>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>{value}</DataListValue>
    </DataListItem>
  );
}
