// The calculator for workers: one form per rule, the explained result (outcome, steps, parameters with their
// sources and status, warnings) and a tagged PDF to hand to the resident. Nothing is stored.
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LEEFSITUATIES_BIJSTAND,
  LEEFSITUATIES_BVV,
  REGELS,
  type Regel,
} from '../../../shared/schemas/berekeningen.ts';
import { DataTable, PermittedPage } from '../../components/common.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/fields.tsx';
import { ResourceForm } from '../../components/forms.tsx';
import { ErrorAlert, problemFieldErrors } from '../../components/problem.tsx';
import { formatNumber } from '../../i18n/index.ts';
import { type BerekeningResultaat, rekenApi } from './api.ts';

type Kind = 'date' | 'euro' | 'int' | 'bool' | 'ages' | { options: readonly string[] };
type Field = { name: string; kind: Kind; optional?: boolean; initial?: string | boolean };

const peildatum: Field = { name: 'peildatum', kind: 'date' };
const FIELDS: Record<Regel, Field[]> = {
  'beslagvrije-voet': [
    peildatum,
    { name: 'leefsituatie', kind: { options: LEEFSITUATIES_BVV } },
    { name: 'belastbaarJaarinkomen', kind: 'euro' },
    { name: 'maandinkomen', kind: 'euro' },
    { name: 'bijstand', kind: 'bool', initial: false },
    { name: 'woonadresInNederland', kind: 'bool', initial: true },
    { name: 'leeftijd', kind: 'int', optional: true },
    { name: 'leeftijdPartner', kind: 'int', optional: true },
    { name: 'partnerInkomen', kind: 'euro', optional: true },
    { name: 'eigenAnderInkomen', kind: 'euro', optional: true },
    { name: 'woonkosten', kind: 'euro', optional: true },
    { name: 'huurtoeslagOntvangen', kind: 'bool', initial: false },
  ],
  bijstandsnorm: [
    peildatum,
    { name: 'leefsituatie', kind: { options: LEEFSITUATIES_BIJSTAND } },
    { name: 'leeftijd', kind: 'int' },
    { name: 'leeftijdPartner', kind: 'int', optional: true },
    { name: 'kostendelers', kind: 'int', optional: true },
    { name: 'metKinderen', kind: 'bool', initial: false },
  ],
  zorgtoeslag: [
    peildatum,
    { name: 'toetsingsinkomen', kind: 'euro' },
    { name: 'toeslagpartner', kind: 'bool', initial: false },
    { name: 'vermogen', kind: 'euro', optional: true },
  ],
  huurtoeslag: [
    peildatum,
    { name: 'toetsingsinkomen', kind: 'euro' },
    { name: 'toeslagpartner', kind: 'bool', initial: false },
    { name: 'huishoudgrootte', kind: 'int', initial: '1' },
    { name: 'kaleHuur', kind: 'euro' },
    { name: 'servicekosten', kind: 'euro', optional: true },
    { name: 'leeftijdOudste', kind: 'int', optional: true },
    { name: 'vermogen', kind: 'euro', optional: true },
  ],
  'kindgebonden-budget': [
    peildatum,
    { name: 'toetsingsinkomen', kind: 'euro' },
    { name: 'toeslagpartner', kind: 'bool', initial: false },
    { name: 'leeftijdenKinderen', kind: 'ages' },
    { name: 'vermogen', kind: 'euro', optional: true },
  ],
};

type Values = Record<string, string | boolean>;

function today(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
}

function initialValues(regel: Regel): Values {
  const v: Values = {};
  for (const f of FIELDS[regel]) {
    if (f.kind === 'date') v[f.name] = today();
    else if (typeof f.kind === 'object') v[f.name] = f.kind.options[0] ?? '';
    else v[f.name] = f.initial ?? '';
  }
  return v;
}

/** "1.234,50" or "1234.5" as a number; anything else goes to the server as typed, which names the field. */
function parseNumber(text: string): number | string {
  const t = text.trim().replace(/\s|€/g, '');
  const normal = /,\d{1,2}$/.test(t) ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  return normal !== '' && Number.isFinite(Number(normal)) ? Number(normal) : text;
}

function bodyOf(regel: Regel, values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of FIELDS[regel]) {
    const v = values[f.name];
    if (f.kind === 'bool') body[f.name] = v === true;
    else if (f.kind === 'ages')
      body[f.name] = String(v ?? '')
        .split(/[,;\s]+/)
        .filter(Boolean)
        .map((x) => parseNumber(x));
    else if (typeof v === 'string' && v.trim() === '' && f.optional) continue;
    else if (f.kind === 'euro' || f.kind === 'int') body[f.name] = parseNumber(String(v ?? ''));
    else body[f.name] = v;
  }
  return body;
}

export function statusLabel(t: TFunction, status: string): string {
  return t(`berekeningen.statussen.${status}` as 'berekeningen.statussen.onzeker');
}

export function CalculatorPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="berekeningen:read"
      title={t('berekeningen.title')}
      intro={t('berekeningen.intro')}
    >
      <Calculator />
    </PermittedPage>
  );
}

function Calculator() {
  const { t, i18n } = useTranslation();
  const [regel, setRegel] = useState<Regel>('beslagvrije-voet');
  const [values, setValues] = useState<Values>(() => initialValues('beslagvrije-voet'));
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) => rekenApi.bereken(regel, body),
  });
  const pdf = useMutation({
    mutationFn: async () => {
      const blob = await rekenApi.pdf(regel, bodyOf(regel, values), i18n.language === 'en' ? 'en' : 'nl');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `berekening-${regel}.pdf`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
  const errors = problemFieldErrors(t, mutation.error);
  const choose = (r: string) => {
    const next = REGELS.find((x) => x === r) ?? 'beslagvrije-voet';
    setRegel(next);
    setValues(initialValues(next));
    mutation.reset();
    pdf.reset();
  };
  const label = (name: string) => t(`berekeningen.velden.${name}` as 'berekeningen.velden.peildatum');
  return (
    <>
      <SelectField
        id="regel"
        label={t('berekeningen.regel')}
        value={regel}
        onChange={choose}
        options={REGELS.map((r) => ({
          value: r,
          label: t(`berekeningen.regels.${r}` as 'berekeningen.regels.zorgtoeslag'),
        }))}
      />
      <ResourceForm
        error={mutation.error}
        fields={FIELDS[regel].map((f) => ({ id: f.name, label: label(f.name), message: errors[f.name] }))}
        busy={mutation.isPending}
        submitLabel={t('berekeningen.bereken')}
        onSubmit={() => mutation.mutate(bodyOf(regel, values))}
      >
        {FIELDS[regel].map((f) => {
          const set = (v: string | boolean) => setValues((x) => ({ ...x, [f.name]: v }));
          if (f.kind === 'bool')
            return (
              <CheckboxField
                key={f.name}
                id={f.name}
                label={label(f.name)}
                checked={values[f.name] === true}
                onChange={set}
                error={errors[f.name]}
              />
            );
          if (typeof f.kind === 'object')
            return (
              <SelectField
                key={f.name}
                id={f.name}
                label={label(f.name)}
                value={String(values[f.name])}
                onChange={set}
                error={errors[f.name]}
                options={f.kind.options.map((o) => ({
                  value: o,
                  label: t(`berekeningen.leefsituaties.${o}` as 'berekeningen.leefsituaties.gehuwd'),
                }))}
              />
            );
          return (
            <TextField
              key={f.name}
              id={f.name}
              label={label(f.name)}
              type={f.kind === 'date' ? 'date' : 'text'}
              inputMode={f.kind === 'euro' ? 'decimal' : f.kind === 'int' ? 'numeric' : undefined}
              value={String(values[f.name] ?? '')}
              onChange={set}
              error={errors[f.name]}
              optional={f.optional}
              description={
                f.kind === 'ages'
                  ? t('berekeningen.hulp.leeftijdenKinderen')
                  : f.kind === 'euro'
                    ? t('berekeningen.hulp.euro')
                    : undefined
              }
              autoComplete="off"
              size={f.kind === 'date' ? undefined : 'small'}
            />
          );
        })}
      </ResourceForm>
      {mutation.data && (
        <>
          <Uitleg result={mutation.data} />
          <ButtonGroup>
            <Button appearance="secondary-action-button" busy={pdf.isPending} onClick={() => pdf.mutate()}>
              {t('berekeningen.pdf')}
            </Button>
          </ButtonGroup>
          {pdf.isError && <ErrorAlert error={pdf.error} />}
        </>
      )}
    </>
  );
}

const MONEY_KEYS = new Set([
  'beslagvrijeVoet',
  'afloscapaciteit',
  'maximum',
  'normPerMaand',
  'normExclVakantietoeslag',
  'vakantietoeslagPerMaand',
  'zorgtoeslagPerMaand',
  'zorgtoeslagPerJaar',
  'huurtoeslagPerMaand',
  'huurtoeslagPerJaar',
  'kindgebondenBudgetPerMaand',
  'kindgebondenBudgetPerJaar',
]);
const TEXT_KEYS = new Set(['inkomensgroep', 'formule', 'categorie', 'systeem']);

export function euro(x: number): string {
  return formatNumber(x, { style: 'currency', currency: 'EUR' });
}

/** The explained result: outcome, steps, parameters with sources and status, warnings. */
function Uitleg({ result }: { result: BerekeningResultaat }) {
  const { t, i18n } = useTranslation();
  // The engine writes its steps and warnings in Dutch; mark them so screen readers pronounce them right.
  const nl = i18n.language === 'nl' ? undefined : 'nl';
  const outcome = Object.entries(result).filter(([k]) => MONEY_KEYS.has(k) || TEXT_KEYS.has(k));
  const { toelichting } = result;
  return (
    <section aria-labelledby="uitkomst" className="vangnet-berekening" aria-live="polite">
      <Heading2 id="uitkomst">{t('berekeningen.uitkomst')}</Heading2>
      <DataList>
        {outcome.map(([k, v]) => (
          <DataListItem key={k}>
            <DataListKey>
              {t(`berekeningen.uitkomsten.${k}` as 'berekeningen.uitkomsten.maximum')}
            </DataListKey>
            <DataListValue>{typeof v === 'number' && MONEY_KEYS.has(k) ? euro(v) : String(v)}</DataListValue>
          </DataListItem>
        ))}
        <DataListItem>
          <DataListKey>{t('berekeningen.betrouwbaarheid')}</DataListKey>
          <DataListValue>{statusLabel(t, toelichting.betrouwbaarheid)}</DataListValue>
        </DataListItem>
      </DataList>
      {toelichting.waarschuwingen.length > 0 && (
        <Alert type="warning">
          <Heading2>{t('berekeningen.waarschuwingen')}</Heading2>
          <UnorderedList lang={nl}>
            {toelichting.waarschuwingen.map((w) => (
              <UnorderedListItem key={w}>{w}</UnorderedListItem>
            ))}
          </UnorderedList>
        </Alert>
      )}
      <Heading2>{t('berekeningen.stappen')}</Heading2>
      <DataTable caption={t('berekeningen.stappen')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('berekeningen.stap')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('berekeningen.bedrag')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('berekeningen.wet')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {toelichting.stappen.map((s) => (
            <TableRow key={`${s.code}-${s.omschrijving}`}>
              <TableCell lang={nl}>{s.omschrijving}</TableCell>
              <TableCell className="vangnet-number">{s.bedrag === null ? '' : euro(s.bedrag)}</TableCell>
              <TableCell>{s.wet ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
      <Heading2>{t('berekeningen.parameters')}</Heading2>
      <DataTable caption={t('berekeningen.parameters')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('berekeningen.parameter')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('berekeningen.waarde')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('berekeningen.vanaf')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('berekeningen.status')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('berekeningen.bron')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {toelichting.parameters.map((p) => (
            <TableRow key={`${p.set}.${p.naam}`}>
              <TableCell lang={nl}>
                {p.omschrijving}
                <br />
                <span className="vangnet-muted">
                  {p.wet.bwbr} {t('berekeningen.artikel')} {p.wet.artikel}
                </span>
              </TableCell>
              <TableCell className="vangnet-number">
                {p.eenheid === 'euro' ? euro(p.waarde) : `${p.waarde} ${p.eenheid}`}
              </TableCell>
              <TableCell>{p.geldigVanaf}</TableCell>
              <TableCell>{statusLabel(t, p.status)}</TableCell>
              <TableCell lang={nl}>
                {p.bron.url ? <Link href={p.bron.url}>{p.bron.titel}</Link> : p.bron.titel}
                {p.toelichting && <Paragraph small>{p.toelichting}</Paragraph>}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
    </section>
  );
}
