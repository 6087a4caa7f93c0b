// The dossier's retention term in one line (R40, R41, R45): until when it is kept and why, the last
// contact, and an active legal hold. Only for roles that read the retention schedule.
import { Badge, Group, Paper, Text } from '@mantine/core';
import { IconHourglass } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/query.ts';
import { formatDate, today } from '../../components/format.ts';
import { lastContactText, termReason } from './labels.ts';

export function DossierTermLine({ participantId }: { participantId: number }) {
  const { t } = useTranslation();
  const query = useApi('retention.term', { participantId });
  // A small line beside the dossier: while reading or when refused it stays out of the way.
  const term = query.data;
  if (!term) return null;
  const reason = termReason(t, term);
  // Ended also while a hold keeps it (then `due` is false): the date has passed either way.
  const ended = term.due || (term.until !== null && term.until <= today());
  const main = term.until === null
    ? t(`retention.term.${term.open ?? 'dossierOpen'}`)
    : `${t(ended ? 'retention.term.dueSince' : 'retention.term.until', { date: formatDate(term.until) })}${reason ? ` (${reason})` : ''}`;
  const hold = term.holds.find((h) => h.active);
  return (
    <Paper withBorder radius="md" px="md" py="xs" data-testid="dossier-term">
      <Group gap="sm" wrap="wrap">
        <IconHourglass size={16} aria-hidden />
        <Text size="sm" fw={600}>{t('retention.term.title')}:</Text>
        <Text size="sm" data-testid="dossier-term-text">{main}</Text>
        <Text size="sm" c="dimmed">· {lastContactText(t, term.lastContact)}</Text>
        {hold ? (
          <Group gap={6} wrap="nowrap" data-testid="dossier-term-hold">
            <Badge variant="light" color="warn">{t('retention.term.hold')}</Badge>
            <Text size="sm">{hold.untilDate ? t('retention.term.holdUntil', { until: formatDate(hold.untilDate), reason: hold.reason }) : t('retention.term.holdText', { date: formatDate(hold.placedAt), reason: hold.reason })}</Text>
          </Group>
        ) : null}
      </Group>
    </Paper>
  );
}
