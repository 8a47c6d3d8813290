import type { PlanInvariant } from './plan-invariant.js';

/** 6. Routine contacts go only by channels the customer consented to and can be reached by. */
export const channelPolicyInvariant: PlanInvariant<'channel-policy'> = (_rules, ctx) => {
  const contact = ctx.facts.customer.contact;
  for (const { t } of ctx.routine) {
    const v = (message: string): void => ctx.report({ invariant: 'consent', touchpointId: t.id, message });
    if (t.channel === 'phone' && (contact.doNotCall || !contact.hasPhone))
      v('a routine call to a customer who may not or cannot be called');
    if (t.channel === 'sms' && !contact.sms) v('an sms without sms consent');
    if (t.channel === 'wechat' && !contact.wechat) v('a WeChat message without WeChat consent');
  }
};
