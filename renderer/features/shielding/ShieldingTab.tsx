// The dossier's Afscherming tab (R26, R22): the shield register of this dossier with target,
// audience, who asked and on which request, and placing and lifting with a reason and a
// confirmation. Shields aimed at the viewer are never listed here (the server leaves them out).
import { useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconEyeOff, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDate } from '../../components/format.ts';
import type { TabProps } from '../dossiers/DossierView.tsx';
import { useShieldLabels } from './labels.ts';
import { LiftShieldDialog, PlaceShieldDialog } from './ShieldDialogs.tsx';
import type { Shield } from './types.ts';

const statusColor: Record<Shield['status'], string> = { proposed: 'warn', active: 'kluis.8', lifted: 'gray.7', refused: 'gray.7' };

export function ShieldingTab({ dossier }: TabProps) {
  const { t } = useTranslation();
  const [placing, setPlacing] = useState(false);
  const [lifting, setLifting] = useState<Shield | null>(null);
  const labels = useShieldLabels(dossier);
  const query = useApi('shielding.list', { participantId: dossier.participant.id });

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={760}>{t('shielding.intro')}</Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setPlacing(true)} data-testid="shield-place">{t('shielding.place')}</Button>
      </Group>
      <Alert color="gray" variant="light" icon={<IconEyeOff size={18} />}>{t('shielding.notEncryption')}</Alert>
      <QueryState query={query} empty={(shields) => shields.length === 0} emptyText={t('shielding.empty')}>
        {(shields) => (
          <DataTable headers={[t('shielding.col.target'), t('shielding.col.audience'), t('shielding.col.basis'), t('shielding.col.status')]} actions minWidth={900} data-testid="shield-table">
            {shields.map((s) => (
              <Table.Tr key={s.id} data-testid="shield-row">
                <Table.Td>{labels.target(s.target)}</Table.Td>
                <Table.Td>{s.audiences.map(labels.audience).join(', ')}</Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`shielding.requestedBy.${s.requestedBy}`, { name: s.representativeName ?? '' })}{s.requestId ? ` · ${t('shielding.onRequest', { id: s.requestId })}` : ''}</Text>
                  <Text size="xs" c="dimmed">{s.reason}</Text>
                  <Text size="xs" c="dimmed">{t('shielding.placedBy', { name: s.placedBy, date: formatDate(s.placedAt) })}</Text>
                  {s.liftedAt ? <Text size="xs" c="dimmed">{t('shielding.liftedBy', { name: s.liftedBy ?? '', date: formatDate(s.liftedAt), reason: s.liftReason ?? '' })}</Text> : null}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}><Badge color={statusColor[s.status]} variant={s.status === 'active' ? 'filled' : 'outline'} styles={{ root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } }}>{t(`shielding.status.${s.status}`)}</Badge></Table.Td>
                <Table.Td>
                  {s.status === 'active' || s.status === 'proposed' ? (
                    <Button size="xs" variant="subtle" color="danger" onClick={() => setLifting(s)} aria-label={t('shielding.liftNamed', { target: labels.target(s.target) })}>{t('shielding.lift')}</Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      {placing ? <PlaceShieldDialog dossier={dossier} onClose={() => setPlacing(false)} /> : null}
      {lifting ? <LiftShieldDialog shield={lifting} label={labels.target(lifting.target)} onClose={() => setLifting(null)} /> : null}
    </Stack>
  );
}
