import { useState, type FormEvent } from 'react';
import { Checkbox, Fieldset, Radio, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { navigate } from '../../state/router.ts';
import { showSuccess } from '../../components/notify.ts';
import { useAction } from '../../components/useAction.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ParticipantFieldsForm, emptyValues, fieldErrors, toInput, type FieldValues } from './fields.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { useFocusFirstInvalid } from '../../components/useFocusFirstInvalid.ts';

export function NewParticipant() {
  const { t } = useTranslation();
  const [values, setValues] = useState<FieldValues>(emptyValues);
  const [phoneSecret, setPhoneSecret] = useState(false);
  const [emailSecret, setEmailSecret] = useState(false);
  const [source, setSource] = useState<'participant' | 'commissioner'>('participant');
  const [sourceNote, setSourceNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const { busy, error, run } = useAction();
  const formRef = useFocusFirstInvalid<HTMLFormElement>(errors);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!values.firstName.trim()) missing.firstName = t('form.required');
    if (!values.lastName.trim()) missing.lastName = t('form.required');
    if (source === 'commissioner' && !sourceNote.trim()) missing.sourceNote = t('form.required');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    await run(async () => {
      const input = toInput(values);
      const res = await call('dossiers.create', {
        ...input,
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        gender: (input.gender as 'female' | 'male' | 'other' | 'unknown' | null),
        phoneSecret,
        emailSecret,
        source,
        sourceNote: source === 'commissioner' ? sourceNote.trim() : null,
      });
      showSuccess(t('newParticipant.created', { number: res.dossierNumber }));
      navigate(`/dossiers/${res.participantId}`);
    }, (err) => setErrors(fieldErrors(err)));
  }

  return (
    <form onSubmit={submit} noValidate ref={formRef}>
      <PageHeader title={t('newParticipant.title')} description={t('newParticipant.subtitle')} />
      <Stack maw={900}>
        <Fieldset legend={t('newParticipant.source')} radius="md">
          <Radio.Group value={source} onChange={(v) => setSource(v === 'commissioner' ? 'commissioner' : 'participant')} label={t('newParticipant.sourceQuestion')}>
            <Stack gap="xs" mt="xs">
              <Radio value="participant" label={t('newParticipant.sourceParticipant')} />
              <Radio value="commissioner" label={t('newParticipant.sourceCommissioner')} />
            </Stack>
          </Radio.Group>
          {source === 'commissioner' ? (
            <TextInput
              mt="sm"
              label={t('newParticipant.sourceNote')}
              description={t('newParticipant.sourceNoteHelp')}
              value={sourceNote}
              onChange={(e) => setSourceNote(e.currentTarget.value)}
              error={errors.sourceNote}
              required
            />
          ) : null}
        </Fieldset>
        <ParticipantFieldsForm
          values={values}
          onChange={(f, v) => setValues((old) => ({ ...old, [f]: v }))}
          errors={errors}
          extra={{
            phone: <Checkbox size="sm" label={t('fields.phoneSecret')} checked={phoneSecret} onChange={(e) => setPhoneSecret(e.currentTarget.checked)} />,
            email: <Checkbox size="sm" label={t('fields.emailSecret')} checked={emailSecret} onChange={(e) => setEmailSecret(e.currentTarget.checked)} />,
          }}
        />
        <FormActions error={error} onCancel={() => navigate('/dossiers')} submitLabel={t('newParticipant.submit')} busy={busy} />
      </Stack>
    </form>
  );
}
