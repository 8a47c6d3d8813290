import { describeInstant } from '../calendar/describe.js';
import { parseInstant } from '../calendar/instant.js';
import type { FollowUpPlan } from '../plan/types.js';
import type { ParsedPlanInput } from '../schema/input.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

export const plainStyle: Style = { bold: (t) => t, dim: (t) => t, red: (t) => t, yellow: (t) => t };

export const ansiStyle: Style = {
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
  red: (t) => `\u001b[31m${t}\u001b[39m`,
  yellow: (t) => `\u001b[33m${t}\u001b[39m`,
};

const at = (iso: string, zone: string): string => {
  const parsed = parseInstant(iso);
  return parsed.ok ? describeInstant(parsed.epochMs, zone) : iso;
};

/** A readable timeline of one plan: each touchpoint, why it exists and moved, then what was suppressed. */
export function renderTimeline(plan: FollowUpPlan, input: ParsedPlanInput, style: Style = plainStyle): string {
  const zone = plan.timeZone;
  const lines: string[] = [];
  const tier = input.customer.membership?.tier ?? 'walk-in';
  const who = [tier, input.customer.occupation, input.purchase.for && input.purchase.for !== 'self' ? `for ${input.purchase.for}` : undefined]
    .filter(Boolean)
    .join(', ');
  lines.push(
    style.bold(
      `Purchase ${plan.purchaseId} · customer ${plan.customerId} (${who}) · ${zone} · as of ${plan.asOf.slice(0, 10)} ${plan.asOf.slice(11, 16)}`,
    ),
  );
  const items = input.purchase.items ?? [];
  if (input.purchase.kind === 'consultation') lines.push(`  consulted ${at(input.purchase.purchasedAt, zone)}, bought nothing`);
  else lines.push(`  bought ${at(input.purchase.purchasedAt, zone)}: ${items.map((i) => `${i.drugCode} ×${i.quantity}`).join(', ')}`);
  if (plan.touchpoints.length === 0) lines.push('  (no contact planned)');
  for (const t of plan.touchpoints) {
    const end = at(t.window.end, zone).slice(-5);
    const urgency = t.urgency === 'critical' ? style.red(t.urgency) : t.urgency === 'high' ? style.yellow(t.urgency) : t.urgency;
    lines.push(`  ${style.bold(`${at(t.window.start, zone)}-${end}`)}  ${t.channel.padEnd(10)} ${urgency.padEnd(8)}  ${t.purpose}`);
    lines.push(style.dim(`      rules: ${t.ruleIds.join(', ')}`));
    for (const r of t.reasons) lines.push(style.dim(`      · ${r}`));
  }
  if (plan.suppressed.length > 0) {
    lines.push('  Suppressed:');
    for (const s of plan.suppressed) {
      lines.push(`    ${s.candidate.purpose} (${s.candidate.channel}, due ${at(s.candidate.due, zone)}): ${s.reason}`);
    }
  }
  for (const w of plan.warnings) lines.push(style.yellow(`  warning: ${w}`));
  return lines.join('\n');
}
