import { z } from 'zod';

/**
 * The reply an e-mail reporter gets: the report's reference, so they can quote it. Placeholders:
 * `{{reference}}`, `{{subject}}`, `{{receivedAt}}`, `{{team}}`.
 */
export const acknowledgementConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    team: z.string().min(1).max(200).default('Firebreak CSIRT'),
    subject: z.string().min(1).max(300).default('[{{reference}}] Received: {{subject}}'),
    text: z
      .string()
      .min(1)
      .max(20_000)
      .default(
        [
          'Thank you for your report. We registered it as {{reference}} on {{receivedAt}}.',
          '',
          'Please keep the reference in the subject of any reply so that it reaches the same case.',
          '',
          '-- ',
          '{{team}}',
          '(This is an automatic reply.)',
        ].join('\n'),
      ),
    /** A mail loop or a flood from one address cannot make us send more than this per hour. */
    maxPerSenderPerHour: z.number().int().min(1).max(100).default(3),
  })
  .prefault({});

export type AcknowledgementConfig = z.infer<typeof acknowledgementConfigSchema>;
