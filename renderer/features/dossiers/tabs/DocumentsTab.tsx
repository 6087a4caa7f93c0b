import { useState, type FormEvent } from 'react';
import { Button, FileInput, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconPaperclip, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { messages } from '../../../../core/api/messages.ts';
import { call } from '../../../api/client.ts';
import { useApiMutation } from '../../../api/query.ts';
import { dossierChanged } from '../dossierQueries.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { downloadApiFile } from '../../../components/download.ts';
import { showError, showSuccess } from '../../../components/notify.ts';
import { useAction } from '../../../components/useAction.ts';
import { formatBytes, formatDateTime } from '../../../components/format.ts';
import { ShieldedMark } from '../../shielding/ShieldedMark.tsx';
import type { TabProps } from '../DossierView.tsx';
import { FormError } from '../../../components/FormActions.tsx';

const kinds = ['cv', 'idCopy', 'consentForm', 'actionPlan', 'report', 'conversationReport', 'other'] as const;
type Kind = (typeof kinds)[number];
/** Same limit as the backend (core/dossiers/contract.ts MAX_DOCUMENT_BYTES); checked here to avoid sending a huge file for nothing. */
const MAX_BYTES = 20 * 1024 * 1024;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function DocumentsTab({ dossier, editable }: TabProps) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<Kind>('other');
  const { busy, error, setError, run } = useAction();
  const uploadDocument = useApiMutation('dossiers.uploadDocument', { invalidates: dossierChanged });

  async function upload(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setError(t('documents.chooseFile'));
      return;
    }
    if (file.size > MAX_BYTES) {
      const m = messages['dossier.documentTooLarge'][currentLanguage()];
      setError(m.replace('{size}', (file.size / 1024 / 1024).toFixed(1)).replace('{limit}', String(MAX_BYTES / 1024 / 1024)));
      return;
    }
    await run(async () => {
      const contentBase64 = await toBase64(file);
      await uploadDocument.mutateAsync({
        participantId: dossier.participant.id,
        kind,
        fileName: file.name.replace(/[/\\]/g, '_'),
        mimeType: /^[\w.+-]+\/[\w.+-]+$/.test(file.type) ? file.type : 'application/octet-stream',
        contentBase64,
      });
      showSuccess(t('documents.uploaded', { name: file.name }));
      setFile(null);
    });
  }

  async function download(documentId: number) {
    try {
      void downloadApiFile(await call('dossiers.downloadDocument', { documentId }));
    } catch (e) {
      showError(e);
    }
  }

  return (
    <Stack>
      {editable ? (
        <Paper withBorder p="md" radius="md" component="form" onSubmit={upload}>
          <Text component="h2" fw={600} mb="sm">{t('documents.add')}</Text>
          <Group align="flex-end">
            <FileInput
              label={t('documents.file')}
              placeholder={t('documents.filePlaceholder')}
              value={file}
              onChange={setFile}
              leftSection={<IconPaperclip size={16} />}
              clearable
              style={{ flex: 1, minWidth: 240 }}
              data-testid="document-file"
            />
            <Select label={t('documents.kind')} data={kinds.map((k) => ({ value: k, label: t(`documentKind.${k}`) }))} value={kind} onChange={(v) => v && setKind(v as Kind)} allowDeselect={false} w={220} />
            <Button type="submit" leftSection={<IconUpload size={16} />} loading={busy}>{t('documents.upload')}</Button>
          </Group>
          <Text size="xs" c="dimmed" mt="xs">{t('documents.limit', { limit: MAX_BYTES / 1024 / 1024 })}</Text>
          <FormError error={error} mt="sm" />
        </Paper>
      ) : null}
      {dossier.documents.length === 0 ? (
        <Text c="dimmed">{t('documents.empty')}</Text>
      ) : (
        <DataTable headers={[t('documents.name'), t('documents.kind'), t('documents.size'), t('documents.uploadedBy')]} actions>
          {dossier.documents.map((d) => (
            <Table.Tr key={d.id} data-testid="document-row">
              <Table.Td fw={600}>{d.fileName}<ShieldedMark on={d.shielded} /></Table.Td>
              <Table.Td>{t(`documentKind.${d.kind}`)}</Table.Td>
              <Table.Td>{formatBytes(d.size)}</Table.Td>
              <Table.Td>{d.uploadedBy} · {formatDateTime(d.uploadedAt)}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" leftSection={<IconDownload size={14} />} onClick={() => void download(d.id)} aria-label={t('documents.downloadNamed', { name: d.fileName })}>
                  {t('documents.download')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}
