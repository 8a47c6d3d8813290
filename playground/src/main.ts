/**
 * The playground: the rule files in an editor, the sample (or pasted) customers planned with them on a week
 * calendar, the reasons of a contact on click, the lint warnings, and what the edits change against the shipped
 * rules. Everything runs in the page, with the package's own browser build.
 */
import {
  createPlanner,
  defaultRuleSet,
  type FollowUpPlan,
  type Locale,
  type PlanInput,
  type Planner,
  type RuleSet,
} from 'rx-followup';
import {
  checkRuleFiles,
  diffPlans,
  parseInputText,
  type DiffContact,
  type PlanDiff,
  type RuleFileFinding,
} from 'rx-followup/workbench';
import type { JSONSchema7 } from 'json-schema';
import shippedRules from 'virtual:shipped-rules';
import schema from '../../schema/ruleset.schema.json';
import samples from '../samples.json';
import { dayLabel, mondayOf, plusDays, renderWeek, ruleName, type Row } from './calendar.js';
import { createRuleEditor } from './editor.js';
import { esc } from './html.js';
import { WORDS, type StaticWord } from './words.js';

const SAMPLES = samples as unknown as PlanInput[];
/**
 * The local date of a purchase as the input wrote it (with the customer's offset), when it is a day that exists; a
 * pasted input may be anything (`{}`, `null`, 2026-02-30): its row says what is wrong, and the page goes on.
 */
const purchaseDate = (input: unknown): string | undefined => {
  const at = (input as { purchase?: { purchasedAt?: unknown } } | null)?.purchase?.purchasedAt;
  const text =
    typeof at === 'string' ? at : at instanceof Date && !Number.isNaN(at.getTime()) ? at.toISOString() : undefined;
  const day = text?.slice(0, 10);
  if (day === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const back = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(back.getTime()) && back.toISOString().slice(0, 10) === day ? day : undefined;
};
const firstDate = (list: readonly unknown[]): string | undefined =>
  list
    .map(purchaseDate)
    .filter((d): d is string => d !== undefined)
    .sort()[0];
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const state = {
  locale: (navigator.language.startsWith('zh') ? 'zh-CN' : 'en') as Locale,
  chosen: new Set(SAMPLES.map((s) => s.customer.id)),
  pasted: [] as PlanInput[],
  week: mondayOf(firstDate(SAMPLES) as string),
  selected: null as { purchaseId: string; touchpointId: string } | null,
  /** The last rules that validated, and their plans (the calendar keeps showing them while the rules do not). */
  ruleSet: null as RuleSet | null,
  rows: [] as Row[],
  diffs: [] as { input: PlanInput; diff: PlanDiff }[],
  generation: 0,
};

/** Plans of the shipped rules, per locale (for the diff); made once. */
const shippedPlanners = new Map<Locale, Planner>();
const shippedPlanner = (locale: Locale): Planner =>
  shippedPlanners.get(locale) ??
  (shippedPlanners.set(locale, createPlanner({ ruleSet: defaultRuleSet, locale })).get(locale) as Planner);

const inputs = (): PlanInput[] => [...SAMPLES.filter((s) => state.chosen.has(s.customer.id)), ...state.pasted];

async function planAll(
  planner: Planner,
  list: readonly PlanInput[],
): Promise<({ plan: FollowUpPlan } | { error: string })[]> {
  return Promise.all(
    list.map((input) =>
      planner.plan(input).then(
        (plan) => ({ plan }),
        (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
      ),
    ),
  );
}

/** The page's fixed texts: element id → its words. */
const TEXTS: readonly (readonly [string, StaticWord])[] = [
  ['title', 'title'],
  ['subtitle', 'subtitle'],
  ['language-label', 'language'],
  ['files-title', 'ruleFiles'],
  ['customers-title', 'customers'],
  ['paste-summary', 'paste'],
  ['use-pasted', 'usePasted'],
  ['clear-pasted', 'clearPasted'],
  ['prev-week', 'previous'],
  ['next-week', 'next'],
  ['findings-title', 'findings'],
  ['diff-title', 'diff'],
  ['details-title', 'details'],
  ['offline', 'offline'],
];

function skeleton(): void {
  const w = WORDS[state.locale];
  document.documentElement.lang = state.locale;
  document.title = w.title;
  for (const [id, key] of TEXTS) $(id).textContent = w[key];
  $<HTMLTextAreaElement>('paste').placeholder = w.pasteHint;
  $('legend').innerHTML = (['critical', 'high', 'routine'] as const)
    .map((u) => `<span class="chip ${u}">${esc(w.legend[u])}</span>`)
    .concat([
      `<span class="swatch holiday">${esc(w.legend.holiday)}</span>`,
      `<span class="swatch blackout">${esc(w.legend.blackout)}</span>`,
    ])
    .join('');
  $('samples').innerHTML = SAMPLES.map(
    (s) =>
      `<label><input type="checkbox" data-customer="${esc(s.customer.id)}"${state.chosen.has(s.customer.id) ? ' checked' : ''}> ${esc(s.customer.name ?? s.customer.id)} <small>${esc(s.customer.id)} · ${esc(s.courses?.[0]?.name ?? '')}</small></label>`,
  ).join('');
}

function renderFiles(findings: readonly RuleFileFinding[]): void {
  $('tabs').innerHTML = editor.files
    .map((f) => {
      const errors = findings.filter((x) => x.file === f && x.severity === 'error').length;
      const warnings = findings.filter((x) => x.file === f && x.severity === 'warning').length;
      const badge =
        errors > 0
          ? `<span class="badge error">${errors}</span>`
          : warnings > 0
            ? `<span class="badge warning">${warnings}</span>`
            : '';
      return `<button type="button" role="tab" data-file="${esc(f)}" aria-selected="${f === editor.current()}">${esc(f)}${badge}</button>`;
    })
    .join('');
}

function renderFindings(findings: readonly RuleFileFinding[], today: string): void {
  const w = WORDS[state.locale];
  const items = findings.map((f) => {
    const where = f.file === null ? '' : `${f.file}${f.line === null ? '' : `:${f.line}:${f.column}`}`;
    return (
      `<li class="${f.severity}" data-testid="finding" data-file="${esc(f.file ?? '')}" data-line="${f.line ?? ''}" data-column="${f.column ?? ''}">` +
      `<span class="where">${esc(where)}</span> <b>${esc(f.severity === 'error' ? w.error : w.warning)}</b>${f.ruleId || f.path ? ` <code>${esc(f.ruleId ?? f.path)}</code>` : ''}${esc(w.colon)}${esc(f.message)}${f.check ? ` <small>[${esc(f.check)}]</small>` : ''}</li>`
    );
  });
  $('findings').innerHTML =
    `<p class="note">${esc(w.lintAsOf(today))}</p>` +
    (items.length === 0 ? `<p>${esc(w.noFindings)}</p>` : `<ul>${items.join('')}</ul>`);
}

function renderCalendar(): void {
  const w = WORDS[state.locale];
  $('week-label').textContent = w.week(state.week);
  $('calendar').innerHTML =
    state.ruleSet === null ? '' : renderWeek(state.week, state.rows, state.ruleSet, state.locale, w);
  renderDetails();
}

function renderDetails(): void {
  const w = WORDS[state.locale];
  const row = state.rows.find((r) => 'plan' in r && r.plan.purchaseId === state.selected?.purchaseId);
  const t = row && 'plan' in row ? row.plan.touchpoints.find((x) => x.id === state.selected?.touchpointId) : undefined;
  for (const chip of document.querySelectorAll<HTMLElement>('.chip[data-touchpoint]'))
    chip.classList.toggle(
      'selected',
      chip.dataset.touchpoint === t?.id && chip.dataset.purchase === state.selected?.purchaseId,
    );
  if (t === undefined || state.ruleSet === null) {
    $('details').innerHTML = `<p class="note">${esc(w.clickHint)}</p>`;
    return;
  }
  const ruleSet = state.ruleSet;
  $('details').innerHTML =
    `<h3>${esc(t.label)} <span class="chip ${t.urgency}">${esc(w.urgency[t.urgency] ?? t.urgency)}</span></h3>` +
    `<p><b>${esc(w.due)}</b> ${esc(`${dayLabel(t.window.start.slice(0, 10), state.locale)} ${t.window.start.slice(11, 16)}–${t.window.end.slice(11, 16)}`)} · ${esc(w.channel[t.channel] ?? t.channel)}</p>` +
    `<p><b>${esc(w.rules)}</b> ${t.ruleIds.map((id) => `<span title="${esc(id)}">${esc(ruleName(ruleSet, id, state.locale))}</span>`).join(esc(w.listSeparator))}</p>` +
    `<ol class="reasons">${t.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ol>`;
}

function renderDiff(): void {
  const w = WORDS[state.locale];
  const purposeName = (purpose: string): string =>
    purpose
      .split('+')
      .map((p) => state.ruleSet?.purposes?.[p]?.[state.locale] ?? p)
      .join(' + ');
  const when = (start: string): string => `${dayLabel(start.slice(0, 10), state.locale)} ${start.slice(11, 16)}`;
  const line = (kind: 'added' | 'removed' | 'moved', text: string, c: DiffContact): string =>
    `<li class="${kind}" data-testid="diff-line">${esc(text)} ${esc(w.channel[c.channel] ?? c.channel)} ${esc(purposeName(c.purpose))}</li>`;
  const changed = state.diffs.filter(({ diff }) => diff.added.length + diff.removed.length + diff.moved.length > 0);
  $('diff').innerHTML =
    changed.length === 0
      ? `<p>${esc(w.noDiff)}</p>`
      : changed
          .map(({ input, diff }) => {
            const lines = [
              ...diff.added.map((c) => line('added', `+ ${when(c.start)}`, c)),
              ...diff.removed.map((c) => line('removed', `− ${when(c.start)}`, c)),
              ...diff.moved.map((m) => line('moved', `~ ${when(m.before.start)} → ${when(m.after.start)}`, m.after)),
            ];
            const summary = w.diffSummary(diff.added.length, diff.removed.length, diff.moved.length);
            return `<h4>${esc(input.customer.name ?? input.customer.id)} <small>${esc(diff.purchaseId)} · ${esc(summary)}</small></h4><ul>${lines.join('')}</ul>`;
          })
          .join('');
}

/** Checks the rule files; when they validate, plans every input with them and with the shipped rules. */
async function refresh(): Promise<void> {
  const generation = ++state.generation;
  const list = inputs();
  const today = firstDate(list) ?? state.week;
  const files = editor.files.map((file) => ({ file, text: editor.text(file) }));
  const check = checkRuleFiles(files, { today, locale: state.locale });
  editor.showFindings(check.findings);
  renderFiles(check.findings);
  renderFindings(check.findings, today);
  document.body.classList.toggle('stale', check.ruleSet === null);
  $('stale').textContent = check.ruleSet === null ? WORDS[state.locale].stale : '';
  if (check.ruleSet === null) return;
  const planner = createPlanner({ ruleSet: check.ruleSet, locale: state.locale });
  const [edited, shipped] = await Promise.all([planAll(planner, list), planAll(shippedPlanner(state.locale), list)]);
  if (generation !== state.generation) return; // a newer edit is being planned
  state.ruleSet = planner.ruleSet;
  state.rows = list.map((input, i) => ({ input, ...(edited[i] as { plan: FollowUpPlan } | { error: string }) }));
  state.diffs = list.flatMap((input, i) => {
    const a = shipped[i];
    const b = edited[i];
    return a && b && 'plan' in a && 'plan' in b ? [{ input, diff: diffPlans(a.plan, b.plan) }] : [];
  });
  renderCalendar();
  renderDiff();
  document.body.dataset.ready = String(generation);
}

let timer: ReturnType<typeof setTimeout> | undefined;
const refreshSoon = (): void => {
  clearTimeout(timer);
  timer = setTimeout(() => void refresh(), 250);
};

/**
 * The schema as the editor's completion reads it: each `oneOf` whose options are told apart by a `type` constant
 * (an event: `"type": "cadence"` and its params) names that property with json-schema-library's `oneOfProperty`,
 * so completion inside `params` offers the params of the rule's own type even while the rule is half typed.
 * The published schema stays standard; this copy is the editor's.
 */
function withOneOfProperty(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withOneOfProperty);
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, withOneOfProperty(v)]),
  );
  const options = copy.oneOf;
  if (
    Array.isArray(options) &&
    options.every((o) => (o as { properties?: { type?: { const?: unknown } } }).properties?.type?.const !== undefined)
  )
    copy.oneOfProperty = 'type';
  return copy;
}

const editor = createRuleEditor($('editor'), shippedRules, withOneOfProperty(schema) as JSONSchema7, refreshSoon);

/** Opens a file in the editor and marks its tab. */
function showFile(file: string): void {
  editor.show(file);
  for (const tab of document.querySelectorAll<HTMLElement>('#tabs [data-file]'))
    tab.setAttribute('aria-selected', String(tab.dataset.file === file));
}

function wire(): void {
  $<HTMLSelectElement>('locale').value = state.locale;
  $('locale').addEventListener('change', (e) => {
    state.locale = (e.target as HTMLSelectElement).value as Locale;
    skeleton();
    void refresh();
  });
  $('tabs').addEventListener('click', (e) => {
    const file = (e.target as HTMLElement).closest<HTMLElement>('[data-file]')?.dataset.file;
    if (file !== undefined) showFile(file);
  });
  $('findings').addEventListener('click', (e) => {
    const item = (e.target as HTMLElement).closest<HTMLElement>('[data-testid="finding"]');
    if (item?.dataset.file && item.dataset.line) {
      showFile(item.dataset.file);
      editor.goTo(item.dataset.file, Number(item.dataset.line), Number(item.dataset.column || 1));
    }
  });
  $('samples').addEventListener('change', (e) => {
    const box = e.target as HTMLInputElement;
    const id = box.dataset.customer as string;
    if (box.checked) state.chosen.add(id);
    else state.chosen.delete(id);
    void refresh();
  });
  $('use-pasted').addEventListener('click', () => {
    // Read as the CLI reads a file: a syntax error at its line and column, in the page's language. Each value is
    // planned on its own (one that is not an input is an error in its row).
    const read = parseInputText($<HTMLTextAreaElement>('paste').value, { locale: state.locale });
    const w = WORDS[state.locale];
    if (read.ok) state.pasted = read.values as PlanInput[];
    $('paste-status').textContent = read.ok
      ? w.pasted(read.values.length)
      : w.pasteProblem(read.line, read.column, read.message);
    void refresh();
  });
  $('clear-pasted').addEventListener('click', () => {
    state.pasted = [];
    $<HTMLTextAreaElement>('paste').value = '';
    $('paste-status').textContent = '';
    void refresh();
  });
  $('prev-week').addEventListener('click', () => {
    state.week = plusDays(state.week, -7);
    renderCalendar();
  });
  $('next-week').addEventListener('click', () => {
    state.week = plusDays(state.week, 7);
    renderCalendar();
  });
  $('calendar').addEventListener('click', (e) => {
    const chip = (e.target as HTMLElement).closest<HTMLElement>('.chip[data-touchpoint]');
    if (chip === null) return;
    state.selected = { purchaseId: chip.dataset.purchase as string, touchpointId: chip.dataset.touchpoint as string };
    renderDetails();
  });
}

skeleton();
wire();
void refresh();
