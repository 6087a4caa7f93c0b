// The participant fields, grouped by data category (core/api/categories.ts). Special categories
// (AVG art. 9) are marked visibly wherever they are shown or edited.
import type { ReactNode } from 'react';
import { Badge, Fieldset, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { dataCategories, participantFields, participantFieldNames, type DataCategory, type ParticipantField } from '../../../core/api/categories.ts';
import { ApiCallError } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { today } from '../../components/format.ts';

export type FieldValues = Record<ParticipantField, string>;

const longFields = new Set<ParticipantField>(['livingSituation', 'familySituation', 'financialSituation', 'workHistory', 'workCapabilities', 'medicalNotes', 'disability']);
const required = new Set<ParticipantField>(['firstName', 'lastName']);

export function emptyValues(): FieldValues {
  return Object.fromEntries(participantFieldNames.map((f) => [f, ''])) as FieldValues;
}

export function valuesFrom(p: Record<ParticipantField, string | null>): FieldValues {
  return Object.fromEntries(participantFieldNames.map((f) => [f, p[f] ?? ''])) as FieldValues;
}

/** The form's strings as API input: empty optional fields become null. */
export function toInput(v: FieldValues): Record<ParticipantField, string | null> {
  return Object.fromEntries(participantFieldNames.map((f) => [f, v[f].trim() === '' ? (required.has(f) ? '' : null) : v[f].trim()])) as Record<ParticipantField, string | null>;
}

export function categoriesInOrder(): { category: DataCategory; fields: ParticipantField[] }[] {
  const out: { category: DataCategory; fields: ParticipantField[] }[] = [];
  for (const f of participantFieldNames) {
    const c = participantFields[f].category;
    const group = out.find((g) => g.category === c);
    if (group) group.fields.push(f);
    else out.push({ category: c, fields: [f] });
  }
  return out;
}

/** Field errors from an input.invalid answer, keyed by the last path segment. */
export function fieldErrors(e: unknown): Partial<Record<string, string>> {
  if (!(e instanceof ApiCallError) || !e.error.issues) return {};
  const out: Record<string, string> = {};
  for (const i of e.error.issues) {
    const key = i.path.split('.').pop() ?? i.path;
    out[key] = i.message;
  }
  return out;
}

export function CategoryLegend({ category }: { category: DataCategory }) {
  const { i18n } = useTranslation();
  const c = dataCategories[category];
  return (
    <Group gap="xs" component="span">
      <Text component="span" fw={600}>{i18n.language === 'en' ? c.en : c.nl}</Text>
      {c.special ? <SpecialBadge /> : null}
    </Group>
  );
}

export function SpecialBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('categories.specialHelp')} multiline w={280}>
      <Badge color="danger" variant="filled" size="sm" leftSection={<IconAlertOctagon size={12} aria-hidden />} data-testid="special-badge">
        {t('categories.special')}
      </Badge>
    </Tooltip>
  );
}

export function FieldInput({ field, value, onChange, error }: { field: ParticipantField; value: string; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  const label = t(`fields.${field}`);
  const description = t('fields.purpose', { purpose: participantFields[field].purpose });
  const common = { label, description, value, error, required: required.has(field), 'data-field': field };
  if (field === 'gender') {
    return (
      <Select
        {...common}
        clearable
        data={(['female', 'male', 'other', 'unknown'] as const).map((g) => ({ value: g, label: t(`gender.${g}`) }))}
        onChange={(v) => onChange(v ?? '')}
        value={value || null}
      />
    );
  }
  if (longFields.has(field)) return <Textarea {...common} autosize minRows={2} maxRows={8} onChange={(e) => onChange(e.currentTarget.value)} />;
  if (field === 'birthDate') return <DateField {...common} maxDate={today()} onChange={onChange} />;
  const type = field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text';
  return <TextInput {...common} type={type} onChange={(e) => onChange(e.currentTarget.value)} />;
}

/** All fields, one fieldset per category. `extra` adds controls after a field (secret checkboxes). */
export function ParticipantFieldsForm({ values, onChange, errors, extra, specialHidden = false }: {
  values: FieldValues;
  onChange: (f: ParticipantField, v: string) => void;
  errors: Partial<Record<string, string>>;
  extra?: Partial<Record<ParticipantField, ReactNode>>;
  /** Special categories are not shown to this viewer (R01): no inputs for them. */
  specialHidden?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Stack>
      {categoriesInOrder().map(({ category, fields }) => dataCategories[category].special && specialHidden ? (
        <Fieldset key={category} legend={<CategoryLegend category={category} />} radius="md"><Text size="sm" c="dimmed">{t('personal.specialHiddenValue')}</Text></Fieldset>
      ) : (
        <Fieldset key={category} legend={<CategoryLegend category={category} />} radius="md" style={dataCategories[category].special ? { borderColor: '#c92a2a' } : undefined}>
          <SimpleGrid cols={{ base: 1, md: fields.some((f) => longFields.has(f)) ? 1 : 2 }}>
            {fields.map((f) => (
              <Stack key={f} gap={4}>
                <FieldInput field={f} value={values[f]} onChange={(v) => onChange(f, v)} error={errors[f]} />
                {extra?.[f]}
              </Stack>
            ))}
          </SimpleGrid>
        </Fieldset>
      ))}
    </Stack>
  );
}
