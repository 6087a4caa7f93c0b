import { Badge, Paper, ScrollArea, Table, Text } from '@mantine/core';
import { IconFlag } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../api/client.ts';
import { formatDateTime } from '../../components/format.ts';

export type AuditLine = Out<'audit.list'>['lines'][number];

type Translate = (key: string) => string;

/** The line's `objects` (JSON) in plain words: which fields, which dossiers, which document. */
export function describeObjects(raw: string, t: Translate, has: (key: string) => boolean): string {
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    return raw;
  }
  if (!o || typeof o !== 'object') return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    // Internal ids say nothing to a reader: the line names the person and the dossier already.
    if (/Id$/.test(k)) continue;
    let value: string;
    if (k === 'fields' && Array.isArray(v)) value = v.map((f) => (has(`fields.${String(f)}`) ? t(`fields.${String(f)}`) : String(f))).join(', ');
    else if (k === 'role' && has(`roles.${String(v)}`)) value = t(`roles.${String(v)}`);
    else if (k === 'shown' && Array.isArray(v)) value = String(v.length);
    else if (Array.isArray(v)) value = v.length > 8 ? `${v.slice(0, 8).join(', ')} … (${v.length})` : v.join(', ');
    else value = typeof v === 'object' ? JSON.stringify(v) : String(v);
    parts.push(`${has(`auditObjects.${k}`) ? t(`auditObjects.${k}`) : k}: ${value}`);
  }
  return parts.join(' · ');
}

/** Audit lines in plain words: who, when, what, which dossier, why. */
export function AuditTable({ lines, caption, showParticipant = true }: { lines: AuditLine[]; caption: string; showParticipant?: boolean }) {
  const { t, i18n } = useTranslation();
  if (lines.length === 0) return <Text c="dimmed">{t('audit.empty')}</Text>;
  const describe = (raw: string) => describeObjects(raw, (k) => t(k), (k) => i18n.exists(k));
  const english = i18n.language.startsWith('en');
  const time = (iso: string) => formatDateTime(iso).slice(-5);
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
                <Table.Td>
                  {l.actor ?? t('audit.system')}{l.onBehalfOf ? ` (${t('audit.onBehalfOf', { name: l.onBehalfOf })})` : ''}
                  {l.actorRole ? <Text size="xs" c="dimmed">{t(`roles.${l.actorRole}`)}</Text> : null}
                </Table.Td>
                <Table.Td>
                  {l.flagged ? <Badge color="warn" variant="filled" size="xs" mr={6} leftSection={<IconFlag size={10} aria-hidden />}>{t('audit.flagged')}</Badge> : null}
                  {english ? l.descriptionEn : l.description}
                  {l.count > 1 && l.until ? <Text size="xs" c="dimmed">{t('audit.visit', { count: l.count, from: time(l.at), to: time(l.until) })}</Text> : null}
                  {describe(l.objects) ? <Text size="xs" c="dimmed">{describe(l.objects)}</Text> : null}
                </Table.Td>
                {showParticipant ? (
                  <Table.Td>
                    {l.dossierNumber ?? '—'}
                    {l.participantName ? <Text size="xs" c="dimmed">{l.participantName}</Text> : null}
                  </Table.Td>
                ) : null}
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
