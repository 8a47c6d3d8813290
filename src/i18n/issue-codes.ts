/**
 * Every problem rx-followup reports in an input or a rule set, by code, with the values its message needs. Each locale
 * has one catalogue that says a code in words (issues-en.ts, issues-zh-cn.ts); the text of rule files and records read
 * as text (JSON syntax, files) has its own codes and catalogues outside the core (text-issue-codes.ts).
 */
import type { Catalogue } from './catalogue.js';

/** A JSON value a condition compares with, as the rule file writes it. */
export type JsonScalar = string | number | boolean | null;

/** The noun of a list whose length is bounded (`must list at most 50 items`). */
export type ListNoun = 'items' | 'incidents' | 'purchases' | 'contacts' | 'offsets' | 'days' | 'staff';

/** Each issue code of an input or a rule set, and its params. docs/issues.md lists them with their messages. */
export interface IssueParams {
  // Values of any field.
  required: Record<string, never>;
  'not-empty': Record<string, never>;
  'not-a-number': Record<string, never>;
  'not-a-string': Record<string, never>;
  /** `unit`: a whole number of days or packs. */
  'not-whole': { readonly unit?: 'days' | 'packs' };
  'not-positive': Record<string, never>;
  negative: Record<string, never>;
  'too-small': { readonly min: number };
  'too-big': { readonly max: number };
  'text-too-long': { readonly max: number };
  'list-too-long': { readonly max: number; readonly noun: ListNoun };
  'list-empty': { readonly noun: ListNoun };
  /** A planner option given a value it does not take. */
  'not-one-of': { readonly values: readonly string[] };
  /** A value listed twice in a list that keeps each once (`also`: the path of the first). */
  'listed-twice': { readonly value: string; readonly also: string };
  'after-field': { readonly field: string };
  'before-field': { readonly field: string };
  /** An interval's `to` not after its `from`. */
  'not-after-from': { readonly from: string };
  /** A day asked for as `YYYY-MM-DD` that is not one. */
  'not-a-date': Record<string, never>;
  /** The workbench's rule files: not a list, an entry not `{ file, text }`, a name or a text not text. */
  'files-form': { readonly part: 'list' | 'entry' | 'name' | 'text' };
  /** A plan given to the workbench that is not one as `plan()` gives it. */
  'plan-form': { readonly part: 'plan' | 'touchpoints' | 'touchpoint' | 'rule-ids' };
  /** Reading the input threw (a getter, a proxy); `thrown` is the error's name. */
  unreadable: { readonly thrown: string };

  // Times and dates.
  'instant-invalid': { readonly example: string };
  'instant-no-offset': { readonly value: string };
  'instant-form': { readonly value: string };
  'instant-year': { readonly value: string; readonly year: string; readonly min: number; readonly max: number };
  'instant-no-such-date': { readonly value: string; readonly date: string };
  'instant-leap-second': { readonly value: string };
  'instant-time': { readonly value: string; readonly time: string };
  'instant-offset': { readonly value: string };
  'date-object-invalid': Record<string, never>;
  'date-object-range': { readonly iso: string };
  'date-form': { readonly value: string };
  'date-year': { readonly value: string; readonly min: number; readonly max: number };
  'date-no-such-day': { readonly value: string };
  'zone-too-long': { readonly length: number; readonly max: number };
  'zone-unknown': { readonly value: string };
  'clock-form': { readonly value: string };
  'duration-form': { readonly value: string };
  'duration-negative': { readonly value: string };
  'duration-not-whole-days': { readonly value: string };
  'duration-zero': Record<string, never>;
  /** A duration shorter than the least it may be: one hour or one day. */
  'duration-too-short': { readonly unit: 'hour' | 'day' };
  /** Longer than the rule set's horizon (`horizon`, in about `days`), or than the longest any rule set may have. */
  'duration-too-long': { readonly value: string; readonly days: number; readonly horizon?: string };

  // Plan inputs.
  'phone-form': Record<string, never>;
  'consultation-items': Record<string, never>;
  'not-this-customer': { readonly value: string; readonly customer: string };
  'course-twice': { readonly drugCode: string; readonly also: string };
  'supply-too-long': { readonly days: number | null; readonly drugCode: string; readonly max: number };
  'incident-drug': { readonly drugCode: string; readonly drugs: readonly string[] };
  'after-as-of': Record<string, never>;
  'history-after-purchase': Record<string, never>;
  'history-needs-purchases': Record<string, never>;
  'unknown-purchase': { readonly value: string; readonly orThis: boolean };
  'attempted-in-future': { readonly status: string; readonly at: string };

  // Worklists.
  'owners-too-many': { readonly count: number; readonly max: number };
  'owners-form': Record<string, never>;
  'customer-id-too-long': { readonly max: number };
  'staff-id-twice': { readonly id: string; readonly index: number };
  'plans-not-a-list': Record<string, never>;
  'plans-too-many': { readonly count: number; readonly max: number };
  'plans-too-many-contacts': { readonly max: number };

  // Rule sets: their JSON.
  'json-type': { readonly type: string };
  'json-cycle': Record<string, never>;
  'json-too-deep': { readonly max: number };
  'json-too-many-values': { readonly max: number };
  'list-hole': Record<string, never>;
  'list-undefined': Record<string, never>;
  'list-null': Record<string, never>;
  'list-too-many-values': { readonly count: number; readonly max: number; readonly hint: boolean };
  'key-forbidden': { readonly key: string };
  'key-unknown': { readonly key: string; readonly suggestion?: string };
  'keys-unknown': { readonly keys: readonly string[] };

  // Rule sets: their files and names.
  'rule-file-object': Record<string, never>;
  'rule-set-needs': { readonly key: 'id' | 'version' };
  'rule-set-differs': { readonly key: string; readonly value: string; readonly other: string; readonly file?: string };
  'too-many-rules': { readonly max: number; readonly count?: number };
  'rule-id-form': Record<string, never>;
  'name-form': Record<string, never>;
  'purpose-form': Record<string, never>;
  'defined-twice': {
    readonly what: 'condition' | 'purpose' | 'calendar' | 'rule';
    readonly name: string;
    readonly also: string;
  };
  'holiday-and-workday': { readonly date: string };
  'coverage-before-from': { readonly from: string };
  'outside-coverage': { readonly date: string; readonly from: string; readonly through: string };
  'unknown-calendar': { readonly name: string; readonly defined: readonly string[] };
  'unknown-event-type': { readonly known: readonly string[] };

  // Rule sets: conditions.
  'not-a-condition': Record<string, never>;
  'conditions-top-level': Record<string, never>;
  'conditions-not-a-list': Record<string, never>;
  'conditions-too-deep': { readonly max: number };
  'conditions-too-wide': { readonly max: number };
  'conditions-too-many': { readonly max: number; readonly scope: 'rule' | 'rule-set' };
  'one-boolean': { readonly keys: readonly string[] };
  'key-beside': { readonly key: string; readonly beside: string; readonly allowed?: readonly string[] };
  'key-in-condition': { readonly key: string; readonly suggestion?: string };
  'key-in-fact-reference': { readonly key: string };
  'priority-range': { readonly max: number };
  'operator-not-a-string': Record<string, never>;
  'operator-unknown': { readonly operator: string; readonly known: readonly string[]; readonly suggestion?: string };
  'decorator-unknown': { readonly decorator: string; readonly known: readonly string[]; readonly suggestion?: string };
  'decorators-too-many': { readonly operator: string; readonly count: number; readonly max: number };
  'operator-needs-list': { readonly operator: string; readonly example?: string };
  'operator-needs-number': { readonly operator: string; readonly dateHint: boolean };
  'operator-needs-date': { readonly operator: string };
  'fact-unknown': { readonly fact: JsonScalar; readonly known: readonly string[]; readonly suggestion?: string };
  'path-leading-zero': { readonly path: string; readonly index: string };
  'path-not-plain': { readonly path: string; readonly expression: boolean };
  'path-into-scalar': { readonly path: string; readonly at: string; readonly type: string; readonly field: string };
  'path-not-a-list': { readonly path: string; readonly at: string; readonly index: number };
  /** A decorator that takes a list's values given text or something else (`side`: the value, or the operand when swapped). */
  'decorator-needs-list': {
    readonly operator: string;
    readonly decorator: string;
    readonly side: 'value' | 'operand';
    readonly text: boolean;
  };
  /** `in` / `notIn` with neither a list nor text to look in. */
  'lookup-needs-list': { readonly operator: string; readonly base: string; readonly side: 'fact' | 'value' };
  'path-no-field': {
    readonly path: string;
    readonly fact: string;
    readonly field: string;
    readonly at: string;
    readonly known: readonly string[];
    readonly suggestion?: string;
  };
  'value-not-taken': {
    readonly value: JsonScalar;
    readonly field: string;
    readonly values?: readonly JsonScalar[];
    readonly from?: number;
    readonly to?: number;
    readonly suggestion?: JsonScalar;
  };
  'never-holds': {
    readonly field: string;
    readonly operator: string;
    readonly value: JsonScalar;
    readonly from: number;
    readonly to: number;
  };
  'condition-needs-name': Record<string, never>;
  'condition-unknown': { readonly name: string; readonly known: readonly string[] };
  'condition-cycle': { readonly name: string; readonly through: readonly string[] };

  // Rule sets: events.
  'holidays-need-calendar': Record<string, never>;
  'holidays-no-repeat': Record<string, never>;
  'only-holidays': { readonly key: 'calendar' | 'holidays' };
  'slack-preferred-only': Record<string, never>;
  'month-days-empty': Record<string, never>;
  'escalation-fallback': Record<string, never>;
  'not-a-message-channel': { readonly value: string };
}

/** An issue code of an input or a rule set. */
export type IssueCode = keyof IssueParams;

/** A code with its params, for a check that reports before it knows the path. */
export type Coded = { [C in IssueCode]: { readonly code: C; readonly params: IssueParams[C] } }[IssueCode];

/** One catalogue: every code in words of one locale. */
export type IssueCatalogue = Catalogue<IssueParams>;
