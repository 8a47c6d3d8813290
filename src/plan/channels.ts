/**
 * The channel stage: whether a contact may use its channel, and what channel policy makes of it when it may not — a
 * routine contact moves to a fallback channel or is suppressed (a verdict, a value: the hold stage applies it); an
 * escalation to a customer with no phone becomes a home visit (escalation.ts asks {@link Channels.escalationFallback}).
 */
import { joined } from '../i18n/reason-params.js';
import { explain, type Explanation } from '../i18n/explanation.js';
import { isMessageChannel } from '../schema/common.js';
import type { ChannelPolicyRule } from './compile.js';
import type { PlanState } from './plan-state.js';
import type { Channel } from './types.js';

/**
 * What channel policy makes of routine contacts by one channel: nothing (`null`), another channel (with the reason
 * and the policy), or suppression (with why, and the policy when one said so).
 */
export type ChannelVerdict =
  null | { suppress: Explanation; policyId: string | null } | { next: Channel; reason: Explanation; policyId: string };

/** Channel resolution for one plan, routine and escalation contacts alike. */
export class Channels {
  constructor(private readonly state: PlanState) {}

  /** Whether the customer may be reached by `channel` (an escalation may call a do-not-call customer). */
  usable(channel: Channel, escalation: boolean): boolean {
    const { contact } = this.state.facts.customer;
    switch (channel) {
      case 'phone':
        return contact.hasPhone && (escalation || !contact.doNotCall);
      case 'sms':
        return contact.sms;
      case 'wechat':
        return contact.wechat;
      case 'home-visit':
        return true;
    }
  }

  /** What channel policy makes of a routine contact by `channel` (worked out once per plan and channel). */
  routineVerdict(channel: Channel): ChannelVerdict {
    let verdict = this.channelVerdicts.get(channel);
    if (verdict === undefined) {
      verdict = this.channelVerdict(channel);
      this.channelVerdicts.set(channel, verdict);
    }
    return verdict;
  }

  private readonly channelVerdicts = new Map<Channel, ChannelVerdict>();

  private channelVerdict(channel: Channel): ChannelVerdict {
    const { contact } = this.state.facts.customer;
    let situation: 'do-not-call' | 'no-phone' | 'no-consent' | 'prefers-message' | null = null;
    if (channel === 'phone')
      situation = contact.doNotCall
        ? 'do-not-call'
        : !contact.hasPhone
          ? 'no-phone'
          : contact.prefers === 'message'
            ? 'prefers-message'
            : null;
    else if (isMessageChannel(channel)) situation = this.usable(channel, false) ? null : 'no-consent';
    if (situation === null) return null;
    // A preference is not a prohibition: without a policy for it, or a message channel consented, the call stays.
    const preference = situation === 'prefers-message';
    const policy = this.state.policy.channelPolicies.find(
      (p) => p.params.applies === 'routine' && p.params.when === situation,
    );
    if (!policy)
      return preference
        ? null
        : { suppress: explain('suppressed.channel-uncovered', { why: situation, channel }), policyId: null };
    const next = policy.params.fallback.find((ch) => ch !== channel && this.usable(ch, false));
    if (next === undefined && preference) return null;
    if (next === undefined) {
      const params = { why: situation, channel, fallback: joined(policy.params.fallback) };
      return { suppress: explain('suppressed.channel-unusable', params, policy.id), policyId: policy.id };
    }
    return {
      next,
      reason: explain('channel.routine', { from: channel, to: next, why: situation }, policy.id),
      policyId: policy.id,
    };
  }

  /** For an escalation by phone to a customer with no phone: the escalation channel policy and its fallback. */
  escalationFallback(): { policy: ChannelPolicyRule | undefined; next: Channel | undefined } {
    const policy = this.state.policy.channelPolicies.find(
      (p) => p.params.applies === 'escalation' && p.params.when === 'no-phone',
    );
    return { policy, next: policy?.params.fallback.find((ch) => ch !== 'phone' && this.usable(ch, true)) };
  }
}
