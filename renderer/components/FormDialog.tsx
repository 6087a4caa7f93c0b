// A modal with a form: the fields, the refused call's readable text and Cancel/submit; it closes
// once the step succeeded and opens without the error of a previous attempt.
import { useEffect, type FormEvent, type ReactNode } from 'react';
import { Modal, Stack } from '@mantine/core';
import { FormActions } from './FormActions.tsx';
import { useAction } from './useAction.ts';

export function FormDialog({ opened, onClose, title, submitLabel, danger = false, disabled = false, size = 'lg', onSubmit, children, testId }: {
  opened: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  danger?: boolean;
  disabled?: boolean;
  size?: string;
  /** Throws a coded error to keep the dialog open with its text. */
  onSubmit: () => Promise<void>;
  children: ReactNode;
  testId?: string;
}) {
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    if (opened) setError(null);
  }, [opened, setError]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(async () => {
      await onSubmit();
      onClose();
    });
  }

  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      <form onSubmit={submit} data-testid={testId}>
        <Stack>
          {children}
          <FormActions error={error} onCancel={onClose} submitLabel={submitLabel} color={danger ? 'danger' : undefined} busy={busy} disabled={disabled} />
        </Stack>
      </form>
    </Modal>
  );
}
