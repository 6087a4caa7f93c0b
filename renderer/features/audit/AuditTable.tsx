import { Badge, Paper, ScrollArea, Table, Text } from '@mantine/core';
import { IconFlag } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../api/client.ts';
import { formatDateTime } from '../../components/format.ts';

export type AuditLine = Out<'audit.list'>['lines'][number];

/** Audit lines in plain words: who, when, what, which dossier, why. */
export function AuditTable({ lines, caption, showParticipant = true }: { lines: AuditLine[]; caption: string; showParticipant?: boolean }) {
  const { t, i18n } = useTranslation();
  if (lines.length === 0) return <Text c="dimmed">{t('audit.empty')}</Text>;
  const actionLabel = (a: string) => (i18n.exists(`actions.${a.replace('.', '_')}`) ? t(`actions.${a.replace('.', '_')}`) : a);
  return (
    <Paper withBorder radius="md">
      <ScrollArea type="auto">
        <Table striped verticalSpacing="xs" fz="sm" data-testid="audit-table">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.at')}</Table.Th>
              <Table.Th>{t('audit.user')}</Table.Th>
              <Table.Th>{t('audit.action')}</Table.Th>
              {showParticipant ? <Table.Th>{t('audit.participant')}</Table.Th> : null}
              <Table.Th>{t('audit.outcome')}</Table.Th>
              <Table.Th>{t('audit.reason')}</Table.Th>
              <Table.Th>{t('audit.workstation')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l) => (
              <Table.Tr key={l.seq} data-flagged={l.flagged ? 'true' : undefined}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(l.at)}</Table.Td>
                <Table.Td>{l.username ?? '—'}{l.onBehalfOf ? ` (${t('audit.onBehalfOf', { name: l.onBehalfOf })})` : ''}</Table.Td>
                <Table.Td>
                  {l.flagged ? <Badge color="orange.9" variant="filled" size="xs" mr={6} leftSection={<IconFlag size={10} aria-hidden />}>{t('audit.flagged')}</Badge> : null}
                  {actionLabel(l.action)}
                  {l.objects ? <Text size="xs" c="dimmed">{l.objects}</Text> : null}
                </Table.Td>
                {showParticipant ? <Table.Td>{l.participantId ?? '—'}</Table.Td> : null}
                <Table.Td>{t(`audit.outcome_${l.outcome}`)}</Table.Td>
                <Table.Td>{l.reason ?? ''}</Table.Td>
                <Table.Td>{l.workstation}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}
