// Non-take-up: the outreach list of the batch scan (households that probably miss toeslagen or local schemes,
// highest amount first) and the scan of one household with reasons, what to check and how to apply.
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
  Link,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, PagedTable, PermittedPage, QueryView } from '../../components/common.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert, problemFieldErrors, SuccessAlert } from '../../components/problem.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import { type HuishoudenScan, type OutreachItem, rekenApi } from './api.ts';
import { euro, statusLabel } from './CalculatorPage.tsx';

const lang = (language: string): 'nl' | 'en' => (language === 'en' ? 'en' : 'nl');

export function NietGebruikPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="niet_gebruik:read"
      title={t('nietGebruik.title')}
      intro={t('nietGebruik.intro')}
    >
      <OutreachList />
    </PermittedPage>
  );
}

function OutreachList() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const runs = useQuery({ queryKey: ['nietGebruik', 'runs'], queryFn: () => rekenApi.scans(null, 10) });
  const [chosen, setChosen] = useState<string>('');
  const [peildatum, setPeildatum] = useState('');
  const start = useMutation({
    mutationFn: () => rekenApi.startScan(peildatum || undefined),
    onSuccess: async (run) => {
      setChosen(run.id);
      await queryClient.invalidateQueries({ queryKey: ['nietGebruik'] });
    },
  });
  const errors = problemFieldErrors(t, start.error);
  const runId = chosen || runs.data?.items[0]?.id || '';
  const run = runs.data?.items.find((r) => r.id === runId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  const l = lang(i18n.language);
  return (
    <>
      <Heading2>{t('nietGebruik.startTitle')}</Heading2>
      <form onSubmit={submit} noValidate className="vangnet-form">
        <TextField
          id="peildatum"
          type="date"
          label={t('berekeningen.velden.peildatum')}
          description={t('nietGebruik.peildatumHelp')}
          value={peildatum}
          onChange={setPeildatum}
          error={errors.peildatum}
          optional
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={start.isPending}>
            {t('nietGebruik.start')}
          </Button>
        </ButtonGroup>
      </form>
      {start.isError && <ErrorAlert error={start.error} />}
      {start.data && (
        <SuccessAlert>
          {t('nietGebruik.started', {
            households: start.data.huishoudens,
            hits: start.data.huishoudensMetKansen,
          })}
        </SuccessAlert>
      )}
      <Heading2>{t('nietGebruik.listTitle')}</Heading2>
      {runs.isPending && <Loading />}
      {runs.isError && <ErrorAlert error={runs.error} />}
      {runs.data && runs.data.items.length === 0 && <Paragraph>{t('nietGebruik.noRuns')}</Paragraph>}
      {runs.data && runs.data.items.length > 0 && (
        <SelectField
          id="scan"
          label={t('nietGebruik.chooseRun')}
          value={runId}
          onChange={setChosen}
          options={runs.data.items.map((r) => ({
            value: r.id,
            label: t('nietGebruik.runLabel', {
              date: formatDateTime(r.gestartOp),
              peildatum: r.peildatum,
              hits: r.huishoudensMetKansen,
            }),
          }))}
        />
      )}
      {run && (
        <>
          <DataList>
            <DataListItem>
              <DataListKey>{t('nietGebruik.households')}</DataListKey>
              <DataListValue>{run.huishoudens}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('nietGebruik.householdsWithHits')}</DataListKey>
              <DataListValue>{run.huishoudensMetKansen}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('nietGebruik.totalPerYear')}</DataListKey>
              <DataListValue>{euro(run.totaalPerJaar)}</DataListValue>
            </DataListItem>
          </DataList>
          <PagedTable<OutreachItem & { id: string }>
            queryKey={['nietGebruik', 'list', run.id]}
            load={async (cursor) => {
              const page = await rekenApi.outreach(run.id, cursor);
              return { ...page, items: page.items.map((i) => ({ ...i, id: i.householdId })) };
            }}
            caption={t('nietGebruik.caption')}
            columns={[
              {
                header: t('nietGebruik.name'),
                cell: (i) => (
                  <AppLink
                    to="/berekeningen/huishoudens/$householdId"
                    params={{ householdId: i.householdId }}
                    search={{ peildatum: run.peildatum }}
                  >
                    {i.naam || t('nietGebruik.unknownName')}
                  </AppLink>
                ),
              },
              { header: t('nietGebruik.address'), cell: (i) => i.adres },
              {
                header: t('nietGebruik.provisions'),
                cell: (i) => (
                  <ul className="vangnet-plain-list">
                    {i.kansen.map((k) => (
                      <li key={`${k.voorziening}-${k.regelingId ?? ''}`}>
                        {k.naam[l]}: {euro(k.bedragPerJaar)}
                      </li>
                    ))}
                  </ul>
                ),
              },
              { header: t('nietGebruik.perYear'), cell: (i) => euro(i.totaalPerJaar) },
            ]}
          />
        </>
      )}
    </>
  );
}

export function HuishoudenScanPage({ householdId, peildatum }: { householdId: string; peildatum?: string }) {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="niet_gebruik:read"
      title={t('nietGebruik.householdTitle')}
      intro={t('nietGebruik.householdIntro')}
    >
      <Paragraph>
        <AppLink to="/berekeningen/niet-gebruik">{t('nietGebruik.backToList')}</AppLink>
      </Paragraph>
      <QueryView
        queryKey={['nietGebruik', 'household', householdId, peildatum ?? '']}
        queryFn={() => rekenApi.huishoudenScan(householdId, peildatum)}
      >
        {(scan) => <HouseholdScan scan={scan} />}
      </QueryView>
    </PermittedPage>
  );
}

function HouseholdScan({ scan }: { scan: HuishoudenScan }) {
  const { t, i18n } = useTranslation();
  const l = lang(i18n.language);
  const h = scan.huishouden;
  return (
    <>
      <Heading2>{t('nietGebruik.situation')}</Heading2>
      <DataList>
        <DataListItem>
          <DataListKey>{t('berekeningen.velden.peildatum')}</DataListKey>
          <DataListValue>{scan.peildatum}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('berekeningen.velden.leefsituatie')}</DataListKey>
          <DataListValue>
            {t(`berekeningen.leefsituaties.${h.leefsituatie}` as 'berekeningen.leefsituaties.gehuwd')}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('nietGebruik.persons')}</DataListKey>
          <DataListValue>
            {t('nietGebruik.personsValue', { persons: h.personen, children: h.kinderen })}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('nietGebruik.netIncome')}</DataListKey>
          <DataListValue>{euro(h.nettoMaandinkomen)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('nietGebruik.norm')}</DataListKey>
          <DataListValue>
            {euro(h.bijstandsnorm)} (
            {t('nietGebruik.percentOfNorm', { percent: h.inkomenAlsPercentageVanNorm })})
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('nietGebruik.receives')}</DataListKey>
          <DataListValue>
            {scan.invoer.ontvangt.length ? scan.invoer.ontvangt.join(', ') : t('nietGebruik.nothing')}
          </DataListValue>
        </DataListItem>
      </DataList>
      <Heading2>{t('nietGebruik.missed', { count: scan.kansen.length })}</Heading2>
      {scan.kansen.length === 0 && <Paragraph>{t('nietGebruik.noneMissed')}</Paragraph>}
      {scan.kansen.length > 0 && (
        <Paragraph>
          {t('nietGebruik.total', { month: euro(scan.totaalPerMaand), year: euro(scan.totaalPerJaar) })}
        </Paragraph>
      )}
      {scan.kansen.map((k) => (
        <section key={`${k.voorziening}-${k.regelingId ?? ''}`} className="vangnet-kans">
          <Heading3>{k.naam[l]}</Heading3>
          <Paragraph>
            {t('nietGebruik.amount', { month: euro(k.bedragPerMaand), year: euro(k.bedragPerJaar) })} (
            {t('berekeningen.betrouwbaarheid').toLowerCase()}: {statusLabel(t, k.betrouwbaarheid)})
          </Paragraph>
          <Paragraph>{k.reden[l]}</Paragraph>
          <Paragraph>
            <strong>{t('nietGebruik.check')}</strong>
          </Paragraph>
          <UnorderedList>
            {k.controleren[l].map((c) => (
              <UnorderedListItem key={c}>{c}</UnorderedListItem>
            ))}
          </UnorderedList>
          <Paragraph>
            <strong>{t('nietGebruik.apply')}</strong> {k.aanvragen[l]}
            {k.aanvraagUrl && (
              <>
                {' '}
                <Link href={k.aanvraagUrl}>{t('nietGebruik.applyLink', { name: k.naam[l] })}</Link>
              </>
            )}
          </Paragraph>
        </section>
      ))}
      <Heading2>{t('berekeningen.waarschuwingen')}</Heading2>
      <UnorderedList lang={l === 'nl' ? undefined : 'nl'}>
        {scan.waarschuwingen.map((w) => (
          <UnorderedListItem key={w}>{w}</UnorderedListItem>
        ))}
      </UnorderedList>
    </>
  );
}
