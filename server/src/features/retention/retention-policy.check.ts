import type { RetentionPolicy } from '#contracts/retention.ts';
import type { Tx } from '../../platform/db/database.ts';
import { conflict, invalid, type FieldIssue } from '../../platform/http/domain-error.ts';

interface PolicyFields {
  taxonomyClass: string | null;
  typeId: string | null;
  constituencyId: string | null;
  archiveAfterDays: number | null;
  destroyAfterMonths: number | null;
}

/**
 * Every problem of a policy at once: unknown class, type or constituency, no period, archive after
 * destruction; and a second policy with the same criteria (which would make "most specific" ambiguous).
 */
export async function checkPolicy(
  tx: Tx,
  input: PolicyFields,
  existing: RetentionPolicy[],
  selfId: string | null,
): Promise<void> {
  const issues: FieldIssue[] = [];
  if (input.typeId !== null) {
    const type = await tx
      .selectFrom('taxonomy_types')
      .select('class')
      .where('id', '=', input.typeId)
      .executeTakeFirst();
    if (!type) issues.push({ path: 'typeId', message: `no taxonomy type ${input.typeId}` });
    else if (input.taxonomyClass !== null && type.class !== input.taxonomyClass)
      issues.push({
        path: 'taxonomyClass',
        message: `type ${input.typeId} is not of class ${input.taxonomyClass}`,
      });
  } else if (input.taxonomyClass !== null) {
    const cls = await tx
      .selectFrom('taxonomy_types')
      .select('class')
      .where('class', '=', input.taxonomyClass)
      .executeTakeFirst();
    if (!cls) issues.push({ path: 'taxonomyClass', message: `no taxonomy class ${input.taxonomyClass}` });
  }
  if (input.constituencyId !== null) {
    const c = await tx
      .selectFrom('constituencies')
      .select('id')
      .where('id', '=', input.constituencyId)
      .executeTakeFirst();
    if (!c) issues.push({ path: 'constituencyId', message: `no constituency ${input.constituencyId}` });
  }
  if (input.archiveAfterDays === null && input.destroyAfterMonths === null)
    issues.push({
      path: 'destroyAfterMonths',
      message: 'set an archive period, a destruction period or both',
    });
  if (
    input.archiveAfterDays !== null &&
    input.destroyAfterMonths !== null &&
    input.archiveAfterDays > input.destroyAfterMonths * 31
  )
    issues.push({ path: 'archiveAfterDays', message: 'archiving would come after destruction' });
  if (issues.length) throw invalid('retention_policy_invalid', 'The retention policy is invalid', issues);

  // A type implies its class: compare on the effective class.
  const classOf = (p: PolicyFields) => (p.typeId ? p.typeId.split('/')[0]! : p.taxonomyClass);
  const same = existing.find(
    (p) =>
      p.id !== selfId &&
      p.typeId === input.typeId &&
      classOf(p) === classOf(input) &&
      p.constituencyId === input.constituencyId,
  );
  if (same)
    throw conflict(
      'retention_policy_duplicate',
      `Policy "${same.name}" already covers the same classification and constituency`,
    );
}
