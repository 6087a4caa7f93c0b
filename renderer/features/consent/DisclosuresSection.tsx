// Disclosures (verstrekkingen) of one participant: the register per participant and the form
// that asks the service live whether a disclosure is allowed, and why not (R03, R10, R12, R14, R27).
import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, MultiSelect, Radio, Select, Table, Text, TextInput, Textarea } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { participantFieldNames, participantFields, type ParticipantField } from '../../../core/api/categories.ts';
import type { In, Out } from '../../api/client.ts';
import { useApi, useApiMutation } from '../../api/query.ts';
import { formatDate, today } from '../../components/format.ts';
import { errorText, showSuccess } from '../../components/notify.ts';
import { useDebounced } from '../../components/useDebounced.ts';
import { currentLanguage } from '../../i18n/index.ts';
import type { DossierData } from '../dossiers/DossierView.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { FormDialog } from '../../components/FormDialog.tsx';
import { CategoryBadges, Section, categoryLabel, channels, consentChanges, purposes, useConsentSettings, useOptions, type Mandate, type Recipient } from './shared.tsx';
import { DateField } from '../../components/DateField.tsx';

type Disclosure = Out<'disclosures.list'>[number];

interface Props {
  dossier: DossierData;
  disclosures: Disclosure[];
  mandates: Mandate[];
  recipients: Recipient[];
  mayRecord: boolean;
}

export function BasisBadge({ d }: { d: Pick<Disclosure, 'basis' | 'flagged' | 'reviewedAt'> }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge variant="outline" color={d.basis === 'exception' ? 'warn' : 'kluis.7'}>{t(`consent.basisShort.${d.basis}`)}</Badge>
      {d.flagged && !d.reviewedAt ? <Badge color="warn" variant="filled" data-testid="flagged">{t('consent.disclosures.toReview')}</Badge> : null}
      {d.flagged && d.reviewedAt ? <Badge color="ok" variant="light">{t('consent.disclosures.reviewed')}</Badge> : null}
    </Group>
  );
}

/** A mandate as people name it: "de machtiging voor UWV Utrecht (Re-integratie) van 01-01-2026", never its number. */
function useMandateRef(mandates: Mandate[]) {
  const { t } = useTranslation();
  return (id: number): string => {
    const m = mandates.find((x) => x.id === id);
    return m ? t('consent.disclosures.mandateRef', { recipient: m.recipientName, purpose: t(`consent.purpose.${m.purpose}`), date: formatDate(m.validFrom) }) : t('consent.disclosures.mandateUnknown');
  };
}

export function DisclosuresSection({ dossier, disclosures, mandates, recipients, mayRecord }: Props) {
  const { t } = useTranslation();
  const mandateRef = useMandateRef(mandates);
  const [recording, setRecording] = useState(false);
  const itemText = useItemText(dossier);

  return (
    <Section
      title={t('consent.disclosures.title')}
      intro={t('consent.disclosures.intro')}
      action={mayRecord ? <Button leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)}>{t('consent.disclosures.record')}</Button> : null}
    >
      {disclosures.length === 0 ? <Text c="dimmed">{t('consent.disclosures.empty')}</Text> : (
        <DataTable minWidth={900} data-testid="disclosures-table" striped={false} headers={[t('consent.disclosures.date'), t('consent.disclosures.recipient'), t('consent.disclosures.items'), t('consent.disclosures.basis'), t('consent.disclosures.channel')]}>
          {disclosures.map((d) => (
            <Table.Tr key={d.id} data-testid="disclosure-row">
              <Table.Td>{formatDate(d.disclosedOn)}</Table.Td>
              <Table.Td>
                <Text fw={600} size="sm">{d.recipientName}</Text>
                <Text size="xs" c="dimmed">{t(`consent.purpose.${d.purpose}`)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{itemText(d.items)}</Text>
                <CategoryBadges categories={d.categories} />
              </Table.Td>
              <Table.Td>
                <BasisBadge d={d} />
                <Text size="xs" c="dimmed">{d.legalDuty ?? d.exceptionArguments ?? (d.mandateId ? mandateRef(d.mandateId) : '')}</Text>
              </Table.Td>
              <Table.Td>{t(`consent.channel.${d.channel}`)}<Text size="xs" c="dimmed">{t('consent.by', { name: d.recordedBy })}</Text></Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {mayRecord && recording ? <RecordDisclosureDialog opened onClose={() => setRecording(false)} dossier={dossier} mandates={mandates} recipients={recipients} /> : null}
    </Section>
  );
}

/** "Werkervaring; journaalregel "Intake"; document cv.pdf" */
function useItemText(dossier: DossierData) {
  const { t } = useTranslation();
  return (items: Disclosure['items']): string => [
    ...items.fields.map((f) => t(`fields.${f}`)),
    ...items.entryIds.map((id) => {
      const e = dossier.entries.find((x) => x.id === id);
      return e ? t('consent.disclosures.entryNamed', { title: e.title }) : t('consent.disclosures.entryN', { id });
    }),
    ...items.documentIds.map((id) => {
      const d = dossier.documents.find((x) => x.id === id);
      return d ? t('consent.disclosures.documentNamed', { name: d.fileName }) : t('consent.disclosures.documentN', { id });
    }),
  ].join('; ');
}

type Basis = 'mandate' | 'legalDuty' | 'exception';
const AUTO = 'auto';

function RecordDisclosureDialog({ opened, onClose, dossier, mandates, recipients }: { opened: boolean; onClose: () => void; dossier: DossierData; mandates: Mandate[]; recipients: Recipient[] }) {
  const { t } = useTranslation();
  const mandateRef = useMandateRef(mandates);
  const options = useOptions();
  const p = dossier.participant;
  const [recipientId, setRecipientId] = useState<string | null>(null);
  const [disclosedOn, setDisclosedOn] = useState(today());
  const [purpose, setPurpose] = useState<(typeof purposes)[number]>('reintegration');
  const [channel, setChannel] = useState<(typeof channels)[number]>('secureEmail');
  const [fields, setFields] = useState<string[]>([]);
  const [entryIds, setEntryIds] = useState<string[]>([]);
  const [documentIds, setDocumentIds] = useState<string[]>([]);
  const [basis, setBasis] = useState<Basis>('mandate');
  const [mandateId, setMandateId] = useState<string>(AUTO);
  const [duty, setDuty] = useState('');
  const [args, setArgs] = useState('');
  const minArguments = useConsentSettings(opened)?.exceptionMinArguments ?? null; // R12
  const [note, setNote] = useState('');

  const request = useMemo((): In<'disclosures.check'> | null => {
    if (!recipientId || !disclosedOn || fields.length + entryIds.length + documentIds.length === 0) return null;
    return {
      participantId: p.id,
      recipientId: Number(recipientId),
      disclosedOn,
      purpose,
      channel,
      items: { fields: fields as ParticipantField[], entryIds: entryIds.map(Number), documentIds: documentIds.map(Number) },
      basis: basis === 'mandate' ? { kind: 'mandate', mandateId: mandateId === AUTO ? null : Number(mandateId) }
        : basis === 'legalDuty' ? { kind: 'legalDuty', duty } : { kind: 'exception', arguments: args },
      note: note.trim() || null,
    };
  }, [p.id, recipientId, disclosedOn, purpose, channel, fields, entryIds, documentIds, basis, mandateId, duty, args, note]);
  const debounced = useDebounced(request, 350);

  // The live check asks the service for every settled change of the form and never answers from
  // the cache (staleTime and gcTime 0): a mandate, objection or the policy may have changed since.
  const checkQuery = useApi('disclosures.check', debounced as In<'disclosures.check'>, { enabled: opened && debounced !== null, staleTime: 0, gcTime: 0 });
  const checking = checkQuery.isFetching;
  const check = debounced && !checkQuery.isError ? checkQuery.data ?? null : null;
  // An incomplete form is refused as input.invalid: that is no error to show, the hint says what is missing.
  const checkError = debounced && checkQuery.isError && checkQuery.error.code !== 'input.invalid' ? errorText(checkQuery.error) : null;
  const record = useApiMutation('disclosures.record', { invalidates: consentChanges.disclosure });

  async function submit() {
    if (!request) return;
    await record.mutateAsync(request);
    showSuccess(t('consent.disclosures.recorded'));
    setFields([]);
    setEntryIds([]);
    setDocumentIds([]);
    setArgs('');
    setDuty('');
    setNote('');
  }

  const fieldOptions = participantFieldNames
    .filter((f) => f !== 'lastNamePrefix' || p.lastNamePrefix)
    .map((f) => {
      const secret = (f === 'phone' && p.phoneSecret) || (f === 'email' && p.emailSecret);
      return { value: f, label: `${t(`fields.${f}`)} (${categoryLabel(participantFields[f].category)})${secret ? ` — ${t('personal.secret')}` : ''}` };
    });
  const usable = mandates.filter((m) => m.state === 'active' && m.direction === 'shareWith' && (!recipientId || m.recipientId === Number(recipientId)));
  const pending = request !== null && (checking || request !== debounced);

  return (
    <FormDialog opened={opened} onClose={onClose} title={t('consent.disclosures.record')} submitLabel={t('consent.disclosures.save')} size="xl" onSubmit={submit}
      disabled={!request || pending || !check?.allowed} testId="disclosure-form">
      <Group grow align="flex-start">
        <Select label={t('consent.disclosures.recipient')} data={recipients.map((r) => ({ value: String(r.id), label: r.name }))} value={recipientId} onChange={setRecipientId} searchable required allowDeselect={false}
          placeholder={t('consent.choose')} nothingFoundMessage={t('consent.recipients.none')} data-autofocus />
        <DateField label={t('consent.disclosures.date')} value={disclosedOn} maxDate={today()} onChange={setDisclosedOn} required />
      </Group>
      <Group grow align="flex-start">
        <Select label={t('consent.disclosures.purpose')} data={options(purposes, 'consent.purpose')} value={purpose} onChange={(v) => v && setPurpose(v as typeof purpose)} allowDeselect={false} required />
        <Select label={t('consent.disclosures.channel')} data={options(channels, 'consent.channel')} value={channel} onChange={(v) => v && setChannel(v as typeof channel)} allowDeselect={false} required />
      </Group>
      <Text fw={600} size="sm" mb={-8}>{t('consent.disclosures.whatProvided')}</Text>
      <MultiSelect label={t('consent.disclosures.fields')} data={fieldOptions} value={fields} onChange={setFields} searchable placeholder={fields.length ? undefined : t('consent.choose')} />
      <Group grow align="flex-start">
        <MultiSelect label={t('consent.disclosures.entries')} data={dossier.entries.map((e) => ({ value: String(e.id), label: `${formatDate(e.entryDate)} · ${e.title}` }))} value={entryIds} onChange={setEntryIds} searchable
          placeholder={entryIds.length ? undefined : dossier.entries.length ? t('consent.choose') : t('consent.disclosures.noEntries')} />
        <MultiSelect label={t('consent.disclosures.documents')} data={dossier.documents.map((d) => ({ value: String(d.id), label: d.fileName }))} value={documentIds} onChange={setDocumentIds} searchable
          placeholder={documentIds.length ? undefined : dossier.documents.length ? t('consent.choose') : t('consent.disclosures.noDocuments')} />
      </Group>
      <Radio.Group label={t('consent.disclosures.basis')} value={basis} onChange={(v) => setBasis(v as Basis)} required>
        <Group mt={4}>
          <Radio value="mandate" label={t('consent.basis.mandate')} />
          <Radio value="legalDuty" label={t('consent.basis.legalDuty')} />
          <Radio value="exception" label={t('consent.basis.exception')} />
        </Group>
      </Radio.Group>
      {basis === 'mandate' ? (
        <Select label={t('consent.disclosures.mandate')} value={mandateId} onChange={(v) => setMandateId(v ?? AUTO)} allowDeselect={false}
          data={[{ value: AUTO, label: t('consent.disclosures.mandateAuto') }, ...usable.map((m) => ({ value: String(m.id), label: `${m.recipientName} · ${t(`consent.purpose.${m.purpose}`)} · ${formatDate(m.validFrom)} – ${m.validUntil ? formatDate(m.validUntil) : t('consent.mandates.openEnded')}` }))]} />
      ) : basis === 'legalDuty' ? (
        <TextInput label={t('consent.disclosures.duty')} description={t('consent.disclosures.dutyHelp')} value={duty} onChange={(e) => setDuty(e.currentTarget.value)} required />
      ) : (
        <Textarea label={t('consent.disclosures.arguments')} value={args}
          description={`${t('consent.disclosures.argumentsHelp')}${minArguments ? ` ${t('consent.disclosures.argumentsMin', { min: minArguments, now: args.trim().length })}` : ''}`} onChange={(e) => setArgs(e.currentTarget.value)} autosize minRows={3} required />
      )}
      <Textarea label={t('consent.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
      <div aria-live="polite" data-testid="disclosure-check">
        {!request ? <Text size="sm" c="dimmed">{t('consent.disclosures.checkHint')}</Text>
          : pending ? <Group gap="xs"><Loader size="xs" aria-hidden /><Text size="sm">{t('consent.disclosures.checking')}</Text></Group>
            : checkError ? <Alert color="danger">{checkError}</Alert>
              : check?.allowed ? (
                <Alert color="ok" icon={<IconCircleCheck size={18} />} title={t('consent.disclosures.allowed')} data-testid="check-allowed">
                  {check.mandateId ? t('consent.disclosures.coveredBy', { mandate: mandateRef(check.mandateId) }) : basis === 'exception' ? t('consent.disclosures.willBeFlagged') : t('consent.disclosures.allowedDuty')}
                </Alert>
              ) : check ? (
                <Alert color="danger" icon={<IconCircleX size={18} />} title={t('consent.disclosures.refused')} data-testid="check-refused">{currentLanguage() === 'en' ? check.messageEn : check.message}</Alert>
              ) : null}
      </div>
    </FormDialog>
  );
}
