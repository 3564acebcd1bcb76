import {
  AppShell,
  Badge,
  Burger,
  Group,
  Kbd,
  Loader,
  NavLink,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { Suspense, useRef } from 'react';
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useLiveStatus } from '../lib/live-events.tsx';
import { AvailabilityBadge } from '../features/users/availability-badge.tsx';
import { useSignedInUser } from './session.tsx';
import { UserMenu } from './user-menu.tsx';

const areas = [
  { to: '/queue', label: 'Queue' },
  { to: '/incidents', label: 'Incidents' },
  { to: '/reports', label: 'Reports' },
  { to: '/search', label: 'Search' },
  { to: '/post-analysis', label: 'Post-analysis' },
  { to: '/dashboards', label: 'Dashboards' },
  { to: '/activity-report', label: 'Activity report' },
];
const adminAreas = [
  { to: '/admin/users', label: 'Users' },
  { to: '/admin/constituencies', label: 'Constituencies' },
  { to: '/admin/intake', label: 'Intake' },
  { to: '/admin/message-templates', label: 'Message templates' },
  { to: '/admin/report-templates', label: 'Report templates' },
  { to: '/admin/playbooks', label: 'Playbooks' },
  { to: '/admin/blocklists', label: 'Blocklists' },
  { to: '/admin/retention', label: 'Retention' },
  { to: '/admin/audit', label: 'Audit log' },
];

export function Shell() {
  const [opened, { toggle }] = useDisclosure();
  const user = useSignedInUser();
  const { pathname } = useLocation();
  const search = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  useHotkeys([['/', () => search.current?.focus()]]);

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={4}>Firebreak</Title>
          </Group>
          <TextInput
            ref={search}
            aria-label="Search everything"
            placeholder="Search incidents, reports, observables"
            rightSection={<Kbd size="xs">/</Kbd>}
            w={{ base: 180, sm: 360 }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void navigate(`/search?q=${encodeURIComponent(e.currentTarget.value)}`);
              if (e.key === 'Escape') e.currentTarget.blur();
            }}
          />
          <Group gap="sm" wrap="nowrap">
            <AvailabilityBadge />
            <LiveIndicator />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {areas.map((a) => (
          <NavLink
            key={a.to}
            component={RouterLink}
            to={a.to}
            label={a.label}
            active={pathname.startsWith(a.to)}
          />
        ))}
        {user.role === 'admin' && (
          <NavLink label="Admin" defaultOpened={pathname.startsWith('/admin')} childrenOffset="sm">
            {adminAreas.map((a) => (
              <NavLink
                key={a.to}
                component={RouterLink}
                to={a.to}
                label={a.label}
                active={pathname.startsWith(a.to)}
              />
            ))}
          </NavLink>
        )}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loader size="sm" aria-label="Loading" />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

function LiveIndicator() {
  const status = useLiveStatus();
  const text = { connecting: 'Connecting…', live: 'Live', paused: 'Reconnecting – live updates paused' }[
    status
  ];
  const hint = {
    connecting: 'Opening the live connection',
    live: 'Changes by colleagues appear as they happen',
    paused: 'What you see may be out of date; it refreshes when the connection is back',
  }[status];
  return (
    <Tooltip label={hint}>
      <Badge
        variant={status === 'paused' ? 'light' : 'dot'}
        color={status === 'live' ? 'green' : status === 'connecting' ? 'gray' : 'orange'}
        role="status"
        aria-live="polite"
        tt="none"
      >
        {text}
      </Badge>
    </Tooltip>
  );
}
