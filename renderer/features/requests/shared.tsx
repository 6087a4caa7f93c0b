// Pieces shared by the request screens and the dossier additions: the deadline badge, the
// target picker (dossier, field, entry, document) and the letter view.
import { Badge, Button, CopyButton, Group, MultiSelect, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClock, IconCopy, IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { participantFieldNames } from '../../../core/api/categories.ts';
import type { DossierTarget } from '../../../core/statements/contract.ts';
import type { Out } from '../../api/client.ts';
import { formatDate } from '../../components/format.ts';
import { deadlineTexts, type Urgency } from './deadline.ts';
import './requests.css';

export type { Urgency } from './deadline.ts';
type DossierLike = Pick<Out<'dossiers.get'>, 'entries' | 'documents'>;

const urgencyColor: Record<Urgency, string> = { overdue: 'danger', dueSoon: 'warn', onTrack: 'ok', answered: 'gray.7' };

/** Colour and words together: overdue and nearly due are never told by colour alone. */
export function UrgencyBadge({ urgency, days }: { urgency: Urgency; days: number }) {
  const { t } = useTranslation();
  const Icon = urgency === 'overdue' ? IconAlertTriangle : urgency === 'dueSoon' ? IconClock : urgency === 'onTrack' ? null : IconCheck;
  return (
    <Badge
      color={urgencyColor[urgency]}
      variant={urgency === 'overdue' || urgency === 'dueSoon' ? 'filled' : 'outline'}
      leftSection={Icon ? <Icon size={12} aria-hidden /> : undefined}
      data-testid="urgency"
      data-urgency={urgency}
    >
      {deadlineTexts(t, urgency, days).badge}
    </Badge>
  );
}

/** "nog 3 werkdagen" / "2 werkdagen te laat" next to the due date. */
export function DaysLeft({ urgency, days }: { urgency: Urgency; days: number }) {
  const { t } = useTranslation();
  const text = deadlineTexts(t, urgency, days).detail;
  if (text === null) return null;
  return <Text span size="xs" c={urgency === 'overdue' ? 'danger.6' : 'dimmed'} fw={urgency === 'onTrack' ? 400 : 600}>{text}</Text>;
}

/** The due date with its urgency badge and the working days left (dashboard and dossier lists). */
export function DueDate({ row }: { row: { dueOn: string; urgency: Urgency; workingDaysLeft: number; extendedTo: string | null } }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Text fw={600}>{formatDate(row.dueOn)}</Text>
        <UrgencyBadge urgency={row.urgency} days={row.workingDaysLeft} />
      </Group>
      <Text size="xs">
        {/* A nearly-due badge already names the days left. */}
        {row.urgency === 'dueSoon' ? null : <DaysLeft urgency={row.urgency} days={row.workingDaysLeft} />}
        {row.extendedTo ? <Text span size="xs" c="dimmed"> · {t('requests.dashboard.extended')}</Text> : null}
      </Text>
    </Stack>
  );
}

export function targetKey(t: DossierTarget): string {
  switch (t.kind) {
    case 'dossier': return 'dossier';
    case 'field': return `field:${t.field}`;
    case 'entry': return `entry:${t.entryId}`;
    case 'document': return `document:${t.documentId}`;
  }
}

export function parseTargetKey(key: string): DossierTarget {
  const [kind, rest = ''] = key.split(':');
  if (kind === 'field') return { kind, field: rest as (typeof participantFieldNames)[number] };
  if (kind === 'entry') return { kind, entryId: Number(rest) };
  if (kind === 'document') return { kind, documentId: Number(rest) };
  return { kind: 'dossier' };
}

/** A readable name of a target: "Woonplaats", "Journaalregel 'Intakegesprek' (01-03-2026)". */
export function useTargetLabel(dossier: DossierLike | null) {
  const { t } = useTranslation();
  return (target: DossierTarget): string => {
    switch (target.kind) {
      case 'dossier': return t('requests.rights.wholeDossier');
      case 'field': return t(`fields.${target.field}`);
      case 'entry': {
        const e = dossier?.entries.find((x) => x.id === target.entryId);
        return e ? `${t('requests.target.entry')} "${e.title}" (${formatDate(e.entryDate)})` : t('requests.detail.entryN', { id: target.entryId });
      }
      case 'document': {
        const d = dossier?.documents.find((x) => x.id === target.documentId);
        return d ? `${t('requests.target.document')} "${d.fileName}"` : `${t('requests.target.document')} ${target.documentId}`;
      }
    }
  };
}

/** Whether a list of targets covers an item; the whole dossier covers everything. */
export function concerns(targets: readonly DossierTarget[], item: DossierTarget): boolean {
  const key = targetKey(item);
  return targets.some((x) => x.kind === 'dossier' || targetKey(x) === key);
}

export function TargetPicker({ dossier, value, onChange, label, error, withDossier = true }: {
  dossier: DossierLike;
  value: string[];
  onChange: (v: string[]) => void;
  label: string;
  error?: string | null;
  withDossier?: boolean;
}) {
  const { t } = useTranslation();
  const labelOf = useTargetLabel(dossier);
  const data = [
    ...(withDossier ? [{ group: t('requests.target.dossier'), items: [{ value: 'dossier', label: t('requests.target.dossier') }] }] : []),
    { group: t('requests.target.field'), items: participantFieldNames.map((f) => ({ value: `field:${f}`, label: t(`fields.${f}`) })) },
    ...(dossier.entries.length ? [{ group: t('requests.target.entry'), items: dossier.entries.map((e) => ({ value: `entry:${e.id}`, label: labelOf({ kind: 'entry', entryId: e.id }) })) }] : []),
    ...(dossier.documents.length ? [{ group: t('requests.target.document'), items: dossier.documents.map((d) => ({ value: `document:${d.id}`, label: labelOf({ kind: 'document', documentId: d.id }) })) }] : []),
  ];
  return <MultiSelect label={label} data={data} value={value} onChange={onChange} searchable required error={error ?? undefined} comboboxProps={{ withinPortal: true }} />;
}

/**
 * Prints only this letter: a copy of it goes into a print root directly under <body>, and the print
 * style leaves out everything else (display: none, so the rest of the page takes no pages).
 */
function printLetter(id: string) {
  const el = document.querySelector(`[data-letter="${CSS.escape(id)}"]`);
  if (!el) return;
  const root = document.createElement('div');
  root.id = 'dk-print-root';
  root.appendChild(el.cloneNode(true));
  document.body.appendChild(root);
  document.body.dataset.printLetter = id;
  const done = () => {
    root.remove();
    delete document.body.dataset.printLetter;
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

function PdfButton({ onPdf }: { onPdf: () => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Button size="xs" variant="default" leftSection={<IconFileTypePdf size={14} />} loading={busy} data-testid="letter-pdf"
      onClick={() => { setBusy(true); void onPdf().finally(() => setBusy(false)); }}>
      {t('requests.detail.letterPdf')}
    </Button>
  );
}

/** A generated letter as plain text, with copy and print, and a PDF of it where one can be made. */
export function LetterView({ id, subject, body, testId, onPdf }: { id: string; subject?: string; body: string; testId?: string; onPdf?: () => Promise<void> }) {
  const { t } = useTranslation();
  const text = subject ? `${t('requests.detail.letterSubject', { subject })}\n\n${body}` : body;
  return (
    <Stack gap="xs">
      <Paper withBorder p="md" radius="sm" className="dk-letter" data-letter={id} data-testid={testId ?? 'letter'} bg="white">
        {subject ? <Text fw={600} mb="sm">{t('requests.detail.letterSubject', { subject })}</Text> : null}
        <Text className="dk-pre" size="sm">{body}</Text>
      </Paper>
      <Group gap="xs">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" color={copied ? 'ok' : 'kluis'} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy}>
              {copied ? t('requests.detail.letterCopied') : t('requests.detail.letterCopy')}
            </Button>
          )}
        </CopyButton>
        <Button size="xs" variant="default" leftSection={<IconPrinter size={14} />} onClick={() => printLetter(id)}>{t('requests.detail.letterPrint')}</Button>
        {onPdf ? <PdfButton onPdf={onPdf} /> : null}
      </Group>
    </Stack>
  );
}
