import { Alert, Button, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';

/** After sending: the reference to quote, and what happens next. */
export function ReportFormSuccess({ reference, onAnother }: { reference: string; onAnother: () => void }) {
  return (
    <Stack>
      <Title order={2}>Thank you, your report was received</Title>
      <Alert color="green" title="Your reference" role="status">
        <Group gap="sm">
          <Code fz="lg">{reference}</Code>
          <CopyButton value={reference}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Alert>
      <Text>
        Quote this reference when you contact the team about this report. Someone will look at it and get back
        to you at the e-mail address you gave if they need more information.
      </Text>
      <Group>
        <Button variant="default" onClick={onAnother}>
          Send another report
        </Button>
      </Group>
    </Stack>
  );
}
