// What a verwijdering asks to erase (R28, R29): per item a participant field, a journal entry or a
// document with its erasure ground and no value; or the whole dossier ("vergetelheid"), which
// covers everything and so stands alone. No items at all is allowed: the request is then handled by hand.
import { Button, Checkbox, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { participantFieldNames, type ParticipantField } from '../../../core/api/categories.ts';
import { ErasureGround } from '../../../core/requests/contract.ts';
import type { In, Out } from '../../api/client.ts';
import { formatDate } from '../../components/format.ts';
import { IntakeItem } from './IntakeItem.tsx';

type Ground = (typeof ErasureGround.options)[number];
type Dossier = Pick<Out<'dossiers.get'>, 'entries' | 'documents'>;
type Change = NonNullable<In<'requests.intake'>['changes']>[number];
export interface ErasureDraft { key: number; target: 'field' | 'entry' | 'document'; field: ParticipantField | null; entryId: string | null; documentId: string | null; ground: Ground }
export interface ErasureState { forget: boolean; forgetGround: Ground; items: ErasureDraft[] }

// A dossier needs a name (core/retention/erase.ts REQUIRED_FIELDS): these are not offered; the service refuses them too.
const ERASURE_TARGETS = ['field', 'entry', 'document'] as const;
const ERASABLE_FIELDS = participantFieldNames.filter((f) => f !== 'firstName' && f !== 'lastName');
let nextKey = 1;
const newItem = (): ErasureDraft => ({ key: nextKey++, target: 'field', field: null, entryId: null, documentId: null, ground: 'consentWithdrawn' });
export const emptyErasure = (): ErasureState => ({ forget: false, forgetGround: 'consentWithdrawn', items: [] });

/** The intake's changes for this state, or null when an item does not yet name what it erases. */
export function erasureChanges(s: ErasureState): Change[] | null {
  if (s.forget) return [{ target: 'dossier', ground: s.forgetGround }];
  if (s.items.some((i) => (i.target === 'field' ? !i.field : i.target === 'entry' ? !i.entryId : !i.documentId))) return null;
  return s.items.map((i): Change => (i.target === 'field' ? { target: 'field', field: i.field!, proposedValue: null, ground: i.ground }
    : i.target === 'entry' ? { target: 'entry', entryId: Number(i.entryId), proposedTitle: null, proposedValue: null, ground: i.ground }
      : { target: 'document', documentId: Number(i.documentId), ground: i.ground }));
}

/** dossier: the participant's dossier as the intake read it (null while it loads or without a participant). */
export function ErasureItems({ value, onChange, dossier }: { value: ErasureState; onChange: (s: ErasureState) => void; dossier: Dossier | null }) {
  const { t } = useTranslation();
  const grounds = ErasureGround.options.map((g) => ({ value: g, label: t(`requests.ground.${g}`) }));
  const update = (key: number, patch: Partial<ErasureDraft>) => onChange({ ...value, items: value.items.map((i) => (i.key === key ? { ...i, ...patch } : i)) });
  const groundSelect = (ground: Ground, set: (g: Ground) => void) => (
    <Select label={t('requests.intake.changeGround')} data={grounds} value={ground} allowDeselect={false} onChange={(v) => v && set(v as Ground)} w={300} required />
  );

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="intake-erasure">
      <Text component="h2" id="intake-erasure" fw={600} size="lg">{t('requests.intake.erasure')}</Text>
      <Text size="sm" c="dimmed" mb="sm">{t('requests.intake.erasureHelp')}</Text>
      <Stack>
        <Checkbox label={t('requests.intake.forget')} checked={value.forget} onChange={(e) => onChange({ ...value, forget: e.currentTarget.checked })} data-testid="intake-forget" />
        {value.forget ? (
          <>
            <Text size="sm" data-testid="intake-forget-note">{t('requests.intake.forgetNote')}</Text>
            {groundSelect(value.forgetGround, (g) => onChange({ ...value, forgetGround: g }))}
          </>
        ) : (
          <>
            {value.items.map((it, i) => (
              <IntakeItem
                key={it.key} legend={t('requests.intake.erasureN', { n: i + 1 })} testId="intake-erasure-item"
                targets={ERASURE_TARGETS} target={it.target} onTarget={(target) => update(it.key, { target })}
                ground={groundSelect(it.ground, (g) => update(it.key, { ground: g }))}
                removeLabel={t('requests.intake.removeErasure', { n: i + 1 })} onRemove={() => onChange({ ...value, items: value.items.filter((x) => x.key !== it.key) })}
              >
                  {it.target === 'field' ? (
                    <Select label={t('requests.intake.field')} required searchable data={ERASABLE_FIELDS.map((f) => ({ value: f, label: t(`fields.${f}`) }))} value={it.field} onChange={(v) => update(it.key, { field: v as ParticipantField | null })} />
                  ) : it.target === 'entry' ? (
                    <Select
                      label={t('requests.intake.entry')} placeholder={t('requests.intake.entryPlaceholder')} required searchable disabled={!dossier}
                      nothingFoundMessage={t('requests.intake.entryNone')}
                      data={(dossier?.entries ?? []).map((en) => ({ value: String(en.id), label: `${en.title} — ${formatDate(en.entryDate)}` }))}
                      value={it.entryId} onChange={(v) => update(it.key, { entryId: v })}
                    />
                  ) : (
                    <Select
                      label={t('requests.intake.document')} placeholder={t('requests.intake.documentPlaceholder')} required searchable disabled={!dossier}
                      nothingFoundMessage={t('requests.intake.documentNone')}
                      data={(dossier?.documents ?? []).map((d) => ({ value: String(d.id), label: d.fileName }))}
                      value={it.documentId} onChange={(v) => update(it.key, { documentId: v })}
                    />
                  )}
              </IntakeItem>
            ))}
            {value.items.length === 0 ? <Text size="sm" c="dimmed">{t('requests.intake.erasureNone')}</Text> : null}
            <Group>
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => onChange({ ...value, items: [...value.items, newItem()] })}>{t('requests.intake.addErasure')}</Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
