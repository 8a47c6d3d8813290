/**
 * The workbench's entry points checked at the door: what is not of the shape they take is an `InputError` naming
 * each problem with its path, never a TypeError from deep inside.
 */
import { InputError, type ErrorSummary, type Issue } from '../errors.js';
import { issue } from '../i18n/issues.js';
import { parseLocalDate } from '../calendar/local-date.js';
import type { Locale } from '../i18n/explanation.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `options.today`, when given, is a date that exists (`2026-02-30` does not); else an error in `locale`. */
export function checkToday(today: unknown, summary: ErrorSummary, locale?: Locale): void {
  if (today === undefined) return;
  if (typeof today !== 'string' || parseLocalDate(today) === undefined)
    throw new InputError([issue('options.today', 'not-a-date')], summary, locale);
}

/** Rule files as text: a list of `{ file, text }`, both text. */
export function checkFiles(files: unknown): void {
  const issues: Issue[] = [];
  if (!Array.isArray(files)) issues.push(issue('files', 'files-form', { part: 'list' }));
  else
    files.forEach((f: unknown, i) => {
      if (!isObject(f)) issues.push(issue(`files[${i}]`, 'files-form', { part: 'entry' }));
      else {
        if (typeof f['file'] !== 'string') issues.push(issue(`files[${i}].file`, 'files-form', { part: 'name' }));
        if (typeof f['text'] !== 'string') issues.push(issue(`files[${i}].text`, 'files-form', { part: 'text' }));
      }
    });
  if (issues.length > 0) throw new InputError(issues, 'Invalid rule files');
}

/** A plan as the workbench reads it: `touchpoints` a list, and (`policy`) the rules in force. */
export function checkPlan(plan: unknown, path: string, summary: ErrorSummary, needs: { policy?: boolean } = {}): void {
  const issues: Issue[] = [];
  if (!isObject(plan)) issues.push(issue(path, 'plan-form', { part: 'plan' }));
  else {
    if (!Array.isArray(plan['touchpoints']))
      issues.push(issue(`${path}.touchpoints`, 'plan-form', { part: 'touchpoints' }));
    else
      plan['touchpoints'].forEach((t: unknown, i) => {
        if (!isObject(t) || typeof t['id'] !== 'string' || !isObject(t['window']))
          issues.push(issue(`${path}.touchpoints[${i}]`, 'plan-form', { part: 'touchpoint' }));
      });
    if (needs.policy === true && (!isObject(plan['policy']) || !Array.isArray(plan['policy']['ruleIds'])))
      issues.push(issue(`${path}.policy.ruleIds`, 'plan-form', { part: 'rule-ids' }));
  }
  if (issues.length > 0) throw new InputError(issues, summary);
}
