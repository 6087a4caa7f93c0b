// Mandates (machtigingen) of one participant: the list with their state, recording a new one
// (signed form from the dossier's documents) and withdrawing one, which blocks at once (R10, R11, R17).
import { useState } from 'react';
import { Alert, Button, Group, MultiSelect, Radio, Select, Table, Text, TextInput, Textarea } from '@mantine/core';
import { IconFileCertificate, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { dataCategoryNames, type DataCategory } from '../../../core/api/categories.ts';
import { useApiMutation } from '../../api/query.ts';
import { formatDate, today } from '../../components/format.ts';
import { showSuccess } from '../../components/notify.ts';
import type { DossierData } from '../dossiers/DossierView.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { FormDialog } from '../../components/FormDialog.tsx';
import { CategoryBadges, MandateStateBadge, Section, consentChanges, categoryLabel, purposes, useConsentSettings, useOptions, withdrawalChannels, type Mandate, type Recipient } from './shared.tsx';
import { DateField } from '../../components/DateField.tsx';

interface Props {
  dossier: DossierData;
  mandates: Mandate[];
  recipients: Recipient[];
  mayRecord: boolean;
}

export function MandatesSection({ dossier, mandates, recipients, mayRecord }: Props) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Mandate | null>(null);

  return (
    <Section
      title={t('consent.mandates.title')}
      intro={t('consent.mandates.intro')}
      action={mayRecord ? <Button leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)}>{t('consent.mandates.record')}</Button> : null}
    >
      {mandates.length === 0 ? <Text c="dimmed">{t('consent.mandates.empty')}</Text> : (
        <DataTable minWidth={900} data-testid="mandates-table" striped={false} headers={[t('consent.mandates.recipient'), t('consent.mandates.purpose'), t('consent.mandates.categories'), t('consent.mandates.period'), t('consent.mandates.given'), t('consent.mandates.state')]} actions>
          {mandates.map((m) => (
            <Table.Tr key={m.id} data-testid="mandate-row">
              <Table.Td>
                <Text fw={600} size="sm">{m.recipientName}</Text>
                <Text size="xs" c="dimmed">{t(`consent.direction.${m.direction}`)}</Text>
              </Table.Td>
              <Table.Td>{t(`consent.purpose.${m.purpose}`)}{m.purposeNote ? <Text size="xs" c="dimmed">{m.purposeNote}</Text> : null}</Table.Td>
              <Table.Td><CategoryBadges categories={m.categories} /></Table.Td>
              <Table.Td>{formatDate(m.validFrom)} – {m.validUntil ? formatDate(m.validUntil) : t('consent.mandates.openEnded')}</Table.Td>
              <Table.Td>
                {m.givenHow === 'signedForm' ? <Group gap={4} wrap="nowrap"><IconFileCertificate size={14} aria-hidden />{m.documentName}</Group> : t('consent.mandates.oral')}
                <Text size="xs" c="dimmed">{t('consent.by', { name: m.recordedBy })}</Text>
              </Table.Td>
              <Table.Td miw={130}>
                <MandateStateBadge mandate={m} />
                {m.withdrawnOn ? <Text size="xs" c="dimmed">{t('consent.mandates.withdrawnOn', { date: formatDate(m.withdrawnOn), how: m.withdrawnHow ? t(`consent.withdrawHow.${m.withdrawnHow}`) : '' })}</Text> : null}
              </Table.Td>
              <Table.Td>
                {mayRecord && m.state !== 'withdrawn' && m.state !== 'expired' ? (
                  <Button size="xs" variant="light" color="danger" onClick={() => setWithdrawing(m)} aria-label={t('consent.mandates.withdrawNamed', { name: m.recipientName })}>
                    {t('consent.mandates.withdraw')}
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {mayRecord && recording ? <RecordMandateDialog opened onClose={() => setRecording(false)} dossier={dossier} recipients={recipients} /> : null}
      <WithdrawDialog mandate={withdrawing} onClose={() => setWithdrawing(null)} />
    </Section>
  );
}

function RecordMandateDialog({ opened, onClose, dossier, recipients }: { opened: boolean; onClose: () => void; dossier: DossierData; recipients: Recipient[] }) {
  const { t } = useTranslation();
  const record = useApiMutation('mandates.record', { invalidates: consentChanges.mandate });
  const options = useOptions();
  const [direction, setDirection] = useState<'shareWith' | 'obtainFrom'>('shareWith');
  const [recipientId, setRecipientId] = useState<string | null>(null);
  const [purpose, setPurpose] = useState<(typeof purposes)[number]>('reintegration');
  const [purposeNote, setPurposeNote] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [validFrom, setValidFrom] = useState(today());
  const [validUntil, setValidUntil] = useState('');
  const [how, setHow] = useState<'signedForm' | 'oral'>('signedForm');
  const [documentId, setDocumentId] = useState<string | null>(null);
  const [oralNote, setOralNote] = useState('');
  // R10: oral consent only where the policy allows it; until known, the option stays off.
  const oralAllowed = useConsentSettings(opened)?.oralConsentAllowed ?? false;
  const documents = dossier.documents;

  async function submit() {
    await record.mutateAsync({
      participantId: dossier.participant.id,
      direction,
      recipientId: Number(recipientId),
      purpose,
      purposeNote: purposeNote.trim() || null,
      categories: categories as DataCategory[],
      validFrom,
      validUntil: validUntil || null,
      given: how === 'signedForm' ? { how, documentId: Number(documentId) } : { how, note: oralNote },
    });
    showSuccess(t('consent.mandates.recorded'));
    setRecipientId(null);
    setCategories([]);
    setDocumentId(null);
  }

  const incomplete = (how === 'oral' && !oralAllowed) || !recipientId || categories.length === 0 || !validFrom || (how === 'signedForm' && !documentId);
  return (
    <FormDialog opened={opened} onClose={onClose} title={t('consent.mandates.record')} submitLabel={t('consent.mandates.save')} onSubmit={submit} disabled={incomplete} testId="mandate-form">
      <Group grow align="flex-start">
        <Select label={t('consent.mandates.direction')} data={options(['shareWith', 'obtainFrom'], 'consent.direction')} value={direction} onChange={(v) => v && setDirection(v as typeof direction)} allowDeselect={false} required />
        <Select label={t('consent.mandates.recipient')} data={recipients.map((r) => ({ value: String(r.id), label: r.name }))} value={recipientId} onChange={setRecipientId} searchable required allowDeselect={false}
          nothingFoundMessage={t('consent.recipients.none')} placeholder={t('consent.choose')} data-autofocus
          description={t('consent.recipients.whoAdds')} />
      </Group>
      <Group grow align="flex-start">
        <Select label={t('consent.mandates.purpose')} data={options(purposes, 'consent.purpose')} value={purpose} onChange={(v) => v && setPurpose(v as typeof purpose)} allowDeselect={false} required />
        <TextInput label={t('consent.mandates.purposeNote')} value={purposeNote} onChange={(e) => setPurposeNote(e.currentTarget.value)} />
      </Group>
      <MultiSelect label={t('consent.mandates.categories')} description={t('consent.mandates.categoriesHelp')} required
        data={dataCategoryNames.map((c) => ({ value: c, label: categoryLabel(c) }))} value={categories} onChange={setCategories} placeholder={categories.length ? undefined : t('consent.choose')} />
      <Group grow>
        <DateField label={t('consent.mandates.validFrom')} value={validFrom} onChange={setValidFrom} required />
        <DateField label={t('consent.mandates.validUntil')} description={t('consent.mandates.validUntilHelp')} value={validUntil} minDate={validFrom} onChange={setValidUntil} />
      </Group>
      <Radio.Group label={t('consent.mandates.givenHow')} value={how} onChange={(v) => setHow(v as typeof how)}>
        <Group mt={4}>
          <Radio value="signedForm" label={t('consent.mandates.signedForm')} />
          <Radio value="oral" label={t('consent.mandates.oral')} disabled={!oralAllowed}
            description={oralAllowed ? undefined : t('consent.mandates.oralNotAllowed')} data-testid="mandate-oral" />
        </Group>
      </Radio.Group>
      {how === 'signedForm' ? (
        documents.length === 0 ? <Alert color="warn">{t('consent.mandates.uploadFirst')}</Alert> : (
          <Select label={t('consent.mandates.form')} description={t('consent.mandates.formHelp')} required placeholder={t('consent.choose')}
            data={documents.map((d) => ({ value: String(d.id), label: `${d.fileName} (${t(`documentKind.${d.kind}`)})` }))} value={documentId} onChange={setDocumentId} allowDeselect={false} />
        )
      ) : (
        <Textarea label={t('consent.mandates.oralNote')} description={t('consent.mandates.oralNoteHelp')} value={oralNote} onChange={(e) => setOralNote(e.currentTarget.value)} autosize minRows={2} required />
      )}
    </FormDialog>
  );
}

function WithdrawDialog({ mandate, onClose }: { mandate: Mandate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const withdraw = useApiMutation('mandates.withdraw', { invalidates: consentChanges.mandate });
  const options = useOptions();
  const [on, setOn] = useState(today());
  const [how, setHow] = useState<(typeof withdrawalChannels)[number]>('letter');
  const [note, setNote] = useState('');

  async function submit() {
    if (!mandate) return;
    await withdraw.mutateAsync({ mandateId: mandate.id, withdrawnOn: on, how, note: note.trim() || null });
    showSuccess(t('consent.mandates.withdrawn'));
    setNote('');
  }

  return (
    <FormDialog opened={!!mandate} onClose={onClose} title={t('consent.mandates.withdrawTitle')} submitLabel={t('consent.mandates.withdrawConfirm')} danger onSubmit={submit} testId="withdraw-form">
      <Alert color="warn">{t('consent.mandates.withdrawWarning', { name: mandate?.recipientName ?? '' })}</Alert>
      <Group grow>
        <DateField label={t('consent.mandates.withdrawDate')} value={on} maxDate={today()} onChange={setOn} required />
        <Select label={t('consent.mandates.withdrawHowLabel')} data={options(withdrawalChannels, 'consent.withdrawHow')} value={how} onChange={(v) => v && setHow(v as typeof how)} allowDeselect={false} required />
      </Group>
      <Textarea label={t('consent.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
    </FormDialog>
  );
}
