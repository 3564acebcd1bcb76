import { Badge, CopyButton, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { defang } from '../lib/defang.ts';

/** An indicator shown defanged, never as a link; a click offers to copy it defanged or as is. */
export function ObservableChip({ observable }: { observable: { type: string; value: string } }) {
  const shown = defang(observable.value);
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`${observable.type} ${shown}`}>
          <Group gap={6} wrap="nowrap">
            <Badge size="xs" variant="light" radius="xs">
              {observable.type}
            </Badge>
            <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {shown}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <CopyButton value={shown}>
          {({ copy, copied }) => <Menu.Item onClick={copy}>{copied ? 'Copied' : 'Copy defanged'}</Menu.Item>}
        </CopyButton>
        <CopyButton value={observable.value}>
          {({ copy, copied }) => (
            <Menu.Item onClick={copy}>{copied ? 'Copied' : 'Copy as is (live)'}</Menu.Item>
          )}
        </CopyButton>
      </Menu.Dropdown>
    </Menu>
  );
}
