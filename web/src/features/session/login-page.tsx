import { Alert, Button, Card, Center, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import type { Me } from '#contracts/identity.ts';
import { api } from '../../lib/api-client.ts';
import { useMe, useSetSession } from '../../app/session.tsx';

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const { data: me } = useMe();
  const next = params.get('next')?.startsWith('/') ? params.get('next')! : '/queue';
  const login = useMutation({
    mutationFn: () => api<Me>('POST', '/api/v1/session', { email, password }),
    onSuccess: (result) => {
      setSession(result);
      void navigate(next, { replace: true });
    },
    onError: () => setPassword(''),
  });

  if (me) return <Navigate to={next} replace />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };

  return (
    <Center mih="100vh" p="md">
      <Card withBorder shadow="sm" padding="xl" w={380}>
        <form onSubmit={submit}>
          <Stack>
            <div>
              <Title order={2}>Firebreak</Title>
              <Text c="dimmed" size="sm">
                Sign in to the incident response workspace
              </Text>
            </div>
            {login.error && (
              <Alert color="red" role="alert" title="Sign-in failed">
                {login.error.message}
              </Alert>
            )}
            <TextInput
              label="E-mail"
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={login.isPending} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
