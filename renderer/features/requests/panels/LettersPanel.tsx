// The Dutch letters generated from templates: acknowledgement, decision and extension notice.
import { useState } from 'react';
import { Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../../api/client.ts';
import { useApi } from '../../../api/query.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { downloadApiFile } from '../../../components/download.ts';
import { showError, showFailure } from '../../../components/notify.ts';
import { Section } from '../../dossiers/RowList.tsx';
import { LetterView } from '../shared.tsx';
import type { PanelProps } from '../types.ts';

type Kind = Out<'requests.letter'>['kind'];

function kindsOf(outcome: string | null, extendedTo: string | null): Kind[] {
  return ['acknowledgement', ...(outcome ? ['decision' as const] : []), ...(extendedTo ? ['extension' as const] : [])];
}

/**
 * One letter, read when its tab is shown (the tabs do not keep hidden panels mounted). A step on
 * the request invalidates the letters, so a decision or extension shows in them at once.
 */
function Letter({ requestId, kind }: { requestId: number; kind: Kind }) {
  const { t } = useTranslation();
  const query = useApi('requests.letter', { requestId, kind });

  // The PDF is made on request only: each one is an audited read of the dossier.
  async function savePdf() {
    try {
      const saved = await downloadApiFile(await call('requests.letterPdf', { requestId, kind }));
      if (!saved.saved && saved.reason === 'failed') showFailure(t('requests.detail.letterPdfNotSaved'));
    } catch (e) {
      showError(e);
    }
  }

  return (
    <QueryState query={query} height={240}>
      {(l) => <LetterView id={`letter-${kind}`} subject={l.subject} body={l.body} testId={`letter-${kind}`} onPdf={() => savePdf()} />}
    </QueryState>
  );
}

export function LettersPanel({ detail }: PanelProps) {
  const { t } = useTranslation();
  const r = detail.request;
  const kinds = kindsOf(r.outcome, r.extendedTo);
  const [tab, setTab] = useState<string | null>('acknowledgement');

  return (
    <Section title={t('requests.detail.letters')}>
      <Stack>
        <Text size="sm" c="dimmed">{t('requests.detail.lettersIntro')}</Text>
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            {kinds.map((k) => <Tabs.Tab key={k} value={k}>{t(`requests.letterKind.${k}`)}</Tabs.Tab>)}
          </Tabs.List>
          {kinds.map((k) => (
            <Tabs.Panel key={k} value={k} pt="sm"><Letter requestId={r.id} kind={k} /></Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
    </Section>
  );
}
