// The privacy officer approves new accounts with dossier access (issue 12, finding 5): the second
// person beside the administrator who made them. Until approved, the account cannot sign in.
import { useState } from 'react';
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../api/client.ts';
import { useApi, useApiMutation } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { showSuccess } from '../../components/notify.ts';
import { useAction } from '../../components/useAction.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';

type Pending = Out<'users.pendingApproval'>[number];

export function AccountApprovals() {
  const { t } = useTranslation();
  const [refusing, setRefusing] = useState<Pending | null>(null);
  const { busy, error, run } = useAction();

  const query = useApi('users.pendingApproval', {});
  // A decision changes the waiting list and the user list (an approved account can sign in).
  const decision = useApiMutation('users.decide', { invalidates: ['users.pendingApproval', 'users.list'] });

  async function decide(u: Pending, approve: boolean) {
    await run(async () => {
      await decision.mutateAsync({ userId: u.id, approve });
      showSuccess(t(approve ? 'account.approved' : 'account.refused', { name: u.displayName }));
      setRefusing(null);
    });
  }

  return (
    <Stack>
      <PageHeader title={t('account.approvalsTitle')} description={t('account.approvalsSubtitle')} />
      <QueryState query={query} empty={(p) => p.length === 0} emptyText={<span data-testid="approvals-empty">{t('account.approvalsEmpty')}</span>}>
        {(pending) => (
        <DataTable headers={[t('users.displayName'), t('users.username'), t('users.role'), t('account.createdBy'), t('account.createdAt')]} actions>
          {pending.map((u) => (
            <Table.Tr key={u.id} data-testid="approval-row">
              <Table.Td fw={600}>{u.displayName}</Table.Td>
              <Table.Td ff="monospace">{u.username}</Table.Td>
              <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
              <Table.Td>{u.createdBy ?? ''}</Table.Td>
              <Table.Td>{formatDateTime(u.createdAt)}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="xs" leftSection={<IconCheck size={14} />} loading={busy} onClick={() => void decide(u, true)} aria-label={t('account.approveNamed', { name: u.displayName })}>{t('account.approve')}</Button>
                  <Button size="xs" variant="subtle" color="danger" leftSection={<IconX size={14} />} onClick={() => setRefusing(u)} aria-label={t('account.refuseNamed', { name: u.displayName })}>{t('account.refuse')}</Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
        )}
      </QueryState>
      {refusing ? (
        <ConfirmDialog opened title={t('account.refuseTitle')} confirmLabel={t('account.refuse')} onConfirm={() => void decide(refusing, false)} onCancel={() => setRefusing(null)} busy={busy} error={error} color="danger" autoFocus="cancel">
          <Text>{t('account.refuseConfirm', { name: refusing.displayName, username: refusing.username })}</Text>
        </ConfirmDialog>
      ) : null}
    </Stack>
  );
}
