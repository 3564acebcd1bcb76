/** The placeholders an acknowledgement template may use. */
export interface AcknowledgementVars {
  reference: string;
  subject: string;
  receivedAt: string;
  team: string;
}

/** Fills `{{name}}` placeholders; unknown ones stay as written so a typo shows in the sent text. */
export function renderTemplate(template: string, vars: AcknowledgementVars): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in vars ? vars[name as keyof AcknowledgementVars] : whole,
  );
}

/** Header values must not carry line breaks (header injection through a crafted subject). */
export const oneLine = (text: string, max = 200) =>
  text
    .replace(/[\r\n\t]+/g, ' ')
    .trim()
    .slice(0, max);

export interface AckCandidate {
  /** The From address of the report, lower-cased. */
  from: string;
  /** The SMTP envelope sender: empty for bounces (RFC 5321 §4.5.5). */
  envelopeFrom: string | null | undefined;
  /** Reasons the mail looks automatic (auto-replies, bulk, bounces). */
  automatedReasons: string[];
  /** Our own sending address: never answer ourselves. */
  ownAddress: string;
  /** Acknowledgements sent to this address in the last hour. */
  sentLastHour: number;
  maxPerHour: number;
}

const MAILER_DAEMON = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@/i;

/**
 * Whether to acknowledge, and if not, why. RFC 3834 §2: never auto-reply to automatic mail or to
 * an empty envelope sender; the hourly cap stops a loop with a responder that ignores the headers.
 */
export function acknowledgementDecision(c: AckCandidate): { send: true } | { send: false; reason: string } {
  if (!c.from || !c.from.includes('@')) return { send: false, reason: 'no sender address' };
  if (c.envelopeFrom === '') return { send: false, reason: 'empty envelope sender (a bounce)' };
  if (c.automatedReasons.length)
    return { send: false, reason: `automatic mail: ${c.automatedReasons.join(', ')}` };
  if (MAILER_DAEMON.test(c.from)) return { send: false, reason: 'sent by a mail system' };
  if (c.from.toLowerCase() === c.ownAddress.toLowerCase())
    return { send: false, reason: 'sent by ourselves' };
  if (c.sentLastHour >= c.maxPerHour)
    return { send: false, reason: `${c.sentLastHour} acknowledgements sent to ${c.from} in the last hour` };
  return { send: true };
}
