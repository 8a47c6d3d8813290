/**
 * The workbench's entry points checked at the door: what is not of the shape they take is an `InputError` naming
 * each problem with its path, never a TypeError from deep inside.
 */
import { InputError, type Issue } from '../errors.js';
import { parseLocalDate } from '../calendar/local-date.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `options.today`, when given, is a date that exists (`2026-02-30` does not). */
export function checkToday(today: unknown, summary: string): void {
  if (today === undefined) return;
  if (typeof today !== 'string' || parseLocalDate(today) === undefined)
    throw new InputError([{ path: 'options.today', message: 'must be a date YYYY-MM-DD that exists' }], summary);
}

/** Rule files as text: a list of `{ file, text }`, both text. */
export function checkFiles(files: unknown): void {
  const issues: Issue[] = [];
  if (!Array.isArray(files)) issues.push({ path: 'files', message: 'must be a list of { file, text }' });
  else
    files.forEach((f: unknown, i) => {
      if (!isObject(f)) issues.push({ path: `files[${i}]`, message: 'must be { file, text }' });
      else {
        if (typeof f['file'] !== 'string') issues.push({ path: `files[${i}].file`, message: 'must be text (the file name)' });
        if (typeof f['text'] !== 'string') issues.push({ path: `files[${i}].text`, message: 'must be text (the file as read)' });
      }
    });
  if (issues.length > 0) throw new InputError(issues, 'Invalid rule files');
}

/** A plan as the workbench reads it: `touchpoints` a list, and (`policy`) the rules in force. */
export function checkPlan(plan: unknown, path: string, summary: string, needs: { policy?: boolean } = {}): void {
  const issues: Issue[] = [];
  if (!isObject(plan)) issues.push({ path, message: 'must be a plan (as plan() gives it)' });
  else {
    if (!Array.isArray(plan['touchpoints'])) issues.push({ path: `${path}.touchpoints`, message: 'must be a list of touchpoints' });
    else
      plan['touchpoints'].forEach((t: unknown, i) => {
        if (!isObject(t) || typeof t['id'] !== 'string' || !isObject(t['window']))
          issues.push({ path: `${path}.touchpoints[${i}]`, message: 'must be a touchpoint with an id and a window' });
      });
    if (needs.policy === true && (!isObject(plan['policy']) || !Array.isArray(plan['policy']['ruleIds'])))
      issues.push({ path: `${path}.policy.ruleIds`, message: 'must list the rules in force (a plan of 0.1 has none)' });
  }
  if (issues.length > 0) throw new InputError(issues, summary);
}
