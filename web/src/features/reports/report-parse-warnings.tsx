import { Alert, List } from '@mantine/core';

/** What the intake could not read of a submission, so the handler looks at the raw file for it. */
export function ReportParseWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert color="yellow" title="Parts of this report could not be read" role="note">
      <List size="sm">
        {warnings.map((w, i) => (
          <List.Item key={i}>{w}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
