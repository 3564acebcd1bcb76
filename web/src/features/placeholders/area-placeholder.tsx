import { Stack, Title } from '@mantine/core';
import { EmptyState } from '../../ui/empty-state.tsx';

const plans: Record<string, { title: string; text: string }> = {
  reports: {
    title: 'Reports inbox',
    text: 'Reports from e-mail, web forms, alerts and feeds will arrive here to be verified, linked or discarded.',
  },
  search: { title: 'Search', text: 'Search across incidents, reports and observables will answer here.' },
  dashboards: { title: 'Dashboards', text: 'SLA compliance, backlog age and trends will be charted here.' },
};

/** Areas of the workspace that later releases fill; each says what it will hold. */
export function AreaPlaceholder({ area }: { area: keyof typeof plans }) {
  const plan = plans[area]!;
  return (
    <Stack>
      <Title order={2}>{plan.title}</Title>
      <EmptyState title="Nothing here yet">{plan.text}</EmptyState>
    </Stack>
  );
}
