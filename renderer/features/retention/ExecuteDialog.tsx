// "Vernietigen" (R44, R45): carrying out an approved batch whose waiting period has ended. It
// cannot be undone, so the dialog names the number of dossiers and asks to type the batch number;
// it stays open and busy while the service destroys them one by one, then tells how many were
// destroyed and how many skipped (a hold, or a term that changed since approval).
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../api/client.ts';
import { useApiMutation } from '../../api/query.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { useAction } from '../../components/useAction.ts';
import { dossierChanged } from '../dossiers/dossierQueries.ts';
import type { Batch } from './labels.ts';
import { forgetDossiers } from './forget.ts';

/** Everything the destroyed dossiers appeared in: the retention tabs and the dossier lists. */
const executionChanges = ['retention.batches', 'retention.list', 'retention.register', 'retention.holds', 'retention.term', ...dossierChanged] as const;

export function ExecuteDialog({ batch, onClose }: { batch: Batch; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<Out<'retention.execute'> | null>(null);
  const { busy, error, setError, run } = useAction();
  const execute = useApiMutation('retention.execute', { invalidates: executionChanges });
  const open = batch.items.filter((i) => i.outcome === null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (typed.trim() !== String(batch.id)) {
      setError(t('retention.execute.typeMismatch', { id: batch.id }));
      return;
    }
    await run(async () => {
      const done = await execute.mutateAsync({ batchId: batch.id });
      forgetDossiers(client, open.map((i) => i.participantId));
      setResult(done);
    });
  }

  return (
    <Modal opened onClose={busy ? () => {} : onClose} title={t('retention.execute.title', { id: batch.id })} size="lg" closeOnClickOutside={!busy} closeOnEscape={!busy} withCloseButton={!busy}>
      {result ? (
        <Stack data-testid="execute-result">
          <Alert color="ok" role="status">{t('retention.execute.destroyed', { count: result.destroyed })}</Alert>
          {result.skipped > 0 ? <Text size="sm">{t('retention.execute.skipped', { count: result.skipped })}</Text> : null}
          {result.checkpointClean ? null : <Alert color="warn" icon={<IconAlertTriangle size={18} />}>{t('retention.execute.checkpointBusy')}</Alert>}
          <Group justify="flex-end"><Button onClick={onClose} data-autofocus>{t('common.close')}</Button></Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Alert color="danger" icon={<IconAlertTriangle size={18} />}>{t('retention.execute.warning', { count: open.length })}</Alert>
            <Text size="sm" ff="monospace">{open.map((i) => i.dossierNumber).join(', ')}</Text>
            <Text size="sm">{t('retention.execute.recheck')}</Text>
            <TextInput label={t('retention.execute.typeLabel', { id: batch.id })} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} required data-autofocus autoComplete="off" data-testid="execute-confirm" />
            {busy ? <Text size="sm" role="status" data-testid="execute-busy">{t('retention.execute.busy', { count: open.length })}</Text> : null}
            <FormActions error={error} onCancel={busy ? undefined : onClose} submitLabel={t('retention.execute.submit')} color="danger" busy={busy} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
