// R34: the term may be extended with a reason and a notice to the requester, never past three
// months after receipt; the service refuses that with its own Dutch message, shown here.
import { useState, type FormEvent } from 'react';
import { Button, Group, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRequestStep } from '../useRequestStep.ts';
import { showSuccess } from '../../../components/notify.ts';
import { today } from '../../../components/format.ts';
import { Section } from '../../dossiers/RowList.tsx';
import { useAction } from '../../../components/useAction.ts';
import type { PanelProps } from '../types.ts';
import { FormActions } from '../../../components/FormActions.tsx';
import { DateField } from '../../../components/DateField.tsx';

export function ExtendPanel({ detail, canHandle }: PanelProps) {
  const extend = useRequestStep('requests.extend');
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [noticeOn, setNoticeOn] = useState(today());
  const [extendedTo, setExtendedTo] = useState('');
  const { busy, error, setError, run } = useAction();
  if (!canHandle || !detail.actions.includes('extend')) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 10 || !noticeOn || !extendedTo) {
      setError(t('form.fillRequired'));
      return;
    }
    await run(async () => {
      await extend({ requestId: detail.request.id, reason: reason.trim(), noticeOn, extendedTo });
      showSuccess(t('requests.detail.extendedDone'));
      setOpen(false);
    });
  }

  return (
    <Section title={t('requests.detail.extend')}>
      <Stack>
        <Text size="sm">{t('requests.detail.extendIntro')}</Text>
        {!open ? (
          <Group><Button variant="light" leftSection={<IconCalendarPlus size={16} />} onClick={() => setOpen(true)}>{t('requests.detail.extend')}</Button></Group>
        ) : null}
        {open ? (
          <form onSubmit={submit} noValidate data-testid="extend-form">
            <Stack gap="sm">
              <Textarea label={t('requests.detail.extendReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required />
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <DateField label={t('requests.detail.noticeOn')} value={noticeOn} maxDate={today()} onChange={setNoticeOn} required />
                <DateField label={t('requests.detail.extendedTo')} value={extendedTo} minDate={detail.request.dueOn} onChange={setExtendedTo} required />
              </SimpleGrid>
              <FormActions error={error} onCancel={() => setOpen(false)} submitLabel={t('requests.detail.extendSubmit')} busy={busy} />
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Section>
  );
}
