import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Center, Group, Loader, Modal, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconEyeOff, IconLock, IconFolderOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call, type Out } from '../../api/client.ts';
import type { RouteProps } from '../../routes.tsx';
import { can, useSession } from '../../state/session.ts';
import { navigate, useLocation } from '../../state/router.ts';
import { errorText, showSuccess } from '../../components/notify.ts';
import { formatDate, fullName } from '../../components/format.ts';
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
  const [dossier, setDossier] = useState<DossierData | null>(null);
  const [denied, setDenied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // '#/dossiers/12?tab=consent' opens on that tab; an unknown name falls back to the personal data.
  const queryTab = useLocation().query.get('tab');
  const urlTab = queryTab && (tabNames as readonly string[]).includes(queryTab) && (queryTab !== 'requests' || can(me, 'requests.read')) && (queryTab !== 'shielding' || can(me, 'shielding.manage')) ? queryTab : 'personal';
  const [tab, setTab] = useState<string | null>(urlTab);
  useEffect(() => setTab(urlTab), [urlTab]);
  const [closeOpen, setCloseOpen] = useState(false);

  const queryClient = useQueryClient();
  const load = useCallback(async () => {
    try {
      const d = await call('dossiers.get', { participantId });
      setDossier(d);
      // A (re)read of the dossier makes its tab reads stale: an open tab reads again, another on its next visit.
      for (const op of ['dossiers.history', 'audit.participantLog'] as const) void queryClient.invalidateQueries({ queryKey: [op] });
      setDenied(false);
      setError(null);
    } catch (e) {
      if (e instanceof ApiCallError && e.code === 'access.denied') setDenied(true);
      else setError(errorText(e));
    }
  }, [participantId, queryClient]);

  useEffect(() => {
    if (!Number.isInteger(participantId) || participantId <= 0) setError(t('dossier.notFound'));
    else void load();
  }, [load, participantId, t]);

  if (denied && !dossier) {
    const mayBreak = can(me, 'dossier.breakGlass');
    return (
      <Stack maw={640}>
        <Title order={1} size="h2">{t('dossier.outsideTitle')}</Title>
        <Alert color="warn" icon={<IconLock size={18} />}>{mayBreak ? t('dossier.outsideText') : t('dossier.outsideNoRight')}</Alert>
        <Group>
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('/dossiers')}>{t('dossier.back')}</Button>
        </Group>
        {mayBreak ? <BreakGlassDialog participantId={participantId} opened onCancel={() => navigate('/dossiers')} onGranted={() => void load()} /> : null}
      </Stack>
    );
  }
  if (error && !dossier) {
    return (
      <Stack maw={640}>
        <Title order={1} size="h2">{t('dossier.title')}</Title>
        <Alert color="danger" role="alert" icon={<IconFolderOff size={18} />}>{error}</Alert>
        <Group><Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('/dossiers')}>{t('dossier.back')}</Button></Group>
      </Stack>
    );
  }
  if (!dossier) return <Center h={300}><Loader aria-label={t('common.loading')} /></Center>;

  const p = dossier.participant;
  const editable = can(me, 'dossier.write') && p.status === 'active';
  const tabProps: TabProps = { dossier, reload: load, editable };
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
            {' · '}{t('fields.birthDate')} {formatDate(p.birthDate)}
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
      <DossierRights dossier={dossier} reload={load} />
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
      <CloseDossierDialog opened={closeOpen} onClose={() => setCloseOpen(false)} participantId={p.id} onClosed={() => void load()} />
    </Stack>
  );
}

/** R42: closing asks what the participant takes home. */
function CloseDossierDialog({ opened, onClose, participantId, onClosed }: { opened: boolean; onClose: () => void; participantId: number; onClosed: () => void }) {
  const { t } = useTranslation();
  const [takeHome, setTakeHome] = useState('');
  const { busy, error, setError, run } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!takeHome.trim()) {
      setError(t('closeDossier.takeHomeRequired'));
      return;
    }
    await run(async () => {
      await call('dossiers.close', { participantId, takeHome: takeHome.trim() });
      showSuccess(t('closeDossier.done'));
      onClose();
      onClosed();
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
