// R30: place a restriction on (parts of) the dossier, or lift one; both state a reason and ask
// for confirmation first.
import { useState, type FormEvent } from 'react';
import { Alert, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../../api/client.ts';
import { showSuccess } from '../../../components/notify.ts';
import { TargetPicker, parseTargetKey } from '../shared.tsx';
import { useAction } from '../../../components/useAction.ts';
import { FormActions } from '../../../components/FormActions.tsx';

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
  const [confirming, setConfirming] = useState(false);
  const { busy, error, setError, run } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!valid || reason.trim().length < 10) {
      setError(valid ? t('requests.rights.restrictionReasonHelp') : t('requests.rights.targetsRequired'));
      return;
    }
    if (!confirming) {
      setError(null);
      setConfirming(true);
      return;
    }
    await run(async () => {
      try {
        await onSubmit(reason.trim());
        onClose();
      } catch (err) {
        setConfirming(false);
        throw err;
      }
    });
  }

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{intro}</Text>
          {extra}
          <Textarea label={reasonLabel} description={t('requests.rights.restrictionReasonHelp')} value={reason} onChange={(e) => { setReason(e.currentTarget.value); setConfirming(false); }} autosize minRows={2} required data-testid="restriction-reason" />
          {confirming ? <Alert color="warn" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">{confirmText}</Alert> : null}
          <FormActions error={error} onCancel={onClose} submitLabel={confirming ? t('requests.rights.confirm') : submitLabel} color={color} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

export function PlaceRestrictionDialog({ dossier, onClose, onSaved }: { dossier: Dossier; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [targets, setTargets] = useState<string[]>([]);
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
        await call('restriction.place', { participantId: dossier.participant.id, requestId: null, targets: targets.map(parseTargetKey), reason });
        showSuccess(t('requests.rights.restrictionPlaced'));
        await onSaved();
      }}
      onClose={onClose}
    />
  );
}

export function LiftRestrictionDialog({ restriction, onClose, onSaved }: { restriction: Restriction; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
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
        await call('restriction.lift', { restrictionId: restriction.id, reason });
        showSuccess(t('requests.rights.restrictionLifted'));
        await onSaved();
      }}
      onClose={onClose}
    />
  );
}
