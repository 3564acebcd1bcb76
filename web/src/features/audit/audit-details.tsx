import { Code, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';

/** One line of compact JSON; a click shows it all, formatted, with the entry's chain hash. */
export function AuditDetails({
  data,
  hash,
  sealed,
}: {
  data: Record<string, unknown>;
  hash: string;
  sealed?: 'open' | 'shredded' | undefined;
}) {
  const [open, setOpen] = useState(false);
  const empty = Object.keys(data).length === 0;
  // Sealed under an incident's data key, shredded when the incident was destroyed: the entry still verifies.
  const shown =
    sealed === 'shredded' ? 'destroyed with the incident (key shredded)' : empty ? '—' : JSON.stringify(data);
  return (
    <UnstyledButton
      onClick={() => setOpen((o) => !o)}
      aria-expanded={open}
      aria-label={open ? 'Hide details' : 'Show details'}
      w="100%"
    >
      {open ? (
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {sealed === 'shredded' ? `${shown}\n` : empty ? '' : `${JSON.stringify(data, null, 2)}\n`}
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
          {shown}
        </Text>
      )}
    </UnstyledButton>
  );
}
