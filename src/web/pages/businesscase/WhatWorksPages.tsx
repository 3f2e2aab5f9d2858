// The "wat werkt" catalogue: approaches with their evidence (source and type), the local results of this
// municipality's business case over the last twelve months (hidden on fewer than five households for whoever may not
// read personal data, and always in the export file), and a contact. Own entries travel to other
// municipalities as an export file; a file of another municipality is checked and previewed before it is imported.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
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
import { WHAT_WORKS_FORMAT } from '../../../shared/businesscase-codes.ts';
import { isApiProblem } from '../../api.ts';
import { DataTable, Loading, RequirePermission } from '../../components/common.tsx';
import { FileField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { AppLink } from '../../components/links.tsx';
import { type AlertField, ErrorAlert, FocusedSuccessAlert } from '../../components/problem.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { hasPermission, useSession } from '../../session.ts';
import { formatIsoDate } from '../../vroegsignalering/labels.tsx';
import {
  businessCaseApi,
  keys,
  type WhatWorks,
  type WhatWorksFile,
  type WhatWorksImportResult,
} from './api.ts';
import {
  bcFieldErrors,
  EVIDENCE_TYPES,
  evidenceName,
  formatEuroRange,
  formatWholeEuros,
  type INTERVENTION_TYPES,
  isProblemType,
  Section,
  typeName,
  typeOptions,
} from './parts.tsx';

const READERS = ['aggregates:read', 'businesscase:manage', 'interventions:manage'] as const;

function useCatalogue() {
  const session = useSession();
  return useQuery({
    queryKey: keys.whatWorks(session?.activeMunicipality?.id),
    queryFn: () => businessCaseApi.whatWorks(),
  });
}

function originText(t: TFunction, e: WhatWorks): string {
  return e.origin === 'eigen'
    ? t('businesscase.whatworks.own')
    : t('businesscase.whatworks.from', { municipality: e.originMunicipality ?? '' });
}

// --- The list ----------------------------------------------------------------------------------------------

export function WhatWorksPage() {
  return (
    <RequirePermission anyOf={[...READERS]}>
      <Catalogue />
    </RequirePermission>
  );
}

function Catalogue() {
  const { t } = useTranslation();
  usePageTitle(t('businesscase.whatworks.title'));
  const session = useSession();
  const list = useCatalogue();
  const manage = hasPermission(session, 'businesscase:manage');
  const mayExport = hasPermission(session, 'aggregates:read', 'businesscase:manage');
  return (
    <>
      <Heading1>{t('businesscase.whatworks.title')}</Heading1>
      <Paragraph>{t('businesscase.whatworks.intro')}</Paragraph>
      <Section id="ww-list" title={t('businesscase.whatworks.listTitle')}>
        {list.isPending && <Loading />}
        {list.isError && <ErrorAlert error={list.error} />}
        {list.data && list.data.length === 0 && <Paragraph>{t('businesscase.whatworks.empty')}</Paragraph>}
        {list.data && list.data.length > 0 && (
          <DataTable caption={t('businesscase.whatworks.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('businesscase.whatworks.entryTitle')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.whatworks.type')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.whatworks.evidenceType')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.whatworks.origin')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.map((e) => (
                <TableRow key={e.id}>
                  <TableHeaderCell scope="row">
                    <AppLink to="/wat-werkt/$entryId" params={{ entryId: e.id }}>
                      {e.title}
                    </AppLink>
                  </TableHeaderCell>
                  <TableCell>{typeName(t, e.interventionType)}</TableCell>
                  <TableCell>{evidenceName(t, e.evidenceType)}</TableCell>
                  <TableCell>{originText(t, e)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
        )}
      </Section>
      {mayExport && (
        <Section id="ww-export" title={t('businesscase.whatworks.exportTitle')}>
          <Paragraph>{t('businesscase.whatworks.exportIntro')}</Paragraph>
          <Paragraph>
            <Link href={businessCaseApi.whatWorksExportUrl} download="wat-werkt.json">
              {t('businesscase.whatworks.exportLink')}
            </Link>
          </Paragraph>
        </Section>
      )}
      {manage && <ImportSection />}
      {manage && <AddSection />}
    </>
  );
}

// --- One entry ---------------------------------------------------------------------------------------------

export function WhatWorksEntryPage({ entryId }: { entryId: string }) {
  return (
    <RequirePermission anyOf={[...READERS]}>
      <Entry entryId={entryId} />
    </RequirePermission>
  );
}

function Entry({ entryId }: { entryId: string }) {
  const { t } = useTranslation();
  const list = useCatalogue();
  const entry = list.data?.find((e) => e.id === entryId);
  const title = entry?.title ?? t('businesscase.whatworks.title');
  usePageTitle(title);
  return (
    <>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <AppLink to="/wat-werkt">{t('businesscase.whatworks.back')}</AppLink>
      </Paragraph>
      {list.isPending && <Loading />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.data && !entry && <Paragraph>{t('errors.notFound')}</Paragraph>}
      {entry && <EntryDetails entry={entry} />}
    </>
  );
}

function EntryDetails({ entry: e }: { entry: WhatWorks }) {
  const { t } = useTranslation();
  const mayView = hasPermission(useSession(), 'aggregates:read', 'businesscase:manage');
  const results = e.origin === 'eigen' ? e.localResults : e.sharedResults;
  return (
    <>
      <Paragraph className="vangnet-bc-description">{e.description}</Paragraph>
      <DataList className="vangnet-facts">
        <DataListItem>
          <DataListKey>{t('businesscase.whatworks.type')}</DataListKey>
          <DataListValue>{typeName(t, e.interventionType)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('businesscase.whatworks.evidenceSource')}</DataListKey>
          <DataListValue>{e.evidenceSource}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('businesscase.whatworks.evidenceType')}</DataListKey>
          <DataListValue>{evidenceName(t, e.evidenceType)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('businesscase.whatworks.contact')}</DataListKey>
          <DataListValue>{e.contact || t('businesscase.whatworks.noContact')}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('businesscase.whatworks.origin')}</DataListKey>
          <DataListValue>{originText(t, e)}</DataListValue>
        </DataListItem>
      </DataList>
      <Section
        id="ww-results"
        title={
          e.origin === 'eigen'
            ? t('businesscase.whatworks.localResults')
            : t('businesscase.whatworks.sharedResults', { municipality: e.originMunicipality ?? '' })
        }
      >
        {results ? (
          <>
            <Paragraph>
              {t('businesscase.whatworks.resultsText', {
                from: formatIsoDate(results.from),
                to: formatIsoDate(results.to),
                households: results.households,
                costs: formatWholeEuros(results.costsCents),
                avoided: formatEuroRange(t, results.avoidedLowCents, results.avoidedHighCents),
              })}
            </Paragraph>
            <Paragraph small>{t('businesscase.whatworks.resultsNote')}</Paragraph>
          </>
        ) : e.localResultsSuppressed ? (
          <Paragraph>{t('businesscase.whatworks.resultsSuppressed')}</Paragraph>
        ) : e.origin === 'eigen' ? (
          <Paragraph>{t('businesscase.whatworks.noResults')}</Paragraph>
        ) : (
          <Paragraph>
            {t('businesscase.whatworks.noSharedResults', { municipality: e.originMunicipality ?? '' })}
          </Paragraph>
        )}
        {e.origin === 'eigen' && mayView && (
          <Paragraph>
            <AppLink to="/businesscase" search={{ soort: e.interventionType }}>
              {t('businesscase.whatworks.openView', { type: typeName(t, e.interventionType) })}
            </AppLink>
          </Paragraph>
        )}
      </Section>
    </>
  );
}

// --- Import ------------------------------------------------------------------------------------------------

/** What is wrong with a file before it goes to the server: not JSON, not a "wat werkt" file, no entries. */
export function checkFile(
  t: TFunction,
  text: string,
): { file: WhatWorksFile | null; problem: string | null } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { file: null, problem: t('businesscase.whatworks.notJson') };
  }
  const f = data as Partial<WhatWorksFile> | null;
  if (!f || typeof f !== 'object' || f.format !== WHAT_WORKS_FORMAT) {
    return { file: null, problem: t('businesscase.whatworks.notOurFormat') };
  }
  if (f.version !== 1) return { file: null, problem: t('businesscase.whatworks.wrongVersion') };
  if (!Array.isArray(f.entries) || f.entries.length === 0) {
    return { file: null, problem: t('businesscase.whatworks.noEntries') };
  }
  return { file: f as WhatWorksFile, problem: null };
}

/** The server's problems with an entry of the file, as "Aanpak 2 (title): field: reason". */
function entryProblems(t: TFunction, error: unknown, file: WhatWorksFile | null): string[] {
  if (!isApiProblem(error)) return [];
  return error.invalidParams.map((p) => {
    const m = /^body\.entries\.(\d+)\.(\w+)/.exec(p.name);
    if (!m) return `${p.name.replace(/^body\./, '')}: ${p.reason}`;
    const index = Number(m[1]);
    return t('businesscase.whatworks.entryProblem', {
      number: index + 1,
      title: file?.entries[index]?.title ?? '',
      field: m[2],
      reason: p.reason,
    });
  });
}

function ImportSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const existing = useCatalogue();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<{ file: WhatWorksFile | null; problem: string | null } | null>(null);
  const [result, setResult] = useState<WhatWorksImportResult | null>(null);
  const upload = useMutation({
    mutationFn: (f: WhatWorksFile) => businessCaseApi.importWhatWorks(f),
    onSuccess: async (r) => {
      setResult(r);
      setChecked(null);
      await queryClient.invalidateQueries({ queryKey: ['businesscase', 'whatworks'] });
    },
  });
  const preview = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    upload.reset();
    if (!file) {
      setChecked({ file: null, problem: t('businesscase.import.chooseFile') });
      return;
    }
    setChecked(checkFile(t, await file.text()));
  };
  const known = new Set((existing.data ?? []).map((x) => `${x.originMunicipality ?? ''}\u0000${x.title}`));
  const already = (f: WhatWorksFile, title: string) => known.has(`${f.municipality}\u0000${title}`);
  const fileError = checked?.problem ?? undefined;
  const conflict = isProblemType(upload.error, 'eigen-bestand');
  const problems = entryProblems(t, upload.error, checked?.file ?? null);
  return (
    <Section id="ww-import" title={t('businesscase.whatworks.importTitle')}>
      <Paragraph>{t('businesscase.whatworks.importIntro')}</Paragraph>
      {fileError && (
        <ErrorAlert
          message={t('businesscase.whatworks.fileRefused')}
          fields={[{ id: 'ww-file', label: t('businesscase.whatworks.file'), message: fileError }]}
        />
      )}
      {upload.isError && (
        <ErrorAlert
          error={upload.error}
          message={conflict ? t('businesscase.whatworks.ownFile') : undefined}
        />
      )}
      {problems.length > 0 && (
        <UnorderedList className="vangnet-bc-problems">
          {problems.map((p) => (
            <UnorderedListItem key={p}>{p}</UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      {result && (
        <FocusedSuccessAlert>
          <Paragraph>{t('businesscase.whatworks.imported', { count: result.imported })}</Paragraph>
          {result.skipped > 0 && (
            <Paragraph>{t('businesscase.whatworks.skipped', { count: result.skipped })}</Paragraph>
          )}
        </FocusedSuccessAlert>
      )}
      <form onSubmit={(e) => void preview(e)} noValidate className="vangnet-form">
        <FileField
          id="ww-file"
          label={t('businesscase.whatworks.file')}
          description={t('businesscase.whatworks.fileHint')}
          accept=".json,application/json"
          onChange={(f) => {
            setFile(f);
            setChecked(null);
          }}
          error={fileError}
        />
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button">
            {t('businesscase.whatworks.preview')}
          </Button>
        </ButtonGroup>
      </form>
      {checked?.file && (
        <div className="vangnet-bc-preview">
          <Heading3>
            {t('businesscase.whatworks.previewTitle', { municipality: checked.file.municipality })}
          </Heading3>
          <Paragraph>
            {t('businesscase.whatworks.previewIntro', {
              municipality: checked.file.municipality,
              date: formatIsoDate(checked.file.exportedAt),
              count: checked.file.entries.length,
            })}
          </Paragraph>
          <DataTable caption={t('businesscase.whatworks.previewCaption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('businesscase.whatworks.entryTitle')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.whatworks.type')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.whatworks.evidenceType')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('businesscase.whatworks.whatHappens')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {checked.file.entries.map((entry) => (
                <TableRow key={`${entry.title}|${entry.interventionType}|${entry.evidenceSource}`}>
                  <TableHeaderCell scope="row">{entry.title}</TableHeaderCell>
                  <TableCell>{typeName(t, entry.interventionType)}</TableCell>
                  <TableCell>{evidenceName(t, entry.evidenceType)}</TableCell>
                  <TableCell>
                    {checked.file && already(checked.file, entry.title)
                      ? t('businesscase.whatworks.willSkip')
                      : t('businesscase.whatworks.willImport')}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
          <ButtonGroup>
            <Button
              appearance="primary-action-button"
              busy={upload.isPending}
              onClick={() => checked.file && upload.mutate(checked.file)}
            >
              {t('businesscase.whatworks.importSubmit', { count: checked.file.entries.length })}
            </Button>
          </ButtonGroup>
        </div>
      )}
    </Section>
  );
}

// --- Adding an own entry -----------------------------------------------------------------------------------

function AddSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    interventionType: '',
    title: '',
    description: '',
    evidenceSource: '',
    evidenceType: '',
    contact: '',
  });
  const [own, setOwn] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: businessCaseApi.addWhatWorks,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['businesscase', 'whatworks'] });
      setValues({
        interventionType: '',
        title: '',
        description: '',
        evidenceSource: '',
        evidenceType: '',
        contact: '',
      });
    },
  });
  const server = bcFieldErrors(t, add.error);
  const field = (key: keyof typeof values) => own[key] ?? server[key];
  const set = (key: keyof typeof values) => (v: string) => setValues((x) => ({ ...x, [key]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!values.interventionType) found.interventionType = t('errors.required');
    if (values.title.trim().length < 2) found.title = t('errors.required');
    if (!values.description.trim()) found.description = t('errors.required');
    if (!values.evidenceSource.trim()) found.evidenceSource = t('businesscase.whatworks.sourceMissing');
    if (!values.evidenceType) found.evidenceType = t('errors.required');
    setOwn(found);
    if (Object.keys(found).length > 0) return;
    add.mutate({
      interventionType: values.interventionType as (typeof INTERVENTION_TYPES)[number],
      title: values.title.trim(),
      description: values.description.trim(),
      evidenceSource: values.evidenceSource.trim(),
      evidenceType: values.evidenceType as (typeof EVIDENCE_TYPES)[number],
      contact: values.contact.trim(),
    });
  };
  const labels = {
    interventionType: t('businesscase.whatworks.type'),
    title: t('businesscase.whatworks.entryTitle'),
    description: t('businesscase.whatworks.description'),
    evidenceSource: t('businesscase.whatworks.evidenceSource'),
    evidenceType: t('businesscase.whatworks.evidenceType'),
    contact: t('businesscase.whatworks.contact'),
  };
  const fields: AlertField[] = (Object.keys(labels) as (keyof typeof labels)[]).map((k) => ({
    id: `ww-${k}`,
    label: labels[k],
    message: field(k),
  }));
  const invalid = Object.keys(own).length > 0;
  return (
    <Section id="ww-add" title={t('businesscase.whatworks.addTitle')}>
      {add.data && (
        <FocusedSuccessAlert>
          <Paragraph>{t('common.created', { name: add.data.title })}</Paragraph>
        </FocusedSuccessAlert>
      )}
      {(invalid || add.isError) && (
        <ErrorAlert
          error={add.error}
          message={invalid ? t('errors.validation') : undefined}
          fields={fields}
        />
      )}
      <form onSubmit={submit} noValidate className="vangnet-form">
        <SelectField
          id="ww-interventionType"
          label={labels.interventionType}
          value={values.interventionType}
          onChange={set('interventionType')}
          options={[{ value: '', label: t('businesscase.interventions.chooseType') }, ...typeOptions(t)]}
          error={field('interventionType')}
        />
        <TextField
          id="ww-title"
          label={labels.title}
          value={values.title}
          onChange={set('title')}
          error={field('title')}
          maxLength={200}
        />
        <TextAreaField
          id="ww-description"
          label={labels.description}
          value={values.description}
          onChange={set('description')}
          error={field('description')}
        />
        <TextField
          id="ww-evidenceSource"
          label={labels.evidenceSource}
          description={t('businesscase.whatworks.evidenceSourceHint')}
          value={values.evidenceSource}
          onChange={set('evidenceSource')}
          error={field('evidenceSource')}
        />
        <SelectField
          id="ww-evidenceType"
          label={labels.evidenceType}
          value={values.evidenceType}
          onChange={set('evidenceType')}
          options={[
            { value: '', label: t('businesscase.whatworks.chooseEvidence') },
            ...EVIDENCE_TYPES.map((v) => ({ value: v, label: evidenceName(t, v) })),
          ]}
          error={field('evidenceType')}
        />
        <TextField
          id="ww-contact"
          label={labels.contact}
          description={t('businesscase.whatworks.contactHint')}
          value={values.contact}
          onChange={set('contact')}
          error={field('contact')}
          optional
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" busy={add.isPending}>
            {t('businesscase.whatworks.add')}
          </Button>
        </ButtonGroup>
      </form>
      {/* An alert that is not about a field: the catalogue is shared without personal data. */}
      <Alert type="info">
        <Paragraph>{t('businesscase.whatworks.noPersonalData')}</Paragraph>
      </Alert>
    </Section>
  );
}
