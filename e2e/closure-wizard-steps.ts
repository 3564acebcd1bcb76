import type { Locator } from 'playwright-core';

/**
 * Walks the closure wizard after its first step is filled: the open-items check (a reason when
 * something is still open), the final information (everyone unchecked unless `inform`), confirm.
 */
export async function finishClosureWizard(dialog: Locator, opts: { reason?: string; inform?: boolean } = {}) {
  const next = dialog.getByRole('button', { name: 'Next' });
  await next.click();
  const clear = dialog.getByText('Nothing left open');
  const reason = dialog.getByLabel(/^Reason to close anyway/);
  await clear.or(reason).first().waitFor();
  if (await reason.isVisible()) await reason.fill(opts.reason ?? 'Remaining tasks are tracked elsewhere');
  await next.click();
  await dialog.getByRole('button', { name: 'Draft notes' }).waitFor();
  if (!opts.inform)
    for (const box of await dialog.getByRole('checkbox', { name: /^Inform / }).all()) await box.uncheck();
  else {
    await dialog.getByRole('button', { name: 'Draft notes' }).click();
    await dialog
      .getByRole('textbox', { name: /^Note to / })
      .first()
      .waitFor();
  }
  await next.click();
  await dialog.getByRole('button', { name: 'Close incident' }).click();
}
