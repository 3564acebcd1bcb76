import { Group, Kbd, Modal, Table, Text } from '@mantine/core';

const names: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Enter: 'Enter', Escape: 'Esc' };

/** The `?` overlay: every shortcut of the page, from the same list that handles the keys. */
export function KeyboardHelp({
  opened,
  onClose,
  shortcuts,
}: {
  opened: boolean;
  onClose: () => void;
  shortcuts: { keys: string[]; description: string }[];
}) {
  const row = (s: { keys: string[]; description: string }) => (
    <Table.Tr key={s.keys.join()}>
      <Table.Td w={120}>
        <Group gap={4}>
          {s.keys.map((k) => (
            <Kbd key={k} size="xs">
              {names[k] ?? k}
            </Kbd>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{s.description}</Text>
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="md">
      <Table aria-label="Keyboard shortcuts" withRowBorders={false}>
        <Table.Tbody>{shortcuts.map(row)}</Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        Shortcuts pause while you type in a field or a dialog is open.
      </Text>
    </Modal>
  );
}
