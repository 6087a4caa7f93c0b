import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../../api/query.ts';
import { dossierChanged } from '../dossierQueries.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { showError, showSuccess } from '../../../components/notify.ts';
import { useAction } from '../../../components/useAction.ts';
import { formatDate, today } from '../../../components/format.ts';
import { ShieldedMark } from '../../shielding/ShieldedMark.tsx';
import type { TabProps } from '../DossierView.tsx';
import { FormActions } from '../../../components/FormActions.tsx';
import { DateField } from '../../../components/DateField.tsx';

const types = ['uwv', 'wmo', 'jeugdwet', 'wlz', 'participatiewet', 'other'] as const;
type TrajectoryType = (typeof types)[number];

export function TrajectoriesTab({ dossier, editable }: TabProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const update = useApiMutation('dossiers.updateTrajectory', { invalidates: dossierChanged });

  async function closeTrajectory(id: number) {
    try {
      await update.mutateAsync({ trajectoryId: id, status: 'closed', endDate: today() });
      showSuccess(t('trajectories.closed'));
    } catch (e) {
      showError(e);
    }
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">{t('trajectories.intro')}</Text>
        {editable ? <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>{t('trajectories.add')}</Button> : null}
      </Group>
      {dossier.trajectories.length === 0 ? (
        <Text c="dimmed">{t('trajectories.empty')}</Text>
      ) : (
        <DataTable headers={[t('trajectories.type'), t('trajectories.commissioner'), t('trajectories.start'), t('trajectories.end'), t('trajectories.status')]} actions>
          {dossier.trajectories.map((tr) => (
            <Table.Tr key={tr.id}>
              <Table.Td>
                <Text fw={600} size="sm">{t(`trajectoryType.${tr.type}`)}</Text>
                {tr.description ? <Text size="xs" c="dimmed" className="dk-pre">{tr.description}</Text> : null}
              </Table.Td>
              <Table.Td>{tr.commissioner}</Table.Td>
              <Table.Td>{formatDate(tr.startDate)}</Table.Td>
              <Table.Td>{formatDate(tr.endDate)}</Table.Td>
              <Table.Td><Badge variant="outline" color={tr.status === 'active' ? 'ok' : 'gray.7'} size="sm">{t(`trajectoryStatus.${tr.status}`)}</Badge><ShieldedMark on={tr.shielded} /></Table.Td>
              <Table.Td>
                {editable && tr.status !== 'closed' ? (
                  <Button size="xs" variant="subtle" onClick={() => void closeTrajectory(tr.id)}>{t('trajectories.close')}</Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <AddTrajectory opened={open} onClose={() => setOpen(false)} participantId={dossier.participant.id} />
    </Stack>
  );
}

function AddTrajectory({ opened, onClose, participantId }: { opened: boolean; onClose: () => void; participantId: number }) {
  const { t } = useTranslation();
  const [type, setType] = useState<TrajectoryType>('uwv');
  const [commissioner, setCommissioner] = useState('');
  const [startDate, setStartDate] = useState(today());
  const [endDate, setEndDate] = useState('');
  const [description, setDescription] = useState('');
  const { busy, error, setError, run } = useAction();
  const add = useApiMutation('dossiers.addTrajectory', { invalidates: dossierChanged });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!commissioner.trim() || !startDate) {
      setError(t('form.fillRequired'));
      return;
    }
    await run(async () => {
      await add.mutateAsync({ participantId, type, commissioner: commissioner.trim(), startDate, endDate: endDate || null, description: description.trim() || null });
      showSuccess(t('trajectories.added'));
      setCommissioner('');
      setDescription('');
      setEndDate('');
      onClose();
    });
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('trajectories.add')} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <Select label={t('trajectories.type')} data={types.map((v) => ({ value: v, label: t(`trajectoryType.${v}`) }))} value={type} onChange={(v) => v && setType(v as TrajectoryType)} allowDeselect={false} data-autofocus />
          <TextInput label={t('trajectories.commissioner')} description={t('trajectories.commissionerHelp')} value={commissioner} onChange={(e) => setCommissioner(e.currentTarget.value)} required />
          <SimpleGrid cols={2}>
            <DateField label={t('trajectories.start')} value={startDate} onChange={setStartDate} required />
            <DateField label={t('trajectories.end')} value={endDate} onChange={setEndDate} />
          </SimpleGrid>
          <Textarea label={t('trajectories.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} />
          <FormActions error={error} onCancel={onClose} submitLabel={t('common.save')} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}
