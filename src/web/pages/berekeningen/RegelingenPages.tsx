// Beheer of the municipal schemes: kwijtschelding, bijzondere bijstand, individuele inkomenstoeslag and local
// minimaregelingen, each with its income limit (percentage of the norm), asset limit, amount and dates. A change
// from a date is a new version (same name, later "geldig vanaf"); schemes are deactivated, never deleted.
import { Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BEDRAG_PERIODES, REGELING_SOORTEN } from '../../../shared/schemas/berekeningen.ts';
import { PagedTable } from '../../components/common.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { type FormProps, ResourceForm } from '../../components/forms.tsx';
import { AppLink } from '../../components/links.tsx';
import { problemFieldErrors, SuccessAlert } from '../../components/problem.tsx';
import {
  type AdminResource,
  ResourceEditPage,
  ResourceListPage,
  ResourceNewPage,
  useUpdateResource,
} from '../../components/resources.tsx';
import { type Regeling, type RegelingBody, rekenApi } from './api.ts';
import { euro } from './CalculatorPage.tsx';

const REGELINGEN: AdminResource<Regeling> = {
  key: 'regelingen',
  path: '/beheer/regelingen',
  permission: 'regelingen:manage',
  name: (r) => r.naam,
};

const soortLabel = (t: TFunction, soort: string) =>
  t(`regelingen.soorten.${soort}` as 'regelingen.soorten.kwijtschelding');

export function RegelingenPage() {
  const { t } = useTranslation();
  return (
    <ResourceListPage
      resource={REGELINGEN}
      title={t('regelingen.title')}
      intro={t('regelingen.intro')}
      newLabel={t('regelingen.new')}
    >
      <PagedTable
        queryKey={[REGELINGEN.key, 'list']}
        load={() => rekenApi.regelingen()}
        caption={t('regelingen.caption')}
        columns={[
          {
            header: t('regelingen.naam'),
            cell: (r) => (
              <AppLink to="/beheer/regelingen/$schemeId" params={{ schemeId: r.id }}>
                {r.naam}
              </AppLink>
            ),
          },
          { header: t('regelingen.soort'), cell: (r) => soortLabel(t, r.soort) },
          { header: t('regelingen.inkomensgrens'), cell: (r) => `${r.inkomensgrensPercentage} %` },
          {
            header: t('regelingen.bedrag'),
            cell: (r) =>
              t(r.bedragPeriode === 'maand' ? 'regelingen.perMaand' : 'regelingen.perJaar', {
                amount: euro(r.bedrag),
                child: euro(r.bedragPerKind),
              }),
          },
          {
            header: t('regelingen.geldig'),
            cell: (r) =>
              r.geldigTot
                ? `${r.geldigVanaf} – ${r.geldigTot}`
                : t('regelingen.vanaf', { date: r.geldigVanaf }),
          },
          {
            header: t('regelingen.status'),
            cell: (r) => (r.actief ? t('regelingen.actief') : t('regelingen.inactief')),
          },
        ]}
      />
    </ResourceListPage>
  );
}

interface Values {
  soort: string;
  naam: string;
  inkomensgrensPercentage: string;
  vermogensgrens: string;
  bedrag: string;
  bedragPerKind: string;
  bedragPeriode: string;
  minimumLeeftijd: string;
  hoeAanvragen: string;
  aanvraagUrl: string;
  geldigVanaf: string;
  geldigTot: string;
  actief: boolean;
}

/** A number typed with a decimal comma or point; anything else is sent as typed, so the server names the field. */
function num(text: string): number | string {
  const t = text.trim().replace(/\s|€|%/g, '');
  const normal = /,\d{1,2}$/.test(t) ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  return normal !== '' && Number.isFinite(Number(normal)) ? Number(normal) : text;
}

function bodyOf(v: Values): RegelingBody {
  const opt = (s: string) => (s.trim() === '' ? null : num(s));
  return {
    soort: v.soort,
    naam: v.naam,
    inkomensgrensPercentage: num(v.inkomensgrensPercentage),
    vermogensgrens: opt(v.vermogensgrens),
    bedrag: num(v.bedrag),
    bedragPerKind: v.bedragPerKind.trim() === '' ? 0 : num(v.bedragPerKind),
    bedragPeriode: v.bedragPeriode,
    minimumLeeftijd: opt(v.minimumLeeftijd),
    hoeAanvragen: v.hoeAanvragen,
    aanvraagUrl: v.aanvraagUrl.trim() === '' ? null : v.aanvraagUrl.trim(),
    geldigVanaf: v.geldigVanaf,
    geldigTot: v.geldigTot === '' ? null : v.geldigTot,
    actief: v.actief,
  } as RegelingBody;
}

const FIELD_IDS = [
  'soort',
  'naam',
  'inkomensgrensPercentage',
  'vermogensgrens',
  'bedrag',
  'bedragPerKind',
  'bedragPeriode',
  'minimumLeeftijd',
  'hoeAanvragen',
  'aanvraagUrl',
  'geldigVanaf',
  'geldigTot',
] as const;

function RegelingForm({ initial, onSubmit, busy, error }: FormProps<Values>) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const set =
    <K extends keyof Values>(k: K) =>
    (v: Values[K]) =>
      setValues((x) => ({ ...x, [k]: v }));
  const errors = problemFieldErrors(t, error);
  const label = (id: string) => t(`regelingen.velden.${id}` as 'regelingen.velden.naam');
  const text = (
    id: (typeof FIELD_IDS)[number],
    o: { optional?: boolean; description?: string; type?: 'date' } = {},
  ) => (
    <TextField
      id={id}
      label={label(id)}
      value={String(values[id])}
      onChange={set(id)}
      error={errors[id]}
      optional={o.optional}
      description={o.description}
      type={o.type ?? 'text'}
      autoComplete="off"
    />
  );
  return (
    <ResourceForm
      error={error}
      fields={FIELD_IDS.map((id) => ({ id, label: label(id), message: errors[id] }))}
      busy={busy}
      onSubmit={() => !busy && onSubmit(values)}
    >
      <SelectField
        id="soort"
        label={label('soort')}
        value={values.soort}
        onChange={set('soort')}
        options={REGELING_SOORTEN.map((s) => ({ value: s, label: soortLabel(t, s) }))}
        error={errors.soort}
      />
      {text('naam')}
      {text('inkomensgrensPercentage', { description: t('regelingen.hulp.inkomensgrens') })}
      {text('vermogensgrens', { optional: true, description: t('regelingen.hulp.vermogensgrens') })}
      {text('bedrag')}
      {text('bedragPerKind', { optional: true })}
      <SelectField
        id="bedragPeriode"
        label={label('bedragPeriode')}
        value={values.bedragPeriode}
        onChange={set('bedragPeriode')}
        options={BEDRAG_PERIODES.map((p) => ({
          value: p,
          label: t(`regelingen.periodes.${p}` as 'regelingen.periodes.maand'),
        }))}
        error={errors.bedragPeriode}
      />
      {text('minimumLeeftijd', { optional: true })}
      <TextAreaField
        id="hoeAanvragen"
        label={label('hoeAanvragen')}
        value={values.hoeAanvragen}
        onChange={set('hoeAanvragen')}
        error={errors.hoeAanvragen}
        description={t('regelingen.hulp.hoeAanvragen')}
        optional
      />
      {text('aanvraagUrl', { optional: true })}
      {text('geldigVanaf', { type: 'date', description: t('regelingen.hulp.geldigVanaf') })}
      {text('geldigTot', { type: 'date', optional: true })}
      <CheckboxField id="actief" label={label('actief')} checked={values.actief} onChange={set('actief')} />
    </ResourceForm>
  );
}

const EMPTY: Values = {
  soort: 'kwijtschelding',
  naam: '',
  inkomensgrensPercentage: '100',
  vermogensgrens: '',
  bedrag: '',
  bedragPerKind: '',
  bedragPeriode: 'jaar',
  minimumLeeftijd: '',
  hoeAanvragen: '',
  aanvraagUrl: '',
  geldigVanaf: `${new Date().getFullYear()}-01-01`,
  geldigTot: '',
  actief: true,
};

export function RegelingNewPage() {
  const { t } = useTranslation();
  return (
    <ResourceNewPage
      resource={REGELINGEN}
      title={t('regelingen.newTitle')}
      create={(v: Values) => rekenApi.createRegeling(bodyOf(v))}
    >
      {(form) => <RegelingForm initial={EMPTY} {...form} />}
    </ResourceNewPage>
  );
}

export function RegelingEditPage({ schemeId }: { schemeId: string }) {
  const { t } = useTranslation();
  return (
    <ResourceEditPage
      resource={REGELINGEN}
      id={schemeId}
      title={t('regelingen.editTitle')}
      load={() => rekenApi.regeling(schemeId)}
    >
      {(r) => <RegelingEditor regeling={r} />}
    </ResourceEditPage>
  );
}

function RegelingEditor({ regeling }: { regeling: Regeling }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const mutation = useUpdateResource(
    REGELINGEN,
    regeling.id,
    (v: Values) => rekenApi.updateRegeling(regeling.id, bodyOf(v) as never),
    () => setSaved(true),
  );
  const s = (x: number | null) => (x === null ? '' : String(x).replace('.', ','));
  return (
    <>
      {saved && !mutation.isPending && <SuccessAlert>{t('common.saved')}</SuccessAlert>}
      <Paragraph className="vangnet-muted">{t('regelingen.versionNote')}</Paragraph>
      <RegelingForm
        key={JSON.stringify(regeling)}
        initial={{
          soort: regeling.soort,
          naam: regeling.naam,
          inkomensgrensPercentage: s(regeling.inkomensgrensPercentage),
          vermogensgrens: s(regeling.vermogensgrens),
          bedrag: s(regeling.bedrag),
          bedragPerKind: s(regeling.bedragPerKind),
          bedragPeriode: regeling.bedragPeriode,
          minimumLeeftijd: regeling.minimumLeeftijd === null ? '' : String(regeling.minimumLeeftijd),
          hoeAanvragen: regeling.hoeAanvragen,
          aanvraagUrl: regeling.aanvraagUrl ?? '',
          geldigVanaf: regeling.geldigVanaf,
          geldigTot: regeling.geldigTot ?? '',
          actief: regeling.actief,
        }}
        onSubmit={(v) => {
          setSaved(false);
          mutation.mutate(v);
        }}
        busy={mutation.isPending}
        error={mutation.error}
      />
    </>
  );
}
