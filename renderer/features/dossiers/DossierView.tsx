import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconEyeOff, IconLock, IconFolderOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../api/client.ts';
import { useApi, useApiMutation } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { dossierChanged, useDossierReload } from './dossierQueries.ts';
import type { RouteProps } from '../../routes.tsx';
import { can, useSession } from '../../state/session.ts';
import { navigate, useLocation } from '../../state/router.ts';
import { showSuccess } from '../../components/notify.ts';
import { formatBirthDate, formatDate, fullName } from '../../components/format.ts';
import { AccessBadge, StatusBadge } from './AccessBadge.tsx';
import { BreakGlassDialog } from './BreakGlassDialog.tsx';
import { PersonalTab } from './tabs/PersonalTab.tsx';
import { TrajectoriesTab } from './tabs/TrajectoriesTab.tsx';
import { JournalTab } from './tabs/JournalTab.tsx';
import { DocumentsTab } from './tabs/DocumentsTab.tsx';
import { HistoryTab } from './tabs/HistoryTab.tsx';
import { CaseloadTab } from './tabs/CaseloadTab.tsx';
import { LogTab } from './tabs/LogTab.tsx';
import { ConsentTab } from '../consent/ConsentTab.tsx';
import { DossierRights } from '../requests/dossier/DossierRights.tsx';
import { DossierRequests } from '../requests/dossier/DossierRequests.tsx';
import { ShieldingTab } from '../shielding/ShieldingTab.tsx';
import { DossierTermLine } from '../retention/DossierTermLine.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { useAction } from '../../components/useAction.ts';

export type DossierData = Out<'dossiers.get'>;
export interface TabProps {
  dossier: DossierData;
  reload: () => Promise<void>;
  editable: boolean;
}

const tabNames = ['personal', 'trajectories', 'journal', 'documents', 'consent', 'requests', 'shielding', 'history', 'caseload', 'log'] as const;

export function DossierView({ params }: RouteProps) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const participantId = Number(params.id);
  const valid = Number.isInteger(participantId) && participantId > 0;
  // '#/dossiers/12?tab=consent' opens on that tab; an unknown name falls back to the personal data.
  const queryTab = useLocation().query.get('tab');
  const urlTab = queryTab && (tabNames as readonly string[]).includes(queryTab) && (queryTab !== 'requests' || can(me, 'requests.read')) && (queryTab !== 'shielding' || can(me, 'shielding.manage')) ? queryTab : 'personal';
  const [tab, setTab] = useState<string | null>(urlTab);
  useEffect(() => setTab(urlTab), [urlTab]);
  const [closeOpen, setCloseOpen] = useState(false);

  // One audited read of the dossier for all its tabs; a write in a tab invalidates it (dossierQueries.ts).
  const query = useApi('dossiers.get', { participantId }, { enabled: valid });
  const reload = useDossierReload();
  const dossier = query.data;

  if (!valid) return <DossierProblem>{t('dossier.notFound')}</DossierProblem>;
  if (!dossier && query.error?.code === 'access.denied') {
    const mayBreak = can(me, 'dossier.breakGlass');
    return (
      <Stack maw={640}>
        <Title order={1} size="h2">{t('dossier.outsideTitle')}</Title>
        <Alert color="warn" icon={<IconLock size={18} />}>{mayBreak ? t('dossier.outsideText') : t('dossier.outsideNoRight')}</Alert>
        <Group>
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('/dossiers')}>{t('dossier.back')}</Button>
        </Group>
        {mayBreak ? <BreakGlassDialog participantId={participantId} opened onCancel={() => navigate('/dossiers')} onGranted={() => void query.refetch()} /> : null}
      </Stack>
    );
  }
  if (!dossier) {
    if (!query.isError) return <QueryState query={query} height={300}>{() => null}</QueryState>;
    return <DossierProblem><QueryState query={query}>{() => null}</QueryState></DossierProblem>;
  }

  const p = dossier.participant;
  const editable = can(me, 'dossier.write') && p.status === 'active';
  const tabProps: TabProps = { dossier, reload, editable };
  const mayReadRequests = can(me, 'requests.read');
  // Shields are managed from the caseload or a role, never after breaking the glass (R26).
  const mayShield = can(me, 'shielding.manage') && dossier.access !== 'breakGlass';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2" data-testid="dossier-name">{fullName(p)}</Title>
            <StatusBadge status={p.status} />
            <AccessBadge access={dossier.access} />
          </Group>
          <Text c="dimmed" size="sm">
            {t('dossier.number')} <Text span ff="monospace" fw={600} c="dark.7" data-testid="dossier-number">{p.dossierNumber}</Text>
            {' · '}{t('fields.birthDate')} {formatBirthDate(p.birthDate, p.dossierNumber)}
            {p.closedAt ? ` · ${t('dossier.closedOn', { date: formatDate(p.closedAt) })}` : ''}
          </Text>
        </Stack>
        {editable ? <Button variant="default" color="danger" onClick={() => setCloseOpen(true)}>{t('dossier.close')}</Button> : null}
      </Group>
      {dossier.access === 'breakGlass' ? (
        <Alert color="warn" variant="filled" icon={<IconAlertTriangle size={18} />} data-testid="break-glass-banner">{t('dossier.breakGlassBanner')}</Alert>
      ) : null}
      {p.status === 'closed' ? <Alert color="gray" variant="light">{t('dossier.closedBanner')}</Alert> : null}
      {dossier.shieldNotice ? <Alert color="gray" variant="light" icon={<IconEyeOff size={18} />} data-testid="shield-notice">{t('shielding.notice')}</Alert> : null}
      {can(me, 'retention.read') ? <DossierTermLine participantId={p.id} /> : null}
      <DossierRights dossier={dossier} reload={reload} />
      <Tabs value={tab} onChange={setTab} keepMounted={false} classNames={{ tab: 'dk-dossier-tab' }}>
        <Tabs.List data-testid="dossier-tabs">
          <Tabs.Tab value="personal">{t('tabs.personal')}</Tabs.Tab>
          <Tabs.Tab value="trajectories">{t('tabs.trajectories')} <Text span size="sm" c="dimmed">({dossier.trajectories.length})</Text></Tabs.Tab>
          <Tabs.Tab value="journal">{t('tabs.journal')} <Text span size="sm" c="dimmed">({dossier.entries.length})</Text></Tabs.Tab>
          <Tabs.Tab value="documents">{t('tabs.documents')} <Text span size="sm" c="dimmed">({dossier.documents.length})</Text></Tabs.Tab>
          <Tabs.Tab value="consent">{t('consent.tab')}</Tabs.Tab>
          {mayReadRequests ? <Tabs.Tab value="requests">{t('requests.inDossier.tab')}</Tabs.Tab> : null}
          {mayShield ? <Tabs.Tab value="shielding">{t('shielding.tab')}</Tabs.Tab> : null}
          <Tabs.Tab value="history">{t('tabs.history')}</Tabs.Tab>
          <Tabs.Tab value="caseload">{t('tabs.caseload')}</Tabs.Tab>
          <Tabs.Tab value="log">{t('tabs.log')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="personal" pt="md"><PersonalTab {...tabProps} /></Tabs.Panel>
        <Tabs.Panel value="trajectories" pt="md"><TrajectoriesTab {...tabProps} /></Tabs.Panel>
        <Tabs.Panel value="journal" pt="md"><JournalTab {...tabProps} /></Tabs.Panel>
        <Tabs.Panel value="documents" pt="md"><DocumentsTab {...tabProps} /></Tabs.Panel>
        <Tabs.Panel value="consent" pt="md"><ConsentTab {...tabProps} /></Tabs.Panel>
        {mayReadRequests ? <Tabs.Panel value="requests" pt="md"><DossierRequests participantId={p.id} /></Tabs.Panel> : null}
        {mayShield ? <Tabs.Panel value="shielding" pt="md"><ShieldingTab {...tabProps} /></Tabs.Panel> : null}
        <Tabs.Panel value="history" pt="md"><HistoryTab {...tabProps} /></Tabs.Panel>
        <Tabs.Panel value="caseload" pt="md"><CaseloadTab {...tabProps} /></Tabs.Panel>
        <Tabs.Panel value="log" pt="md"><LogTab {...tabProps} /></Tabs.Panel>
      </Tabs>
      <CloseDossierDialog opened={closeOpen} onClose={() => setCloseOpen(false)} participantId={p.id} />
    </Stack>
  );
}

/** The dossier could not be shown: what went wrong, and the way back to the list. */
function DossierProblem({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack maw={640}>
      <Title order={1} size="h2">{t('dossier.title')}</Title>
      {typeof children === 'string' ? <Alert color="danger" role="alert" icon={<IconFolderOff size={18} />}>{children}</Alert> : children}
      <Group><Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('/dossiers')}>{t('dossier.back')}</Button></Group>
    </Stack>
  );
}

/** R42: closing asks what the participant takes home. */
function CloseDossierDialog({ opened, onClose, participantId }: { opened: boolean; onClose: () => void; participantId: number }) {
  const { t } = useTranslation();
  const [takeHome, setTakeHome] = useState('');
  const { busy, error, setError, run } = useAction();
  const close = useApiMutation('dossiers.close', { invalidates: dossierChanged });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!takeHome.trim()) {
      setError(t('closeDossier.takeHomeRequired'));
      return;
    }
    await run(async () => {
      await close.mutateAsync({ participantId, takeHome: takeHome.trim() });
      showSuccess(t('closeDossier.done'));
      onClose();
    });
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('closeDossier.title')} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('closeDossier.intro')}</Text>
          <Textarea label={t('closeDossier.takeHome')} description={t('closeDossier.takeHomeHelp')} value={takeHome} onChange={(e) => setTakeHome(e.currentTarget.value)} autosize minRows={3} required data-autofocus />
          <FormActions error={error} onCancel={onClose} submitLabel={t('closeDossier.submit')} color="danger" busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}
