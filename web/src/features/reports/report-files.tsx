import { Anchor, Badge, Code, Table, Text } from '@mantine/core';
import type { Report, ReportFile } from '#contracts/reports.ts';
import { formatBytes } from '../../lib/bytes.ts';

const hrefOf = (reportId: string, file: ReportFile) =>
  file.role === 'raw'
    ? `/api/v1/reports/${reportId}/raw`
    : `/api/v1/reports/${reportId}/files/${file.sha256}`;

/**
 * The report's raw submission and attachments. Downloads only: the files come from outside and the
 * server never lets a browser render them.
 */
export function ReportFiles({ report }: { report: Pick<Report, 'id' | 'files'> }) {
  if (report.files.length === 0) return null;
  return (
    <Table withTableBorder fz="sm" verticalSpacing={4} aria-label="Files">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>File</Table.Th>
          <Table.Th>Size</Table.Th>
          <Table.Th>SHA-256</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.files.map((f, i) => (
          <Table.Tr key={`${i}:${f.sha256}`}>
            <Table.Td>
              <Anchor href={hrefOf(report.id, f)} download={f.filename} style={{ wordBreak: 'break-all' }}>
                {f.filename}
              </Anchor>{' '}
              {f.role === 'raw' && (
                <Badge size="xs" variant="light" color="gray">
                  raw
                </Badge>
              )}
              <Text size="xs" c="dimmed">
                {f.contentType}
              </Text>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatBytes(f.size)}</Table.Td>
            <Table.Td>
              <Code style={{ wordBreak: 'break-all' }}>{f.sha256}</Code>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
