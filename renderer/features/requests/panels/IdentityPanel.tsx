// R33: how the identity was verified, by whom and against which data, before any content.
import { useState, type FormEvent } from 'react';
import { Alert, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { IconId } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { IdentityMethod } from '../../../../core/requests/contract.ts';
import { useRequestStep } from '../useRequestStep.ts';
import { showSuccess } from '../../../components/notify.ts';
import { formatDate, today } from '../../../components/format.ts';
import { Section } from '../../dossiers/RowList.tsx';
import { useAction } from '../../../components/useAction.ts';
import type { PanelProps } from '../types.ts';
import { FormActions } from '../../../components/FormActions.tsx';
import { DateField } from '../../../components/DateField.tsx';

type Method = (typeof IdentityMethod.options)[number];

export function IdentityPanel({ detail, canHandle }: PanelProps) {
  const verifyIdentity = useRequestStep('requests.verifyIdentity');
  const { t } = useTranslation();
  const r = detail.request;
  const [method, setMethod] = useState<Method | null>(null);
  const [against, setAgainst] = useState('');
  const [on, setOn] = useState(today());
  const { busy, error, setError, run } = useAction();

  if (r.identityMethod) {
    return (
      <Section title={t('requests.detail.identity')}>
        <Alert color="ok" variant="light" icon={<IconId size={18} />} data-testid="identity-done">
          <Text size="sm">{t('requests.detail.identityDone', { date: formatDate(r.identityVerifiedOn), by: r.identityVerifiedBy, method: t(`requests.identityMethod.${r.identityMethod}`) })}</Text>
          <Text size="sm">{t('requests.detail.identityAgainst', { text: r.identityCheckedAgainst })}</Text>
        </Alert>
      </Section>
    );
  }
  if (!detail.actions.includes('verifyIdentity') || !canHandle) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!method || against.trim().length < 3) {
      setError(t('form.fillRequired'));
      return;
    }
    await run(async () => {
      await verifyIdentity({ requestId: r.id, method, checkedAgainst: against.trim(), verifiedOn: on });
      showSuccess(t('requests.detail.verified'));
    });
  }

  return (
    <Section title={t('requests.detail.identity')}>
      <form onSubmit={submit} noValidate data-testid="identity-form">
        <Stack>
          <Text size="sm">{t('requests.detail.identityIntro')}</Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Select
              label={t('requests.detail.identityMethod')}
              required
              data={IdentityMethod.options.map((m) => ({ value: m, label: t(`requests.identityMethod.${m}`) }))}
              value={method}
              onChange={(v) => setMethod(v as Method | null)}
            />
            <DateField label={t('requests.detail.verifiedOn')} value={on} maxDate={today()} onChange={setOn} required />
          </SimpleGrid>
          <Textarea label={t('requests.detail.checkedAgainst')} description={t('requests.detail.checkedAgainstHelp')} value={against} onChange={(e) => setAgainst(e.currentTarget.value)} autosize minRows={2} required />
          <FormActions error={error} submitLabel={t('requests.detail.verify')} busy={busy} />
        </Stack>
      </form>
    </Section>
  );
}
