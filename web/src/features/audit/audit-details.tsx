import { Code, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';

/** One line of compact JSON; a click shows it all, formatted, with the entry's chain hash. */
export function AuditDetails({ data, hash }: { data: Record<string, unknown>; hash: string }) {
  const [open, setOpen] = useState(false);
  const empty = Object.keys(data).length === 0;
  return (
    <UnstyledButton
      onClick={() => setOpen((o) => !o)}
      aria-expanded={open}
      aria-label={open ? 'Hide details' : 'Show details'}
      w="100%"
    >
      {open ? (
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {empty ? '' : `${JSON.stringify(data, null, 2)}\n`}
          {`hash ${hash}`}
        </Code>
      ) : (
        <Text
          size="xs"
          ff="monospace"
          lineClamp={1}
          style={{ wordBreak: 'break-all' }}
          c={empty ? 'dimmed' : undefined}
        >
          {empty ? '—' : JSON.stringify(data)}
        </Text>
      )}
    </UnstyledButton>
  );
}
