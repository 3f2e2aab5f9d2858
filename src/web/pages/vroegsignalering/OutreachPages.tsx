// Outreach: the letters, cards, e-mails and text messages a worker sends to residents of meldingen. The template
// editor with a live preview (errors shown at the field, with line and column), the municipality's sender
// settings, the worker's own contact card, sending for one melding (embedded in the melding view), printing a
// werkbakje's letters as one PDF, and the message log with failures and "send again".
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import {
  Button,
  ButtonGroup,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Heading3,
  Link,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  ContactCardBody,
  ContactCardSchema,
  LetterBatchSchema,
  MessageBody,
  OutreachMessage,
  OutreachPreview,
  OutreachSettingsSchema,
  OutreachTemplate,
  TemplateErrorView,
} from '../../../shared/schemas/outreach.ts';
import { isApiProblem, type Page, type Query, request } from '../../api.ts';
import { DataTable, Loading, PagedTable, PermittedPage, QueryView } from '../../components/common.tsx';
import { CheckboxField, FileField, SelectField, TextField } from '../../components/fields.tsx';
import { ResourceForm } from '../../components/forms.tsx';
import { AppButtonLink, AppLink } from '../../components/links.tsx';
import {
  ErrorAlert,
  FocusedSuccessAlert,
  problemFieldErrors,
  SuccessAlert,
} from '../../components/problem.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import { hasPermission, useSession } from '../../session.ts';
import { followupApi } from './FollowupApi.ts';

// --- API ---------------------------------------------------------------------------------------------------

type Settings = z.output<typeof OutreachSettingsSchema>;
type ContactCard = z.output<typeof ContactCardSchema>;
type LetterBatch = z.output<typeof LetterBatchSchema>;

const CHANNELS = ['brief', 'kaartje', 'mail', 'sms'] as const;
type Channel = (typeof CHANNELS)[number];
const PAPER: readonly Channel[] = ['brief', 'kaartje'];
const LANGUAGES = ['nl', 'en', 'ar', 'tr'] as const;
type Language = (typeof LANGUAGES)[number];
const RTL: readonly string[] = ['ar'];
const STATUSES = ['queued', 'sending', 'sent', 'failed', 'printed'] as const;

interface TemplateInput {
  channel: Channel;
  language: Language;
  name: string;
  subject: string;
  body: string;
  isDefault: boolean;
}

const V1 = '/api/v1';
const enc = (value: string) => encodeURIComponent(value);

export const outreachApi = {
  templates: () => request<{ items: OutreachTemplate[] }>(`${V1}/berichtsjablonen`),
  template: (id: string) => request<OutreachTemplate>(`${V1}/berichtsjablonen/${enc(id)}`),
  createTemplate: (body: TemplateInput) =>
    request<OutreachTemplate>(`${V1}/berichtsjablonen`, { method: 'POST', body }),
  updateTemplate: (id: string, body: Omit<TemplateInput, 'channel' | 'language'> & { version: number }) =>
    request<OutreachTemplate>(`${V1}/berichtsjablonen/${enc(id)}`, { method: 'PUT', body }),
  deleteTemplate: (id: string) => request<void>(`${V1}/berichtsjablonen/${enc(id)}`, { method: 'DELETE' }),
  preview: (body: Pick<TemplateInput, 'channel' | 'language' | 'subject' | 'body'>) =>
    request<OutreachPreview>(`${V1}/berichtsjablonen/voorbeeld`, { method: 'POST', body }),
  settings: () => request<Settings>(`${V1}/berichtinstellingen`),
  saveSettings: (body: Settings) => request<Settings>(`${V1}/berichtinstellingen`, { method: 'PUT', body }),
  card: () => request<ContactCard>(`${V1}/mijn-contactkaart`),
  saveCard: (body: z.input<typeof ContactCardBody>) =>
    request<ContactCard>(`${V1}/mijn-contactkaart`, { method: 'PUT', body }),
  printForMelding: (meldingId: string, body: LetterRequest) =>
    request<LetterBatch>(`${V1}/meldingen/${enc(meldingId)}/brieven`, { method: 'POST', body }),
  printForQueue: (queueId: string, body: LetterRequest & { limit?: number }) =>
    request<LetterBatch>(`${V1}/werkbakjes/${enc(queueId)}/brieven`, { method: 'POST', body }),
  send: (meldingId: string, body: z.input<typeof MessageBody>) =>
    request<OutreachMessage>(`${V1}/meldingen/${enc(meldingId)}/berichten`, { method: 'POST', body }),
  messages: (query: Query) => request<Page<OutreachMessage>>(`${V1}/berichten`, { query }),
  retry: (messageId: string) =>
    request<OutreachMessage>(`${V1}/berichten/${enc(messageId)}/opnieuw`, { method: 'POST' }),
};

interface LetterRequest {
  channel: 'brief' | 'kaartje';
  batchKey: string;
  templateId?: string;
  language?: Language;
}

/** The PDF of a print run, as a plain link: a GET with the session cookie, the browser saves it. */
export const batchPdfUrl = (batchId: string) => `${V1}/briefbatches/${enc(batchId)}/pdf`;

/** A version 4 UUID for the batch key (crypto.randomUUID needs a secure context; this does not). */
function newBatchKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** One batch key per intended print run: a retry after a network error reuses it, so nothing prints twice. */
function useBatchKey() {
  const key = useRef(newBatchKey());
  return { current: () => key.current, renew: () => (key.current = newBatchKey()) };
}

const channelLabel = (t: TFunction, c: string) => t(`outreach.channels.${c as Channel}`);
const languageLabel = (t: TFunction, l: string) => t(`outreach.languages.${l as Language}`);
const statusLabel = (t: TFunction, s: string) => t(`outreach.statuses.${s as (typeof STATUSES)[number]}`);

function useTemplates() {
  return useQuery({ queryKey: ['outreach', 'templates'], queryFn: outreachApi.templates });
}

// --- Templates: list and editor ---------------------------------------------------------------------------

export function OutreachTemplatesPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="outreach_templates:manage"
      title={t('outreach.templates.title')}
      intro={t('outreach.templates.intro')}
    >
      <ButtonGroup>
        <AppButtonLink appearance="primary-action-button" to="/vroegsignalering/berichtsjablonen/nieuw">
          {t('outreach.templates.new')}
        </AppButtonLink>
      </ButtonGroup>
      <QueryView queryKey={['outreach', 'templates']} queryFn={outreachApi.templates}>
        {({ items }) => (
          <DataTable caption={t('outreach.templates.caption')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('outreach.templates.name')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('outreach.channel')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('outreach.language')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('outreach.templates.isDefault')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((tpl) => (
                <TableRow key={tpl.id}>
                  <TableHeaderCell scope="row">
                    <AppLink
                      to="/vroegsignalering/berichtsjablonen/$templateId"
                      params={{ templateId: tpl.id }}
                    >
                      {tpl.name}
                    </AppLink>
                  </TableHeaderCell>
                  <TableCell>{channelLabel(t, tpl.channel)}</TableCell>
                  <TableCell>{languageLabel(t, tpl.language)}</TableCell>
                  <TableCell>{tpl.isDefault ? t('common.yes') : t('common.no')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
        )}
      </QueryView>
    </PermittedPage>
  );
}

export function OutreachTemplateNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: outreachApi.createTemplate,
    onSuccess: async (tpl) => {
      await queryClient.invalidateQueries({ queryKey: ['outreach', 'templates'] });
      await navigate({
        to: '/vroegsignalering/berichtsjablonen/$templateId',
        params: { templateId: tpl.id },
      });
    },
  });
  return (
    <PermittedPage permission="outreach_templates:manage" title={t('outreach.templates.newTitle')}>
      <Paragraph>
        <AppLink to="/vroegsignalering/berichtsjablonen">{t('outreach.templates.back')}</AppLink>
      </Paragraph>
      <TemplateEditor
        initial={{ channel: 'brief', language: 'nl', name: '', subject: '', body: '', isDefault: false }}
        isNew
        busy={create.isPending}
        error={create.error}
        onSubmit={(v) => create.mutate(v)}
      />
    </PermittedPage>
  );
}

const templateRoute = getRouteApi('/authenticated/vroegsignalering/berichtsjablonen/$templateId');

export function OutreachTemplateEditRoute() {
  return <OutreachTemplateEditPage templateId={templateRoute.useParams().templateId} />;
}

export function OutreachTemplateEditPage({ templateId }: { templateId: string }) {
  const { t } = useTranslation();
  return (
    <PermittedPage permission="outreach_templates:manage" title={t('outreach.templates.editTitle')}>
      <Paragraph>
        <AppLink to="/vroegsignalering/berichtsjablonen">{t('outreach.templates.back')}</AppLink>
      </Paragraph>
      <QueryView
        queryKey={['outreach', 'templates', templateId]}
        queryFn={() => outreachApi.template(templateId)}
      >
        {(tpl) => <EditTemplate key={tpl.id} template={tpl} />}
      </QueryView>
    </PermittedPage>
  );
}

function EditTemplate({ template }: { template: OutreachTemplate }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: TemplateInput) =>
      outreachApi.updateTemplate(template.id, {
        name: v.name,
        subject: v.subject,
        body: v.body,
        isDefault: v.isDefault,
        version: template.version,
      }),
    onSuccess: async (tpl) => {
      queryClient.setQueryData(['outreach', 'templates', tpl.id], tpl);
      await queryClient.invalidateQueries({ queryKey: ['outreach', 'templates'], exact: true });
    },
  });
  const remove = useMutation({
    mutationFn: () => outreachApi.deleteTemplate(template.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['outreach', 'templates'] });
      await navigate({ to: '/vroegsignalering/berichtsjablonen' });
    },
  });
  return (
    <>
      {save.isSuccess && <SuccessAlert>{t('outreach.templates.saved')}</SuccessAlert>}
      <TemplateEditor
        initial={{
          channel: template.channel,
          language: template.language,
          name: template.name,
          subject: template.subject,
          body: template.body,
          isDefault: template.isDefault,
        }}
        isNew={false}
        busy={save.isPending}
        error={save.error}
        onSubmit={(v) => save.mutate(v)}
      />
      <section className="vangnet-section" aria-labelledby="tpl-delete">
        <Heading2 id="tpl-delete">{t('outreach.templates.deleteTitle')}</Heading2>
        {remove.error ? <ErrorAlert error={remove.error} /> : null}
        <ButtonGroup>
          <Button
            appearance="secondary-action-button"
            hint="danger"
            busy={remove.isPending}
            onClick={() => remove.mutate()}
          >
            {t('outreach.templates.delete')}
          </Button>
        </ButtonGroup>
      </section>
    </>
  );
}

/** "Regel 3, kolom 7: het veld {{nam}} bestaat niet." in the user's language. */
function templateErrorText(t: TFunction, e: TemplateErrorView): string {
  const what = t(`outreach.templateErrors.${e.code as 'empty'}`, { field: e.field ?? '', defaultValue: '' });
  return t('outreach.templates.errorAt', { line: e.line, column: e.column, message: what || e.message });
}

/** The field names the help text shows literally (passed as values, so i18next does not read them as its own). */
const BODY_HELP_FIELDS = {
  f1: '{{naam}}',
  f2: '{{medewerker}}',
  f3: '{{telefoon}}',
  f4: '{{afspraaklink}}',
  f5: '{{foto}}',
  f6: '{{qr}}',
};

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

interface TemplateEditorProps {
  initial: TemplateInput;
  isNew: boolean;
  busy: boolean;
  error: unknown;
  onSubmit: (values: TemplateInput) => void;
}

function TemplateEditor({ initial, isNew, busy, error, onSubmit }: TemplateEditorProps) {
  const { t } = useTranslation();
  const [v, setV] = useState<TemplateInput>(initial);
  const set =
    <K extends keyof TemplateInput>(key: K) =>
    (value: TemplateInput[K]) =>
      setV((old) => ({ ...old, [key]: value }));
  const input = useDebounced(
    { channel: v.channel, language: v.language, subject: v.subject, body: v.body },
    350,
  );
  const preview = useQuery({
    queryKey: ['outreach', 'preview', input],
    queryFn: () => outreachApi.preview(input),
    placeholderData: keepPreviousData,
    enabled: input.body.trim() !== '',
  });
  const serverErrors = problemFieldErrors(t, error);
  const previewErrors = preview.data?.errors ?? [];
  const partErrors = (part: 'subject' | 'body') =>
    previewErrors.filter((e) => e.part === part).map((e) => templateErrorText(t, e));
  const bodyErrors = partErrors('body');
  const subjectErrors = partErrors('subject');
  const dir = RTL.includes(v.language) ? 'rtl' : 'ltr';
  const hasSubject = v.channel !== 'sms';
  return (
    <>
      <ResourceForm
        error={error}
        fields={[
          { id: 'tpl-name', label: t('outreach.templates.name'), message: serverErrors.name },
          { id: 'tpl-subject', label: t('outreach.templates.subject'), message: serverErrors.subject },
          { id: 'tpl-body', label: t('outreach.templates.body'), message: serverErrors.body },
        ]}
        busy={busy}
        onSubmit={() => onSubmit(v)}
      >
        <TextField
          id="tpl-name"
          label={t('outreach.templates.name')}
          value={v.name}
          onChange={set('name')}
          error={serverErrors.name}
          required
        />
        {isNew ? (
          <>
            <SelectField
              id="tpl-channel"
              label={t('outreach.channel')}
              value={v.channel}
              onChange={(c) => set('channel')(c as Channel)}
              options={CHANNELS.map((c) => ({ value: c, label: channelLabel(t, c) }))}
            />
            <SelectField
              id="tpl-language"
              label={t('outreach.language')}
              value={v.language}
              onChange={(l) => set('language')(l as Language)}
              options={LANGUAGES.map((l) => ({ value: l, label: languageLabel(t, l) }))}
            />
          </>
        ) : (
          <Paragraph>
            {t('outreach.templates.fixed', {
              channel: channelLabel(t, v.channel),
              language: languageLabel(t, v.language),
            })}
          </Paragraph>
        )}
        {hasSubject && (
          <TemplateTextField
            id="tpl-subject"
            label={t('outreach.templates.subject')}
            value={v.subject}
            onChange={set('subject')}
            errors={[...subjectErrors, ...(serverErrors.subject ? [serverErrors.subject] : [])]}
            dir={dir}
            lang={v.language}
            rows={1}
          />
        )}
        <TemplateTextField
          id="tpl-body"
          label={t('outreach.templates.body')}
          description={t('outreach.templates.bodyHelp', BODY_HELP_FIELDS)}
          value={v.body}
          onChange={set('body')}
          errors={[
            ...bodyErrors,
            ...(serverErrors.body && bodyErrors.length === 0 ? [serverErrors.body] : []),
          ]}
          dir={dir}
          lang={v.language}
          rows={12}
        />
        <CheckboxField
          id="tpl-default"
          label={t('outreach.templates.isDefault')}
          description={t('outreach.templates.isDefaultHelp')}
          checked={v.isDefault}
          onChange={set('isDefault')}
        />
      </ResourceForm>
      <section className="vangnet-section" aria-labelledby="tpl-preview">
        <Heading2 id="tpl-preview">{t('outreach.templates.preview')}</Heading2>
        <Paragraph>{t('outreach.templates.previewIntro')}</Paragraph>
        <div aria-live="polite">
          {preview.isError && <ErrorAlert error={preview.error} />}
          {preview.data && !preview.data.valid && (
            <Paragraph>
              <strong>{t('outreach.templates.previewInvalid', { count: previewErrors.length })}</strong>
            </Paragraph>
          )}
          {preview.data?.valid && <PreviewBlocks preview={preview.data} language={v.language} />}
        </div>
      </section>
    </>
  );
}

function TemplateTextField(props: {
  id: string;
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  errors: string[];
  dir: 'ltr' | 'rtl';
  lang: string;
  rows: number;
}) {
  const { id, errors } = props;
  const describedBy =
    [props.description && `${id}-description`, errors.length > 0 && `${id}-error`]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <FormField invalid={errors.length > 0} type="text">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{props.label}</FormLabel>
      </div>
      {props.description && (
        <FormFieldDescription id={`${id}-description`} className="utrecht-form-field__description">
          {props.description}
        </FormFieldDescription>
      )}
      {errors.length > 0 && (
        <FormFieldErrorMessage id={`${id}-error`} className="utrecht-form-field__error-message">
          {errors.map((e, i) => (
            <span key={e}>
              {i > 0 && <br />}
              {e}
            </span>
          ))}
        </FormFieldErrorMessage>
      )}
      <div className="utrecht-form-field__input">
        <Textarea
          id={id}
          name={id}
          value={props.value}
          rows={props.rows}
          dir={props.dir}
          lang={props.lang}
          invalid={errors.length > 0}
          aria-describedby={describedBy}
          spellCheck
          onChange={(e: ChangeEvent<HTMLTextAreaElement>) => props.onChange(e.target.value)}
        />
      </div>
    </FormField>
  );
}

function PreviewBlocks({ preview, language }: { preview: OutreachPreview; language: string }) {
  const { t } = useTranslation();
  return (
    <div lang={language} dir={preview.dir}>
      {preview.subject && <Heading3>{preview.subject}</Heading3>}
      {preview.blocks.map((b, i) =>
        b.type === 'heading' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the blocks of one preview have no identity of their own.
          <Heading3 key={i}>{b.text}</Heading3>
        ) : b.type === 'image' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          <Paragraph key={i} lang="nl" dir="ltr">
            <em>{b.field === 'qr' ? t('outreach.templates.qrHere') : t('outreach.templates.photoHere')}</em>
          </Paragraph>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          <Paragraph key={i}>{b.text}</Paragraph>
        ),
      )}
    </div>
  );
}

// --- Settings and contact card -------------------------------------------------------------------------------

export function OutreachSettingsPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="outreach_templates:manage"
      title={t('outreach.settings.title')}
      intro={t('outreach.settings.intro')}
    >
      <QueryView queryKey={['outreach', 'settings']} queryFn={outreachApi.settings}>
        {(s) => <SettingsForm initial={s} />}
      </QueryView>
    </PermittedPage>
  );
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [v, setV] = useState({ ...initial, appointmentUrl: initial.appointmentUrl ?? '' });
  const save = useMutation({
    mutationFn: () => outreachApi.saveSettings({ ...v, appointmentUrl: v.appointmentUrl.trim() || null }),
    onSuccess: (s) => queryClient.setQueryData(['outreach', 'settings'], s),
  });
  const errors = problemFieldErrors(t, save.error);
  return (
    <>
      {save.isSuccess && <SuccessAlert>{t('common.saved')}</SuccessAlert>}
      <ResourceForm
        error={save.error}
        busy={save.isPending}
        onSubmit={() => save.mutate()}
        fields={[
          { id: 'os-sender', label: t('outreach.settings.senderName'), message: errors.senderName },
          { id: 'os-return', label: t('outreach.settings.returnAddress'), message: errors.returnAddress },
          { id: 'os-url', label: t('outreach.settings.appointmentUrl'), message: errors.appointmentUrl },
        ]}
      >
        <TextField
          id="os-sender"
          label={t('outreach.settings.senderName')}
          description={t('outreach.settings.senderNameHelp')}
          value={v.senderName}
          onChange={(senderName) => setV({ ...v, senderName })}
          error={errors.senderName}
        />
        <TextField
          id="os-return"
          label={t('outreach.settings.returnAddress')}
          description={t('outreach.settings.returnAddressHelp')}
          value={v.returnAddress}
          onChange={(returnAddress) => setV({ ...v, returnAddress })}
          error={errors.returnAddress}
        />
        <TextField
          id="os-url"
          label={t('outreach.settings.appointmentUrl')}
          description={t('outreach.settings.appointmentUrlHelp')}
          value={v.appointmentUrl}
          onChange={(appointmentUrl) => setV({ ...v, appointmentUrl })}
          error={errors.appointmentUrl}
          optional
          inputMode="url"
        />
        <CheckboxField
          id="os-partners"
          label={t('outreach.settings.mentionPartnerTypes')}
          description={t('outreach.settings.mentionPartnerTypesHelp')}
          checked={v.mentionPartnerTypes}
          onChange={(mentionPartnerTypes) => setV({ ...v, mentionPartnerTypes })}
        />
      </ResourceForm>
    </>
  );
}

export function ContactCardPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="outreach:manage"
      title={t('outreach.card.title')}
      intro={t('outreach.card.intro')}
    >
      <QueryView queryKey={['outreach', 'card']} queryFn={outreachApi.card}>
        {(card) => <ContactCardForm initial={card} />}
      </QueryView>
    </PermittedPage>
  );
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function ContactCardForm({ initial }: { initial: ContactCard }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [phone, setPhone] = useState(initial.directPhone);
  const [photo, setPhoto] = useState<File | null>(null);
  const [removePhoto, setRemovePhoto] = useState(false);
  const [fileError, setFileError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: async () => {
      const body: z.input<typeof ContactCardBody> = { directPhone: phone };
      if (photo) {
        body.photo = { type: photo.type as 'image/png' | 'image/jpeg', base64: await readAsBase64(photo) };
      } else if (removePhoto) body.photo = null;
      return outreachApi.saveCard(body);
    },
    onSuccess: (card) => {
      queryClient.setQueryData(['outreach', 'card'], card);
      setPhoto(null);
      setRemovePhoto(false);
    },
  });
  const errors = problemFieldErrors(t, save.error);
  const photoError = fileError ?? errors['photo.base64'] ?? errors['photo.type'] ?? errors.photo;
  const card = queryClient.getQueryData<ContactCard>(['outreach', 'card']) ?? initial;
  const submit = () => {
    if (photo && !['image/png', 'image/jpeg'].includes(photo.type)) {
      setFileError(t('outreach.card.photoType'));
      return;
    }
    if (photo && photo.size > 500_000) {
      setFileError(t('outreach.card.photoSize'));
      return;
    }
    setFileError(undefined);
    save.mutate();
  };
  return (
    <>
      {save.isSuccess && <SuccessAlert>{t('common.saved')}</SuccessAlert>}
      {card.photoDataUrl && (
        <figure className="vangnet-section">
          <img src={card.photoDataUrl} alt={t('outreach.card.photoAlt')} width={120} />
        </figure>
      )}
      <ResourceForm
        error={save.error}
        invalid={!!fileError}
        busy={save.isPending}
        onSubmit={submit}
        fields={[
          { id: 'card-phone', label: t('outreach.card.phone'), message: errors.directPhone },
          { id: 'card-photo', label: t('outreach.card.photo'), message: photoError },
        ]}
      >
        <TextField
          id="card-phone"
          type="text"
          inputMode="tel"
          autoComplete="tel"
          label={t('outreach.card.phone')}
          description={t('outreach.card.phoneHelp')}
          value={phone}
          onChange={setPhone}
          error={errors.directPhone}
        />
        <FileField
          id="card-photo"
          label={t('outreach.card.photo')}
          description={t('outreach.card.photoHelp')}
          accept="image/png,image/jpeg"
          onChange={setPhoto}
          error={photoError}
        />
        {card.hasPhoto && (
          <CheckboxField
            id="card-remove"
            label={t('outreach.card.removePhoto')}
            checked={removePhoto}
            onChange={setRemovePhoto}
          />
        )}
      </ResourceForm>
    </>
  );
}

// --- One melding: letter, card, e-mail or text message ---------------------------------------------------

/** Sending for one melding; the melding view embeds it. Needs outreach:manage, shows nothing otherwise. */
export function OutreachPanel({ meldingId, closed = false }: { meldingId: string; closed?: boolean }) {
  const session = useSession();
  if (!session || !hasPermission(session, 'outreach:manage')) return null;
  return <Outreach meldingId={meldingId} closed={closed} />;
}

function Outreach({ meldingId, closed }: { meldingId: string; closed: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const templates = useTemplates();
  const [channel, setChannel] = useState<Channel>('brief');
  const [language, setLanguage] = useState<Language>('nl');
  const [templateId, setTemplateId] = useState('');
  const [recipient, setRecipient] = useState('');
  const batchKey = useBatchKey();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['followup'] });
    await queryClient.invalidateQueries({ queryKey: ['outreach', 'messages'] });
  };
  const paper = PAPER.includes(channel);
  const choice = templateId ? { templateId } : { language };
  const print = useMutation({
    mutationFn: () =>
      outreachApi.printForMelding(meldingId, {
        channel: channel as 'brief' | 'kaartje',
        batchKey: batchKey.current(),
        ...choice,
      }),
    onSuccess: async () => {
      batchKey.renew();
      await refresh();
    },
  });
  const send = useMutation({
    mutationFn: () =>
      outreachApi.send(meldingId, {
        channel: channel as 'mail' | 'sms',
        ...choice,
        ...(recipient.trim() ? { recipient: recipient.trim() } : {}),
      }),
    onSuccess: refresh,
  });
  const active = paper ? print : send;
  const errors = problemFieldErrors(t, active.error);
  const options = (templates.data?.items ?? []).filter((tpl) => tpl.channel === channel);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    print.reset();
    send.reset();
    if (paper) print.mutate();
    else send.mutate();
  };
  return (
    <section className="vangnet-section" aria-labelledby="or-heading">
      <Heading2 id="or-heading">{t('outreach.panel.title')}</Heading2>
      {closed ? (
        <Paragraph>{t('outreach.panel.closed')}</Paragraph>
      ) : (
        <form onSubmit={submit} noValidate className="vangnet-form">
          {active.error ? (
            <ErrorAlert
              error={active.error}
              fields={[
                { id: 'or-recipient', label: t('outreach.panel.recipient'), message: errors.recipient },
                { id: 'or-template', label: t('outreach.panel.template'), message: errors.templateId },
              ]}
            />
          ) : null}
          <SelectField
            id="or-channel"
            label={t('outreach.channel')}
            value={channel}
            onChange={(c) => {
              setChannel(c as Channel);
              setTemplateId('');
            }}
            options={CHANNELS.map((c) => ({ value: c, label: channelLabel(t, c) }))}
          />
          <SelectField
            id="or-template"
            label={t('outreach.panel.template')}
            value={templateId}
            onChange={setTemplateId}
            error={errors.templateId}
            options={[
              { value: '', label: t('outreach.panel.defaultTemplate') },
              ...options.map((tpl) => ({
                value: tpl.id,
                label: `${tpl.name} (${languageLabel(t, tpl.language)})`,
              })),
            ]}
          />
          {!templateId && (
            <SelectField
              id="or-language"
              label={t('outreach.language')}
              value={language}
              onChange={(l) => setLanguage(l as Language)}
              error={errors.language}
              options={LANGUAGES.map((l) => ({ value: l, label: languageLabel(t, l) }))}
            />
          )}
          {!paper && (
            <TextField
              id="or-recipient"
              label={t(channel === 'mail' ? 'outreach.panel.recipientMail' : 'outreach.panel.recipientSms')}
              description={t('outreach.panel.recipientHelp')}
              value={recipient}
              onChange={setRecipient}
              error={errors.recipient}
              optional
              type={channel === 'mail' ? 'email' : 'text'}
              inputMode={channel === 'mail' ? 'email' : 'tel'}
            />
          )}
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" busy={active.isPending}>
              {paper
                ? t(channel === 'brief' ? 'outreach.panel.printLetter' : 'outreach.panel.printCard')
                : t('outreach.panel.send')}
            </Button>
          </ButtonGroup>
        </form>
      )}
      {print.isSuccess && (
        <FocusedSuccessAlert>
          <Paragraph>{t('outreach.panel.printed')}</Paragraph>
          <Paragraph>
            <Link href={batchPdfUrl(print.data.id)} download>
              {t('outreach.panel.download')}
            </Link>
          </Paragraph>
        </FocusedSuccessAlert>
      )}
      {send.isSuccess && (
        <FocusedSuccessAlert>
          <Paragraph>
            {send.data.status === 'failed'
              ? t('outreach.panel.sendFailed')
              : t(send.data.status === 'sent' ? 'outreach.panel.sent' : 'outreach.panel.queued')}
          </Paragraph>
        </FocusedSuccessAlert>
      )}
      <Heading3>{t('outreach.panel.messages')}</Heading3>
      <MessagesTable query={{ meldingId }} caption={t('outreach.panel.messages')} showMelding={false} />
    </section>
  );
}

// --- Batch printing for a werkbakje ------------------------------------------------------------------------

export function OutreachBatchPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="outreach:manage"
      title={t('outreach.batch.title')}
      intro={t('outreach.batch.intro')}
    >
      <BatchForm />
    </PermittedPage>
  );
}

function BatchForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const overview = useQuery({ queryKey: ['followup', 'overview'], queryFn: followupApi.overview });
  const templates = useTemplates();
  const [queueId, setQueueId] = useState('');
  const [channel, setChannel] = useState<'brief' | 'kaartje'>('brief');
  const [templateId, setTemplateId] = useState('');
  const [language, setLanguage] = useState<Language>('nl');
  const [queueError, setQueueError] = useState<string | undefined>();
  const batchKey = useBatchKey();
  const queues = (overview.data?.queues ?? []).filter((q) => q.queueId);
  const print = useMutation({
    mutationFn: () =>
      outreachApi.printForQueue(queueId, {
        channel,
        batchKey: batchKey.current(),
        ...(templateId ? { templateId } : { language }),
      }),
    onSuccess: async () => {
      batchKey.renew();
      await queryClient.invalidateQueries({ queryKey: ['followup'] });
      await queryClient.invalidateQueries({ queryKey: ['outreach', 'messages'] });
    },
  });
  const errors = problemFieldErrors(t, print.error);
  const nothing =
    isApiProblem(print.error) && print.error.invalidParams.some((p) => p.code === 'nothing_to_print');
  const submit = () => {
    if (!queueId) {
      setQueueError(t('outreach.batch.queueRequired'));
      return;
    }
    setQueueError(undefined);
    print.mutate();
  };
  if (overview.isPending) return <Loading />;
  return (
    <>
      {print.isSuccess && (
        <FocusedSuccessAlert>
          <Paragraph>
            {t(print.data.created ? 'outreach.batch.done' : 'outreach.batch.again', {
              count: print.data.letterCount,
            })}
          </Paragraph>
          <Paragraph>
            <Link href={batchPdfUrl(print.data.id)} download>
              {t('outreach.batch.download', { count: print.data.letterCount })}
            </Link>
          </Paragraph>
        </FocusedSuccessAlert>
      )}
      <ResourceForm
        error={nothing ? null : print.error}
        invalid={!!queueError}
        busy={print.isPending}
        submitLabel={t('outreach.batch.submit')}
        onSubmit={submit}
        fields={[
          { id: 'bp-queue', label: t('outreach.batch.queue'), message: queueError },
          { id: 'bp-template', label: t('outreach.panel.template'), message: errors.templateId },
        ]}
      >
        {nothing && (
          <Paragraph>
            <strong>{t('outreach.batch.nothing')}</strong>
          </Paragraph>
        )}
        <SelectField
          id="bp-queue"
          label={t('outreach.batch.queue')}
          value={queueId}
          onChange={setQueueId}
          error={queueError}
          options={[
            { value: '', label: t('outreach.batch.chooseQueue') },
            ...queues.map((q) => ({
              value: q.queueId ?? '',
              label: t('outreach.batch.queueOption', { name: q.name ?? '', count: q.open + q.inBehandeling }),
            })),
          ]}
        />
        <SelectField
          id="bp-channel"
          label={t('outreach.channel')}
          value={channel}
          onChange={(c) => {
            setChannel(c as 'brief' | 'kaartje');
            setTemplateId('');
          }}
          options={PAPER.map((c) => ({ value: c, label: channelLabel(t, c) }))}
        />
        <SelectField
          id="bp-template"
          label={t('outreach.panel.template')}
          value={templateId}
          onChange={setTemplateId}
          error={errors.templateId}
          options={[
            { value: '', label: t('outreach.panel.defaultTemplate') },
            ...(templates.data?.items ?? [])
              .filter((tpl) => tpl.channel === channel)
              .map((tpl) => ({ value: tpl.id, label: `${tpl.name} (${languageLabel(t, tpl.language)})` })),
          ]}
        />
        {!templateId && (
          <SelectField
            id="bp-language"
            label={t('outreach.language')}
            value={language}
            onChange={(l) => setLanguage(l as Language)}
            options={LANGUAGES.map((l) => ({ value: l, label: languageLabel(t, l) }))}
          />
        )}
      </ResourceForm>
      {print.isSuccess && (
        <section className="vangnet-section" aria-labelledby="bp-meldingen">
          <Heading2 id="bp-meldingen">{t('outreach.batch.meldingen')}</Heading2>
          <Paragraph>{t('outreach.batch.meldingenIntro')}</Paragraph>
          <UnorderedList>
            {print.data.meldingIds.slice(0, 50).map((id, i) => (
              <UnorderedListItem key={id}>
                <AppLink to="/vroegsignalering/meldingen/$meldingId" params={{ meldingId: id }}>
                  {t('outreach.batch.meldingLink', { n: i + 1 })}
                </AppLink>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      )}
    </>
  );
}

// --- The message log ------------------------------------------------------------------------------------------

export function OutreachMessagesPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [channel, setChannel] = useState('');
  return (
    <PermittedPage
      permission="outreach:manage"
      title={t('outreach.log.title')}
      intro={t('outreach.log.intro')}
    >
      <div className="vangnet-filters">
        <SelectField
          id="log-status"
          label={t('outreach.log.status')}
          value={status}
          onChange={setStatus}
          options={[
            { value: '', label: t('outreach.log.all') },
            ...STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) })),
          ]}
        />
        <SelectField
          id="log-channel"
          label={t('outreach.channel')}
          value={channel}
          onChange={setChannel}
          options={[
            { value: '', label: t('outreach.log.all') },
            ...CHANNELS.map((c) => ({ value: c, label: channelLabel(t, c) })),
          ]}
        />
      </div>
      <MessagesTable
        query={{ status: status || undefined, channel: channel || undefined }}
        caption={t('outreach.log.caption')}
        showMelding
      />
    </PermittedPage>
  );
}

function MessagesTable({
  query,
  caption,
  showMelding,
}: {
  query: Query;
  caption: string;
  showMelding: boolean;
}) {
  const { t } = useTranslation();
  return (
    <PagedTable<OutreachMessage>
      queryKey={['outreach', 'messages', query]}
      load={(cursor) => outreachApi.messages({ ...query, cursor, limit: 20 })}
      caption={caption}
      empty={t('outreach.log.empty')}
      columns={[
        { header: t('outreach.log.date'), cell: (m) => formatDateTime(m.createdAt) },
        { header: t('outreach.channel'), cell: (m) => channelLabel(t, m.channel) },
        { header: t('outreach.log.subject'), cell: (m) => m.subject || m.templateName || '' },
        { header: t('outreach.log.recipient'), cell: (m) => m.recipient ?? t('outreach.log.byPost') },
        { header: t('outreach.log.status'), cell: (m) => <MessageStatus message={m} /> },
        ...(showMelding
          ? [
              {
                header: t('outreach.log.melding'),
                cell: (m: OutreachMessage) => (
                  <AppLink to="/vroegsignalering/meldingen/$meldingId" params={{ meldingId: m.meldingId }}>
                    {t('outreach.log.openMelding')}
                  </AppLink>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function MessageStatus({ message: m }: { message: OutreachMessage }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => outreachApi.retry(m.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['outreach', 'messages'] });
      await queryClient.invalidateQueries({ queryKey: ['followup'] });
    },
  });
  return (
    <>
      <span>
        {statusLabel(t, m.status)}
        {m.attempts > 1 ? ` (${t('outreach.log.attempts', { count: m.attempts })})` : ''}
      </span>
      {m.status === 'failed' && m.lastError && (
        <>
          <br />
          <span>{t('outreach.log.reason', { reason: m.lastError })}</span>
        </>
      )}
      {m.status === 'failed' && (
        <ButtonGroup>
          <Button
            appearance="secondary-action-button"
            busy={retry.isPending}
            onClick={() => retry.mutate()}
            aria-label={t('outreach.log.retryOne', {
              channel: channelLabel(t, m.channel),
              date: formatDateTime(m.createdAt),
            })}
          >
            {t('outreach.log.retry')}
          </Button>
        </ButtonGroup>
      )}
      {retry.isError && <ErrorAlert error={retry.error} />}
    </>
  );
}
