import { Box, Group, Text } from '@mantine/core';
import { Phase } from '#contracts/incidents.ts';
import { phaseLabel } from './incident-labels.ts';

/**
 * Triage → … → post-analysis, the current phase marked; a read-only guide, moves are buttons. Earlier
 * phases are not ticked: eradication and recovery may have been skipped.
 */
export function PhaseStepper({ phase }: { phase: Phase }) {
  const current = Phase.options.indexOf(phase);
  return (
    <Group
      component="ol"
      aria-label="Phase"
      gap={0}
      wrap="nowrap"
      m={0}
      p={0}
      style={{ listStyle: 'none', overflowX: 'auto' }}
    >
      {Phase.options.map((p, i) => {
        const state = i < current ? 'done' : i === current ? 'current' : 'next';
        return (
          <Box
            component="li"
            key={p}
            aria-current={state === 'current' ? 'step' : undefined}
            px={10}
            py={2}
            style={{
              whiteSpace: 'nowrap',
              borderBottom: `3px solid ${
                state === 'next'
                  ? 'var(--mantine-color-default-border)'
                  : 'var(--mantine-primary-color-filled)'
              }`,
            }}
          >
            <Text size="xs" fw={state === 'current' ? 700 : 400} c={state === 'next' ? 'dimmed' : undefined}>
              {phaseLabel[p]}
            </Text>
          </Box>
        );
      })}
    </Group>
  );
}
