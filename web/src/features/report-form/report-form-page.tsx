import { Card, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { usePublicConfig } from './public-report-api.ts';
import { ReportForm } from './report-form.tsx';
import { ReportFormSuccess } from './report-form-success.tsx';

/** `/report`: constituents report an incident without an account, when the server has the form on. */
export function ReportFormPage() {
  const config = usePublicConfig();
  const [reference, setReference] = useState<string | null>(null);
  if (config.isPending)
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (config.error) return <ErrorAlert error={config.error} />;
  if (!config.data.reportForm)
    return (
      <EmptyState title="Reporting through this page is not available">
        Contact the incident response team by e-mail or phone instead.
      </EmptyState>
    );
  return (
    <Center component="main" p="md">
      <Card withBorder shadow="sm" padding="xl" w="100%" maw={680}>
        {reference ? (
          <ReportFormSuccess reference={reference} onAnother={() => setReference(null)} />
        ) : (
          <Stack>
            <div>
              <Title order={1} size="h2">
                Report a security incident
              </Title>
              <Text c="dimmed" size="sm">
                Tell the incident response team what you noticed. You will get a reference to quote.
              </Text>
            </div>
            <ReportForm limits={config.data.reportFormLimits} onSent={setReference} />
          </Stack>
        )}
      </Card>
    </Center>
  );
}
