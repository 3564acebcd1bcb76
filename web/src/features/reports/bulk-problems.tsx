import { Alert, List, Text } from '@mantine/core';
import { ApiError } from '../../lib/api-client.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';

/**
 * Why a bulk action changed nothing: the server names each report it refused by its place in the
 * list (`body.reportIds.3`); shown by title, so the handler can untick those and try again.
 */
export function BulkProblems({
  error,
  reports,
}: {
  error: unknown;
  reports: { id: string; title: string }[];
}) {
  if (!error) return null;
  const refused =
    error instanceof ApiError
      ? (error.problem.errors ?? []).flatMap(({ path, message }) => {
          const at = /^body\.reportIds\.(\d+)$/.exec(path);
          const report = at ? reports[Number(at[1])] : undefined;
          return report ? [{ report, message: message.replace(`report ${report.id} `, '') }] : [];
        })
      : [];
  if (!refused.length) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" title="Nothing was changed" role="alert">
      {(error as ApiError).message}
      <List size="sm" mt="xs" aria-label="Refused reports">
        {refused.map(({ report, message }) => (
          <List.Item key={report.id}>
            <Text span size="sm" fw={500}>
              {report.title}
            </Text>
            : {message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
