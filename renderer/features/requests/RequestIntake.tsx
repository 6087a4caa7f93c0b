// Intake of a data-subject request (R20, R23, R35): who asks (the participant or a legal
// representative), how and when it arrived, which of the eleven types, and for a correction or
// completion what must change per field or journal entry; for a verwijdering what is to be erased (ErasureItems).
import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { participantFieldNames, type ParticipantField } from '../../../core/api/categories.ts';
import { requestTypes, type RequestType } from '../../../core/policy/profile.ts';
import { CorrectionGround } from '../../../core/requests/contract.ts';
import { Channel } from '../../../core/statements/contract.ts';
import type { In } from '../../api/client.ts';
import { useApi, useApiMutation } from '../../api/query.ts';
import { navigate, useLocation } from '../../state/router.ts';
import { showSuccess } from '../../components/notify.ts';
import { formatDate, today } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useParticipantSearch } from '../dossiers/useParticipantSearch.ts';
import { useAction } from '../../components/useAction.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { DateField } from '../../components/DateField.tsx';
import { IntakeItem } from './IntakeItem.tsx';
import { ErasureItems, emptyErasure, erasureChanges } from './ErasureItems.tsx';

type Ground = (typeof CorrectionGround.options)[number];
type ChannelName = (typeof Channel.options)[number];
interface ChangeDraft { key: number; target: 'field' | 'entry'; field: ParticipantField | null; entryId: string | null; value: string; title: string; ground: Ground }

const CHANGE_TYPES: readonly RequestType[] = ['correctie', 'aanvulling'];
const CHANGE_TARGETS = ['field', 'entry'] as const;
let nextKey = 1;
const newChange = (): ChangeDraft => ({ key: nextKey++, target: 'field', field: null, entryId: null, value: '', title: '', ground: 'incorrect' });

/** Search-as-you-type for the participant, reusing the dossier search. */
function ParticipantPicker({ value, onChange, initialLabel }: { value: string | null; onChange: (id: string | null, label: string) => void; initialLabel?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(initialLabel ?? '');
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(value && initialLabel ? { value, label: initialLabel } : null);
  const { rows, q } = useParticipantSearch(chosen && search === chosen.label ? '' : search);
  const data = [
    ...(chosen ? [chosen] : []),
    ...rows.filter((r) => String(r.participantId) !== chosen?.value)
      .map((r) => ({ value: String(r.participantId), label: `${r.displayName ?? r.dossierNumber} — ${r.dossierNumber} (${formatDate(r.birthDate)})` })),
  ];
  return (
    <Select
      label={t('requests.intake.participant')}
      description={t('requests.intake.participantHelp')}
      placeholder={t('requests.intake.participantPlaceholder')}
      searchable
      required
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={q ? t('requests.intake.participantNothing') : undefined}
      onChange={(v, option) => {
        setChosen(v && option ? { value: v, label: option.label } : null);
        onChange(v, option?.label ?? '');
      }}
      data-testid="intake-participant"
    />
  );
}

export function RequestIntake() {
  const { t } = useTranslation();
  const loc = useLocation();
  const preset = loc.query.get('participant');
  const [picked, setParticipantId] = useState<string | null>(preset);
  const [requester, setRequester] = useState<'participant' | 'representative'>('participant');
  const [repName, setRepName] = useState('');
  const [repRelation, setRepRelation] = useState('');
  const [channel, setChannel] = useState<ChannelName>('letter');
  const [receivedOn, setReceivedOn] = useState(today());
  const [type, setType] = useState<RequestType | null>(null);
  const [description, setDescription] = useState('');
  const [changes, setChanges] = useState<ChangeDraft[]>([newChange()]);
  const [erasure, setErasure] = useState(emptyErasure);
  const { busy, error, setError, run } = useAction();
  const withChanges = type !== null && CHANGE_TYPES.includes(type);
  const isErasure = type === 'verwijdering';
  const needsEntries = (withChanges && changes.some((c) => c.target === 'entry')) || isErasure;

  // Opened from a dossier: show that participant as chosen (the dossier's read is in the cache
  // already). One that cannot be read is not chosen; the picker then starts empty.
  const presetRead = useApi('dossiers.get', { participantId: Number(preset) }, { enabled: preset !== null });
  const presetFailed = preset !== null && presetRead.isError;
  const participantId = presetFailed && picked === preset ? null : picked;
  const presetDossier = presetRead.data?.participant;
  const presetLabel = preset === null || presetFailed ? ''
    : presetDossier ? `${[presetDossier.firstName, presetDossier.lastNamePrefix, presetDossier.lastName].filter(Boolean).join(' ')} — ${presetDossier.dossierNumber}` : null;

  // The titles of the journal entries (and for an erasure the documents' file names), to name the item a
  // request concerns; none if the dossier cannot be read. The same query as the preset's: read once.
  const entriesRead = useApi('dossiers.get', { participantId: Number(participantId) }, { enabled: needsEntries && participantId !== null });
  const entries = entriesRead.data?.entries ?? (entriesRead.isError ? [] : null);
  const intake = useApiMutation('requests.intake', { invalidates: ['requests.list', 'requests.dashboard', 'objections.list'] });

  const update = (key: number, patch: Partial<ChangeDraft>) => setChanges((cs) => cs.map((c) => (c.key === key ? { ...c, ...patch } : c)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!participantId) {
      setError(t('requests.intake.pickParticipant'));
      return;
    }
    if (!type || !description.trim() || (requester === 'representative' && (!repName.trim() || !repRelation.trim()))) {
      setError(t('form.fillRequired'));
      return;
    }
    const erased = isErasure ? erasureChanges(erasure) : [];
    if (erased === null) {
      setError(t('form.fillRequired'));
      return;
    }
    const input: In<'requests.intake'> = {
      participantId: Number(participantId),
      type,
      requester: requester === 'participant' ? { kind: 'participant' } : { kind: 'representative', name: repName.trim(), relation: repRelation.trim() },
      channel,
      receivedOn,
      description: description.trim(),
      handlerId: null,
      changes: withChanges
        ? changes.map((c) => (c.target === 'field'
          ? { target: 'field' as const, field: c.field as ParticipantField, proposedValue: c.value.trim() || null, ground: c.ground }
          : { target: 'entry' as const, entryId: Number(c.entryId), proposedTitle: c.title.trim() || null, proposedValue: c.value.trim(), ground: c.ground }))
        : erased,
    };
    if (withChanges && changes.some((c) => (c.target === 'field' ? !c.field : !c.entryId || !c.value.trim()))) {
      setError(t('form.fillRequired'));
      return;
    }
    await run(async () => {
      const d = await intake.mutateAsync(input);
      showSuccess(t('requests.intake.registered'));
      navigate(`/requests/${d.request.id}`);
    });
  }

  const grounds = CorrectionGround.options.map((g) => ({ value: g, label: t(`requests.ground.${g}`) }));

  return (
    <Stack maw={900}>
      <PageHeader title={t('requests.intake.title')} description={t('requests.intake.subtitle')} />
      <form onSubmit={submit} noValidate>
        <Stack>
          <Paper withBorder p="md" radius="md">
            <Stack>
              {presetLabel === null ? null : (
                <ParticipantPicker key={presetLabel} value={participantId} initialLabel={presetLabel || undefined} onChange={(v) => setParticipantId(v)} />
              )}
              <Radio.Group label={t('requests.intake.requester')} value={requester} onChange={(v) => setRequester(v as typeof requester)} required>
                <Group mt={6}>
                  <Radio value="participant" label={t('requests.intake.requesterParticipant')} />
                  <Radio value="representative" label={t('requests.intake.requesterRepresentative')} />
                </Group>
              </Radio.Group>
              {requester === 'representative' ? (
                <SimpleGrid cols={{ base: 1, md: 2 }}>
                  <TextInput label={t('requests.intake.repName')} value={repName} onChange={(e) => setRepName(e.currentTarget.value)} required />
                  <TextInput label={t('requests.intake.repRelation')} description={t('requests.intake.repRelationHelp')} value={repRelation} onChange={(e) => setRepRelation(e.currentTarget.value)} required />
                </SimpleGrid>
              ) : null}
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <Select
                  label={t('requests.intake.type')}
                  required
                  searchable
                  data={requestTypes.map((rt) => ({ value: rt, label: t(`requests.type.${rt}`) }))}
                  value={type}
                  onChange={(v) => setType(v as RequestType | null)}
                  data-testid="intake-type"
                />
                <Select
                  label={t('requests.intake.channel')}
                  required
                  allowDeselect={false}
                  data={Channel.options.map((c) => ({ value: c, label: t(`requests.channel.${c}`) }))}
                  value={channel}
                  onChange={(v) => v && setChannel(v as ChannelName)}
                />
                <DateField label={t('requests.intake.receivedOn')} value={receivedOn} maxDate={today()} onChange={setReceivedOn} required />
              </SimpleGrid>
              <Textarea label={t('requests.intake.description')} description={t('requests.intake.descriptionHelp')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={3} required />
            </Stack>
          </Paper>
          {withChanges ? (
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="intake-changes">
              <Text component="h2" id="intake-changes" fw={600} size="lg">{t('requests.intake.changes')}</Text>
              <Text size="sm" c="dimmed" mb="sm">{t('requests.intake.changesHelp')}</Text>
              <Stack>
                {changes.map((c, i) => (
                  <IntakeItem
                    key={c.key}
                    legend={t('requests.intake.changeN', { n: i + 1 })}
                    testId="intake-change"
                    targets={CHANGE_TARGETS}
                    target={c.target}
                    onTarget={(target) => update(c.key, { target })}
                    ground={<Select label={t('requests.intake.changeGround')} data={grounds} value={c.ground} allowDeselect={false} onChange={(v) => v && update(c.key, { ground: v as Ground })} w={260} />}
                    removeLabel={t('requests.intake.removeChange', { n: i + 1 })}
                    onRemove={changes.length > 1 ? () => setChanges((cs) => cs.filter((x) => x.key !== c.key)) : null}
                  >
                      {c.target === 'field' ? (
                        <SimpleGrid cols={{ base: 1, md: 2 }}>
                          <Select
                            label={t('requests.intake.field')}
                            required
                            searchable
                            data={participantFieldNames.map((f) => ({ value: f, label: t(`fields.${f}`) }))}
                            value={c.field}
                            onChange={(v) => update(c.key, { field: v as ParticipantField | null })}
                          />
                          <TextInput label={t('requests.intake.proposedValue')} description={t('requests.intake.proposedValueHelp')} value={c.value} onChange={(e) => update(c.key, { value: e.currentTarget.value })} />
                        </SimpleGrid>
                      ) : (
                        <>
                          <Select
                            label={t('requests.intake.entry')}
                            placeholder={t('requests.intake.entryPlaceholder')}
                            required
                            searchable
                            disabled={!entries}
                            data={(entries ?? []).map((en) => ({ value: String(en.id), label: `${formatDate(en.entryDate)} — ${en.title}` }))}
                            value={c.entryId}
                            onChange={(v) => update(c.key, { entryId: v })}
                          />
                          <TextInput label={t('requests.intake.proposedTitle')} value={c.title} onChange={(e) => update(c.key, { title: e.currentTarget.value })} />
                          <Textarea label={t('requests.intake.proposedBody')} value={c.value} onChange={(e) => update(c.key, { value: e.currentTarget.value })} autosize minRows={3} required />
                        </>
                      )}
                  </IntakeItem>
                ))}
                <Group>
                  <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setChanges((cs) => [...cs, newChange()])}>{t('requests.intake.addChange')}</Button>
                </Group>
              </Stack>
            </Paper>
          ) : null}
          {isErasure ? <ErasureItems value={erasure} onChange={setErasure} dossier={entriesRead.data ?? (entriesRead.isError ? { entries: [], documents: [] } : null)} /> : null}
          <FormActions error={error} onCancel={() => navigate('/requests')} submitLabel={t('requests.intake.submit')} busy={busy} />
        </Stack>
      </form>
    </Stack>
  );
}
