// The dossier tab "Toestemming": mandates, disclosures, objections and the
// Verwijsindex of one participant.
import { Divider, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useApi } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { today } from '../../components/format.ts';
import { can, useSession } from '../../state/session.ts';
import type { TabProps } from '../dossiers/DossierView.tsx';
import { MandatesSection } from './MandatesSection.tsx';
import { DisclosuresSection } from './DisclosuresSection.tsx';
import { ObjectionsSection } from './ObjectionsSection.tsx';
import { VerwijsindexSection } from './VerwijsindexSection.tsx';
import { ageOn, useRecipients } from './shared.tsx';

export function ConsentTab({ dossier, editable }: TabProps) {
  const me = useSession((s) => s.me);
  const participantId = dossier.participant.id;
  const { recipients } = useRecipients();
  // Four reads, each cached on its own and made stale by the records of its kind (consentChanges).
  const mandates = useApi('mandates.list', { participantId });
  const disclosures = useApi('disclosures.list', { participantId });
  const objections = useApi('objections.list', { participantId });
  const verwijsindex = useApi('verwijsindex.list', { participantId });

  // The tab shows once all four are there; the first that failed (or is still loading) speaks for it.
  const reads: UseQueryResult<unknown>[] = [mandates, disclosures, objections, verwijsindex];
  const waiting = reads.find((q) => q.isError) ?? reads.find((q) => q.isPending);
  if (waiting || !mandates.data || !disclosures.data || !objections.data || !verwijsindex.data) {
    return <QueryState query={waiting ?? mandates} height={200}>{() => null}</QueryState>;
  }
  const lists = { mandates: mandates.data, disclosures: disclosures.data, objections: objections.data, verwijsindex: verwijsindex.data };
  const mayRecord = editable && can(me, 'consent.record');
  const mayHandle = dossier.participant.status === 'active' && can(me, 'requests.handle');
  const birthDate = dossier.participant.birthDate;
  const age = birthDate ? ageOn(birthDate, today()) : null;
  const showVerwijsindex = (age !== null && age < 23) || lists.verwijsindex.length > 0;

  return (
    <Stack gap="xl" data-testid="consent-tab">
      <MandatesSection dossier={dossier} mandates={lists.mandates} recipients={recipients} mayRecord={mayRecord} />
      <Divider />
      <DisclosuresSection dossier={dossier} disclosures={lists.disclosures} mandates={lists.mandates} recipients={recipients} mayRecord={mayRecord} />
      <Divider />
      <ObjectionsSection participantId={participantId} objections={lists.objections} recipients={recipients} mayHandle={mayHandle} />
      {showVerwijsindex ? (
        <>
          <Divider />
          <VerwijsindexSection participantId={participantId} registrations={lists.verwijsindex} age={age} mayRecord={mayRecord} />
        </>
      ) : null}
    </Stack>
  );
}
