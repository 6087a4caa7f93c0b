// A dialog form whose submit asks for an explicit second click before a step that changes what
// others may see or do (restrictions, shields): the first click shows what will happen, the
// second one does it. Editing the form takes the confirmation back.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useAction } from './useAction.ts';
import { FormActions } from './FormActions.tsx';

export function ConfirmStepForm({ title, intro, confirmText, submitLabel, confirmLabel, color, valid, invalidText, onSubmit, onClose, children }: {
  title: string;
  intro: ReactNode;
  confirmText: string;
  submitLabel: string;
  /** The submit button's label once the confirmation is shown. */
  confirmLabel: string;
  color: string;
  valid: boolean;
  /** Shown instead of confirming while the form is not valid. */
  invalidText: string;
  onSubmit: () => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const [confirming, setConfirming] = useState(false);
  const { busy, error, setError, run } = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!valid) { setError(invalidText); return; }
    if (!confirming) { setError(null); setConfirming(true); return; }
    await run(async () => {
      try {
        await onSubmit();
        onClose();
      } catch (err) {
        setConfirming(false);
        throw err;
      }
    });
  }
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate onChange={() => setConfirming(false)}>
        <Stack>
          <Text size="sm">{intro}</Text>
          {children}
          {confirming ? <Alert color="warn" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" data-testid="confirm-step">{confirmText}</Alert> : null}
          <FormActions error={error} onCancel={onClose} submitLabel={confirming ? confirmLabel : submitLabel} color={color} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}
