export const intakeKeys = {
  rules: ['intake', 'fingerprint-rules'],
  webhooks: ['intake', 'webhooks'],
} as const;
