import { Alert, Button, Code, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import type { SavedWebhookSource } from '#contracts/webhooks.ts';
import { curlExample } from './intake-forms.ts';
import { monospaceInput } from '../../ui/monospace.ts';

/** A source's new token or HMAC secret, shown this once, with a curl example for its URL. */
export function WebhookSecret({ saved, onDone }: { saved: SavedWebhookSource; onDone: () => void }) {
  if (saved.secret === null) return null;
  const isToken = saved.auth.kind === 'token';
  const what = isToken ? 'token' : 'HMAC secret';
  const variable = isToken ? 'WEBHOOK_TOKEN' : 'WEBHOOK_SECRET';
  return (
    <Alert
      color="yellow"
      title={`Copy the ${what} of “${saved.source}” now: it is shown only once`}
      role="alert"
    >
      <Stack gap="xs">
        <Text size="sm">
          {isToken
            ? 'Firebreak keeps only a hash of it. If it is lost, rotate it and update the sending tool.'
            : 'Enter it in the sending tool. To replace it, rotate it and update the tool.'}
        </Text>
        <Group wrap="nowrap" gap="xs" align="flex-end">
          <TextInput
            label={isToken ? 'Webhook token' : 'HMAC secret'}
            value={saved.secret}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            styles={monospaceInput}
            style={{ flex: 1 }}
          />
          <CopyButton value={saved.secret}>
            {({ copied, copy }) => (
              <Button onClick={copy} color={copied ? 'teal' : undefined}>
                {copied ? 'Copied' : `Copy ${what}`}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm">
          Try it (with the {what} in <Code>${variable}</Code>):
        </Text>
        <Code block aria-label="curl example">
          {`${variable}='…'\n${curlExample(window.location.origin, saved)}`}
        </Code>
        <Group>
          <Button size="xs" variant="default" onClick={onDone}>
            I have stored it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
