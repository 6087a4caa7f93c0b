// R30: place a restriction on (parts of) the dossier, or lift one; both state a reason and ask
// for confirmation first.
import { useState } from 'react';
import { Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../../api/client.ts';
import { useApiMutation } from '../../../api/query.ts';
import { AFTER_DOSSIER_RIGHT } from './rightsChanges.ts';
import { showSuccess } from '../../../components/notify.ts';
import { TargetPicker, parseTargetKey } from '../shared.tsx';
import { ConfirmStepForm } from '../../../components/ConfirmStepForm.tsx';

type Dossier = Out<'dossiers.get'>;
type Restriction = NonNullable<Dossier['restrictions']>[number];

/** Reason first, then an explicit confirmation before the call. */
function ReasonDialog({ title, intro, reasonLabel, confirmText, submitLabel, color, extra, valid, onSubmit, onClose }: {
  title: string;
  reasonLabel: string;
  intro: string;
  confirmText: string;
  submitLabel: string;
  color: string;
  extra?: React.ReactNode;
  valid: boolean;
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <ConfirmStepForm
      title={title} intro={intro} confirmText={confirmText} submitLabel={submitLabel} confirmLabel={t('requests.rights.confirm')} color={color}
      valid={valid && reason.trim().length >= 10} invalidText={valid ? t('requests.rights.restrictionReasonHelp') : t('requests.rights.targetsRequired')}
      onSubmit={() => onSubmit(reason.trim())} onClose={onClose}
    >
      {extra}
      <Textarea label={reasonLabel} description={t('requests.rights.restrictionReasonHelp')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required data-testid="restriction-reason" />
    </ConfirmStepForm>
  );
}

export function PlaceRestrictionDialog({ dossier, onClose, onSaved }: { dossier: Dossier; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [targets, setTargets] = useState<string[]>([]);
  const place = useApiMutation('restriction.place', { invalidates: AFTER_DOSSIER_RIGHT });
  return (
    <ReasonDialog
      title={t('requests.rights.restrictionPlace')}
      intro={t('requests.rights.restrictionIntro')}
      reasonLabel={t('requests.rights.restrictionReason')}
      confirmText={t('requests.rights.restrictionConfirm')}
      submitLabel={t('requests.rights.restrictionPlace')}
      color="warn"
      valid={targets.length > 0}
      extra={<TargetPicker dossier={dossier} value={targets} onChange={setTargets} label={t('requests.rights.restrictionTargets')} />}
      onSubmit={async (reason) => {
        await place.mutateAsync({ participantId: dossier.participant.id, requestId: null, targets: targets.map(parseTargetKey), reason });
        showSuccess(t('requests.rights.restrictionPlaced'));
        await onSaved();
      }}
      onClose={onClose}
    />
  );
}

export function LiftRestrictionDialog({ restriction, onClose, onSaved }: { restriction: Restriction; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const lift = useApiMutation('restriction.lift', { invalidates: AFTER_DOSSIER_RIGHT });
  return (
    <ReasonDialog
      title={t('requests.rights.restrictionLift')}
      intro={restriction.reason}
      reasonLabel={t('requests.rights.restrictionLiftReason')}
      confirmText={t('requests.rights.restrictionLiftConfirm')}
      submitLabel={t('requests.rights.restrictionLift')}
      color="danger"
      valid
      onSubmit={async (reason) => {
        await lift.mutateAsync({ restrictionId: restriction.id, reason });
        showSuccess(t('requests.rights.restrictionLifted'));
        await onSaved();
      }}
      onClose={onClose}
    />
  );
}
