import { useState, type FormEvent } from 'react';
import { Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconEdit, IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { dataCategories, participantFields, type ParticipantField } from '../../../../core/api/categories.ts';
import { useApiMutation } from '../../../api/query.ts';
import { dossierChanged } from '../dossierQueries.ts';
import { showSuccess } from '../../../components/notify.ts';
import { useAction } from '../../../components/useAction.ts';
import { fieldText, formatBirthDate } from '../../../components/format.ts';
import { CategoryLegend, ParticipantFieldsForm, categoriesInOrder, fieldErrors, toInput, valuesFrom, type FieldValues } from '../fields.tsx';
import { ShieldedMark } from '../../shielding/ShieldedMark.tsx';
import type { TabProps } from '../DossierView.tsx';
import { FieldRights } from '../../requests/dossier/DossierRights.tsx';
import { FormActions } from '../../../components/FormActions.tsx';
import { useFocusFirstInvalid } from '../../../components/useFocusFirstInvalid.ts';

export function PersonalTab({ dossier, editable }: TabProps) {
  const { t } = useTranslation();
  const p = dossier.participant;
  const [editing, setEditing] = useState(false);

  function display(f: ParticipantField): string {
    const v = p[f];
    if (!v && dossier.specialHidden && dataCategories[participantFields[f].category].special) return t('personal.specialHiddenValue');
    if (!v) return '—';
    if (f === 'birthDate') return formatBirthDate(v, p.dossierNumber);
    return fieldText(t, f, v);
  }

  if (editing) return <EditPersonal dossier={dossier} onDone={() => setEditing(false)} />;

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {p.source === 'commissioner' ? t('personal.sourceCommissioner', { note: p.sourceNote ?? '' }) : t('personal.sourceParticipant')}
        </Text>
        {editable ? <Button leftSection={<IconEdit size={16} />} variant="light" onClick={() => setEditing(true)}>{t('personal.edit')}</Button> : null}
      </Group>
      {categoriesInOrder().map(({ category, fields }) => (
        <Paper key={category} withBorder p="md" radius="md" component="section" style={dataCategories[category].special ? { borderColor: '#c92a2a', borderWidth: 2 } : undefined}>
          <Text component="h2" size="md" mb="sm"><CategoryLegend category={category} /></Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" verticalSpacing="xs" component="dl" m={0}>
            {fields.map((f) => (
              <div key={f}>
                <Text component="dt" size="xs" c="dimmed" fw={600}>{t(`fields.${f}`)}</Text>
                <Text component="dd" m={0} className="dk-pre">
                  {display(f)}
                  {(f === 'phone' && p.phoneSecret) || (f === 'email' && p.emailSecret) ? (
                    <Badge ml="xs" size="xs" color="gray.8" variant="outline" leftSection={<IconEyeOff size={10} aria-hidden />}>{t('personal.secret')}</Badge>
                  ) : null}
                  <FieldRights dossier={dossier} field={f} />
                  <ShieldedMark on={dossier.shieldedFromOthers.whole || dossier.shieldedFromOthers.fields.includes(f)} />
                </Text>
              </div>
            ))}
          </SimpleGrid>
        </Paper>
      ))}
    </Stack>
  );
}

function EditPersonal({ dossier, onDone }: Pick<TabProps, 'dossier'> & { onDone: () => void }) {
  const { t } = useTranslation();
  const p = dossier.participant;
  const original = valuesFrom(p);
  const [values, setValues] = useState<FieldValues>(original);
  const [phoneSecret, setPhoneSecret] = useState(p.phoneSecret);
  const [emailSecret, setEmailSecret] = useState(p.emailSecret);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const formRef = useFocusFirstInvalid<HTMLFormElement>(errors);
  const { busy, error, run } = useAction();
  const update = useApiMutation('dossiers.update', { invalidates: dossierChanged });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = toInput(values);
    const before = toInput(original);
    const changes: Record<string, unknown> = {};
    for (const k of Object.keys(next) as ParticipantField[]) if (next[k] !== before[k]) changes[k] = next[k];
    if (phoneSecret !== p.phoneSecret) changes.phoneSecret = phoneSecret;
    if (emailSecret !== p.emailSecret) changes.emailSecret = emailSecret;
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    await run(async () => {
      await update.mutateAsync({ participantId: p.id, changes: changes as never, reason: reason.trim() || null });
      showSuccess(t('personal.saved'));
      onDone();
    }, (err) => setErrors(fieldErrors(err)));
  }

  return (
    <form onSubmit={submit} noValidate ref={formRef}>
      <Stack maw={900}>
        <ParticipantFieldsForm specialHidden={dossier.specialHidden}
          values={values}
          onChange={(f, v) => setValues((old) => ({ ...old, [f]: v }))}
          errors={errors}
          extra={{
            phone: <Checkbox size="sm" label={t('fields.phoneSecret')} checked={phoneSecret} onChange={(e) => setPhoneSecret(e.currentTarget.checked)} />,
            email: <Checkbox size="sm" label={t('fields.emailSecret')} checked={emailSecret} onChange={(e) => setEmailSecret(e.currentTarget.checked)} />,
          }}
        />
        <TextInput label={t('personal.reason')} description={t('personal.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <FormActions error={error} onCancel={onDone} submitLabel={t('common.save')} busy={busy} />
      </Stack>
    </form>
  );
}
