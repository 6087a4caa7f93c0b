// R32: an exception to a right needs the board's decision on a ground from FT 4.4f. Only the
// board records it; the handler then decides the request as an exception.
import { useState, type FormEvent } from 'react';
import { Paper, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ExceptionGround } from '../../../../core/requests/contract.ts';
import { useRequestStep } from '../useRequestStep.ts';
import { can, useSession } from '../../../state/session.ts';
import { showSuccess } from '../../../components/notify.ts';
import { formatDate, today } from '../../../components/format.ts';
import { Section } from '../../dossiers/RowList.tsx';
import { useAction } from '../../../components/useAction.ts';
import { BEFORE_DECISION, type PanelProps } from '../types.ts';
import { FormActions } from '../../../components/FormActions.tsx';
import { DateField } from '../../../components/DateField.tsx';

type Ground = (typeof ExceptionGround.options)[number];

export function BoardPanel({ detail }: PanelProps) {
  const boardDecision = useRequestStep('requests.boardDecision');
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const isBoard = can(me, 'requests.boardDecide');
  const [ground, setGround] = useState<Ground | null>(null);
  const [decision, setDecision] = useState('');
  const [on, setOn] = useState(today());
  const { busy, error, setError, run } = useAction();
  const mayDecide = isBoard && BEFORE_DECISION.includes(detail.request.status);
  if (!mayDecide && detail.boardDecisions.length === 0) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ground || decision.trim().length < 10) {
      setError(t('requests.detail.reasonsHelp'));
      return;
    }
    await run(async () => {
      await boardDecision({ requestId: detail.request.id, ground, decision: decision.trim(), decidedOn: on });
      showSuccess(t('requests.detail.boardSaved'));
      setDecision('');
      setGround(null);
    });
  }

  return (
    <Section title={t('requests.detail.board')}>
      <Stack>
        <Text size="sm">{t('requests.detail.boardIntro')}</Text>
        {detail.boardDecisions.map((b) => (
          <Paper key={b.id} withBorder p="sm" radius="sm" data-testid="board-decision">
            <Text fw={600} size="sm">{t('requests.detail.boardItem', { date: formatDate(b.decidedOn), by: b.decidedBy, ground: t(`requests.exceptionGround.${b.ground}`) })}</Text>
            <Text size="sm" className="dk-pre">{b.decision}</Text>
          </Paper>
        ))}
        {mayDecide ? (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <Select
                  label={t('requests.detail.boardGround')}
                  required
                  data={ExceptionGround.options.map((g) => ({ value: g, label: t(`requests.exceptionGround.${g}`) }))}
                  value={ground}
                  onChange={(v) => setGround(v as Ground | null)}
                />
                <DateField label={t('requests.detail.boardDecidedOn')} value={on} maxDate={today()} onChange={setOn} required />
              </SimpleGrid>
              <Textarea label={t('requests.detail.boardDecision')} value={decision} onChange={(e) => setDecision(e.currentTarget.value)} autosize minRows={2} required />
              <FormActions error={error} submitLabel={t('requests.detail.boardSave')} busy={busy} />
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Section>
  );
}
