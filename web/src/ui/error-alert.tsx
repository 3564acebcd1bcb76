import { Alert, List, Text } from '@mantine/core';
import { ApiError } from '../lib/api-client.ts';

/**
 * An API failure as the user can act on it: the problem's detail, every field issue, and a reference.
 * With `onClose` it can be dismissed, where it would otherwise stay above a list being worked.
 */
export function ErrorAlert({
  error,
  title = 'That did not work',
  onClose,
}: {
  error: unknown;
  title?: string | undefined;
  onClose?: () => void;
}) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Unexpected error';
  const problem = error instanceof ApiError ? error.problem : null;
  const issues = problem?.errors ?? [];
  return (
    <Alert
      color="red"
      title={title}
      role="alert"
      withCloseButton={!!onClose}
      onClose={onClose}
      closeButtonLabel="Dismiss"
    >
      {message}
      {issues.length > 0 && (
        <List size="sm" mt="xs">
          {issues.map((i) => (
            <List.Item key={i.path}>
              {i.path.replace(/^(body|querystring|params)\./, '')}: {i.message}
            </List.Item>
          ))}
        </List>
      )}
      {problem?.requestId && (
        <Text size="xs" c="dimmed" mt="xs">
          Reference {problem.requestId}
        </Text>
      )}
    </Alert>
  );
}
