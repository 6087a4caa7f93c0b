// Placing a shield (what, from whom, at whose request, why) and lifting one (why); both ask for
// an explicit confirmation before the call (R26).
import { useMemo, useState } from 'react';
import { MultiSelect, Select, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dataCategories, dataCategoryNames, participantFieldNames } from '../../../core/api/categories.ts';
import type { OperationName } from '../../api/client.ts';
import { useApi, useApiMutation } from '../../api/query.ts';
import { can, useSession } from '../../state/session.ts';
import { showSuccess } from '../../components/notify.ts';
import { ConfirmStepForm } from '../../components/ConfirmStepForm.tsx';
import type { DossierData } from '../dossiers/DossierView.tsx';
import { parseTarget, useShieldLabels } from './labels.ts';
import type { Shield, ShieldAudience } from './types.ts';

type RequestedBy = 'participant' | 'representative' | 'staff';

/**
 * What placing or lifting a shield changes: the register, what the dossier shows to whom (its
 * reads and history), and the request a proposed shield belongs to.
 */
const AFTER_SHIELD_CHANGE: OperationName[] = [
  'shielding.list', 'dossiers.get', 'dossiers.history', 'audit.participantLog', 'requests.get', 'requests.list', 'requests.content',
];
const NO_AUDIENCES = { users: [], recipients: [] };

export function PlaceShieldDialog({ dossier, onClose }: { dossier: DossierData; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const labels = useShieldLabels(dossier);
  const [target, setTarget] = useState<string | null>(null);
  const [who, setWho] = useState<string[]>([]);
  const [requestedBy, setRequestedBy] = useState<RequestedBy>('participant');
  const [representative, setRepresentative] = useState('');
  const [reason, setReason] = useState('');
  const [requestId, setRequestId] = useState<string | null>(null);
  const audiences = useApi('shielding.audiences', {}).data ?? NO_AUDIENCES;
  // Open afscherming requests of this participant, for those who may read requests.
  const mayReadRequests = can(useSession((s) => s.me), 'requests.read');
  const openRequests = useApi('requests.list', { participantId: dossier.participant.id, open: true, offset: 0, limit: 50 }, { enabled: mayReadRequests }).data;
  const requests = useMemo(() => (openRequests?.rows ?? [])
    .filter((x) => x.type === 'afscherming' && (x.status === 'identityVerified' || x.status === 'thirdPartiesConsulted'))
    .map((x) => ({ value: String(x.id), label: t('shielding.requestOption', { id: x.id, date: x.receivedOn.split('-').reverse().join('-') }) })), [openRequests, t]);
  const place = useApiMutation('shielding.place', { invalidates: AFTER_SHIELD_CHANGE });

  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const targets = [
    { group: t('shielding.target.group.dossier'), items: [{ value: 'dossier', label: t('shielding.target.dossier') }] },
    { group: t('shielding.target.group.category'), items: dataCategoryNames.map((c) => ({ value: `category:${c}`, label: t('shielding.target.categoryNamed', { category: dataCategories[c][lang] }) })) },
    { group: t('shielding.target.group.field'), items: participantFieldNames.map((f) => ({ value: `field:${f}`, label: t(`fields.${f}`) })) },
    ...(dossier.trajectories.length ? [{ group: t('shielding.target.group.trajectory'), items: dossier.trajectories.map((x) => ({ value: `trajectory:${x.id}`, label: labels.target({ kind: 'trajectory', trajectoryId: x.id }) })) }] : []),
    ...(dossier.entries.length ? [{ group: t('shielding.target.group.entry'), items: dossier.entries.map((e) => ({ value: `entry:${e.id}`, label: labels.target({ kind: 'entry', entryId: e.id }) })) }] : []),
    ...(dossier.documents.length ? [{ group: t('shielding.target.group.document'), items: dossier.documents.map((d) => ({ value: `document:${d.id}`, label: labels.target({ kind: 'document', documentId: d.id }) })) }] : []),
  ];
  const audienceData = [
    { group: t('shielding.audience.group.copy'), items: [{ value: 'copy', label: t('shielding.audience.participantCopy') }] },
    { group: t('shielding.audience.group.users'), items: audiences.users.map((u) => ({ value: `user:${u.userId}`, label: `${u.displayName} (${t(`roles.${u.role}`)})` })) },
    { group: t('shielding.audience.group.recipients'), items: audiences.recipients.map((r) => ({ value: `recipient:${r.recipientId}`, label: r.name })) },
  ];
  const toAudience = (key: string): ShieldAudience => {
    const [kind, id] = key.split(':');
    if (kind === 'user') return { kind: 'user', userId: Number(id) };
    if (kind === 'recipient') return { kind: 'recipient', recipientId: Number(id) };
    return { kind: 'participantCopy' };
  };
  const valid = target !== null && who.length > 0 && reason.trim().length >= 10 && (requestedBy !== 'representative' || representative.trim().length > 0);

  return (
    <ConfirmStepForm
      title={t('shielding.placeTitle')}
      intro={t('shielding.placeIntro')}
      confirmText={t('shielding.placeConfirm')}
      submitLabel={t('shielding.place')}
      confirmLabel={t('shielding.confirm')}
      color="kluis"
      valid={valid}
      invalidText={t('shielding.placeInvalid')}
      onClose={onClose}
      onSubmit={async () => {
        await place.mutateAsync({
          participantId: dossier.participant.id, target: parseTarget(target!), audiences: who.map(toAudience), requestedBy,
          representativeName: requestedBy === 'representative' ? representative.trim() : null, reason: reason.trim(), requestId: requestId ? Number(requestId) : null,
        });
        showSuccess(requestId ? t('shielding.proposed') : t('shielding.placed'));
      }}
    >
      <Select label={t('shielding.field.target')} data={targets} value={target} onChange={setTarget} searchable required comboboxProps={{ withinPortal: true }} data-testid="shield-target" data-autofocus />
      <MultiSelect label={t('shielding.field.audience')} description={t('shielding.field.audienceHelp')} data={audienceData} value={who} onChange={setWho} searchable required comboboxProps={{ withinPortal: true }} data-testid="shield-audience" />
      <Select label={t('shielding.field.requestedBy')} value={requestedBy} onChange={(v) => setRequestedBy((v ?? 'participant') as RequestedBy)} allowDeselect={false}
        data={(['participant', 'representative', 'staff'] as const).map((r) => ({ value: r, label: t(`shielding.requestedByOption.${r}`) }))} />
      {requestedBy === 'representative' ? <TextInput label={t('shielding.field.representative')} value={representative} onChange={(e) => setRepresentative(e.currentTarget.value)} required /> : null}
      {requests.length > 0 ? <Select label={t('shielding.field.request')} description={t('shielding.field.requestHelp')} data={requests} value={requestId} onChange={setRequestId} clearable /> : null}
      <Textarea label={t('shielding.field.reason')} description={t('shielding.field.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required data-testid="shield-reason" />
    </ConfirmStepForm>
  );
}

export function LiftShieldDialog({ shield, label, onClose }: { shield: Shield; label: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lift = useApiMutation('shielding.lift', { invalidates: AFTER_SHIELD_CHANGE });
  const [reason, setReason] = useState('');
  return (
    <ConfirmStepForm
      title={t('shielding.liftTitle')}
      intro={t('shielding.liftIntro', { target: label })}
      confirmText={t('shielding.liftConfirm')}
      submitLabel={t('shielding.lift')}
      confirmLabel={t('shielding.confirm')}
      color="danger"
      valid={reason.trim().length >= 10}
      invalidText={t('shielding.field.reasonHelp')}
      onClose={onClose}
      onSubmit={async () => {
        await lift.mutateAsync({ shieldId: shield.id, reason: reason.trim() });
        showSuccess(t('shielding.lifted'));
      }}
    >
      <Textarea label={t('shielding.field.liftReason')} description={t('shielding.field.reasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required data-testid="shield-lift-reason" data-autofocus />
    </ConfirmStepForm>
  );
}
