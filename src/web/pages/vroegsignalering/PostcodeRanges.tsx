// The postcode areas of a wijk (PC4 or PC6 ranges): they route a signal's address to the wijk and its team.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalisePostcode, POSTCODE_RANGE_PATTERN } from '../../../shared/schemas/queues.ts';
import { type PostcodeRange, vsApi } from '../../api-vroegsignalering.ts';
import { Loading } from '../../components/common.tsx';
import { TextField } from '../../components/fields.tsx';
import { type AlertField, ErrorAlert, problemFieldErrors, SuccessAlert } from '../../components/problem.tsx';
import { newKey } from '../../vroegsignalering/ruleEditor.ts';

interface Row {
  key: string;
  from: string;
  to: string;
}

const toRows = (ranges: PostcodeRange[]): Row[] => ranges.map((r) => ({ key: newKey('pc'), ...r }));

export function PostcodeRanges({ wijkId, wijkName }: { wijkId: string; wijkName: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['wijken', 'postcodegebieden', wijkId],
    queryFn: () => vsApi.postcodeRanges(wijkId),
  });
  return (
    <section className="vangnet-section" aria-labelledby="postcodes-heading">
      <Heading2 id="postcodes-heading">{t('postcodes.title')}</Heading2>
      <Paragraph>{t('postcodes.intro', { name: wijkName })}</Paragraph>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && <PostcodeRangesForm wijkId={wijkId} ranges={query.data.ranges} />}
    </section>
  );
}

function PostcodeRangesForm({ wijkId, ranges }: { wijkId: string; ranges: PostcodeRange[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Row[]>(() => toRows(ranges));
  const [checks, setChecks] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => setRows(toRows(ranges)), [ranges]);
  const mutation = useMutation({
    mutationFn: (list: PostcodeRange[]) => vsApi.savePostcodeRanges(wijkId, list),
    onSuccess: (result) => {
      queryClient.setQueryData(['wijken', 'postcodegebieden', wijkId], result);
      setSaved(true);
    },
  });

  // Server errors are named ranges.2, ranges.2.to: shown on the row's "from" (or "to") field.
  const errors: Record<string, string> = { ...checks };
  for (const [name, message] of Object.entries(problemFieldErrors(t, mutation.error))) {
    const match = /^ranges\.(\d+)(?:\.(from|to))?$/.exec(name);
    const row = match ? rows[Number(match[1])] : undefined;
    const id = row ? `range-${row.key}-${match?.[2] ?? 'from'}` : 'range-add';
    if (message && errors[id] === undefined) errors[id] = message;
  }
  const fields: AlertField[] = Object.entries(errors).map(([id, message]) => ({
    id,
    label: labelFor(id),
    message,
  }));
  function labelFor(id: string): string {
    const index = rows.findIndex((r) => id.startsWith(`range-${r.key}-`));
    if (index < 0) return t('postcodes.title');
    return t(id.endsWith('-to') ? 'postcodes.toOf' : 'postcodes.fromOf', { number: index + 1 });
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const found: Record<string, string> = {};
    const list: PostcodeRange[] = [];
    for (const row of rows) {
      const from = normalisePostcode(row.from);
      const to = normalisePostcode(row.to || row.from);
      if (from === '' && row.to.trim() === '') continue;
      if (!POSTCODE_RANGE_PATTERN.test(from)) found[`range-${row.key}-from`] = t('postcodes.invalid');
      if (!POSTCODE_RANGE_PATTERN.test(to)) found[`range-${row.key}-to`] = t('postcodes.invalid');
      else if (from.length !== to.length) found[`range-${row.key}-to`] = t('errorCodes.mixed_formats');
      else if (from > to) found[`range-${row.key}-to`] = t('errorCodes.from_after_to');
      list.push({ from, to });
    }
    setChecks(found);
    mutation.reset();
    if (Object.keys(found).length === 0) mutation.mutate(list);
  };

  const add = () => {
    const row = { key: newKey('pc'), from: '', to: '' };
    setRows((r) => [...r, row]);
    requestAnimationFrame(() => document.getElementById(`range-${row.key}-from`)?.focus());
  };
  const remove = (key: string, index: number) => {
    setRows((r) => r.filter((x) => x.key !== key));
    const next = rows[index + 1] ?? rows[index - 1];
    requestAnimationFrame(() =>
      document.getElementById(next ? `range-${next.key}-from` : 'range-add')?.focus(),
    );
  };

  return (
    <>
      {saved && !mutation.isPending && <SuccessAlert>{t('postcodes.saved')}</SuccessAlert>}
      {(fields.length > 0 || mutation.isError) && (
        <ErrorAlert
          message={Object.keys(checks).length > 0 ? t('errors.validation') : undefined}
          error={mutation.error}
          fields={fields}
        />
      )}
      <form className="vangnet-form" noValidate onSubmit={submit}>
        {rows.length === 0 && <Paragraph>{t('postcodes.empty')}</Paragraph>}
        <ol className="vangnet-ranges">
          {rows.map((row, i) => (
            <li key={row.key} className="vangnet-range">
              <TextField
                id={`range-${row.key}-from`}
                label={t('postcodes.fromOf', { number: i + 1 })}
                value={row.from}
                onChange={(from) => setRows((r) => r.map((x) => (x.key === row.key ? { ...x, from } : x)))}
                error={errors[`range-${row.key}-from`]}
                autoComplete="off"
                spellCheck={false}
                maxLength={7}
                size="small"
              />
              <TextField
                id={`range-${row.key}-to`}
                label={t('postcodes.toOf', { number: i + 1 })}
                value={row.to}
                onChange={(to) => setRows((r) => r.map((x) => (x.key === row.key ? { ...x, to } : x)))}
                error={errors[`range-${row.key}-to`]}
                autoComplete="off"
                spellCheck={false}
                maxLength={7}
                size="small"
                optional
              />
              <Button appearance="subtle-button" onClick={() => remove(row.key, i)}>
                {t('postcodes.remove', { number: i + 1 })}
              </Button>
            </li>
          ))}
        </ol>
        <Paragraph className="vangnet-muted">{t('postcodes.help')}</Paragraph>
        <ButtonGroup>
          <Button id="range-add" appearance="secondary-action-button" onClick={add}>
            {t('postcodes.add')}
          </Button>
          <Button type="submit" appearance="primary-action-button" busy={mutation.isPending}>
            {t('postcodes.save')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
