// R04: a dossier outside the caseload opens only with a stated reason; the access is flagged.
import { useState, type FormEvent } from 'react';
import { Alert, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useAction } from '../../components/useAction.ts';
import { FormActions } from '../../components/FormActions.tsx';

const MIN_REASON = 10;

export function BreakGlassDialog({ participantId, opened, onCancel, onGranted }: { participantId: number; opened: boolean; onCancel: () => void; onGranted: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const long = reason.trim().length >= MIN_REASON;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!long) {
      setError(t('breakGlass.tooShort', { min: MIN_REASON }));
      return;
    }
    await run(async () => {
      await call('access.breakGlass', { participantId, reason: reason.trim() });
      onGranted();
    });
  }

  return (
    <Modal opened={opened} onClose={onCancel} title={t('breakGlass.title')} size="lg" closeOnClickOutside={false}>
      <form onSubmit={submit}>
        <Stack>
          <Alert color="warn" variant="light" icon={<IconAlertTriangle size={18} />}>{t('breakGlass.intro')}</Alert>
          <Textarea
            label={t('breakGlass.reason')}
            description={t('breakGlass.reasonHelp', { min: MIN_REASON })}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            autosize
            minRows={3}
            required
            data-autofocus
            data-testid="break-glass-reason"
          />
          <Text size="sm" c={long ? 'ok' : 'dimmed'} aria-live="polite">
            {t('breakGlass.count', { count: reason.trim().length, min: MIN_REASON })}
          </Text>
          <FormActions error={error} onCancel={onCancel} submitLabel={t('breakGlass.submit')} color="warn" busy={busy} disabled={!long} />
        </Stack>
      </form>
    </Modal>
  );
}
