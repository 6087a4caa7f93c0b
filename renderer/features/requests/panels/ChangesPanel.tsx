// R23: what a correction or completion asks to change, next to what the dossier says now (shown
// only once the identity is verified), with the decision per change and when it was applied.
import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fieldText, formatDate } from '../../../components/format.ts';
import { Section } from '../../dossiers/RowList.tsx';
import type { Detail, PanelProps } from '../types.ts';

export function useChangeLabel() {
  const { t } = useTranslation();
  return (c: Detail['changes'][number]) => {
    if (c.target === 'field') return t(`fields.${c.field}`);
    if (c.target === 'document') return t('requests.detail.documentN', { id: c.documentId });
    if (c.target === 'dossier') return t('requests.detail.wholeDossier');
    return t('requests.detail.entryN', { id: c.entryId });
  };
}

export function ChangesPanel({ detail }: PanelProps) {
  const { t } = useTranslation();
  const labelOf = useChangeLabel();
  return (
    <Section title={t('requests.detail.changes')}>
      <Table.ScrollContainer minWidth={700}>
        <Table verticalSpacing="xs" data-testid="changes-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('requests.intake.changeTarget')}</Table.Th>
              <Table.Th>{t('requests.detail.changeCurrent')}</Table.Th>
              <Table.Th>{t('requests.detail.changeProposed')}</Table.Th>
              <Table.Th>{t('requests.intake.changeGround')}</Table.Th>
              <Table.Th>{t('requests.detail.decision')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.changes.map((c) => (
              <Table.Tr key={c.id} data-testid="change-row">
                <Table.Td fw={600}>{labelOf(c)}</Table.Td>
                <Table.Td className="dk-pre">
                  {(c.current !== null && c.field ? fieldText(t, c.field, c.current) : c.current) ?? (detail.request.identityMethod ? t('requests.detail.changeEmpty') : <Text span size="sm" c="dimmed" fs="italic">{t('requests.detail.changeCurrentLocked')}</Text>)}
                </Table.Td>
                <Table.Td className="dk-pre">
                  {c.proposedTitle ? <Text fw={600} size="sm">{c.proposedTitle}</Text> : null}
                  {(c.proposedValue !== null && c.field ? fieldText(t, c.field, c.proposedValue) : c.proposedValue) ?? t('requests.detail.changeEmpty')}
                </Table.Td>
                <Table.Td>{t(`requests.ground.${c.ground}`)}</Table.Td>
                <Table.Td>
                  {c.accepted === null ? '—' : (
                    <Badge color={c.accepted ? 'ok' : 'danger'} variant="light">{c.accepted ? t('requests.detail.changeAccepted') : t('requests.detail.changeRejected')}</Badge>
                  )}
                  {c.appliedAt ? <Text size="xs" c="dimmed">{t('requests.detail.changeApplied', { date: formatDate(c.appliedAt) })}</Text> : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
