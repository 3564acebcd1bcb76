import { systemActor } from '../platform/auth/actor.ts';
import { withContext } from './context.ts';

/** `firebreak retention preview`: the dry run, one line per incident. */
export function retentionPreview() {
  return withContext(async ({ features }) => {
    const preview = await features.services.retention.preview(systemActor('cli'));
    if (!preview.items.length) console.log(`Nothing due at ${preview.at}.`);
    for (const i of preview.items)
      console.log(`${i.incidentKey}\t${i.action}\t${i.policyName}\tdue ${i.dueAt}\t${i.reason}`);
  });
}

/** `firebreak retention run`: archives and destroys what is due now, as the daily job does. */
export function retentionRun() {
  return withContext(async ({ features }) => {
    const result = await features.services.retention.run(systemActor('cli'));
    console.log(
      `Archived ${result.archived.length}, destroyed ${result.destroyed.length}` +
        (result.destroyed.length ? ` (${result.destroyed.join(', ')})` : '') +
        `, skipped on legal hold ${result.skipped.length}` +
        (result.skipped.length ? ` (${result.skipped.join(', ')})` : '') +
        '.',
    );
  });
}
