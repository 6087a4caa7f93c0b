// A confirmation before a step that cannot be undone.
import type { ReactNode } from 'react';
import { Modal, Stack } from '@mantine/core';
import { FormActions } from './FormActions.tsx';

export function ConfirmDialog({ opened, title, children, confirmLabel, onConfirm, onCancel, busy, error, color = 'kluis', autoFocus = 'submit' }: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** The refused step's readable text, if the dialog shows it itself. */
  error?: string | null;
  color?: string;
  /** A destructive step can put the focus on Cancel instead. */
  autoFocus?: 'cancel' | 'submit';
}) {
  return (
    <Modal opened={opened} onClose={onCancel} title={title} size="md">
      <Stack>
        {children}
        <FormActions error={error} submitLabel={confirmLabel} onSubmit={onConfirm} onCancel={onCancel} busy={busy} color={color} autoFocus={autoFocus} />
      </Stack>
    </Modal>
  );
}
