// R25: record the participant's own statement about the dossier, fields, entries or documents.
// There is no edit or delete: the dialog says so before saving.
import { useState, type FormEvent } from 'react';
import { Alert, Modal, Select, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Channel } from '../../../../core/statements/contract.ts';
import type { Out } from '../../../api/client.ts';
import { useApiMutation } from '../../../api/query.ts';
import { AFTER_DOSSIER_RIGHT } from './rightsChanges.ts';
import { showSuccess } from '../../../components/notify.ts';
import { today } from '../../../components/format.ts';
import { parseTargetKey, TargetPicker } from '../shared.tsx';
import { useAction } from '../../../components/useAction.ts';
import { FormActions } from '../../../components/FormActions.tsx';
import { DateField } from '../../../components/DateField.tsx';

type ChannelName = (typeof Channel.options)[number];

export function StatementDialog({ dossier, initialTargets, title, onClose, onSaved }: {
  dossier: Out<'dossiers.get'>;
  initialTargets: string[];
  title: string;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [targets, setTargets] = useState<string[]>(initialTargets);
  const [text, setText] = useState('');
  const [receivedOn, setReceivedOn] = useState(today());
  const [channel, setChannel] = useState<ChannelName>('letter');
  const { busy, error, setError, run } = useAction();
  const record = useApiMutation('statements.record', { invalidates: AFTER_DOSSIER_RIGHT });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim() || targets.length === 0) {
      setError(targets.length === 0 ? t('requests.rights.targetsRequired') : t('form.fillRequired'));
      return;
    }
    await run(async () => {
      await record.mutateAsync({ participantId: dossier.participant.id, requestId: null, targets: targets.map(parseTargetKey), text: text.trim(), receivedOn, channel });
      showSuccess(t('requests.rights.statementSaved'));
      await onSaved();
      onClose();
    });
  }

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Alert color="kluis" variant="light" icon={<IconInfoCircle size={18} />}>{t('requests.rights.statementIntro')}</Alert>
          <TargetPicker dossier={dossier} value={targets} onChange={setTargets} label={t('requests.rights.statementTargets')} />
          <Textarea label={t('requests.rights.statementText')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={4} required data-autofocus data-testid="statement-text" />
          <SimpleGrid cols={2}>
            <DateField label={t('requests.rights.statementReceivedOn')} value={receivedOn} maxDate={today()} onChange={setReceivedOn} required />
            <Select
              label={t('requests.rights.statementChannel')}
              allowDeselect={false}
              data={Channel.options.map((c) => ({ value: c, label: t(`requests.channel.${c}`) }))}
              value={channel}
              onChange={(v) => v && setChannel(v as ChannelName)}
            />
          </SimpleGrid>
          <FormActions error={error} onCancel={onClose} submitLabel={t('requests.rights.statementRecord')} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}
