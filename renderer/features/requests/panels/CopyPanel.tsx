// "Kopie maken" (issue 10, R21, R31): after a decision that is not a refusal, the participant's
// copy as PDF, machine-readable zip or both, full or overview. The passphrase is shown once with
// a copy button and the warning to send it by another channel than the file; it is not kept.
import { useState } from 'react';
import { Alert, Button, Code, CopyButton, Group, Progress, Radio, Select, Stack, Table, Text } from '@mantine/core';
import { IconFileDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../../api/client.ts';
import { useApi, useApiMutation } from '../../../api/query.ts';
import { downloadApiFile } from '../../../components/download.ts';
import { formatDateTime } from '../../../components/format.ts';
import { useAction } from '../../../components/useAction.ts';
import { Section } from '../../dossiers/RowList.tsx';
import type { PanelProps } from '../types.ts';

const COPY_TYPES: readonly string[] = ['inzage', 'afschrift', 'overdraagbaarheid'];
const AFTER_DECISION: readonly string[] = ['decided', 'carriedOut', 'closed'];
type Format = 'pdf' | 'zip' | 'both';
type Channel = 'phone' | 'inPerson' | 'sms' | 'letter';
type MadeFile = Out<'copies.make'>['files'][number];

export function CopyPanel({ detail, canHandle }: PanelProps) {
  const { t } = useTranslation();
  const r = detail.request;
  const [format, setFormat] = useState<Format>(r.type === 'overdraagbaarheid' ? 'zip' : 'pdf');
  const [contents, setContents] = useState<'full' | 'overview'>('full');
  const [channel, setChannel] = useState<Channel>('phone');
  const [passphrase, setPassphrase] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const applies = canHandle && COPY_TYPES.includes(r.type) && AFTER_DECISION.includes(r.status) && r.outcome !== 'refused';
  const copies = useApi('copies.list', { requestId: r.id }, { enabled: applies }).data ?? [];
  // A copy made is registered on the request: its list and the request read again.
  const makeCopy = useApiMutation('copies.make', { invalidates: ['copies.list', 'requests.get', 'audit.participantLog'] });
  // Files of the copy just made that the user did not save (Electron's dialog cancelled): the copy is
  // registered already, so they can be saved again from here until the panel is left.
  const [unsaved, setUnsaved] = useState<MadeFile[]>([]);
  if (!applies) return null;

  async function save(files: readonly MadeFile[]) {
    const left: MadeFile[] = [];
    for (const f of files) {
      const outcome = await downloadApiFile(f);
      if (!outcome.saved) left.push(f);
    }
    setUnsaved(left);
  }

  async function make() {
    setPassphrase(null);
    await run(async () => {
      const made = await makeCopy.mutateAsync({ requestId: r.id, format, contents, passphraseChannel: channel });
      setPassphrase(made.passphrase);
      await save(made.files);
    });
  }

  return (
    <Section title={t('copies.title')}>
      <Stack>
        <Text size="sm">{t('copies.intro')}</Text>
        <Radio.Group label={t('copies.format')} value={format} onChange={(v) => setFormat(v as Format)}>
          <Group mt="xs">
            <Radio value="pdf" label={t('copies.formatPdf')} />
            <Radio value="zip" label={t('copies.formatZip')} />
            <Radio value="both" label={t('copies.formatBoth')} />
          </Group>
        </Radio.Group>
        <Radio.Group label={t('copies.contents')} value={contents} onChange={(v) => setContents(v as 'full' | 'overview')}>
          <Group mt="xs">
            <Radio value="full" label={t('copies.contentsFull')} />
            <Radio value="overview" label={t('copies.contentsOverview')} />
          </Group>
        </Radio.Group>
        <Select label={t('copies.channel')} value={channel} onChange={(v) => setChannel((v ?? 'phone') as Channel)} allowDeselect={false}
          data={(['phone', 'inPerson', 'sms', 'letter'] as const).map((c) => ({ value: c, label: t(`copies.channels.${c}`) }))} />
        {error ? <Alert color="danger">{error}</Alert> : null}
        <Group><Button leftSection={<IconFileDownload size={16} />} loading={busy} onClick={() => void make()} data-testid="copy-make">{t('copies.make')}</Button></Group>
        {busy ? (
          // copies.make is one call that does not report how far it is: an indeterminate bar (no
          // aria-valuenow), labelled, and the same words as text for everyone.
          <Stack gap={4} data-testid="copy-progress">
            <Progress.Root size="lg" role="progressbar" aria-label={t('copies.progress')} aria-valuetext={t('copies.busy')}>
              <Progress.Section value={100} striped animated withAria={false} />
            </Progress.Root>
            <Text size="sm" role="status">{t('copies.busy')}</Text>
          </Stack>
        ) : null}
        {unsaved.length > 0 ? (
          <Alert color="warn" title={t('copies.notSavedTitle')} data-testid="copy-unsaved">
            <Stack gap="xs">
              <Text size="sm">{t('copies.notSaved', { files: unsaved.map((f) => f.fileName).join(', ') })}</Text>
              <Group><Button size="xs" onClick={() => void save(unsaved)}>{t('copies.saveAgain')}</Button></Group>
            </Stack>
          </Alert>
        ) : null}
        {passphrase ? (
          <Alert color="warn" title={t('copies.passphraseTitle')} data-testid="copy-passphrase">
            <Stack gap="xs">
              <Group gap="sm"><Code fz="md" data-testid="copy-passphrase-value">{passphrase}</Code>
                <CopyButton value={passphrase}>{({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? t('copies.copied') : t('copies.copyPassphrase')}</Button>}</CopyButton>
              </Group>
              <Text size="sm">{t('copies.passphraseWarning')}</Text>
            </Stack>
          </Alert>
        ) : null}
        {copies.length > 0 ? (
          <Table data-testid="copy-list">
            <Table.Thead><Table.Tr><Table.Th>{t('copies.madeAt')}</Table.Th><Table.Th>{t('copies.madeBy')}</Table.Th><Table.Th>{t('copies.files')}</Table.Th><Table.Th>{t('copies.channel')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {copies.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatDateTime(c.madeAt)}</Table.Td>
                  <Table.Td>{c.madeBy}</Table.Td>
                  <Table.Td>{c.files.map((f) => <Text key={f.sha256} size="xs">{f.fileName} <Code>{f.sha256.slice(0, 12)}…</Code></Text>)}</Table.Td>
                  <Table.Td>{t(`copies.channels.${c.passphraseChannel}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Section>
  );
}
