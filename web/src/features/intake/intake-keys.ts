export const intakeKeys = {
  rules: ['intake', 'fingerprint-rules'],
  webhooks: ['intake', 'webhooks'],
  mailboxes: ['intake', 'mailboxes'],
} as const;
