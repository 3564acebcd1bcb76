import { ActionIcon, Button, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { AssetKind, AssetState, type AffectedAsset } from '#contracts/notes.ts';

const label = (s: string) => s.replace(/_/g, ' ');
const kinds = AssetKind.options.map((k) => ({ value: k, label: label(k) }));
const states = AssetState.options.map((s) => ({ value: s, label: s }));

export const blankAsset = (): AffectedAsset => ({
  name: '',
  identifier: '',
  kind: 'server',
  owner: '',
  state: 'affected',
});

/** The affected assets as an editable table: one row per system, account or data set. */
export function AssetTableEditor({
  assets,
  onChange,
  errors,
  readOnly,
}: {
  assets: AffectedAsset[];
  onChange: (assets: AffectedAsset[]) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const set = (i: number, patch: Partial<AffectedAsset>) =>
    onChange(assets.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <Stack gap="xs">
      {assets.length === 0 ? (
        <Text size="sm" c="dimmed">
          No affected assets recorded.
        </Text>
      ) : (
        <Table aria-label="Affected assets" verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Identifier</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assets.map((a, i) => {
              const rowError = errors[`assets.${i}`];
              return (
                <Table.Tr key={i}>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      aria-label={`Asset ${i + 1} name`}
                      value={a.name}
                      readOnly={readOnly}
                      onChange={(e) => set(i, { name: e.currentTarget.value })}
                      error={errors[`assets.${i}.name`] ?? rowError}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      aria-label={`Asset ${i + 1} identifier`}
                      placeholder="host, IP, account…"
                      value={a.identifier}
                      readOnly={readOnly}
                      onChange={(e) => set(i, { identifier: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      aria-label={`Asset ${i + 1} kind`}
                      data={kinds}
                      value={a.kind}
                      readOnly={readOnly}
                      allowDeselect={false}
                      onChange={(v) => v && set(i, { kind: v })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      aria-label={`Asset ${i + 1} owner`}
                      placeholder="person, department, constituency"
                      value={a.owner}
                      readOnly={readOnly}
                      onChange={(e) => set(i, { owner: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      aria-label={`Asset ${i + 1} state`}
                      data={states}
                      value={a.state}
                      readOnly={readOnly}
                      allowDeselect={false}
                      onChange={(v) => v && set(i, { state: v })}
                    />
                  </Table.Td>
                  <Table.Td>
                    {!readOnly && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove asset ${i + 1}`}
                        onClick={() => onChange(assets.filter((_, j) => j !== i))}
                      >
                        ×
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {!readOnly && (
        <Button size="xs" variant="light" w="fit-content" onClick={() => onChange([...assets, blankAsset()])}>
          Add asset
        </Button>
      )}
    </Stack>
  );
}
