// "Voorstellen" (R45, four eyes): the destruction batches with their state, who proposed and who
// approved; a second person approves after a confirmation (never the proposer: the button says so,
// and the service refuses with its own Dutch text), during the waiting period anyone who may
// approve can cancel with a reason, and after it the batch is carried out (ExecuteDialog).
import { Fragment, useState } from 'react';
import { Anchor, Badge, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconCheck, IconChevronDown, IconChevronRight, IconTrash, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { FormDialog } from '../../components/FormDialog.tsx';
import { formatDate, formatDateTime } from '../../components/format.ts';
import { showSuccess } from '../../components/notify.ts';
import { useAction } from '../../components/useAction.ts';
import { can, useSession } from '../../state/session.ts';
import { basisText, type Batch } from './labels.ts';
import { BatchStatusBadge } from './badges.tsx';
import { ExecuteDialog } from './ExecuteDialog.tsx';

export function BatchesTab() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const mayApprove = can(me, 'retention.approve');
  const query = useApi('retention.batches', {});
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [approving, setApproving] = useState<Batch | null>(null);
  const [cancelling, setCancelling] = useState<Batch | null>(null);
  const [executing, setExecuting] = useState<Batch | null>(null);
  const own = (b: Batch) => b.ownProposal;
  const toggle = (id: number) => setOpen((s) => {
    const next = new Set(s);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  return (
    <Stack>
      <QueryState query={query} empty={(b) => b.length === 0} emptyText={<span data-testid="batches-empty">{t('retention.batches.empty')}</span>}>
        {(batches) => (
          <DataTable minWidth={1000} data-testid="batches-table" actions={mayApprove}
            headers={[t('retention.batches.number'), t('retention.batches.status'), t('retention.batches.reason'), t('retention.batches.proposer'), t('retention.batches.approver'), t('retention.batches.dossiers')]}>
            {batches.map((b) => (
              <Fragment key={b.id}>
                <Table.Tr data-testid="batch-row" data-batch={b.id}>
                  <Table.Td ff="monospace" fw={600}>{b.id}</Table.Td>
                  <Table.Td>
                    <BatchStatusBadge batch={b} />
                    {b.cancelledAt ? <Text size="xs" c="dimmed" maw={240}>{t('retention.batches.cancelledBy', { name: b.cancelledBy ?? '', date: formatDateTime(b.cancelledAt), reason: b.cancelReason ?? '' })}</Text> : null}
                    {b.executedAt ? <Text size="xs" c="dimmed">{t('retention.batches.onDate', { date: formatDateTime(b.executedAt) })}</Text> : null}
                  </Table.Td>
                  <Table.Td><Text size="sm" maw={300} className="dk-pre">{b.reason}</Text></Table.Td>
                  <Table.Td><Text size="sm">{b.proposedBy}</Text><Text size="xs" c="dimmed">{formatDateTime(b.proposedAt)}</Text></Table.Td>
                  <Table.Td>{b.approvedBy ? <><Text size="sm">{b.approvedBy}</Text><Text size="xs" c="dimmed">{formatDateTime(b.approvedAt)}</Text></> : '—'}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => toggle(b.id)} aria-expanded={open.has(b.id)}
                      leftSection={open.has(b.id) ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                      aria-label={t('retention.batches.itemsOf', { items: t('retention.batches.items', { count: b.items.length }), id: b.id })}>
                      {t('retention.batches.items', { count: b.items.length })}
                    </Button>
                  </Table.Td>
                  {mayApprove ? (
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {b.status === 'proposed' ? (
                          own(b) ? (
                            <Button size="xs" leftSection={<IconCheck size={14} />} disabled data-testid="approve-own">{t('retention.batches.approve')}</Button>
                          ) : (
                            <Button size="xs" leftSection={<IconCheck size={14} />} onClick={() => setApproving(b)} aria-label={t('retention.batches.approveNamed', { id: b.id })}>{t('retention.batches.approve')}</Button>
                          )
                        ) : null}
                        {b.status === 'approved' && !b.cancellable ? (
                          <Button size="xs" color="danger" leftSection={<IconTrash size={14} />} onClick={() => setExecuting(b)} aria-label={t('retention.execute.buttonNamed', { id: b.id })}>{t('retention.execute.button')}</Button>
                        ) : null}
                        {b.cancellable ? (
                          <Button size="xs" variant="subtle" color="danger" leftSection={<IconX size={14} />} onClick={() => setCancelling(b)} aria-label={t('retention.batches.cancelNamed', { id: b.id })}>{t('retention.batches.cancel')}</Button>
                        ) : null}
                      </Group>
                      {b.status === 'proposed' && own(b) ? <Text size="xs" c="dimmed" maw={220} ta="right" data-testid="own-proposal">{t('retention.batches.ownProposal')}</Text> : null}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
                {open.has(b.id) ? (
                  <Table.Tr data-testid="batch-items">
                    <Table.Td colSpan={mayApprove ? 7 : 6}>
                      <Stack gap={4} pl="md">
                        {b.items.map((i) => (
                          <Group key={i.participantId} gap="sm">
                            <Anchor href={`#/dossiers/${i.participantId}`} ff="monospace" size="sm">{i.dossierNumber}</Anchor>
                            <Text size="sm" c="dimmed">{basisText(t, i.basis)} · {formatDate(i.termEndsOn)}</Text>
                            {i.outcome ? <Badge size="sm" variant="outline" color={i.outcome === 'destroyed' ? 'ok' : 'gray.7'}>{t(`retention.batches.${i.outcome}`)}</Badge> : null}
                          </Group>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Fragment>
            ))}
          </DataTable>
        )}
      </QueryState>
      {approving ? <ApproveDialog batch={approving} onClose={() => setApproving(null)} /> : null}
      <CancelDialog batch={cancelling} onClose={() => setCancelling(null)} />
      {executing ? <ExecuteDialog batch={executing} onClose={() => setExecuting(null)} /> : null}
    </Stack>
  );
}

function ApproveDialog({ batch, onClose }: { batch: Batch; onClose: () => void }) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  const approve = useApiMutation('retention.approve', { invalidates: ['retention.batches'] });
  return (
    <ConfirmDialog opened title={t('retention.batches.approveTitle', { id: batch.id })} confirmLabel={t('retention.batches.approve')} busy={busy} error={error} color="danger" autoFocus="cancel" onCancel={onClose}
      onConfirm={() => void run(async () => {
        await approve.mutateAsync({ batchId: batch.id });
        showSuccess(t('retention.batches.approved', { id: batch.id }));
        onClose();
      })}>
      <Text size="sm">{t('retention.batches.approveConfirm', { count: batch.items.length })}</Text>
      <Text size="sm" ff="monospace">{batch.items.map((i) => i.dossierNumber).join(', ')}</Text>
      <Text size="sm" c="dimmed" className="dk-pre">{batch.reason}</Text>
    </ConfirmDialog>
  );
}

function CancelDialog({ batch, onClose }: { batch: Batch | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  // A cancelled batch frees its dossiers in the list and in their term lines.
  const cancel = useApiMutation('retention.cancel', { invalidates: ['retention.batches', 'retention.list', 'retention.term'] });
  async function submit() {
    if (!batch) return;
    await cancel.mutateAsync({ batchId: batch.id, reason });
    showSuccess(t('retention.batches.cancelledDone', { id: batch.id }));
    setReason('');
  }
  return (
    <FormDialog opened={batch !== null} onClose={onClose} title={t('retention.batches.cancelTitle', { id: batch?.id ?? '' })} submitLabel={t('retention.batches.cancelSubmit')} danger onSubmit={submit} testId="cancel-form">
      <Text size="sm">{t('retention.batches.cancelIntro')}</Text>
      <Textarea label={t('retention.batches.cancelReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required data-autofocus data-testid="cancel-reason" />
    </FormDialog>
  );
}
