import { Button } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import { EmptyState } from '../../ui/empty-state.tsx';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <EmptyState
      title="No such page"
      action={
        <Button component={Link} to="/queue" variant="light">
          Go to the queue
        </Button>
      }
    >
      Nothing lives at <code>{pathname}</code>. The link may be mistyped or from an older version.
    </EmptyState>
  );
}
