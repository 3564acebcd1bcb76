import { ActionIcon, Button, FileButton, Group, Input, Stack, Text } from '@mantine/core';
import { useRef } from 'react';
import { formatBytes } from '../../lib/bytes.ts';
import { attachmentProblem, type AttachmentLimits } from './attachment-limits.ts';

/** Choose files in one or more goes, see their sizes against the limit, and remove any again. */
export function AttachmentPicker({
  files,
  onChange,
  limits,
  error,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  limits: AttachmentLimits;
  error?: string | undefined;
}) {
  const resetRef = useRef<() => void>(null);
  const problem = attachmentProblem(files, limits) ?? error;
  const total = files.reduce((sum, f) => sum + f.size, 0);
  return (
    <Input.Wrapper
      label="Attachments"
      description={`Screenshots, e-mails (.eml) or logs: up to ${limits.maxAttachments} files, ${formatBytes(limits.maxTotalBytes)} in total.`}
      error={problem}
    >
      <Stack gap={6} mt={6}>
        {files.length > 0 && (
          <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }} aria-label="Chosen files">
            {files.map((f, i) => (
              <Group component="li" key={`${i}:${f.name}`} gap="xs" wrap="nowrap">
                <Text size="sm" style={{ wordBreak: 'break-all' }}>
                  {f.name}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {formatBytes(f.size)}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={`Remove ${f.name}`}
                  onClick={() => onChange(files.filter((_, j) => j !== i))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        )}
        <Group gap="xs">
          <FileButton
            multiple
            resetRef={resetRef}
            onChange={(picked) => {
              onChange([...files, ...picked]);
              // The same file can then be picked again after removing it.
              resetRef.current?.();
            }}
          >
            {(props) => (
              <Button variant="default" size="xs" {...props}>
                {files.length ? 'Add more files…' : 'Add files…'}
              </Button>
            )}
          </FileButton>
          {files.length > 1 && (
            <Text size="xs" c="dimmed">
              {formatBytes(total)} in total
            </Text>
          )}
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
