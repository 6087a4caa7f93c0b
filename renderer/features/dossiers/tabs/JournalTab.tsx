import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, Modal, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../../api/query.ts';
import { dossierChanged } from '../dossierQueries.ts';
import { showSuccess } from '../../../components/notify.ts';
import { useAction } from '../../../components/useAction.ts';
import { formatDate, formatDateTime, today } from '../../../components/format.ts';
import { ShieldedMark } from '../../shielding/ShieldedMark.tsx';
import type { DossierData, TabProps } from '../DossierView.tsx';
import { EntryRights } from '../../requests/dossier/DossierRights.tsx';
import { FormActions } from '../../../components/FormActions.tsx';
import { DateField } from '../../../components/DateField.tsx';

type Entry = DossierData['entries'][number];
type Kind = Entry['kind'];
const kinds: Kind[] = ['conversation', 'note', 'report'];
const kindColor: Record<Kind, string> = { conversation: 'kluis.8', note: 'gray.8', report: 'indigo.9' };

export function JournalTab({ dossier, reload, editable }: TabProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Entry | null>(null);
  const entries = [...dossier.entries].sort((a, b) => (b.entryDate + b.createdAt).localeCompare(a.entryDate + a.createdAt));
  // Which trajectory an entry belongs to, in words (issue 13): the type and the commissioner.
  const trajectoryOf = new Map(dossier.trajectories.map((tr) => [tr.id, `${t(`trajectoryType.${tr.type}`)} — ${tr.commissioner}`]));

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">{t('journal.intro')}</Text>
        {editable ? <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>{t('journal.add')}</Button> : null}
      </Group>
      {entries.length === 0 ? <Text c="dimmed">{t('journal.empty')}</Text> : null}
      {entries.map((e) => (
        <Paper key={e.id} withBorder p="md" radius="md" component="article" aria-label={e.title} data-testid="journal-entry">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={2}>
              <Group gap="xs">
                <Badge variant="outline" color={kindColor[e.kind]} size="sm">{t(`entryKind.${e.kind}`)}</Badge>
                <Text component="h2" fw={600} size="md">{e.title}</Text>
                <ShieldedMark on={e.shielded} />
              </Group>
              <Text size="xs" c="dimmed">
                {formatDate(e.entryDate)} · {e.authorName}
                {e.trajectoryId !== null && trajectoryOf.has(e.trajectoryId) ? ` · ${t('journal.inTrajectory', { trajectory: trajectoryOf.get(e.trajectoryId) })}` : ''}
                {e.edited ? ` · ${t('journal.edited', { date: formatDateTime(e.updatedAt) })}` : ''}
              </Text>
            </Stack>
            {editable ? (
              <Button size="xs" variant="subtle" leftSection={<IconEdit size={14} />} onClick={() => setEditing(e)} aria-label={t('journal.editNamed', { title: e.title })}>
                {t('common.edit')}
              </Button>
            ) : null}
          </Group>
          <Text mt="sm" className="dk-pre">{e.body}</Text>
          <EntryRights dossier={dossier} entryId={e.id} reload={reload} />
        </Paper>
      ))}
      <EntryDialog key={adding ? 'new-open' : 'new'} opened={adding} onClose={() => setAdding(false)} dossier={dossier} />
      {editing ? <EntryDialog key={`edit-${editing.id}`} opened onClose={() => setEditing(null)} dossier={dossier} entry={editing} /> : null}
    </Stack>
  );
}

function EntryDialog({ opened, onClose, dossier, entry }: { opened: boolean; onClose: () => void; dossier: DossierData; entry?: Entry }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>(entry?.kind ?? 'conversation');
  const [entryDate, setEntryDate] = useState(entry?.entryDate ?? today());
  const [trajectoryId, setTrajectoryId] = useState<string | null>(entry?.trajectoryId ? String(entry.trajectoryId) : null);
  const [title, setTitle] = useState(entry?.title ?? '');
  const [body, setBody] = useState(entry?.body ?? '');
  const { busy, error, setError, run } = useAction();
  // A new or changed entry shows in the journal, the header's count and the history (issue 14).
  const add = useApiMutation('dossiers.addEntry', { invalidates: dossierChanged });
  const update = useApiMutation('dossiers.updateEntry', { invalidates: dossierChanged });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim() || !body.trim() || !entryDate) {
      setError(t('form.fillRequired'));
      return;
    }
    await run(async () => {
      if (entry) await update.mutateAsync({ entryId: entry.id, title: title.trim(), body: body.trim() });
      else await add.mutateAsync({ participantId: dossier.participant.id, trajectoryId: trajectoryId ? Number(trajectoryId) : null, kind, entryDate, title: title.trim(), body: body.trim() });
      showSuccess(entry ? t('journal.updated') : t('journal.added'));
      onClose();
    });
  }

  return (
    <Modal opened={opened} onClose={onClose} title={entry ? t('journal.editTitle') : t('journal.add')} size="xl">
      <form onSubmit={submit}>
        <Stack>
          {!entry ? (
            <>
              <Stack gap={4}>
                <Text size="sm" fw={500} id="entry-kind-label">{t('journal.kind')}</Text>
                <SegmentedControl aria-labelledby="entry-kind-label" value={kind} onChange={(v) => setKind(v as Kind)} data={kinds.map((k) => ({ value: k, label: t(`entryKind.${k}`) }))} />
              </Stack>
              <SimpleGrid cols={2}>
                <DateField label={t('journal.date')} value={entryDate} onChange={setEntryDate} required />
                <Select
                  label={t('journal.trajectory')}
                  placeholder={t('journal.noTrajectory')}
                  clearable
                  data={dossier.trajectories.map((tr) => ({ value: String(tr.id), label: `${t(`trajectoryType.${tr.type}`)} — ${tr.commissioner}` }))}
                  value={trajectoryId}
                  onChange={setTrajectoryId}
                />
              </SimpleGrid>
            </>
          ) : null}
          <TextInput label={t('journal.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required data-autofocus data-testid="entry-title" />
          <Textarea label={t('journal.body')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={6} maxRows={16} required data-testid="entry-body" />
          <FormActions error={error} onCancel={onClose} submitLabel={t('common.save')} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}
