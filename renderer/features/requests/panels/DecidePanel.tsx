// The decision (R20, R23, R32): granted, partly or refused; a refusal states its reasons; an
// exception refers to the board's decision; a correction decides per requested change.
import { useState, type FormEvent } from 'react';
import { Alert, Checkbox, Group, Radio, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RequestOutcome } from '../../../../core/requests/contract.ts';
import { useRequestStep } from '../useRequestStep.ts';
import { showSuccess } from '../../../components/notify.ts';
import { formatDate } from '../../../components/format.ts';
import { Section } from '../../dossiers/RowList.tsx';
import { useAction } from '../../../components/useAction.ts';
import type { PanelProps } from '../types.ts';
import { useChangeLabel } from './ChangesPanel.tsx';
import { FormActions } from '../../../components/FormActions.tsx';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';

type Outcome = (typeof RequestOutcome.options)[number];

/** The outcome that matches the decisions per change: all, some or none granted. */
function outcomeOf(decisions: Record<number, boolean>): Outcome | null {
  const v = Object.values(decisions);
  if (v.length === 0) return null;
  return v.every(Boolean) ? 'granted' : v.some(Boolean) ? 'partlyGranted' : 'refused';
}

export function DecidePanel({ detail, canHandle }: PanelProps) {
  const decideRequest = useRequestStep('requests.decide');
  const { t } = useTranslation();
  const r = detail.request;
  const labelOf = useChangeLabel();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reasons, setReasons] = useState('');
  const [exception, setException] = useState(false);
  const [decisions, setDecisions] = useState<Record<number, boolean>>({});
  const [confirming, setConfirming] = useState(false);
  const { busy, error, setError, run } = useAction();

  if (r.outcome) {
    return (
      <Section title={t('requests.detail.decision')}>
        <Alert color={r.outcome === 'refused' ? 'danger' : r.outcome === 'granted' ? 'ok' : 'warn'} variant="light" data-testid="decision-done">
          <Text size="sm" fw={600}>{t('requests.detail.decisionDone', { outcome: t(`requests.outcome.${r.outcome}`), date: formatDate(r.decidedOn), by: r.decidedBy })}</Text>
          {r.reasons ? <Text size="sm" className="dk-pre">{r.reasons}</Text> : null}
          {r.exception ? <Text size="sm">{t('requests.detail.decisionException')}</Text> : null}
        </Alert>
      </Section>
    );
  }
  if (!canHandle || !detail.actions.includes('decide')) return null;

  function decideChange(id: number, accepted: boolean) {
    const next = { ...decisions, [id]: accepted };
    setDecisions(next);
    if (Object.keys(next).length === detail.changes.length) setOutcome(outcomeOf(next));
  }

  // A decision cannot be changed once recorded (its letter goes out): asked once more, as carrying
  // it out is (issue 13). The service's refusals (reasons missing, no board decision) show in the form.
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!outcome) {
      setError(t('form.fillRequired'));
      return;
    }
    setConfirming(true);
  }

  async function decide() {
    if (!outcome) return;
    setConfirming(false);
    await run(async () => {
      await decideRequest({
        requestId: r.id,
        outcome,
        reasons: reasons.trim() || null,
        exception: outcome !== 'granted' && exception,
        changeDecisions: Object.entries(decisions).map(([changeId, accepted]) => ({ changeId: Number(changeId), accepted })),
      });
      showSuccess(t('requests.detail.decided'));
    });
  }

  return (
    <Section title={t('requests.detail.decide')}>
      <form onSubmit={submit} noValidate data-testid="decide-form">
        <Stack>
          {detail.changes.map((c, i) => (
            <Group key={c.id} justify="space-between" wrap="nowrap">
              <Text size="sm" id={`change-decision-${c.id}`}>
                {t('requests.detail.changeDecision', { n: i + 1 })}: <strong>{labelOf(c)}</strong> → {c.proposedValue ?? t('requests.detail.changeEmpty')}
              </Text>
              <SegmentedControl
                aria-labelledby={`change-decision-${c.id}`}
                value={c.id in decisions ? String(decisions[c.id]) : ''}
                onChange={(v) => decideChange(c.id, v === 'true')}
                data={[{ value: 'true', label: t('requests.detail.changeAccepted') }, { value: 'false', label: t('requests.detail.changeRejected') }]}
              />
            </Group>
          ))}
          <Radio.Group label={t('requests.detail.outcome')} value={outcome ?? ''} onChange={(v) => setOutcome(v as Outcome)} required>
            <Group mt={6}>
              {RequestOutcome.options.map((o) => <Radio key={o} value={o} label={t(`requests.outcome.${o}`)} />)}
            </Group>
          </Radio.Group>
          <Textarea
            label={t('requests.detail.reasons')}
            description={t('requests.detail.reasonsHelp')}
            value={reasons}
            onChange={(e) => setReasons(e.currentTarget.value)}
            autosize
            minRows={2}
            required={outcome !== null && outcome !== 'granted'}
          />
          {outcome && outcome !== 'granted' ? (
            <Checkbox label={t('requests.detail.exception')} checked={exception} onChange={(e) => setException(e.currentTarget.checked)} />
          ) : null}
          <FormActions error={error} submitLabel={t('requests.detail.decideSubmit')} busy={busy} />
        </Stack>
      </form>
      <ConfirmDialog opened={confirming} title={t('requests.detail.decideSubmit')} confirmLabel={t('requests.detail.confirm')} onConfirm={() => void decide()} onCancel={() => setConfirming(false)} busy={busy}>
        <Text size="sm">{t('requests.detail.decideConfirm', { outcome: outcome ? t(`requests.outcome.${outcome}`) : '' })}</Text>
      </ConfirmDialog>
    </Section>
  );
}
