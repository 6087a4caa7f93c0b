// The state badges of the retention page: a batch (proposed, waiting, ready…) and a legal hold.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format.ts';
import type { Batch, Hold } from './labels.ts';

/** A batch's state: proposed, approved and waiting until a date, ready, cancelled, carried out. */
export function BatchStatusBadge({ batch }: { batch: Batch }) {
  const { t } = useTranslation();
  const [color, text] = batch.status === 'proposed' ? ['warn', t('retention.batches.proposed')]
    : batch.status === 'approved' && batch.cancellable ? ['kluis', t('retention.batches.waiting', { date: formatDate(batch.executableOn) })]
      : batch.status === 'approved' ? ['danger', t('retention.batches.ready')]
        : batch.status === 'cancelled' ? ['gray.7', t('retention.batches.cancelled')]
          : ['ok', t('retention.batches.executed')];
  return <Badge variant="light" color={color} data-testid="batch-status">{text}</Badge>;
}

/** A hold's state: in force, lifted, or past its last day. */
export function HoldStateBadge({ hold }: { hold: Hold }) {
  const { t } = useTranslation();
  const [color, text] = hold.active ? ['warn', t('retention.holds.active')] : hold.liftedAt ? ['gray.7', t('retention.holds.lifted')] : ['gray.7', t('retention.holds.expired')];
  return <Badge variant="light" color={color}>{text}</Badge>;
}
