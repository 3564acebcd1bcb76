import type { Channel, DiscardReason } from '#contracts/reports.ts';

export const discardReasonLabel: Record<DiscardReason, string> = {
  not_an_incident: 'Not an incident',
  duplicate: 'Duplicate',
  false_positive: 'False positive',
  out_of_constituency: 'Out of constituency',
};

export const channelLabel: Record<Channel, string> = {
  email: 'E-mail',
  phone: 'Phone',
  web_form: 'Web form',
  api: 'API',
  monitoring: 'Monitoring',
  other: 'Other',
};

/** `3 reports`, `1 report`. */
export const reportCount = (n: number) => `${n} report${n === 1 ? '' : 's'}`;
