// "Bestanden": a partner's file of signals (CSV or XLSX). Choose the partner and the file, look at a preview,
// check which column holds what, import; then follow the import and correct the lines that were quarantined.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  FormFieldDescription,
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
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SIGNAL_FIELDS } from '../../../shared/schemas/signals.ts';
import { isApiProblem } from '../../api.ts';
import {
  type FileMapping,
  type FilePreview,
  type ImportLine,
  type SignalImport,
  vsApi,
} from '../../api-vroegsignalering.ts';
import { codeMessage } from '../../components/codes.ts';
import {
  ConfirmAction,
  DataTable,
  Loading,
  Pager,
  PermittedPage,
  QueryView,
  useCursorPager,
} from '../../components/common.tsx';
import { FileField, SelectField, TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { ErrorAlert, type FieldErrors, problemFieldErrors, SuccessAlert } from '../../components/problem.tsx';
import { formatDateTime, formatNumber } from '../../i18n/index.ts';
import { importStatusLabel } from '../../vroegsignalering/labels.tsx';

type SignalField = (typeof SIGNAL_FIELDS)[number];

/** The fields a file must provide (as the server checks them: import/fields.ts REQUIRED_FIELDS). */
const REQUIRED: readonly SignalField[] = ['achternaam', 'amountCents', 'signalDate'];

/** The mapping editor's groups; fields not listed here end up under "Overig", so a new field is never lost. */
const GROUPS: { key: string; fields: SignalField[] }[] = [
  { key: 'required', fields: ['achternaam', 'amountCents', 'signalDate'] },
  {
    key: 'address',
    fields: ['postcode', 'huisnummer', 'huisletter', 'toevoeging', 'straat', 'woonplaats', 'bsn'],
  },
  {
    key: 'person',
    fields: ['voornamen', 'voorletters', 'voorvoegsel', 'geboortedatum', 'telefoon', 'email'],
  },
  {
    key: 'arrears',
    fields: ['arrearsSince', 'monthsInArrears', 'daysInArrears', 'customerNumber', 'externalId'],
  },
  {
    key: 'crisis',
    fields: [
      'endOfSupply',
      'endOfSupplyDate',
      'evictionAnnounced',
      'evictionDate',
      'insuranceTermination',
      'warmHandover',
    ],
  },
];
const OTHER: SignalField[] = SIGNAL_FIELDS.filter((f) => !GROUPS.some((g) => g.fields.includes(f)));
const MAPPING_GROUPS = [...GROUPS, { key: 'other', fields: OTHER }];

const ACCEPT = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

function usePartners() {
  return useQuery({ queryKey: ['signaalpartners', 'all'], queryFn: vsApi.allPartners });
}

export function BestandenPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="vroegsignalering:manage"
      title={t('bestanden.title')}
      intro={t('bestanden.intro')}
    >
      <Upload />
      <RecentImports />
    </PermittedPage>
  );
}

/** The mapping the user is editing: our field → their column ('' is not used). */
type Columns = Partial<Record<SignalField, string>>;

function Upload() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const partners = usePartners();
  const [partnerId, setPartnerId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [checkErrors, setCheckErrors] = useState<FieldErrors>({});
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [columns, setColumns] = useState<Columns>({});
  const [dateOrder, setDateOrder] = useState('');
  /** Mapping errors of the preview, until the user changes that field. */
  const [previewErrors, setPreviewErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const previewRef = useRef<HTMLElement>(null);

  const previewMutation = useMutation({
    mutationFn: ({ partner, chosen }: { partner: string; chosen: File }) =>
      vsApi.previewFile(partner, chosen),
    onSuccess: (result) => {
      setPreview(result);
      setColumns({ ...result.mapping.columns } as Columns);
      setDateOrder(result.mapping.dateOrder ?? '');
      const errors: FieldErrors = {};
      for (const e of result.mappingErrors) {
        if (errors[e.field] === undefined) errors[e.field] = mappingErrorText(e);
      }
      setPreviewErrors(errors);
      setSaved(false);
      requestAnimationFrame(() => previewRef.current?.focus());
    },
  });

  const mapping = (): FileMapping => {
    const chosen: Record<string, string> = {};
    for (const [field, column] of Object.entries(columns)) if (column) chosen[field] = column;
    const constants = preview?.mapping.constants;
    const result: FileMapping = { columns: chosen };
    // A fixed value and a column for the same field do not go together: the column the user chose wins.
    const kept = Object.fromEntries(Object.entries(constants ?? {}).filter(([field]) => !chosen[field]));
    if (Object.keys(kept).length > 0) result.constants = kept;
    if (dateOrder === 'dmy' || dateOrder === 'ymd') result.dateOrder = dateOrder;
    return result;
  };

  const mappingErrorText = (e: { code: string; field: string; column?: string; message: string }) =>
    e.code === 'unknown_column' && e.column
      ? t('bestanden.unknownColumn', { column: e.column })
      : codeMessage(t, e.code, e.message);

  /** The checks the server makes too: the required fields must come from a column (or a fixed value). */
  const checkMapping = (m: FileMapping): FieldErrors => {
    const errors: FieldErrors = {};
    const has = (f: SignalField) => !!m.columns[f] || !!m.constants?.[f]?.trim();
    const missing = codeMessage(t, 'missing_required_column');
    for (const f of REQUIRED) if (!has(f)) errors[f] = missing;
    if (!has('bsn') && !has('postcode')) errors.postcode = t('bestanden.addressOrBsn');
    if ((has('postcode') || !has('bsn')) && !has('huisnummer')) errors.huisnummer = missing;
    return errors;
  };

  const saveMutation = useMutation({
    mutationFn: (m: FileMapping) => vsApi.saveColumnMapping(partnerId, m),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['signaalpartners'] });
    },
  });

  const importMutation = useMutation({
    mutationFn: ({ chosen, m }: { chosen: File; m: FileMapping }) => vsApi.uploadFile(partnerId, chosen, m),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['imports'] });
      queryClient.setQueryData(['imports', 'detail', created.id], created);
      await navigate({ to: '/vroegsignalering/bestanden/$importId', params: { importId: created.id } });
    },
  });

  const onPreview = (e: FormEvent) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!partnerId) errors.partner = t('bestanden.partnerRequired');
    if (!file) errors.file = t('bestanden.fileRequired');
    setCheckErrors(errors);
    setPreview(null);
    importMutation.reset();
    saveMutation.reset();
    if (file && partnerId && Object.keys(errors).length === 0) {
      previewMutation.mutate({ partner: partnerId, chosen: file });
    }
  };

  const [mappingCheck, setMappingCheck] = useState<FieldErrors>({});
  const onSave = () => {
    const m = mapping();
    setSaved(false);
    const errors = checkMapping(m);
    setMappingCheck(errors);
    if (Object.keys(errors).length === 0) saveMutation.mutate(m);
  };
  const onImport = () => {
    const m = mapping();
    const errors = checkMapping(m);
    setMappingCheck(errors);
    if (Object.keys(errors).length === 0 && file) importMutation.mutate({ chosen: file, m });
  };

  // Errors about the file itself (binary, empty, broken) belong next to the file field.
  const fileProblem = [previewMutation.error, importMutation.error].find(
    (e) => isApiProblem(e) && e.invalidParams.some((p) => p.name === 'body.file'),
  );
  const fileParam = isApiProblem(fileProblem)
    ? fileProblem.invalidParams.find((p) => p.name === 'body.file')
    : null;
  const fileError =
    checkErrors.file ?? (fileParam ? codeMessage(t, fileParam.code, fileParam.reason) : undefined);

  const duplicate = isApiProblem(importMutation.error) && importMutation.error.status === 409;
  const earlierImport = duplicate ? UUID_IN_TEXT.exec(importMutation.error?.message ?? '')?.[0] : undefined;

  const serverMappingErrors: FieldErrors = {};
  for (const [name, message] of Object.entries(problemFieldErrors(t, importMutation.error))) {
    if (name.startsWith('mapping.columns.'))
      serverMappingErrors[name.slice('mapping.columns.'.length)] = message;
  }
  const fieldError = (f: SignalField) => mappingCheck[f] ?? serverMappingErrors[f] ?? previewErrors[f];

  const partnerOptions = [
    { value: '', label: t('bestanden.choosePartner') },
    ...(partners.data ?? [])
      .filter((p) => p.isActive)
      .map((p) => ({ value: p.id, label: `${p.name} (${p.partnerType})` })),
  ];
  const headers = preview?.headers ?? [];
  const columnOptions = (f: SignalField) => {
    const current = columns[f];
    const options = [
      { value: '', label: t('bestanden.notUsed') },
      ...headers.map((h) => ({ value: h, label: h })),
    ];
    if (current && !headers.includes(current)) {
      options.push({ value: current, label: t('bestanden.missingColumn', { column: current }) });
    }
    return options;
  };
  const mappingInvalid = MAPPING_GROUPS.flatMap((g) => g.fields).filter((f) => fieldError(f));

  return (
    <section className="vangnet-section" aria-labelledby="upload-heading">
      <Heading2 id="upload-heading">{t('bestanden.uploadTitle')}</Heading2>
      {(checkErrors.partner || checkErrors.file) && (
        <ErrorAlert
          message={t('errors.validation')}
          fields={[
            { id: 'partner', label: t('bestanden.partner'), message: checkErrors.partner },
            { id: 'file', label: t('bestanden.file'), message: checkErrors.file },
          ]}
        />
      )}
      {previewMutation.isError && !fileParam && <ErrorAlert error={previewMutation.error} />}
      <form onSubmit={onPreview} noValidate className="vangnet-form">
        <SelectField
          id="partner"
          label={t('bestanden.partner')}
          value={partnerId}
          onChange={(v) => {
            setPartnerId(v);
            setPreview(null);
          }}
          options={partnerOptions}
          error={checkErrors.partner}
        />
        <FileField
          id="file"
          label={t('bestanden.file')}
          description={t('bestanden.fileDescription')}
          accept={ACCEPT}
          onChange={(f) => {
            setFile(f);
            setPreview(null);
            importMutation.reset();
          }}
          error={fileError}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={previewMutation.isPending}>
            {t('bestanden.preview')}
          </Button>
        </ButtonGroup>
      </form>

      {preview && (
        <section
          ref={previewRef}
          tabIndex={-1}
          className="vangnet-section vangnet-alert-focus"
          aria-labelledby="preview-heading"
        >
          <Heading2 id="preview-heading">{t('bestanden.previewTitle', { name: file?.name ?? '' })}</Heading2>
          <DataList>
            <DataListItem>
              <DataListKey>{t('bestanden.format')}</DataListKey>
              <DataListValue>{preview.format.toUpperCase()}</DataListValue>
            </DataListItem>
            {preview.encoding && (
              <DataListItem>
                <DataListKey>{t('bestanden.encoding')}</DataListKey>
                <DataListValue>{preview.encoding.toUpperCase()}</DataListValue>
              </DataListItem>
            )}
            {preview.delimiter && (
              <DataListItem>
                <DataListKey>{t('bestanden.delimiter')}</DataListKey>
                <DataListValue>{delimiterLabel(t, preview.delimiter)}</DataListValue>
              </DataListItem>
            )}
            <DataListItem>
              <DataListKey>{t('bestanden.columns')}</DataListKey>
              <DataListValue>{headers.length}</DataListValue>
            </DataListItem>
          </DataList>
          <DataTable caption={t('bestanden.rowsCaption', { count: preview.rows.length })}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('bestanden.row')}</TableHeaderCell>
                {headers.map((h) => (
                  <TableHeaderCell key={h} scope="col">
                    {h}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {preview.rows.map((r) => (
                <TableRow key={r.rowNumber}>
                  <TableHeaderCell scope="row">{r.rowNumber}</TableHeaderCell>
                  {headers.map((h) => (
                    <TableCell key={h}>{r.cells[h] ?? ''}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </DataTable>

          <Heading2 id="mapping-heading">{t('bestanden.mappingTitle')}</Heading2>
          <Paragraph>
            {preview.mappingSource === 'saved'
              ? t('bestanden.mappingSaved')
              : t('bestanden.mappingSuggested')}{' '}
            {t('bestanden.mappingHelp')}
          </Paragraph>
          {saved && !saveMutation.isPending && <SuccessAlert>{t('bestanden.mappingStored')}</SuccessAlert>}
          {saveMutation.isError && <ErrorAlert error={saveMutation.error} />}
          {duplicate ? (
            <ErrorAlertWithLink importId={earlierImport} />
          ) : (
            importMutation.isError &&
            !fileParam && (
              <ErrorAlert
                error={importMutation.error}
                fields={mappingInvalid.map((f) => ({
                  id: `map-${f}`,
                  label: t(`vs.fields.${f}`),
                  message: fieldError(f),
                }))}
              />
            )
          )}
          {!importMutation.isError && mappingInvalid.length > 0 && (
            <ErrorAlert
              message={t('bestanden.mappingInvalid')}
              fields={mappingInvalid.map((f) => ({
                id: `map-${f}`,
                label: t(`vs.fields.${f}`),
                message: fieldError(f),
              }))}
            />
          )}
          <form
            className="vangnet-form vangnet-mapping"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              onImport();
            }}
          >
            {MAPPING_GROUPS.filter((g) => g.fields.length > 0).map((group) => (
              <Fieldset key={group.key} aria-describedby={`mapping-${group.key}-description`}>
                <FieldsetLegend>
                  {t(`bestanden.groups.${group.key}` as 'bestanden.groups.required')}
                </FieldsetLegend>
                <FormFieldDescription id={`mapping-${group.key}-description`}>
                  {t(`bestanden.groupDescriptions.${group.key}` as 'bestanden.groupDescriptions.required')}
                </FormFieldDescription>
                <div className="vangnet-form__group">
                  {group.fields.map((f) => (
                    <SelectField
                      key={f}
                      id={`map-${f}`}
                      label={
                        REQUIRED.includes(f) ? (
                          <>
                            {t(`vs.fields.${f}`)}{' '}
                            <span className="vangnet-required">{t('common.required')}</span>
                          </>
                        ) : (
                          t(`vs.fields.${f}`)
                        )
                      }
                      value={columns[f] ?? ''}
                      onChange={(v) => {
                        setColumns((c) => ({ ...c, [f]: v }));
                        setPreviewErrors((e) => ({ ...e, [f]: undefined }));
                        setMappingCheck((e) => ({ ...e, [f]: undefined }));
                        setSaved(false);
                      }}
                      options={columnOptions(f)}
                      error={fieldError(f)}
                    />
                  ))}
                </div>
              </Fieldset>
            ))}
            <SelectField
              id="map-dateOrder"
              label={t('bestanden.dateOrder')}
              description={t('bestanden.dateOrderDescription')}
              value={dateOrder}
              onChange={setDateOrder}
              options={[
                { value: '', label: t('bestanden.dateOrders.auto') },
                { value: 'dmy', label: t('bestanden.dateOrders.dmy') },
                { value: 'ymd', label: t('bestanden.dateOrders.ymd') },
              ]}
            />
            {preview.mapping.constants && Object.keys(preview.mapping.constants).length > 0 && (
              <Paragraph className="vangnet-muted">
                {t('bestanden.constants', {
                  list: Object.entries(preview.mapping.constants)
                    .map(
                      ([f, v]) => `${t(`vs.fields.${f}` as 'vs.fields.remark', { defaultValue: f })}: ${v}`,
                    )
                    .join('; '),
                })}
              </Paragraph>
            )}
            <ButtonGroup>
              <Button type="submit" appearance="primary-action-button" busy={importMutation.isPending}>
                {t('bestanden.import')}
              </Button>
              <Button
                type="button"
                appearance="secondary-action-button"
                busy={saveMutation.isPending}
                onClick={onSave}
              >
                {t('bestanden.saveMapping')}
              </Button>
            </ButtonGroup>
          </form>
        </section>
      )}
    </section>
  );
}

function delimiterLabel(t: TFunction, delimiter: string): string {
  if (delimiter === ';') return t('bestanden.delimiters.semicolon');
  if (delimiter === ',') return t('bestanden.delimiters.comma');
  if (delimiter === '\t') return t('bestanden.delimiters.tab');
  return delimiter;
}

/** "Dit bestand is al aangeleverd", with a link to the import of the first time. */
function ErrorAlertWithLink({ importId }: { importId: string | undefined }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className="vangnet-alert-focus">
      <Alert type="error">
        <Paragraph>
          <strong>{t('bestanden.duplicateTitle')}</strong> {t('bestanden.duplicateText')}
        </Paragraph>
        {importId && (
          <Paragraph>
            <AppLink to="/vroegsignalering/bestanden/$importId" params={{ importId }}>
              {t('bestanden.duplicateLink')}
            </AppLink>
          </Paragraph>
        )}
      </Alert>
    </div>
  );
}

function RecentImports() {
  const { t } = useTranslation();
  const partners = usePartners();
  const partnerName = (id: string) => partners.data?.find((p) => p.id === id)?.name ?? '';
  return (
    <section className="vangnet-section" aria-labelledby="recent-heading">
      <Heading2 id="recent-heading">{t('bestanden.recentTitle')}</Heading2>
      <QueryView queryKey={['imports', 'list']} queryFn={vsApi.imports}>
        {({ items }) =>
          items.length === 0 ? (
            <Paragraph>{t('bestanden.recentEmpty')}</Paragraph>
          ) : (
            <DataTable caption={t('bestanden.recentCaption')}>
              <TableHeader>
                <TableRow>
                  {[
                    t('bestanden.fileName'),
                    t('bestanden.partner'),
                    t('bestanden.uploadedAt'),
                    t('bestanden.status'),
                    t('import.accepted'),
                    t('import.quarantined'),
                    t('import.duplicates'),
                  ].map((h) => (
                    <TableHeaderCell key={h} scope="col">
                      {h}
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((imp) => (
                  <TableRow key={imp.id}>
                    <TableCell>
                      <AppLink to="/vroegsignalering/bestanden/$importId" params={{ importId: imp.id }}>
                        {imp.fileName}
                      </AppLink>
                    </TableCell>
                    <TableCell>{partnerName(imp.partnerId)}</TableCell>
                    <TableCell>
                      <time dateTime={imp.createdAt}>
                        {formatDateTime(imp.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                      </time>
                    </TableCell>
                    <TableCell>{importStatusLabel(t, imp.status)}</TableCell>
                    <TableCell>{formatNumber(imp.acceptedRows)}</TableCell>
                    <TableCell>{formatNumber(imp.quarantinedRows)}</TableCell>
                    <TableCell>{formatNumber(imp.duplicateRows)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </DataTable>
          )
        }
      </QueryView>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------------
// One import

const running = (imp: SignalImport | undefined) => imp?.status === 'queued' || imp?.status === 'running';

export function ImportPage({ importId }: { importId: string }) {
  const { t } = useTranslation();
  return (
    <PermittedPage permission="vroegsignalering:manage" title={t('import.title')}>
      <Paragraph>
        <AppLink to="/vroegsignalering/bestanden">{t('import.back')}</AppLink>
      </Paragraph>
      <ImportView importId={importId} />
    </PermittedPage>
  );
}

function ImportView({ importId }: { importId: string }) {
  const { t } = useTranslation();
  const partners = usePartners();
  const query = useQuery({
    queryKey: ['imports', 'detail', importId],
    queryFn: () => vsApi.import(importId),
    // Follow the import every second while it is waiting or running.
    refetchInterval: (q) => (running(q.state.data) ? 1000 : false),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const imp = query.data;
  const partner = partners.data?.find((p) => p.id === imp.partnerId);
  const total = imp.totalRows;
  return (
    <>
      <DataList>
        <DataListItem>
          <DataListKey>{t('bestanden.fileName')}</DataListKey>
          <DataListValue>{imp.fileName}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('bestanden.partner')}</DataListKey>
          <DataListValue>{partner ? `${partner.name} (${partner.partnerType})` : ''}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('bestanden.uploadedAt')}</DataListKey>
          <DataListValue>
            {formatDateTime(imp.createdAt, { dateStyle: 'long', timeStyle: 'short' })}
          </DataListValue>
        </DataListItem>
      </DataList>

      <section className="vangnet-section" aria-labelledby="progress-heading">
        <Heading2 id="progress-heading">{t('import.progressTitle')}</Heading2>
        <Paragraph role="status">
          {t('import.status', { status: importStatusLabel(t, imp.status) })}
        </Paragraph>
        <div className="vangnet-progress">
          <label htmlFor="import-progress" className="utrecht-form-label">
            {t('import.progress')}
          </label>
          {total !== null || !running(imp) ? (
            <progress
              id="import-progress"
              max={Math.max(total ?? imp.processedRows, 1)}
              value={imp.processedRows}
            >
              {t('import.progressValue', { processed: imp.processedRows, total: total ?? imp.processedRows })}
            </progress>
          ) : (
            <progress id="import-progress" aria-describedby="import-progress-text" />
          )}
          <Paragraph id="import-progress-text" small>
            {total !== null
              ? t('import.progressValue', {
                  processed: formatNumber(imp.processedRows),
                  total: formatNumber(total),
                })
              : t('import.progressCount', { processed: formatNumber(imp.processedRows) })}
          </Paragraph>
        </div>
        {imp.status === 'failed' && (
          <Alert type="error">
            <Paragraph>{t('import.failed')}</Paragraph>
            {imp.error && <Paragraph small>{importErrorText(t, imp.error)}</Paragraph>}
          </Alert>
        )}
      </section>

      <section className="vangnet-section" aria-labelledby="result-heading">
        <Heading2 id="result-heading">{t('import.resultTitle')}</Heading2>
        <DataList className="vangnet-counts">
          <DataListItem>
            <DataListKey>{t('import.accepted')}</DataListKey>
            <DataListValue>{formatNumber(imp.acceptedRows)}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('import.quarantined')}</DataListKey>
            <DataListValue>{formatNumber(imp.quarantinedRows)}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('import.duplicates')}</DataListKey>
            <DataListValue>{formatNumber(imp.duplicateRows)}</DataListValue>
          </DataListItem>
        </DataList>
        <Paragraph>
          <Link
            href={vsApi.errorReportUrl(imp.id)}
            download
            className="vangnet-download"
            aria-describedby="error-report-description"
          >
            {t('import.errorReport')}
          </Link>{' '}
          <span id="error-report-description" className="vangnet-muted">
            {t('import.errorReportDescription')}
          </span>
        </Paragraph>
      </section>

      {!running(imp) && <QuarantinedLines imp={imp} />}
    </>
  );
}

/** "failed" imports carry "code: message"; a known code in the user's language. */
function importErrorText(t: TFunction, error: string): string {
  const match = /^([a-z_]+): (.*)$/s.exec(error);
  if (!match) return error;
  return codeMessage(t, match[1] ?? '', match[2]);
}

const LINES_PER_PAGE = 50;

function QuarantinedLines({ imp }: { imp: SignalImport }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const pager = useCursorPager(`lines-${imp.id}`);
  const afterRow = Number(pager.cursor ?? 0);
  const queryKey = ['imports', 'lines', imp.id, afterRow];
  const lines = useQuery({
    queryKey,
    queryFn: () => vsApi.importLines(imp.id, 'quarantined', afterRow, LINES_PER_PAGE),
  });
  const [message, setMessage] = useState<string | null>(null);
  const [focusRow, setFocusRow] = useState<number | 'none' | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (focusRow === null) return;
    const heading = focusRow === 'none' ? null : document.getElementById(`line-${focusRow}`);
    if (heading) heading.focus();
    else statusRef.current?.focus();
    setFocusRow(null);
  }, [focusRow]);

  const handled = async (line: ImportLine, text: string) => {
    const items = lines.data?.items ?? [];
    const index = items.findIndex((l) => l.rowNumber === line.rowNumber);
    const next = items[index + 1] ?? items[index - 1];
    queryClient.setQueryData(queryKey, { items: items.filter((l) => l.rowNumber !== line.rowNumber) });
    setMessage(text);
    setFocusRow(next ? next.rowNumber : 'none');
    await queryClient.invalidateQueries({ queryKey: ['imports', 'detail', imp.id] });
    await queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    await queryClient.invalidateQueries({ queryKey: ['meldingen'] });
  };

  const items = lines.data?.items ?? [];
  const last = items.at(-1);
  return (
    <section className="vangnet-section" aria-labelledby="lines-heading">
      <Heading2 id="lines-heading">{t('import.linesTitle')}</Heading2>
      <div aria-live="polite" className="vangnet-live">
        {message && (
          <Paragraph ref={statusRef} tabIndex={-1} className="vangnet-alert-focus vangnet-done">
            {message}
          </Paragraph>
        )}
      </div>
      {lines.isPending && <Loading />}
      {lines.isError && <ErrorAlert error={lines.error} />}
      {lines.data && items.length === 0 && (
        <Paragraph>{pager.page > 1 ? t('import.linesEmptyPage') : t('import.linesEmpty')}</Paragraph>
      )}
      {items.length > 0 && <Paragraph>{t('import.linesIntro')}</Paragraph>}
      {items.map((line) => (
        <QuarantinedLine key={line.rowNumber} importId={imp.id} line={line} onHandled={handled} />
      ))}
      <Pager
        page={pager.page}
        nextCursor={items.length === LINES_PER_PAGE && last ? String(last.rowNumber) : null}
        onNext={pager.next}
        onPrevious={pager.previous}
      />
    </section>
  );
}

function QuarantinedLine({
  importId,
  line,
  onHandled,
}: {
  importId: string;
  line: ImportLine;
  onHandled: (line: ImportLine, message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [cells, setCells] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(line.cells).map(([k, v]) => [k, v ?? ''])),
  );
  const resubmit = useMutation({
    mutationFn: () => {
      const changed: Record<string, string> = {};
      for (const [k, v] of Object.entries(cells)) if (v !== (line.cells[k] ?? '')) changed[k] = v;
      return vsApi.resubmitLine(importId, line.rowNumber, changed);
    },
    onSuccess: (result) =>
      onHandled(
        line,
        t('import.resubmitted', {
          row: line.rowNumber,
          outcome: t(`import.outcomes.${result.outcome}` as 'import.outcomes.accepted', {
            defaultValue: result.outcome,
          }),
        }),
      ),
  });
  const discard = useMutation({
    mutationFn: () => vsApi.discardLine(importId, line.rowNumber),
    onSuccess: () => onHandled(line, t('import.discarded', { row: line.rowNumber })),
  });

  // The line's own errors until it is sent again; then the server's answer for the corrected cells.
  const errors: Record<string, string> = {};
  const resubmitErrors = problemFieldErrors(t, resubmit.error);
  if (resubmit.isError && Object.keys(resubmitErrors).length > 0) {
    for (const [name, message] of Object.entries(resubmitErrors)) {
      if (name.startsWith('cells.') && message) errors[name.slice('cells.'.length)] = message;
    }
  } else {
    for (const e of line.errors) {
      if (errors[e.column] === undefined) errors[e.column] = codeMessage(t, e.code, e.message);
    }
  }
  const rowErrors = line.errors.filter((e) => !(e.column in line.cells));
  // Columns with an error first, in the order of the errors; then the other cells.
  const columns = [
    ...new Set([
      ...line.errors.map((e) => e.column).filter((c) => c in line.cells),
      ...Object.keys(line.cells),
    ]),
  ];
  const headingId = `line-${line.rowNumber}`;
  const inputId = (i: number) => `line-${line.rowNumber}-cell-${i}`;

  return (
    <article className="vangnet-line" aria-labelledby={headingId}>
      <Heading3 id={headingId} tabIndex={-1}>
        {t('import.line', { row: line.rowNumber })}
      </Heading3>
      <UnorderedList className="vangnet-line__errors">
        {line.errors.map((e) => (
          <UnorderedListItem key={`${e.column}-${e.code}`}>
            {e.column in line.cells
              ? t('import.cellError', { column: e.column, message: codeMessage(t, e.code, e.message) })
              : codeMessage(t, e.code, e.message)}
          </UnorderedListItem>
        ))}
      </UnorderedList>
      {resubmit.isError && (
        <ErrorAlert
          message={t('import.stillInvalid')}
          error={resubmit.error}
          fields={columns.map((c, i) => ({ id: inputId(i), label: c, message: errors[c] }))}
        />
      )}
      {discard.isError && <ErrorAlert error={discard.error} />}
      {rowErrors.length > 0 && <Paragraph className="vangnet-muted">{t('import.rowErrorHelp')}</Paragraph>}
      <form
        className="vangnet-form vangnet-line__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!resubmit.isPending) resubmit.mutate();
        }}
      >
        <div className="vangnet-form__group">
          {columns.map((column, i) => (
            <TextField
              key={column}
              id={inputId(i)}
              label={column}
              value={cells[column] ?? ''}
              onChange={(v) => setCells((c) => ({ ...c, [column]: v }))}
              error={errors[column]}
              autoComplete="off"
              spellCheck={false}
            />
          ))}
        </div>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={resubmit.isPending}>
            {t('import.resubmit')}
          </Button>
        </ButtonGroup>
      </form>
      <ConfirmAction
        label={t('import.discard')}
        question={t('import.discardQuestion', { row: line.rowNumber })}
        confirmLabel={t('import.discardConfirm')}
        onConfirm={() => discard.mutate()}
        busy={discard.isPending}
      />
    </article>
  );
}
