import { PublicReportForm, REPORT_FORM_FILES, REPORT_FORM_HONEYPOT } from '#contracts/report-form.ts';
import type { NewReport } from '#contracts/reports.ts';

export interface FormIssue {
  path: string;
  message: string;
}

interface Submitted {
  fields: Record<string, string>;
  tooLong: string[];
  files: { filename: string; contentType: string; bytes: Buffer }[];
  overLimit: boolean;
}

/** A filled-in honeypot: people never see the field, form-filling bots do. */
export function filledByBot(fields: Record<string, string>): boolean {
  return (fields[REPORT_FORM_HONEYPOT] ?? '').trim() !== '';
}

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** The form when every field and file is acceptable; otherwise every problem, by field. */
export function checkForm(
  submitted: Submitted,
  limits: { maxTotalBytes: number },
): { form: PublicReportForm; issues: [] } | { form: null; issues: FormIssue[] } {
  const f = (name: string) => (submitted.fields[name] ?? '').trim();
  // Missing required fields count as empty, so they get the same message as an empty one.
  const parsed = PublicReportForm.safeParse({
    name: f('name'),
    email: f('email'),
    organisation: f('organisation'),
    title: f('title'),
    description: f('description'),
    tlp: f('tlp') || undefined,
  });
  const issues: FormIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message }));
  for (const name of submitted.tooLong) issues.push({ path: `body.${name}`, message: 'is too long' });
  if (submitted.overLimit)
    issues.push({
      path: `body.${REPORT_FORM_FILES}`,
      message: `The files come to more than ${megabytes(limits.maxTotalBytes)} in total`,
    });
  submitted.files.forEach((file, i) => {
    if (file.bytes.length === 0)
      issues.push({
        path: `body.${REPORT_FORM_FILES}.${i}`,
        message: `${file.filename || 'A file'} is empty`,
      });
  });
  return parsed.success && issues.length === 0 ? { form: parsed.data, issues: [] } : { form: null, issues };
}

/** The report a form submission becomes: a person of unknown trust, by the web form. */
export function formToReport(form: PublicReportForm, files: Submitted['files']): NewReport {
  return {
    channel: 'web_form',
    reporter: {
      kind: 'person',
      name: form.organisation ? `${form.name} (${form.organisation})` : form.name,
      contact: form.email,
      trust: 'unknown',
    },
    title: form.title,
    body: form.description,
    // The submission as entered; the files are kept (and hashed) beside it.
    raw: JSON.stringify({
      ...form,
      attachments: files.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        size: a.bytes.length,
      })),
    }),
    tlp: form.tlp,
    pap: 'amber',
    source: 'web-form',
    observables: [],
  };
}
