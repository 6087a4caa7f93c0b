// "Ontvangers": the recipient register with the written agreement behind each exchange (R15).
import { useEffect, useState } from 'react';
import { Badge, Button, Group, Select, Switch, Table, Text, TextInput, Textarea } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData } from '@tanstack/react-query';
import { useApi, useApiMutation } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../components/format.ts';
import { showSuccess } from '../../components/notify.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { FormDialog } from '../../components/FormDialog.tsx';
import { recipientKinds, useOptions, type Recipient } from './shared.tsx';
import { DateField } from '../../components/DateField.tsx';

export function RecipientsPage() {
  const { t } = useTranslation();
  const [includeInactive, setIncludeInactive] = useState(false);
  // The list stays in view while the switch reads the longer one.
  const query = useApi('recipients.list', { includeInactive }, { placeholderData: keepPreviousData });
  const [editing, setEditing] = useState<Recipient | 'new' | null>(null);

  return (
    <>
      <PageHeader title={t('consent.recipients.title')} description={t('consent.recipients.subtitle')}
        actions={<Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>{t('consent.recipients.new')}</Button>} />
      <Switch label={t('consent.recipients.showInactive')} checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} mb="md" />
      <QueryState query={query} empty={(r) => r.length === 0} emptyText={t('consent.recipients.empty')}>
        {(recipients) => (
        <DataTable minWidth={800} data-testid="recipients-table" headers={[t('consent.recipients.name'), t('consent.recipients.kind'), t('consent.recipients.contact'), t('consent.recipients.agreement'), t('consent.recipients.status')]} actions>
          {recipients.map((r) => (
            <Table.Tr key={r.id} data-testid="recipient-row">
              <Table.Td fw={600}>{r.name}</Table.Td>
              <Table.Td>{t(`consent.recipientKind.${r.kind}`)}</Table.Td>
              <Table.Td>
                <Text size="sm">{r.contactPerson ?? '—'}</Text>
                <Text size="xs" c="dimmed">{[r.email, r.phone].filter(Boolean).join(' · ')}</Text>
              </Table.Td>
              <Table.Td>
                {r.agreement ? <><Text size="sm">{r.agreement.reference}</Text><Text size="xs" c="dimmed">{formatDate(r.agreement.date)}</Text></>
                  : <Badge color="warn" variant="outline">{t('consent.recipients.noAgreement')}</Badge>}
              </Table.Td>
              <Table.Td><Badge color={r.active ? 'ok' : 'gray.7'} variant={r.active ? 'light' : 'outline'}>{r.active ? t('consent.recipients.active') : t('consent.recipients.inactive')}</Badge></Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" leftSection={<IconPencil size={14} />} onClick={() => setEditing(r)} aria-label={t('consent.recipients.editNamed', { name: r.name })}>{t('common.edit')}</Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
        )}
      </QueryState>
      <RecipientDialog recipient={editing} onClose={() => setEditing(null)} />
    </>
  );
}

const empty = { name: '', kind: 'other', contactPerson: '', address: '', phone: '', email: '', agreementReference: '', agreementDate: '', agreementNote: '', active: true };
type Draft = typeof empty;

function toDraft(r: Recipient | 'new' | null): Draft {
  if (!r || r === 'new') return empty;
  return {
    name: r.name, kind: r.kind, contactPerson: r.contactPerson ?? '', address: r.address ?? '', phone: r.phone ?? '', email: r.email ?? '',
    agreementReference: r.agreement?.reference ?? '', agreementDate: r.agreement?.date ?? '', agreementNote: r.agreement?.note ?? '', active: r.active,
  };
}

function RecipientDialog({ recipient, onClose }: { recipient: Recipient | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const options = useOptions();
  const [draft, setDraft] = useState<Draft>(empty);
  useEffect(() => setDraft(toDraft(recipient)), [recipient]);
  const set = (k: keyof Draft) => (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [k]: e.currentTarget.value });
  const isNew = recipient === 'new';
  // Both change the register every recipient picker reads (with and without the inactive ones).
  const create = useApiMutation('recipients.create', { invalidates: ['recipients.list'] });
  const update = useApiMutation('recipients.update', { invalidates: ['recipients.list'] });

  async function submit() {
    const fields = {
      name: draft.name, kind: draft.kind as Recipient['kind'],
      contactPerson: draft.contactPerson || null, address: draft.address || null, phone: draft.phone || null, email: draft.email || null,
      agreementReference: draft.agreementReference || null, agreementDate: draft.agreementDate || null, agreementNote: draft.agreementNote || null,
    };
    if (recipient === 'new') await create.mutateAsync(fields);
    else if (recipient) await update.mutateAsync({ ...fields, recipientId: recipient.id, active: draft.active });
    showSuccess(t('consent.recipients.saved', { name: draft.name }));
  }

  return (
    <FormDialog opened={recipient !== null} onClose={onClose} title={isNew ? t('consent.recipients.new') : t('consent.recipients.edit')} submitLabel={isNew ? t('consent.recipients.create') : t('common.save')} onSubmit={submit} testId="recipient-form">
      <Group grow align="flex-start">
        <TextInput label={t('consent.recipients.name')} value={draft.name} onChange={set('name')} required data-autofocus />
        <Select label={t('consent.recipients.kind')} data={options(recipientKinds, 'consent.recipientKind')} value={draft.kind} onChange={(v) => v && setDraft({ ...draft, kind: v })} allowDeselect={false} required />
      </Group>
      <Group grow align="flex-start">
        <TextInput label={t('consent.recipients.contactPerson')} value={draft.contactPerson} onChange={set('contactPerson')} />
        <TextInput label={t('fields.phone')} value={draft.phone} onChange={set('phone')} />
        <TextInput label={t('fields.email')} type="email" value={draft.email} onChange={set('email')} />
      </Group>
      <TextInput label={t('consent.recipients.address')} value={draft.address} onChange={set('address')} />
      <Text fw={600} size="sm" mb={-8}>{t('consent.recipients.agreementTitle')}</Text>
      <Text size="xs" c="dimmed">{t('consent.recipients.agreementHelp')}</Text>
      <Group grow align="flex-start">
        <TextInput label={t('consent.recipients.agreementReference')} value={draft.agreementReference} onChange={set('agreementReference')} />
        <DateField label={t('consent.recipients.agreementDate')} value={draft.agreementDate} onChange={(v) => setDraft({ ...draft, agreementDate: v })} />
      </Group>
      <Textarea label={t('consent.recipients.agreementNote')} value={draft.agreementNote} onChange={set('agreementNote')} autosize minRows={2} />
      {!isNew ? <Switch label={t('consent.recipients.activeSwitch')} checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} /> : null}
    </FormDialog>
  );
}
