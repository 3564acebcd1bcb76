import { Menu, Text, UnstyledButton, useMantineColorScheme } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { SpecialisationsModal } from '../features/users/specialisations-modal.tsx';
import { useAvailability } from '../features/users/use-availability.ts';
import { api } from '../lib/api-client.ts';
import { hasRole } from '../lib/roles.ts';
import { useSetSession, useSignedInUser } from './session.tsx';

/** Who is signed in; for handlers their availability and specialisations; theme; sign out. */
export function UserMenu() {
  const user = useSignedInUser();
  const { colorScheme, toggleColorScheme } = useMantineColorScheme();
  const setSession = useSetSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const availability = useAvailability();
  const [editing, setEditing] = useState(false);
  const handler = hasRole(user.role, 'handler');
  const logout = async () => {
    await api('DELETE', '/api/v1/session').catch(() => undefined);
    setSession(null);
    client.clear();
    void navigate('/login');
  };
  return (
    <>
      <Menu position="bottom-end" width={260}>
        <Menu.Target>
          <UnstyledButton aria-label="User menu">
            <Text size="sm" fw={500} lh={1.2}>
              {user.name}
            </Text>
            <Text size="xs" c="dimmed" lh={1.2}>
              {user.role}
            </Text>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            {user.email} · {user.role}
          </Menu.Label>
          {handler && (
            <>
              <Menu.CheckboxItem
                checked={user.available}
                onChange={(available) => availability.mutate({ available })}
                rightSection={
                  <Text size="xs" c="dimmed">
                    {user.available ? 'on shift' : 'away'}
                  </Text>
                }
              >
                Available for new incidents
              </Menu.CheckboxItem>
              <Menu.Item onClick={() => setEditing(true)}>
                My specialisations… ({user.specialisations.length})
              </Menu.Item>
              <Menu.Divider />
            </>
          )}
          <Menu.Item onClick={toggleColorScheme}>
            {colorScheme === 'dark' ? 'Light theme' : 'Dark theme'}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" onClick={() => void logout()}>
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <SpecialisationsModal user={editing ? user : null} self onClose={() => setEditing(false)} />
    </>
  );
}
