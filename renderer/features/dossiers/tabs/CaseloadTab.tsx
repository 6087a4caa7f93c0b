import { useState } from 'react';
import { Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../../api/query.ts';
import { dossierChanged } from '../dossierQueries.ts';
import { showError, showSuccess } from '../../../components/notify.ts';
import type { TabProps } from '../DossierView.tsx';

export function CaseloadTab({ dossier, editable }: TabProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pid = dossier.participant.id;

  const consultantsQuery = useApi('dossiers.consultants', {}, { enabled: editable });
  const consultants = consultantsQuery.data ?? [];
  const assignOne = useApiMutation('dossiers.assign', { invalidates: dossierChanged });
  const unassignOne = useApiMutation('dossiers.unassign', { invalidates: dossierChanged });

  const assigned = new Set(dossier.consultants.map((c) => c.userId));
  const available = consultants.filter((c) => !assigned.has(c.userId));

  async function assign() {
    if (!chosen) return;
    setBusy(true);
    try {
      await assignOne.mutateAsync({ participantId: pid, userId: Number(chosen) });
      showSuccess(t('caseload.assigned'));
      setChosen(null);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  async function unassign(userId: number) {
    try {
      await unassignOne.mutateAsync({ participantId: pid, userId });
      showSuccess(t('caseload.unassigned'));
    } catch (e) {
      showError(e);
    }
  }

  return (
    <Stack maw={720}>
      <Text c="dimmed" size="sm">{t('caseload.intro')}</Text>
      <Paper withBorder radius="md" p="md">
        {dossier.consultants.length === 0 ? <Text c="dimmed">{t('caseload.empty')}</Text> : null}
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {dossier.consultants.map((c) => (
            <Group key={c.userId} component="li" justify="space-between">
              <Text fw={600}>{c.displayName}</Text>
              {editable ? (
                <Button size="xs" variant="subtle" color="danger" leftSection={<IconUserMinus size={14} />} onClick={() => void unassign(c.userId)} aria-label={t('caseload.removeNamed', { name: c.displayName })}>
                  {t('caseload.remove')}
                </Button>
              ) : null}
            </Group>
          ))}
        </Stack>
      </Paper>
      {editable ? (
        <Group align="flex-end">
          <Select
            label={t('caseload.add')}
            placeholder={available.length ? t('caseload.choose') : t('caseload.noneAvailable')}
            data={available.map((c) => ({ value: String(c.userId), label: c.displayName }))}
            value={chosen}
            onChange={setChosen}
            searchable
            style={{ flex: 1 }}
          />
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => void assign()} disabled={!chosen} loading={busy}>{t('caseload.assign')}</Button>
        </Group>
      ) : null}
    </Stack>
  );
}
