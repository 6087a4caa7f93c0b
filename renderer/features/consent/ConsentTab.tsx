// The dossier tab "Toestemming": mandates, disclosures, objections and the
// Verwijsindex of one participant.
import { useCallback, useEffect, useState } from 'react';
import { Center, Divider, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../api/client.ts';
import { today } from '../../components/format.ts';
import { showError } from '../../components/notify.ts';
import { can, useSession } from '../../state/session.ts';
import type { TabProps } from '../dossiers/DossierView.tsx';
import { MandatesSection } from './MandatesSection.tsx';
import { DisclosuresSection } from './DisclosuresSection.tsx';
import { ObjectionsSection } from './ObjectionsSection.tsx';
import { VerwijsindexSection } from './VerwijsindexSection.tsx';
import { ageOn, useRecipients } from './shared.tsx';

interface Lists {
  mandates: Out<'mandates.list'>;
  disclosures: Out<'disclosures.list'>;
  objections: Out<'objections.list'>;
  verwijsindex: Out<'verwijsindex.list'>;
}

export function ConsentTab({ dossier, editable }: TabProps) {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const participantId = dossier.participant.id;
  const { recipients } = useRecipients();
  const [lists, setLists] = useState<Lists | null>(null);

  const load = useCallback(async () => {
    try {
      const input = { participantId };
      const [mandates, disclosures, objections, verwijsindex] = await Promise.all([
        call('mandates.list', input), call('disclosures.list', input), call('objections.list', input), call('verwijsindex.list', input),
      ]);
      setLists({ mandates, disclosures, objections, verwijsindex });
    } catch (e) {
      showError(e);
    }
  }, [participantId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!lists) return <Center h={200}><Loader aria-label={t('common.loading')} /></Center>;
  const mayRecord = editable && can(me, 'consent.record');
  const mayHandle = dossier.participant.status === 'active' && can(me, 'requests.handle');
  const birthDate = dossier.participant.birthDate;
  const age = birthDate ? ageOn(birthDate, today()) : null;
  const showVerwijsindex = (age !== null && age < 23) || lists.verwijsindex.length > 0;

  return (
    <Stack gap="xl" data-testid="consent-tab">
      <MandatesSection dossier={dossier} mandates={lists.mandates} recipients={recipients} mayRecord={mayRecord} reload={load} />
      <Divider />
      <DisclosuresSection dossier={dossier} disclosures={lists.disclosures} mandates={lists.mandates} recipients={recipients} mayRecord={mayRecord} reload={load} />
      <Divider />
      <ObjectionsSection participantId={participantId} objections={lists.objections} recipients={recipients} mayHandle={mayHandle} reload={load} />
      {showVerwijsindex ? (
        <>
          <Divider />
          <VerwijsindexSection participantId={participantId} registrations={lists.verwijsindex} age={age} mayRecord={mayRecord} reload={load} />
        </>
      ) : null}
    </Stack>
  );
}
