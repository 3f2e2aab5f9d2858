// The societal price list (maatschappelijke prijslijst), versioned per municipality: the versions, the items of one
// version (amount, year, source, confidence, and the amount indexed to this year with the version's index), and
// the import of a new version from a CSV file in the documented format. The server takes a file whole or not at
// all; every bad line is shown (row, column, reason) and the good lines can be imported on their own (the server
// leaves the bad lines out itself, so it counts lines exactly as it parsed them).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../api.ts';
import { DataTable, Loading, RequirePermission } from '../../components/common.tsx';
import { FileField, TextAreaField, TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { type AlertField, ErrorAlert, FocusedSuccessAlert } from '../../components/problem.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { hasPermission, useSession } from '../../session.ts';
import { formatIsoDate, todayIso } from '../../vroegsignalering/labels.tsx';
import { businessCaseApi, keys, type PriceListSummary, type PriceListVersion } from './api.ts';
import {
  bcFieldErrors,
  confidenceName,
  formatDecimal,
  formatEuros,
  indexedCents,
  ownCodeMessage,
  parseDecimal,
  riskName,
  Section,
  unitName,
} from './parts.tsx';

const READERS = ['aggregates:read', 'businesscase:manage', 'interventions:manage'] as const;

// --- Versions ----------------------------------------------------------------------------------------------

export function PriceListPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <RequirePermission anyOf={[...READERS]}>
      <PriceListTitle />
      <Paragraph>{t('businesscase.prices.intro')}</Paragraph>
      <Versions />
      {hasPermission(session, 'businesscase:manage') && <ImportSection />}
    </RequirePermission>
  );
}

function PriceListTitle() {
  const { t } = useTranslation();
  usePageTitle(t('businesscase.prices.title'));
  return <Heading1>{t('businesscase.prices.title')}</Heading1>;
}

function Versions() {
  const { t } = useTranslation();
  const session = useSession();
  const list = useQuery({
    queryKey: keys.priceLists(session?.activeMunicipality?.id),
    queryFn: () => businessCaseApi.priceLists(),
  });
  return (
    <Section id="pl-versions" title={t('businesscase.prices.versionsTitle')}>
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && list.data.length === 0 && <Paragraph>{t('businesscase.prices.noVersions')}</Paragraph>}
      {list.data && list.data.length > 0 && <VersionTable versions={list.data} />}
    </Section>
  );
}

function VersionTable({ versions }: { versions: PriceListSummary[] }) {
  const { t } = useTranslation();
  return (
    <DataTable caption={t('businesscase.prices.versionsCaption')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('businesscase.prices.version')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('businesscase.prices.validFrom')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('businesscase.prices.indexPercent')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('businesscase.prices.itemCount')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('businesscase.prices.savedBy')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('businesscase.prices.note')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {versions.map((v) => (
          <TableRow key={v.id}>
            <TableHeaderCell scope="row">
              <AppLink to="/businesscase/prijslijst/$versionId" params={{ versionId: v.id }}>
                {t('businesscase.prices.versionName', { version: v.version })}
              </AppLink>
            </TableHeaderCell>
            <TableCell>{formatIsoDate(v.validFrom)}</TableCell>
            <TableCell>
              {t('businesscase.prices.percentPerYear', { percent: formatDecimal(v.indexPercent) })}
            </TableCell>
            <TableCell>{v.itemCount}</TableCell>
            <TableCell>
              {t('businesscase.prices.savedOn', {
                date: formatIsoDate(v.createdAt),
                name: v.createdByName ?? t('businesscase.prices.unknownUser'),
              })}
            </TableCell>
            <TableCell>{v.note}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </DataTable>
  );
}

// --- One version -------------------------------------------------------------------------------------------

export function PriceListVersionPage({ versionId }: { versionId: string }) {
  return (
    <RequirePermission anyOf={[...READERS]}>
      <VersionView versionId={versionId} />
    </RequirePermission>
  );
}

function VersionView({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const version = useQuery({
    queryKey: keys.priceList(versionId),
    queryFn: () => businessCaseApi.priceList(versionId),
    retry: false,
  });
  const title = version.data
    ? t('businesscase.prices.versionTitle', { version: version.data.version })
    : t('businesscase.prices.title');
  usePageTitle(title);
  return (
    <>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <AppLink to="/businesscase/prijslijst">{t('businesscase.prices.back')}</AppLink>
      </Paragraph>
      {version.isPending && <Loading />}
      {version.isError && <ErrorAlert error={version.error} />}
      {version.data && <VersionItems version={version.data} />}
    </>
  );
}

function VersionItems({ version }: { version: PriceListVersion }) {
  const { t } = useTranslation();
  const year = Number(todayIso().slice(0, 4));
  return (
    <>
      <Paragraph>
        {t('businesscase.prices.versionFacts', {
          date: formatIsoDate(version.validFrom),
          percent: formatDecimal(version.indexPercent),
          savedOn: formatIsoDate(version.createdAt),
          name: version.createdByName ?? t('businesscase.prices.unknownUser'),
        })}
      </Paragraph>
      {version.note && <Paragraph>{version.note}</Paragraph>}
      <DataTable caption={t('businesscase.prices.itemsCaption', { version: version.version })}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('businesscase.prices.item')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.prices.amount')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.prices.priceYear')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.prices.indexed', { year })}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.prices.source')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('businesscase.prices.confidence')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {version.items.map((i) => (
            <TableRow key={i.code}>
              <TableHeaderCell scope="row">
                {riskName(t, i.code, i.label)} <span className="vangnet-bc-code">({i.code})</span>
              </TableHeaderCell>
              <TableCell>
                {formatEuros(i.amountCents)} {unitName(t, i.unit)}
              </TableCell>
              <TableCell>{i.priceYear}</TableCell>
              <TableCell>
                {formatEuros(indexedCents(i.amountCents, i.priceYear, year, version.indexPercent))}
              </TableCell>
              <TableCell>
                {i.source}
                {i.isExample && (
                  <span className="vangnet-bc-example"> {t('businesscase.prices.example')}</span>
                )}
              </TableCell>
              <TableCell>{confidenceName(t, i.confidence)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
      {version.items.length === 0 && <Paragraph>{t('businesscase.prices.noItems')}</Paragraph>}
      <Paragraph small>{t('businesscase.prices.indexExplained', { year })}</Paragraph>
    </>
  );
}

// --- Import ------------------------------------------------------------------------------------------------

/** One problem of an import: the line of the file (2 is the first line after the header) and the column. */
export interface LineProblem {
  row: number | null;
  column: string | null;
  message: string;
}

const COLUMN_OF_FIELD: Record<string, string> = { source: 'bron' };

/** The problems of a refused import, by line and column, in the user's language where the code is known. */
export function lineProblems(t: TFunction, error: unknown): LineProblem[] {
  if (!isApiProblem(error)) return [];
  const out: LineProblem[] = [];
  for (const p of error.invalidParams) {
    const line = /^body\.csv\.line(\d+)\.(\w+)$/.exec(p.name);
    const column = /^body\.csv\.(\w+)$/.exec(p.name);
    if (!line && !column && p.name !== 'body.csv') continue;
    const col = line ? (COLUMN_OF_FIELD[line[2] ?? ''] ?? line[2] ?? null) : (column?.[1] ?? null);
    const message =
      ownCodeMessage(t, p.code) ??
      (p.code === 'invalid' && col
        ? t(`businesscase.import.invalid.${col}` as 'businesscase.import.invalid.bedrag', {
            defaultValue: p.reason,
          })
        : p.reason);
    out.push({ row: line ? Number(line[1]) : null, column: col, message });
  }
  return out;
}

/**
 * The file without the lines the server refused. Lines are counted as the server counts them: the header is line 1,
 * empty lines do not count.
 */
export function withoutLines(csv: string, rows: ReadonlySet<number>): { csv: string; kept: number } {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header = '', ...records] = lines;
  const kept = records.filter((_, i) => !rows.has(i + 2));
  return { csv: `${[header, ...kept].join('\n')}\n`, kept: kept.length };
}

type ImportBody = {
  csv: string;
  validFrom: string;
  indexPercent: number;
  note: string;
  keepValidLines?: boolean;
};

function ImportSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [validFrom, setValidFrom] = useState(todayIso());
  const [index, setIndex] = useState('0');
  const [note, setNote] = useState('');
  const [own, setOwn] = useState<Record<string, string>>({});
  const [sent, setSent] = useState<ImportBody | null>(null);
  const upload = useMutation({
    mutationFn: (body: ImportBody) => {
      setSent(body);
      return businessCaseApi.importPriceList(body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.all });
    },
  });
  const server = bcFieldErrors(t, upload.error);
  const errors = {
    file: own.file,
    validFrom: own.validFrom ?? server.validFrom,
    index: own.index ?? server.indexPercent,
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!file) found.file = t('businesscase.import.chooseFile');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(validFrom)) found.validFrom = t('errors.required');
    const indexPercent = parseDecimal(index);
    if (indexPercent === null || indexPercent < -20 || indexPercent > 50)
      found.index = t('businesscase.scenario.indexInvalid');
    setOwn(found);
    if (Object.keys(found).length > 0 || !file || indexPercent === null) return;
    upload.mutate({ csv: await file.text(), validFrom, indexPercent, note: note.trim() });
  };
  const problems = lineProblems(t, upload.error);
  const badRows = new Set(problems.map((p) => p.row).filter((r): r is number => r !== null));
  const wholeFile = problems.some((p) => p.row === null);
  const rest = sent && badRows.size > 0 && !wholeFile ? withoutLines(sent.csv, badRows) : null;
  const fields: AlertField[] = [
    { id: 'pl-file', label: t('businesscase.import.file'), message: errors.file },
    { id: 'pl-valid-from', label: t('businesscase.prices.validFrom'), message: errors.validFrom },
    { id: 'pl-index', label: t('businesscase.prices.indexPercent'), message: errors.index },
  ];
  const invalidForm = Object.keys(own).length > 0;
  return (
    <Section id="pl-import" title={t('businesscase.import.title')}>
      <Paragraph>{t('businesscase.import.intro')}</Paragraph>
      <Paragraph>
        <code className="vangnet-bc-code">
          code;omschrijving;bedrag;eenheid;prijsjaar;bron;betrouwbaarheid
        </code>
      </Paragraph>
      <Paragraph>{t('businesscase.import.columns')}</Paragraph>
      {(invalidForm || upload.isError) && (
        <ErrorAlert
          error={upload.error}
          message={
            invalidForm
              ? t('errors.validation')
              : problems.length > 0
                ? t('businesscase.import.refused', { count: badRows.size || 1 })
                : undefined
          }
          fields={fields}
        />
      )}
      {upload.data && (
        <FocusedSuccessAlert>
          <Paragraph>
            {t('businesscase.import.done', { version: upload.data.version, count: upload.data.items.length })}
          </Paragraph>
          {upload.data.skippedLines.length > 0 && (
            <Paragraph>
              {t('businesscase.import.skipped', {
                count: new Set(upload.data.skippedLines.map((p) => p.name.split('.').slice(0, 3).join('.')))
                  .size,
              })}
            </Paragraph>
          )}
          <Paragraph>
            <AppLink to="/businesscase/prijslijst/$versionId" params={{ versionId: upload.data.id }}>
              {t('businesscase.import.openVersion', { version: upload.data.version })}
            </AppLink>
          </Paragraph>
        </FocusedSuccessAlert>
      )}
      {problems.length > 0 && (
        <>
          <Heading3>{t('businesscase.import.problemsTitle')}</Heading3>
          <DataTable caption={t('businesscase.import.problemsCaption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('businesscase.import.row')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.import.column')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.import.reason')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {problems.map((p) => (
                <TableRow key={`${p.row ?? 'file'}-${p.column ?? ''}-${p.message}`}>
                  <TableHeaderCell scope="row">{p.row ?? t('businesscase.import.wholeFile')}</TableHeaderCell>
                  <TableCell>{p.column ?? '-'}</TableCell>
                  <TableCell>{p.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
          {rest && sent && rest.kept > 0 && (
            <>
              <Paragraph>{t('businesscase.import.goodLines', { count: rest.kept })}</Paragraph>
              <ButtonGroup>
                <Button
                  appearance="secondary-action-button"
                  busy={upload.isPending}
                  onClick={() => upload.mutate({ ...sent, keepValidLines: true })}
                >
                  {t('businesscase.import.importGood', { count: rest.kept })}
                </Button>
              </ButtonGroup>
            </>
          )}
        </>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate className="vangnet-form">
        <FileField
          id="pl-file"
          label={t('businesscase.import.file')}
          accept=".csv,.txt,text/csv"
          onChange={setFile}
          error={errors.file}
        />
        <TextField
          id="pl-valid-from"
          label={t('businesscase.prices.validFrom')}
          description={t('businesscase.import.validFromHint')}
          type="date"
          value={validFrom}
          onChange={setValidFrom}
          error={errors.validFrom}
        />
        <TextField
          id="pl-index"
          label={t('businesscase.prices.indexPercent')}
          description={t('businesscase.import.indexHint')}
          value={index}
          onChange={setIndex}
          error={errors.index}
          inputMode="decimal"
        />
        <TextAreaField
          id="pl-note"
          label={t('businesscase.prices.note')}
          value={note}
          onChange={setNote}
          optional
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={upload.isPending}>
            {t('businesscase.import.submit')}
          </Button>
        </ButtonGroup>
      </form>
    </Section>
  );
}
