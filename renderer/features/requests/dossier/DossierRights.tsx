// The dossier view's additions for issue 5: own statements (R25) shown next to what they concern
// and flagged, and active restrictions (R30) with place/lift for the administration.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconFileDescription, IconLock, IconMessage2, IconPlus, IconLockOpen } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ParticipantField } from '../../../../core/api/categories.ts';
import type { DossierTarget } from '../../../../core/statements/contract.ts';
import type { Out } from '../../../api/client.ts';
import { can, useSession } from '../../../state/session.ts';
import { navigate } from '../../../state/router.ts';
import { formatDate, formatDateTime } from '../../../components/format.ts';
import { concerns, targetKey, useTargetLabel } from '../shared.tsx';
import { StatementDialog } from './StatementDialog.tsx';
import { LiftRestrictionDialog, PlaceRestrictionDialog } from './RestrictionDialogs.tsx';

type Dossier = Out<'dossiers.get'>;
type Statement = NonNullable<Dossier['ownStatements']>[number];
type Restriction = NonNullable<Dossier['restrictions']>[number];
interface Props { dossier: Dossier; reload: () => Promise<void> }

/** Statements naming exactly this item (a statement about the whole dossier is shown at the top). */
function statementsAbout(dossier: Dossier, item: DossierTarget): Statement[] {
  const key = targetKey(item);
  return (dossier.ownStatements ?? []).filter((s) => s.targets.some((x) => targetKey(x) === key));
}

function restrictedBy(dossier: Dossier, item: DossierTarget): Restriction | undefined {
  return (dossier.restrictions ?? []).find((r) => r.active && concerns(r.targets, item));
}

function StatementCard({ s }: { s: Statement }) {
  const { t } = useTranslation();
  return (
    <Paper p="xs" radius="sm" bg="kluis.0" className="dk-flag-statement" data-testid="own-statement">
      <Group gap={6} mb={2}>
        <IconMessage2 size={14} aria-hidden />
        <Text size="xs" fw={700}>{t('requests.rights.statementFlag')}</Text>
      </Group>
      <Text size="sm" className="dk-pre">{s.text}</Text>
      <Text size="xs" c="dimmed">{t('requests.rights.statementMeta', { date: formatDate(s.receivedOn), channel: t(`requests.channel.${s.channel}`).toLowerCase(), by: s.recordedBy })}</Text>
    </Paper>
  );
}

function Flags({ statements, restriction }: { statements: number; restriction?: Restriction }) {
  const { t } = useTranslation();
  return (
    <>
      {statements > 0 ? (
        <Badge size="sm" color="kluis.8" variant="filled" leftSection={<IconMessage2 size={11} aria-hidden />} data-testid="statement-flag">
          {t('requests.rights.statement')}{statements > 1 ? ` (${statements})` : ''}
        </Badge>
      ) : null}
      {restriction ? (
        <Tooltip label={t('requests.rights.restrictedFlag')}>
          <Badge size="sm" color="warn" variant="filled" leftSection={<IconLock size={11} aria-hidden />} data-testid="restricted-flag">{t('requests.rights.restricted')}</Badge>
        </Tooltip>
      ) : null}
    </>
  );
}

/** Next to a journal entry: its flags, the statements about it, and a way to add one. */
export function EntryRights({ dossier, entryId, reload }: Props & { entryId: number }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const [adding, setAdding] = useState(false);
  const item: DossierTarget = { kind: 'entry', entryId };
  const statements = statementsAbout(dossier, item);
  const restriction = restrictedBy(dossier, item);
  const title = dossier.entries.find((e) => e.id === entryId)?.title ?? '';
  return (
    <Stack gap={6} mt="xs">
      {statements.length || restriction ? <Group gap="xs"><Flags statements={statements.length} restriction={restriction} /></Group> : null}
      {statements.map((s) => <StatementCard key={s.id} s={s} />)}
      {can(me, 'dossier.write') ? (
        <Group>
          <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => setAdding(true)} aria-label={t('requests.rights.statementRecordFor', { what: title })}>
            {t('requests.rights.statementRecord')}
          </Button>
        </Group>
      ) : null}
      {adding ? (
        <StatementDialog dossier={dossier} initialTargets={[targetKey(item)]} title={t('requests.rights.statementRecordFor', { what: title })} onClose={() => setAdding(false)} onSaved={reload} />
      ) : null}
    </Stack>
  );
}

/** Next to a personal-data field: its flags and the statements about it. */
export function FieldRights({ dossier, field }: { dossier: Dossier; field: ParticipantField }) {
  const item: DossierTarget = { kind: 'field', field };
  const statements = statementsAbout(dossier, item);
  const restriction = restrictedBy(dossier, item);
  if (!statements.length && !restriction) return null;
  return (
    <Stack gap={4} mt={4}>
      <Group gap="xs"><Flags statements={statements.length} restriction={restriction} /></Group>
      {statements.map((s) => <StatementCard key={s.id} s={s} />)}
    </Stack>
  );
}

/** Above the tabs: active restrictions, statements about the dossier or documents, and actions. */
export function DossierRights({ dossier, reload }: Props) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const labelOf = useTargetLabel(dossier);
  const [dialog, setDialog] = useState<'statement' | 'restriction' | null>(null);
  const [lifting, setLifting] = useState<Restriction | null>(null);
  const active = (dossier.restrictions ?? []).filter((r) => r.active);
  const general = (dossier.ownStatements ?? []).filter((s) => s.targets.some((x) => x.kind === 'dossier' || x.kind === 'document'));
  const mayHandle = can(me, 'requests.handle');
  const mayWrite = can(me, 'dossier.write');

  return (
    <Stack gap="xs" data-testid="dossier-rights">
      {active.map((r) => (
        <Alert key={r.id} color="warn" variant="light" icon={<IconLock size={18} />} title={t('requests.rights.restrictions')} data-testid="restriction-banner">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm">{t('requests.rights.restrictionActive', { date: formatDateTime(r.placedAt), what: r.targets.map(labelOf).join(', '), reason: r.reason })}</Text>
            {mayHandle ? <Button size="xs" variant="default" style={{ flexShrink: 0 }} leftSection={<IconLockOpen size={14} />} onClick={() => setLifting(r)}>{t('requests.rights.restrictionLift')}</Button> : null}
          </Group>
        </Alert>
      ))}
      {general.length ? (
        <Paper withBorder p="sm" radius="md" component="section" aria-label={t('requests.rights.dossierStatements')}>
          <Text fw={600} size="sm" mb={4}>{t('requests.rights.dossierStatements')}</Text>
          <Stack gap={6}>
            {general.map((s) => (
              <div key={s.id}>
                <Text size="xs" c="dimmed">{s.targets.map(labelOf).join(', ')}</Text>
                <StatementCard s={s} />
              </div>
            ))}
          </Stack>
        </Paper>
      ) : null}
      {mayWrite || mayHandle ? (
        <Group gap="xs">
          {mayWrite ? <Button size="xs" variant="light" leftSection={<IconMessage2 size={14} />} onClick={() => setDialog('statement')}>{t('requests.rights.statementRecord')}</Button> : null}
          {mayHandle ? <Button size="xs" variant="light" color="warn" leftSection={<IconLock size={14} />} onClick={() => setDialog('restriction')}>{t('requests.rights.restrictionPlace')}</Button> : null}
          {mayHandle ? (
            <Button size="xs" variant="subtle" leftSection={<IconFileDescription size={14} />} onClick={() => navigate(`/requests/new?participant=${dossier.participant.id}`)}>{t('requests.dashboard.new')}</Button>
          ) : null}
        </Group>
      ) : null}
      {dialog === 'statement' ? (
        <StatementDialog dossier={dossier} initialTargets={['dossier']} title={t('requests.rights.statementRecord')} onClose={() => setDialog(null)} onSaved={reload} />
      ) : null}
      {dialog === 'restriction' ? <PlaceRestrictionDialog dossier={dossier} onClose={() => setDialog(null)} onSaved={reload} /> : null}
      {lifting ? <LiftRestrictionDialog restriction={lifting} onClose={() => setLifting(null)} onSaved={reload} /> : null}
    </Stack>
  );
}
