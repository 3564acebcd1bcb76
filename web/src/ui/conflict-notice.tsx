import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';

export interface FieldChange {
  label: string;
  before: string;
  after: string;
}

/**
 * A save refused because someone else changed the thing first: what they changed, and the two ways on.
 * The user's input stays where it was; nothing is overwritten without their say.
 */
export function ConflictNotice({
  title,
  changes,
  by,
  onReapply,
  onDiscard,
  reapplying,
}: {
  title: string;
  changes: FieldChange[];
  /** Who changed it meanwhile, when known. */
  by?: string[];
  onReapply: () => void;
  onDiscard: () => void;
  reapplying?: boolean;
}) {
  return (
    <Alert color="orange" title={title} role="alert">
      <Stack gap="xs">
        <Text size="sm">
          Your change was not saved and what you entered is kept.
          {by?.length ? ` Changed meanwhile by ${by.join(', ')}:` : ' What changed meanwhile:'}
        </Text>
        {changes.length > 0 ? (
          <Table aria-label="What changed meanwhile" fz="xs" verticalSpacing={2} withRowBorders={false}>
            <Table.Tbody>
              {changes.map((c) => (
                <Table.Tr key={c.label}>
                  <Table.Td fw={500} w={120}>
                    {c.label}
                  </Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>
                    {c.before} → {c.after}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm">Details not shown here (for example assignment) changed.</Text>
        )}
        <Group gap="xs">
          <Button size="xs" onClick={onReapply} loading={reapplying}>
            Reload and reapply mine
          </Button>
          <Button size="xs" variant="default" onClick={onDiscard}>
            Discard mine, keep theirs
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
