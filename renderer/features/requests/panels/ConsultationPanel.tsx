// R22: before inzage or a copy, third parties named in the dossier are asked; their objection can
// shield those parts from the copy.
import { useState, type FormEvent } from 'react';
import { Badge, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ConsultationAnswer } from '../../../../core/requests/contract.ts';
import { useApi } from '../../../api/query.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { showSuccess } from '../../../components/notify.ts';
import { formatDate, today } from '../../../components/format.ts';
import { Section } from '../../dossiers/RowList.tsx';
import { parseTargetKey, TargetPicker, useTargetLabel } from '../shared.tsx';
import { useAction } from '../../../components/useAction.ts';
import { useRequestStep } from '../useRequestStep.ts';
import type { Detail, PanelProps } from '../types.ts';
import { FormActions } from '../../../components/FormActions.tsx';
import { DateField } from '../../../components/DateField.tsx';

type Answer = Exclude<(typeof ConsultationAnswer.options)[number], 'pending'>;
type Consultation = Detail['consultations'][number];
const answerColor: Record<string, string> = { pending: 'warn', agreed: 'ok', objected: 'danger', unreachable: 'gray.7' };

function AnswerForm({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  const answerConsultation = useRequestStep('requests.answerConsultation');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [on, setOn] = useState(today());
  const [withhold, setWithhold] = useState(false);
  const [note, setNote] = useState('');
  const { busy, error, setError, run } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!answer) {
      setError(t('form.fillRequired'));
      return;
    }
    await run(async () => {
      await answerConsultation({ consultationId: c.id, answer, answeredOn: on, withhold, note: note.trim() || null });
      showSuccess(t('requests.detail.answered'));
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('requests.detail.consultAnswerFor', { name: c.thirdParty })}>
      <Stack gap="xs" mt="xs">
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Select
            label={t('requests.detail.answer')}
            required
            data={ConsultationAnswer.options.filter((a) => a !== 'pending').map((a) => ({ value: a, label: t(`requests.consultationAnswer.${a}`) }))}
            value={answer}
            onChange={(v) => {
              setAnswer(v as Answer | null);
              if (v === 'objected') setWithhold(true);
            }}
          />
          <DateField label={t('requests.detail.answeredOn')} value={on} maxDate={today()} onChange={setOn} required />
        </SimpleGrid>
        <Checkbox label={t('requests.detail.withhold')} checked={withhold} onChange={(e) => setWithhold(e.currentTarget.checked)} />
        <Textarea label={t('requests.detail.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
        <FormActions error={error} submitLabel={t('requests.detail.answerSave')} size="sm" busy={busy} />
      </Stack>
    </form>
  );
}

function NewConsultation({ requestId, onDone }: { requestId: number; onDone: () => void }) {
  const { t } = useTranslation();
  // The parts to ask about are picked from the dossier as the request may show it (an audited read).
  const content = useApi('requests.content', { requestId });
  const consult = useRequestStep('requests.consult');
  const [thirdParty, setThirdParty] = useState('');
  const [targets, setTargets] = useState<string[]>([]);
  const [askedOn, setAskedOn] = useState(today());
  const { busy, error, setError, run } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!thirdParty.trim() || targets.length === 0) {
      setError(t('form.fillRequired'));
      return;
    }
    await run(async () => {
      await consult({ requestId, thirdParty: thirdParty.trim(), targets: targets.map(parseTargetKey), askedOn, answer: 'pending', withhold: false, note: null });
      showSuccess(t('requests.detail.consulted'));
      onDone();
    });
  }

  return (
    <Paper withBorder p="md" radius="sm">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput label={t('requests.detail.thirdParty')} value={thirdParty} onChange={(e) => setThirdParty(e.currentTarget.value)} required data-autofocus />
            <DateField label={t('requests.detail.askedOn')} value={askedOn} maxDate={today()} onChange={setAskedOn} required />
          </SimpleGrid>
          <QueryState query={content} height={80}>
            {(c) => <TargetPicker dossier={c.dossier} value={targets} onChange={setTargets} label={t('requests.detail.consultTargets')} />}
          </QueryState>
          <FormActions error={error} onCancel={onDone} submitLabel={t('requests.detail.consultAdd')} busy={busy} />
        </Stack>
      </form>
    </Paper>
  );
}

export function ConsultationPanel({ detail, canHandle }: PanelProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const labelOf = useTargetLabel(null);
  const mayConsult = canHandle && detail.actions.includes('consult');

  return (
    <Section title={t('requests.detail.consult')}>
      <Stack>
        <Text size="sm">{t('requests.detail.consultIntro')}</Text>
        {detail.consultations.length === 0 ? <Text size="sm" c="dimmed">{t('requests.detail.consultNone')}</Text> : null}
        {detail.consultations.map((c) => (
          <Paper key={c.id} withBorder p="sm" radius="sm" data-testid="consultation">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600}>{c.thirdParty}</Text>
              <Group gap="xs">
                {c.withhold ? <Badge color="warn" variant="outline">{t('requests.detail.consultWithheld')}</Badge> : null}
                <Badge color={answerColor[c.answer]} variant={c.answer === 'pending' ? 'filled' : 'light'}>{t(`requests.consultationAnswer.${c.answer}`)}</Badge>
              </Group>
            </Group>
            <Text size="sm" c="dimmed">
              {t('requests.detail.askedOn')} {formatDate(c.askedOn)} ({c.askedBy}) · {c.targets.map(labelOf).join(', ')}
              {c.answeredOn ? ` · ${t('requests.detail.answeredOn')} ${formatDate(c.answeredOn)}` : ''}
            </Text>
            {c.note ? <Text size="sm" className="dk-pre">{c.note}</Text> : null}
            {c.answer === 'pending' && mayConsult ? <AnswerForm c={c} /> : null}
          </Paper>
        ))}
        {mayConsult ? (adding ? (
          <NewConsultation requestId={detail.request.id} onDone={() => setAdding(false)} />
        ) : (
          <Group><Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>{t('requests.detail.consultAdd')}</Button></Group>
        )) : null}
      </Stack>
    </Section>
  );
}
