// The end of every form: the readable text of a refused call (the form stays as typed), then the
// button row with Cancel (or Back) and the submit button that spins while the step runs.
import { Alert, Button, Group, type ButtonProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** An inline error next to a form; nothing when there is no error. */
export function FormError({ error, mt }: { error: string | null; mt?: ButtonProps['mt'] }) {
  return error ? <Alert color="danger" role="alert" data-testid="form-error" mt={mt}>{error}</Alert> : null;
}

export function FormActions({ error, submitLabel, busy, disabled, color, size, onCancel, cancelLabel, onSubmit, autoFocus, justify = 'flex-end' }: {
  /** The coded error's readable text (from useAction), shown above the buttons. */
  error?: string | null;
  submitLabel: string;
  busy?: boolean;
  disabled?: boolean;
  color?: string;
  size?: ButtonProps['size'];
  /** Without it there is no Cancel button. */
  onCancel?: () => void;
  /** Defaults to "Annuleren". */
  cancelLabel?: string;
  /** Without it the button submits its form. */
  onSubmit?: () => void;
  /** Which button gets the focus when the surrounding modal opens. */
  autoFocus?: 'cancel' | 'submit';
  justify?: 'flex-end' | 'space-between';
}) {
  const { t } = useTranslation();
  return (
    <>
      {error !== undefined ? <FormError error={error} /> : null}
      <Group justify={justify}>
        {onCancel ? <Button variant="default" size={size} onClick={onCancel} data-autofocus={autoFocus === 'cancel' || undefined}>{cancelLabel ?? t('common.cancel')}</Button> : null}
        <Button
          type={onSubmit ? 'button' : 'submit'}
          onClick={onSubmit}
          color={color}
          size={size}
          loading={busy}
          disabled={disabled}
          data-autofocus={autoFocus === 'submit' || undefined}
        >
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
