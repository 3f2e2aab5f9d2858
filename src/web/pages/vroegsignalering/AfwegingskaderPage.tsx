// "Afwegingskader": the municipality's own, published rules that decide the werkbakje, priority, contact strategy
// and deadline of a melding. Everyone who works with meldingen can read them; a manager can change them, look
// at what the change would do to the open meldingen, and save them as a new version.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  Heading2,
  Heading3,
  Heading4,
  OrderedList,
  OrderedListItem,
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
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DDAS_SIGNAALPARTNERS } from '../../../shared/ddas.ts';
import {
  type ConditionField,
  CRISIS_LOWEST_PRIORITY,
  CRISIS_MAX_DEADLINE_WORKING_DAYS,
  type RuleSetDefinition,
} from '../../../shared/schemas/rules.ts';
import { api, isApiProblem, loadAll } from '../../api.ts';
import { type RulePreview, type RuleSetView, vsApi } from '../../api-vroegsignalering.ts';
import { codeMessage } from '../../components/codes.ts';
import { DataTable, PermittedPage, QueryView } from '../../components/common.tsx';
import {
  CheckboxField,
  CheckboxGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/fields.tsx';
import { type AlertField, ErrorAlert, problemFieldErrors, SuccessAlert } from '../../components/problem.tsx';
import { formatDateTime, formatNumber } from '../../i18n/index.ts';
import { hasPermission, useSession } from '../../session.ts';
import {
  conditionExplanation,
  contactStrategyLabel,
  explanationSentence,
  outcomeSentence,
} from '../../vroegsignalering/explanation.ts';
import { matchingPeriodLabel, useListFormat } from '../../vroegsignalering/labels.tsx';
import { formatEuros } from '../../vroegsignalering/money.ts';
import {
  BOOLEAN_FIELDS,
  blankCondition,
  buildDefinition,
  CONDITION_FIELDS,
  CONTACT_STRATEGIES,
  type EditorCondition,
  type EditorErrors,
  type EditorOutcome,
  type EditorRule,
  type EditorState,
  ids,
  inputForProblem,
  MATCHING_PERIODS,
  newKey,
  toEditorState,
} from '../../vroegsignalering/ruleEditor.ts';

function useWijken() {
  return useQuery({ queryKey: ['wijken', 'all'], queryFn: () => loadAll((cursor) => api.wijken(cursor)) });
}

export function AfwegingskaderPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="vroegsignalering:read"
      title={t('afwegingskader.title')}
      intro={t('afwegingskader.intro')}
    >
      <QueryView queryKey={['afwegingskader']} queryFn={vsApi.ruleSet}>
        {(view) => <RuleSet view={view} />}
      </QueryView>
    </PermittedPage>
  );
}

function RuleSet({ view }: { view: RuleSetView }) {
  const { t } = useTranslation();
  const session = useSession();
  const mayEdit = hasPermission(session, 'vroegsignalering:manage');
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<{ version: number; reprioritised: number } | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (!editing && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  if (editing) {
    return (
      <RuleSetEditor
        view={view}
        onCancel={() => setEditing(false)}
        onSaved={(result) => {
          setSaved(result);
          setEditing(false);
        }}
      />
    );
  }
  return (
    <>
      {saved && (
        <SuccessAlert>
          {t('afwegingskader.saved', { version: saved.version, count: saved.reprioritised })}
        </SuccessAlert>
      )}
      {mayEdit && (
        <ButtonGroup>
          <Button
            ref={editButton}
            appearance="primary-action-button"
            onClick={() => {
              setSaved(null);
              setEditing(true);
            }}
          >
            {t('afwegingskader.edit')}
          </Button>
        </ButtonGroup>
      )}
      <RulesOverview view={view} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Reading the rules

function RulesOverview({ view }: { view: RuleSetView }) {
  const { t } = useTranslation();
  const def = view.active.definition;
  const activeVersion = view.versions.find((v) => v.id === view.active.id);
  return (
    <>
      <DataList>
        <DataListItem>
          <DataListKey>{t('afwegingskader.version')}</DataListKey>
          <DataListValue>
            <span id="active-version">{view.active.version}</span>
            {activeVersion && (
              <span className="vangnet-muted">
                {' '}
                (
                {t('afwegingskader.since', {
                  date: formatDateTime(activeVersion.createdAt, { dateStyle: 'long' }),
                })}
                )
              </span>
            )}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('afwegingskader.matchingPeriod')}</DataListKey>
          <DataListValue>
            {matchingPeriodLabel(t, def.matchingPeriod)}
            <span className="vangnet-muted">
              {' '}
              {t(
                `afwegingskader.matchingPeriodHelp.${def.matchingPeriod}` as 'afwegingskader.matchingPeriodHelp.kalendermaand',
              )}
            </span>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('afwegingskader.crisisQueue')}</DataListKey>
          <DataListValue>{def.crisisQueue}</DataListValue>
        </DataListItem>
      </DataList>

      <section className="vangnet-section" aria-labelledby="rules-heading">
        <Heading2 id="rules-heading">{t('afwegingskader.rules')}</Heading2>
        <Paragraph>{t('afwegingskader.rulesHelp')}</Paragraph>
        <RulesList def={def} />
        <Heading3>{t('afwegingskader.fallback')}</Heading3>
        <Paragraph>{outcomeSentence(t, def.fallback)}</Paragraph>
        <Heading3>{t('afwegingskader.crisisTitle')}</Heading3>
        <Paragraph>
          {t('afwegingskader.crisisText', {
            queue: def.crisisQueue,
            priority: CRISIS_LOWEST_PRIORITY,
            count: CRISIS_MAX_DEADLINE_WORKING_DAYS,
          })}
        </Paragraph>
      </section>

      <section className="vangnet-section" aria-labelledby="thresholds-heading">
        <Heading2 id="thresholds-heading">{t('afwegingskader.thresholds')}</Heading2>
        <Paragraph>{t('afwegingskader.thresholdsHelp')}</Paragraph>
        <ThresholdsTable def={def} />
      </section>

      <section className="vangnet-section" aria-labelledby="versions-heading">
        <Heading2 id="versions-heading">{t('afwegingskader.versions')}</Heading2>
        <DataTable caption={t('afwegingskader.versionsCaption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('afwegingskader.version')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('afwegingskader.createdAt')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('afwegingskader.createdBy')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('afwegingskader.active')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {view.versions.map((v) => (
              <TableRow key={v.id}>
                <TableCell>{v.version}</TableCell>
                <TableCell>
                  {formatDateTime(v.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                </TableCell>
                <TableCell>
                  {v.createdBy === 'system' ? (
                    t('afwegingskader.system')
                  ) : (
                    <span className="vangnet-ids">{v.createdBy}</span>
                  )}
                </TableCell>
                <TableCell>{v.isActive ? t('common.yes') : t('common.no')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      </section>
    </>
  );
}

function RulesList({ def }: { def: RuleSetDefinition }) {
  const { t } = useTranslation();
  const wijken = useWijken();
  const list = useListFormat('disjunction');
  const context = { wijkName: (id: string) => wijken.data?.find((w) => w.id === id)?.name ?? id, list };
  return (
    <OrderedList className="vangnet-rules">
      {def.rules.map((rule) => (
        <OrderedListItem key={rule.id} className="vangnet-rule">
          <Heading3 className="vangnet-rule__title">{rule.name}</Heading3>
          {rule.description && <Paragraph>{rule.description}</Paragraph>}
          <Paragraph className="vangnet-rule__label">{t('afwegingskader.when')}</Paragraph>
          <UnorderedList>
            {rule.conditions.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id of their own.
              <UnorderedListItem key={i}>
                {explanationSentence(t, conditionExplanation(c), context)}
              </UnorderedListItem>
            ))}
          </UnorderedList>
          <Paragraph>
            <span className="vangnet-rule__label">{t('afwegingskader.then')}</span>{' '}
            {outcomeSentence(t, rule.outcome)}
          </Paragraph>
        </OrderedListItem>
      ))}
    </OrderedList>
  );
}

function ThresholdsTable({ def }: { def: RuleSetDefinition }) {
  const { t } = useTranslation();
  return (
    <DataTable caption={t('afwegingskader.thresholdsCaption')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('afwegingskader.partnerType')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('afwegingskader.threshold')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {DDAS_SIGNAALPARTNERS.map((p) => {
          const own = def.thresholds.amountCentsByPartnerType[p];
          return (
            <TableRow key={p}>
              <TableHeaderCell scope="row">{p}</TableHeaderCell>
              <TableCell>
                {formatEuros(own ?? def.thresholds.defaultAmountCents)}
                <span className="vangnet-muted">
                  {' '}
                  {own === undefined
                    ? t('afwegingskader.defaultThresholdUsed')
                    : t('afwegingskader.ownThreshold')}
                </span>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </DataTable>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Changing the rules

/** The message for an editor check (its own codes first, then the shared error codes). */
function editorMessage(t: TFunction, code: string): string {
  const own = t(`afwegingskader.checks.${code}` as 'afwegingskader.checks.required', { defaultValue: '' });
  return own || codeMessage(t, code);
}

function RuleSetEditor({
  view,
  onCancel,
  onSaved,
}: {
  view: RuleSetView;
  onCancel: () => void;
  onSaved: (result: { version: number; reprioritised: number }) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [state, setState] = useState<EditorState>(() => toEditorState(view.active.definition));
  const [checks, setChecks] = useState<EditorErrors>({});
  const [previewed, setPreviewed] = useState<{ json: string; result: RulePreview } | null>(null);
  const [ruleKeys, setRuleKeys] = useState<string[]>([]);
  const resultRef = useRef<HTMLElement>(null);

  const preview = useMutation({
    mutationFn: (definition: RuleSetDefinition) => vsApi.previewRuleSet(definition),
    onSuccess: (result, definition) => {
      setPreviewed({ json: JSON.stringify(definition), result });
      requestAnimationFrame(() => resultRef.current?.focus());
    },
  });
  const save = useMutation({
    mutationFn: (definition: RuleSetDefinition) => vsApi.saveRuleSet(definition),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: ['afwegingskader'] });
      await queryClient.invalidateQueries({ queryKey: ['meldingen'] });
      onSaved(result);
    },
  });

  const built = buildDefinition(state);
  const current = JSON.stringify(built.definition);
  const upToDate = previewed?.json === current;

  const run = (action: 'preview' | 'save') => {
    const { definition, errors, ruleKeys: keys } = buildDefinition(state);
    setChecks(errors);
    setRuleKeys(keys);
    if (Object.keys(errors).length > 0) return;
    preview.reset();
    save.reset();
    if (action === 'preview') preview.mutate(definition);
    else save.mutate(definition);
  };

  // The server's field errors (definition.rules.2.outcome.priority), on their inputs where they have one.
  const serverError = save.error ?? preview.error;
  const messages: Record<string, string> = {};
  const unplaced: AlertField[] = [];
  for (const [id, code] of Object.entries(checks)) messages[id] = editorMessage(t, code);
  if (isApiProblem(serverError)) {
    for (const [name, message] of Object.entries(problemFieldErrors(t, serverError))) {
      const input = inputForProblem(name, state, ruleKeys);
      if (input && message && messages[input] === undefined) messages[input] = message;
      else if (!input && message)
        unplaced.push({ id: 'rules-editor', label: t('afwegingskader.ruleSet'), message });
    }
  }
  const alertFields: AlertField[] = [
    ...Object.entries(messages).map(([id, message]) => ({ id, label: inputLabel(t, id, state), message })),
    ...unplaced,
  ];

  const update = (change: (s: EditorState) => EditorState) => setState((s) => change(s));
  const setRule = (key: string, change: (r: EditorRule) => EditorRule) =>
    update((s) => ({ ...s, rules: s.rules.map((r) => (r.key === key ? change(r) : r)) }));
  const move = (key: string, by: -1 | 1) => {
    update((s) => {
      const i = s.rules.findIndex((r) => r.key === key);
      const j = i + by;
      if (i < 0 || j < 0 || j >= s.rules.length) return s;
      const rules = [...s.rules];
      [rules[i], rules[j]] = [rules[j] as EditorRule, rules[i] as EditorRule];
      return { ...s, rules };
    });
    // Keep the focus on the button that moved the rule, in its new place.
    requestAnimationFrame(() => document.getElementById(`rule-${key}-${by < 0 ? 'up' : 'down'}`)?.focus());
  };
  const addRule = () => {
    const key = newKey('r');
    update((s) => ({
      ...s,
      rules: [
        ...s.rules,
        {
          key,
          id: '',
          enabled: true,
          name: '',
          description: '',
          conditions: [blankCondition('crisis')],
          outcome: { ...s.fallback },
        },
      ],
    }));
    requestAnimationFrame(() => document.getElementById(ids.ruleName(key))?.focus());
  };

  const queueOptions = view.queues.map((q) => ({ value: q, label: q }));
  const hasErrors = alertFields.length > 0;

  return (
    <div id="rules-editor" tabIndex={-1} className="vangnet-alert-focus">
      <Heading2>{t('afwegingskader.editTitle')}</Heading2>
      <Paragraph>{t('afwegingskader.editIntro', { version: view.active.version })}</Paragraph>
      {(hasErrors || (serverError && !isApiProblem(serverError))) && (
        <ErrorAlert
          message={Object.keys(checks).length > 0 ? t('errors.validation') : undefined}
          error={serverError}
          fields={alertFields}
        />
      )}
      <form
        className="vangnet-form vangnet-rule-editor"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          run('preview');
        }}
      >
        <Fieldset>
          <FieldsetLegend>{t('afwegingskader.general')}</FieldsetLegend>
          <div className="vangnet-form__group">
            <SelectField
              id={ids.matchingPeriod}
              label={t('afwegingskader.matchingPeriod')}
              value={state.matchingPeriod}
              onChange={(v) => update((s) => ({ ...s, matchingPeriod: v }))}
              options={MATCHING_PERIODS.map((p) => ({ value: p, label: matchingPeriodLabel(t, p) }))}
              error={messages[ids.matchingPeriod]}
            />
            <SelectField
              id={ids.crisisQueue}
              label={t('afwegingskader.crisisQueue')}
              value={state.crisisQueue}
              onChange={(v) => update((s) => ({ ...s, crisisQueue: v }))}
              options={queueOptions}
              error={messages[ids.crisisQueue]}
            />
          </div>
        </Fieldset>

        <Fieldset aria-describedby="thresholds-help">
          <FieldsetLegend>{t('afwegingskader.thresholds')}</FieldsetLegend>
          <Paragraph id="thresholds-help">{t('afwegingskader.thresholdsEditHelp')}</Paragraph>
          <div className="vangnet-form__group">
            <TextField
              id={ids.defaultThreshold}
              label={t('afwegingskader.defaultThreshold')}
              value={state.defaultThreshold}
              onChange={(v) => update((s) => ({ ...s, defaultThreshold: v }))}
              error={messages[ids.defaultThreshold]}
              inputMode="decimal"
              autoComplete="off"
              size="small"
            />
            {DDAS_SIGNAALPARTNERS.map((p) => (
              <TextField
                key={p}
                id={ids.threshold(p)}
                label={t('afwegingskader.thresholdFor', { partnerType: p })}
                value={state.thresholds[p] ?? ''}
                onChange={(v) => update((s) => ({ ...s, thresholds: { ...s.thresholds, [p]: v } }))}
                error={messages[ids.threshold(p)]}
                inputMode="decimal"
                autoComplete="off"
                size="small"
                optional
              />
            ))}
          </div>
        </Fieldset>

        <Heading3 id="editor-rules-heading">{t('afwegingskader.rules')}</Heading3>
        <Paragraph>{t('afwegingskader.rulesEditHelp')}</Paragraph>
        <ol className="vangnet-rule-editor__rules" aria-labelledby="editor-rules-heading">
          {state.rules.map((rule, index) => (
            <li key={rule.key}>
              <RuleEditor
                rule={rule}
                index={index}
                count={state.rules.length}
                queueOptions={queueOptions}
                messages={messages}
                onChange={(change) => setRule(rule.key, change)}
                onMove={(by) => move(rule.key, by)}
              />
            </li>
          ))}
        </ol>
        <ButtonGroup>
          <Button type="button" appearance="secondary-action-button" onClick={addRule}>
            {t('afwegingskader.addRule')}
          </Button>
        </ButtonGroup>

        <Fieldset>
          <FieldsetLegend>{t('afwegingskader.fallback')}</FieldsetLegend>
          <OutcomeFields
            owner="fallback"
            outcome={state.fallback}
            queueOptions={queueOptions}
            messages={messages}
            onChange={(fallback) => update((s) => ({ ...s, fallback }))}
          />
        </Fieldset>

        <ButtonGroup>
          <Button
            type="submit"
            appearance={upToDate ? 'secondary-action-button' : 'primary-action-button'}
            busy={preview.isPending}
          >
            {t('afwegingskader.preview')}
          </Button>
          <Button type="button" appearance="subtle-button" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </ButtonGroup>
      </form>

      {previewed && (
        <section
          ref={resultRef}
          tabIndex={-1}
          className="vangnet-section vangnet-alert-focus"
          aria-labelledby="preview-heading"
        >
          <Heading2 id="preview-heading">{t('afwegingskader.previewTitle')}</Heading2>
          {!upToDate && <Paragraph className="vangnet-stale">{t('afwegingskader.previewStale')}</Paragraph>}
          <PreviewResult result={previewed.result} />
          {upToDate && (
            <ButtonGroup>
              <Button
                appearance="primary-action-button"
                busy={save.isPending}
                onClick={() => run('save')}
                aria-describedby="save-description"
              >
                {t('afwegingskader.save')}
              </Button>
            </ButtonGroup>
          )}
          {upToDate && (
            <Paragraph id="save-description" small>
              {t('afwegingskader.saveDescription', { version: view.active.version + 1 })}
            </Paragraph>
          )}
        </section>
      )}
    </div>
  );
}

function PreviewResult({ result }: { result: RulePreview }) {
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>
        {t('afwegingskader.previewSummary', { count: result.total, moved: result.moved })}
      </Paragraph>
      {result.byTransition.length > 0 && (
        <DataTable caption={t('afwegingskader.previewCaption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('afwegingskader.from')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('afwegingskader.to')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('afwegingskader.count')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {result.byTransition.map((tr) => (
              <TableRow key={`${tr.from}>${tr.to}`}>
                <TableCell>{tr.from}</TableCell>
                <TableCell>{tr.to}</TableCell>
                <TableCell>{formatNumber(tr.count)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
      {result.storedQueueDiffers > 0 && (
        <Paragraph className="vangnet-muted">
          {t('afwegingskader.storedQueueDiffers', { count: result.storedQueueDiffers })}
        </Paragraph>
      )}
    </>
  );
}

interface RuleEditorProps {
  rule: EditorRule;
  index: number;
  count: number;
  queueOptions: { value: string; label: string }[];
  messages: Record<string, string>;
  onChange: (change: (r: EditorRule) => EditorRule) => void;
  onMove: (by: -1 | 1) => void;
}

function RuleEditor({ rule, index, count, queueOptions, messages, onChange, onMove }: RuleEditorProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState<string>('');
  const legend = rule.name.trim() || t('afwegingskader.newRule');
  const addCondition = () => {
    const field = (adding || 'crisis') as ConditionField;
    const condition = blankCondition(field);
    onChange((r) => ({ ...r, conditions: [...r.conditions, condition] }));
    requestAnimationFrame(() => document.getElementById(`rule-${rule.key}-${condition.key}-legend`)?.focus());
  };
  return (
    <Fieldset className={`vangnet-rule-editor__rule${rule.enabled ? '' : ' vangnet-rule-editor__rule--off'}`}>
      <FieldsetLegend>{t('afwegingskader.ruleLegend', { number: index + 1, name: legend })}</FieldsetLegend>
      <ButtonGroup className="vangnet-rule-editor__order">
        {index > 0 && (
          <Button id={`rule-${rule.key}-up`} appearance="subtle-button" onClick={() => onMove(-1)}>
            {t('afwegingskader.moveUp')}
            <span className="vangnet-visually-hidden"> {legend}</span>
          </Button>
        )}
        {index < count - 1 && (
          <Button id={`rule-${rule.key}-down`} appearance="subtle-button" onClick={() => onMove(1)}>
            {t('afwegingskader.moveDown')}
            <span className="vangnet-visually-hidden"> {legend}</span>
          </Button>
        )}
      </ButtonGroup>
      <CheckboxField
        id={`rule-${rule.key}-enabled`}
        label={t('afwegingskader.enabled')}
        description={t('afwegingskader.enabledDescription')}
        checked={rule.enabled}
        onChange={(enabled) => onChange((r) => ({ ...r, enabled }))}
      />
      {rule.enabled && (
        <>
          <TextField
            id={ids.ruleName(rule.key)}
            label={t('afwegingskader.ruleName')}
            value={rule.name}
            onChange={(name) => onChange((r) => ({ ...r, name }))}
            error={messages[ids.ruleName(rule.key)]}
            autoComplete="off"
            required
          />
          <TextAreaField
            id={`rule-${rule.key}-description`}
            label={t('afwegingskader.ruleDescription')}
            value={rule.description}
            onChange={(description) => onChange((r) => ({ ...r, description }))}
            optional
          />
          <Heading4 className="vangnet-rule-editor__subtitle">{t('afwegingskader.when')}</Heading4>
          {rule.conditions.map((c) => (
            <ConditionEditor
              key={c.key}
              ruleKey={rule.key}
              condition={c}
              messages={messages}
              onChange={(next) =>
                onChange((r) => ({ ...r, conditions: r.conditions.map((x) => (x.key === c.key ? next : x)) }))
              }
              onRemove={() =>
                onChange((r) => ({ ...r, conditions: r.conditions.filter((x) => x.key !== c.key) }))
              }
            />
          ))}
          <div className="vangnet-rule-editor__add">
            <SelectField
              id={ids.ruleConditions(rule.key)}
              label={t('afwegingskader.newCondition')}
              value={adding}
              onChange={setAdding}
              options={CONDITION_FIELDS.map((f) => ({ value: f, label: t(`afwegingskader.fields.${f}`) }))}
              error={messages[ids.ruleConditions(rule.key)]}
            />
            <Button appearance="secondary-action-button" onClick={addCondition}>
              {t('afwegingskader.addCondition')}
            </Button>
          </div>
          <Heading4 className="vangnet-rule-editor__subtitle">{t('afwegingskader.then')}</Heading4>
          <OutcomeFields
            owner={`rule-${rule.key}`}
            outcome={rule.outcome}
            queueOptions={queueOptions}
            messages={messages}
            onChange={(outcome) => onChange((r) => ({ ...r, outcome }))}
          />
        </>
      )}
    </Fieldset>
  );
}

function OutcomeFields({
  owner,
  outcome,
  queueOptions,
  messages,
  onChange,
}: {
  owner: string;
  outcome: EditorOutcome;
  queueOptions: { value: string; label: string }[];
  messages: Record<string, string>;
  onChange: (outcome: EditorOutcome) => void;
}) {
  const { t } = useTranslation();
  const id = (part: keyof EditorOutcome) => ids.outcome(owner, part);
  const set = (part: keyof EditorOutcome) => (value: string) => onChange({ ...outcome, [part]: value });
  return (
    <div className="vangnet-form__group">
      <SelectField
        id={id('queue')}
        label={t('afwegingskader.queue')}
        value={outcome.queue}
        onChange={set('queue')}
        options={
          queueOptions.some((o) => o.value === outcome.queue)
            ? queueOptions
            : [...queueOptions, { value: outcome.queue, label: outcome.queue }]
        }
        error={messages[id('queue')]}
      />
      <SelectField
        id={id('priority')}
        label={t('afwegingskader.priority')}
        description={t('afwegingskader.priorityDescription')}
        value={outcome.priority}
        onChange={set('priority')}
        options={['1', '2', '3', '4', '5'].map((p) => ({ value: p, label: p }))}
        error={messages[id('priority')]}
      />
      <SelectField
        id={id('contactStrategy')}
        label={t('afwegingskader.contactStrategy')}
        value={outcome.contactStrategy}
        onChange={set('contactStrategy')}
        options={CONTACT_STRATEGIES.map((s) => ({ value: s, label: contactStrategyLabel(t, s) }))}
        error={messages[id('contactStrategy')]}
      />
      <TextField
        id={id('deadline')}
        label={t('afwegingskader.deadline')}
        value={outcome.deadline}
        onChange={set('deadline')}
        error={messages[id('deadline')]}
        inputMode="numeric"
        autoComplete="off"
        size="small"
      />
    </div>
  );
}

function ConditionEditor({
  ruleKey,
  condition: c,
  messages,
  onChange,
  onRemove,
}: {
  ruleKey: string;
  condition: EditorCondition;
  messages: Record<string, string>;
  onChange: (c: EditorCondition) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const wijken = useWijken();
  const id = (part: string) => ids.condition(ruleKey, c.key, part);
  const set =
    <K extends keyof EditorCondition>(k: K) =>
    (value: EditorCondition[K]) =>
      onChange({ ...c, [k]: value });
  const label = t(`afwegingskader.fields.${c.field}`);
  const comparison = (
    <SelectField
      id={id('op')}
      label={t('afwegingskader.comparison')}
      value={c.op}
      onChange={set('op')}
      options={[
        { value: 'gte', label: t('afwegingskader.ops.gte') },
        { value: 'lt', label: t('afwegingskader.ops.lt') },
      ]}
    />
  );
  let controls: ReactNode;
  if (BOOLEAN_FIELDS.includes(c.field)) {
    controls = (
      <SelectField
        id={id('value')}
        label={t('afwegingskader.holds')}
        value={c.value}
        onChange={(v) => set('value')(v === 'false' ? 'false' : 'true')}
        options={[
          { value: 'true', label: t(`explanation.${c.field}_true` as 'explanation.crisis_true') },
          { value: 'false', label: t(`explanation.${c.field}_false` as 'explanation.crisis_false') },
        ]}
      />
    );
  } else if (c.field === 'partnerType') {
    controls = (
      <CheckboxGroup
        id={id('values')}
        legend={t('afwegingskader.partnerTypes')}
        options={DDAS_SIGNAALPARTNERS.map((p) => ({ value: p, label: p }))}
        value={c.values}
        onChange={set('values')}
        error={messages[id('values')]}
      />
    );
  } else if (c.field === 'amount') {
    controls = (
      <>
        {comparison}
        <TextField
          id={id('amount')}
          label={t('afwegingskader.amount')}
          value={c.amount}
          onChange={set('amount')}
          error={messages[id('amount')]}
          inputMode="decimal"
          autoComplete="off"
          size="small"
        />
        <SelectField
          id={id('partnerType')}
          label={t('afwegingskader.amountOf')}
          value={c.partnerType}
          onChange={set('partnerType')}
          options={[
            { value: '', label: t('afwegingskader.amountTotal') },
            ...DDAS_SIGNAALPARTNERS.map((p) => ({ value: p, label: p })),
          ]}
        />
      </>
    );
  } else if (c.field === 'daysInArrears' || c.field === 'monthsInArrears' || c.field === 'signalCount') {
    controls = (
      <>
        {c.field !== 'signalCount' && comparison}
        <TextField
          id={id('number')}
          label={t(`afwegingskader.numberOf.${c.field}`)}
          value={c.number}
          onChange={set('number')}
          error={messages[id('number')]}
          inputMode="numeric"
          autoComplete="off"
          size="small"
        />
      </>
    );
  } else if (c.field === 'age') {
    controls = (
      <>
        <SelectField
          id={id('of')}
          label={t('afwegingskader.ageOf')}
          value={c.of}
          onChange={(v) => set('of')(v === 'youngest' ? 'youngest' : 'oldest')}
          options={[
            { value: 'oldest', label: t('afwegingskader.oldest') },
            { value: 'youngest', label: t('afwegingskader.youngest') },
          ]}
        />
        <SelectField
          id={id('op')}
          label={t('afwegingskader.ageGroup')}
          value={c.op}
          onChange={set('op')}
          options={[
            { value: 'young', label: t('afwegingskader.ages.young') },
            { value: 'aow', label: t('afwegingskader.ages.aow') },
            { value: 'between', label: t('afwegingskader.ages.between') },
          ]}
        />
        {c.op === 'between' && (
          <>
            <TextField
              id={id('min')}
              label={t('afwegingskader.minAge')}
              value={c.min}
              onChange={set('min')}
              error={messages[id('min')]}
              inputMode="numeric"
              autoComplete="off"
              size="small"
            />
            <TextField
              id={id('max')}
              label={t('afwegingskader.maxAge')}
              value={c.max}
              onChange={set('max')}
              error={messages[id('max')]}
              inputMode="numeric"
              autoComplete="off"
              size="small"
            />
          </>
        )}
      </>
    );
  } else if (c.field === 'wijk') {
    controls = (
      <CheckboxGroup
        id={id('wijkIds')}
        legend={t('afwegingskader.wijken')}
        options={(wijken.data ?? []).map((w) => ({ value: w.id, label: `${w.name} (${w.code})` }))}
        value={c.wijkIds}
        onChange={set('wijkIds')}
        error={messages[id('wijkIds')]}
      />
    );
  }
  return (
    <div className="vangnet-condition">
      <Paragraph
        id={`rule-${ruleKey}-${c.key}-legend`}
        tabIndex={-1}
        className="vangnet-condition__title vangnet-alert-focus"
      >
        {label}
      </Paragraph>
      <div className="vangnet-form__group">{controls}</div>
      <Button appearance="subtle-button" onClick={onRemove}>
        {t('afwegingskader.removeCondition')}
        <span className="vangnet-visually-hidden"> {label}</span>
      </Button>
    </div>
  );
}

/** The label of an input, for the error alert's list. */
function inputLabel(t: TFunction, id: string, state: EditorState): string {
  if (id === ids.defaultThreshold) return t('afwegingskader.defaultThreshold');
  if (id === ids.matchingPeriod) return t('afwegingskader.matchingPeriod');
  if (id === ids.crisisQueue) return t('afwegingskader.crisisQueue');
  const threshold = DDAS_SIGNAALPARTNERS.find((p) => ids.threshold(p) === id);
  if (threshold) return t('afwegingskader.thresholdFor', { partnerType: threshold });
  if (id.startsWith('fallback-')) return `${t('afwegingskader.fallback')}: ${outcomePartLabel(t, id)}`;
  const index = state.rules.findIndex((r) => id.startsWith(`rule-${r.key}-`));
  const rule = state.rules[index];
  if (!rule) return id;
  const name = t('afwegingskader.ruleLegend', {
    number: index + 1,
    name: rule.name || t('afwegingskader.newRule'),
  });
  const condition = rule.conditions.find((c) => id.startsWith(`rule-${rule.key}-${c.key}-`));
  if (condition) return `${name}: ${t(`afwegingskader.fields.${condition.field}`)}`;
  if (id === ids.ruleName(rule.key)) return `${name}: ${t('afwegingskader.ruleName')}`;
  if (id === ids.ruleConditions(rule.key)) return `${name}: ${t('afwegingskader.when')}`;
  return `${name}: ${outcomePartLabel(t, id)}`;
}

function outcomePartLabel(t: TFunction, id: string): string {
  if (id.endsWith('-priority')) return t('afwegingskader.priority');
  if (id.endsWith('-contactStrategy')) return t('afwegingskader.contactStrategy');
  if (id.endsWith('-deadline')) return t('afwegingskader.deadline');
  return t('afwegingskader.queue');
}
