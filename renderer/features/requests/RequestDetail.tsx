// One data-subject request from intake to closing: the status stepper, the facts, and the next
// step's form. Dossier content appears only through requests.content, after identity is verified.
import type { ReactNode } from 'react';
import { Alert, Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconFolderOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import type { RouteProps } from '../../routes.tsx';
import { can, useSession } from '../../state/session.ts';
import { navigate } from '../../state/router.ts';
import { showSuccess } from '../../components/notify.ts';
import { FormError } from '../../components/FormActions.tsx';
import { useAction } from '../../components/useAction.ts';
import { formatDate } from '../../components/format.ts';
import { DaysLeft, UrgencyBadge } from './shared.tsx';
import { IdentityPanel } from './panels/IdentityPanel.tsx';
import { ContentPanel } from './panels/ContentPanel.tsx';
import { ConsultationPanel } from './panels/ConsultationPanel.tsx';
import { ChangesPanel } from './panels/ChangesPanel.tsx';
import { BoardPanel } from './panels/BoardPanel.tsx';
import { DecidePanel } from './panels/DecidePanel.tsx';
import { ExtendPanel } from './panels/ExtendPanel.tsx';
import { NotifyPanel } from './panels/NotifyPanel.tsx';
import { FinishPanel } from './panels/FinishPanel.tsx';
import { LettersPanel } from './panels/LettersPanel.tsx';
import { CopyPanel } from './panels/CopyPanel.tsx';
import { useRequestStep } from './useRequestStep.ts';
import { CHANGE_TYPES, CONSULTED_TYPES, VERIFIED, type Detail, type PanelProps } from './types.ts';


function steps(d: Detail): string[] {
  const all = ['received', 'identityVerified', 'thirdPartiesConsulted', 'decided', 'carriedOut', 'closed'];
  return all.filter((s) => (s !== 'thirdPartiesConsulted' || CONSULTED_TYPES.includes(d.request.type))
    && (s !== 'carriedOut' || d.request.outcome !== 'refused'));
}

function StatusStepper({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const list = steps(detail);
  const r = detail.request;
  // A consultation is optional: a decided request has passed it even if nobody was asked.
  const reached = list.indexOf(r.status === 'thirdPartiesConsulted' && !list.includes('thirdPartiesConsulted') ? 'identityVerified' : r.status);
  const when: Record<string, string | null> = {
    received: r.receivedOn, identityVerified: r.identityVerifiedOn, thirdPartiesConsulted: detail.consultations[0]?.askedOn ?? null,
    decided: r.decidedOn, carriedOut: r.carriedOutOn, closed: r.closedOn,
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('requests.detail.steps')}>
      <Stepper active={r.status === 'closed' ? list.length : reached + 1} size="xs" allowNextStepsSelect={false} data-testid="status-stepper">
        {list.map((s, i) => (
          <Stepper.Step
            key={s}
            label={t(`requests.status.${s}`)}
            description={i <= reached ? (s === 'thirdPartiesConsulted' && detail.consultations.length === 0 ? t('requests.detail.stepSkipped') : formatDate(when[s])) : undefined}
            aria-current={i === reached ? 'step' : undefined}
          />
        ))}
      </Stepper>
    </Paper>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600}>{label}</Text>
      <Text component="dd" m={0} className="dk-pre">{children}</Text>
    </div>
  );
}

/**
 * The handler, and for a colleague who may handle requests a way to take it over (requests.assign).
 * Choosing any other handler needs a list of users with requests.handle, which no operation open to
 * the administration provides yet (dossiers.consultants lists consultants only).
 */
function Handler({ detail, canHandle }: PanelProps) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const { busy, error, run } = useAction();
  const r = detail.request;
  const mayAssign = canHandle && me !== null && r.status !== 'closed';
  const handlers = useApi('requests.handlers', {}, { enabled: mayAssign }).data ?? [];
  const assignTo = useRequestStep('requests.assign');
  const assign = (handlerId: number, message: string) => void run(async () => {
    await assignTo({ requestId: r.id, handlerId });
    showSuccess(message);
  });
  return (
    <>
      <span data-testid="request-handler">{r.handlerName}</span>
      {mayAssign && me.userId !== r.handlerId ? (
        <>
          {' '}
          <Button size="compact-xs" variant="light" loading={busy} onClick={() => assign(me.userId, t('requests.assign.takenOver'))}>
            {t('requests.assign.takeOver')}
          </Button>
        </>
      ) : null}
      {mayAssign && handlers.length > 1 ? (
        <Select
          mt={4} size="xs" maw={260} label={t('requests.assign.other')} placeholder={t('requests.assign.choose')} disabled={busy}
          data={handlers.filter((h) => h.userId !== r.handlerId).map((h) => ({ value: String(h.userId), label: h.displayName }))}
          value={null} onChange={(v) => { if (v) assign(Number(v), t('requests.assign.assigned', { name: handlers.find((h) => h.userId === Number(v))?.displayName ?? '' })); }}
          data-testid="request-assign"
        />
      ) : null}
      <FormError error={error} mt={4} />
    </>
  );
}

function Facts(props: PanelProps) {
  const { detail } = props;
  const { t } = useTranslation();
  const r = detail.request;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="req-facts">
      <Text component="h2" id="req-facts" fw={600} size="lg" mb="sm">{t('requests.detail.facts')}</Text>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm" verticalSpacing="xs" component="dl" m={0}>
        <Fact label={t('requests.detail.participant')}>
          <Anchor href={`#/dossiers/${r.participantId}`}>{r.participantName || r.dossierNumber}</Anchor> <Text span ff="monospace" size="sm">{r.dossierNumber}</Text>
        </Fact>
        <Fact label={t('requests.detail.requester')}>
          {r.requesterKind === 'participant' ? t('requests.detail.requesterSelf') : t('requests.detail.requesterRep', { name: r.representativeName, relation: r.representativeRelation })}
        </Fact>
        <Fact label={t('requests.detail.channel')}>{t(`requests.channel.${r.channel}`)}</Fact>
        <Fact label={t('requests.detail.receivedOn')}>{formatDate(r.receivedOn)}</Fact>
        <Fact label={t('requests.detail.dueOn')}>
          <Text span fw={600} data-testid="due-on">{formatDate(r.dueOn)}</Text> <DaysLeft urgency={detail.urgency} days={detail.workingDaysLeft} />
        </Fact>
        <Fact label={t('requests.detail.statutoryMaxOn')}>{formatDate(r.statutoryMaxOn)}</Fact>
        <Fact label={t('requests.detail.handler')}><Handler {...props} /></Fact>
        <Fact label={t('requests.detail.policy')}>{r.policyName}</Fact>
        <Fact label={t('requests.detail.description')}>{r.description}</Fact>
      </SimpleGrid>
      {r.extendedTo ? (
        <Alert mt="sm" color="kluis" variant="light">{t('requests.detail.extensionInfo', { date: formatDate(r.extendedTo), notice: formatDate(r.extensionNoticeOn), reason: r.extensionReason })}</Alert>
      ) : null}
    </Paper>
  );
}

/** A request that cannot be shown (no such number, not found, refused): why, and the way back. */
function Unavailable({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack maw={640}>
      <Title order={1} size="h2">{t('requests.dashboard.title')}</Title>
      {children}
      <Group><Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('/requests')}>{t('requests.detail.back')}</Button></Group>
    </Stack>
  );
}

export function RequestDetail({ params }: RouteProps) {
  const { t } = useTranslation();
  const requestId = Number(params.id);
  const valid = Number.isInteger(requestId) && requestId > 0;
  // Read on every open (staleTime 0), as before: steps on a request are taken from several places
  // (the dossier, the consent tab, a colleague). A step here answers with the new detail (useRequestStep).
  const query = useApi('requests.get', { requestId }, { enabled: valid, staleTime: 0 });

  if (!valid) return <Unavailable><Alert color="danger" role="alert" icon={<IconFolderOff size={18} />}>{t('requests.detail.notFound')}</Alert></Unavailable>;
  if (query.isError) return <Unavailable><QueryState query={query}>{() => null}</QueryState></Unavailable>;
  return <QueryState query={query} height={300}>{(detail) => <RequestPage detail={detail} />}</QueryState>;
}

function RequestPage({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const r = detail.request;
  const canHandle = can(me, 'requests.handle');
  const props: PanelProps = { detail, canHandle };
  const isChange = CHANGE_TYPES.includes(r.type);
  // A verwijdering that names items (R28, R29) lists them like a correction's changes.
  const listsChanges = isChange || (r.type === 'verwijdering' && detail.changes.length > 0);
  const verified = VERIFIED.includes(r.status);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2" data-testid="request-title">{t('requests.detail.title', { type: t(`requests.type.${r.type}`).toLowerCase() })}</Title>
            <UrgencyBadge urgency={detail.urgency} days={detail.workingDaysLeft} />
          </Group>
          <Text c="dimmed" size="sm">
            {r.participantName} · {r.dossierNumber} · <span data-testid="request-status">{t(`requests.status.${r.status}`)}</span>
          </Text>
        </Stack>
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('/requests')}>{t('requests.detail.back')}</Button>
      </Group>
      <StatusStepper detail={detail} />
      <Facts {...props} />
      <IdentityPanel {...props} />
      {listsChanges ? <ChangesPanel {...props} /> : null}
      {canHandle ? <ContentPanel {...props} /> : null}
      {CONSULTED_TYPES.includes(r.type) && verified ? <ConsultationPanel {...props} /> : null}
      <BoardPanel {...props} />
      <DecidePanel {...props} />
      {isChange && verified && canHandle ? <NotifyPanel {...props} /> : null}
      <ExtendPanel {...props} />
      <CopyPanel {...props} />
      <FinishPanel {...props} />
      {canHandle ? <LettersPanel {...props} /> : null}
    </Stack>
  );
}
