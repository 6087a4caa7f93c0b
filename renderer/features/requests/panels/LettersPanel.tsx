// The Dutch letters generated from templates: acknowledgement, decision and extension notice.
import { useEffect, useState } from 'react';
import { Loader, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../../api/client.ts';
import { downloadApiFile } from '../../../components/download.ts';
import { errorText, showError, showFailure } from '../../../components/notify.ts';
import { Section } from '../../dossiers/RowList.tsx';
import { LetterView } from '../shared.tsx';
import type { PanelProps } from '../types.ts';

type Kind = Out<'requests.letter'>['kind'];
type Letter = Out<'requests.letter'> | { error: string };

function kindsOf(outcome: string | null, extendedTo: string | null): Kind[] {
  return ['acknowledgement', ...(outcome ? ['decision' as const] : []), ...(extendedTo ? ['extension' as const] : [])];
}

export function LettersPanel({ detail }: PanelProps) {
  const { t } = useTranslation();
  const r = detail.request;
  const kinds = kindsOf(r.outcome, r.extendedTo);
  const [tab, setTab] = useState<string | null>('acknowledgement');
  const [letters, setLetters] = useState<Partial<Record<Kind, Letter>>>({});

  // The PDF is made on request only: each one is an audited read of the dossier.
  async function savePdf(kind: Kind) {
    try {
      const saved = await downloadApiFile(await call('requests.letterPdf', { requestId: r.id, kind }));
      if (!saved.saved && saved.reason === 'failed') showFailure(t('requests.detail.letterPdfNotSaved'));
    } catch (e) {
      showError(e);
    }
  }

  // Reloaded when the status changes: a decision or extension changes the letters.
  useEffect(() => {
    let live = true;
    setLetters({});
    for (const kind of kindsOf(r.outcome, r.extendedTo)) {
      call('requests.letter', { requestId: r.id, kind }).then(
        (l) => live && setLetters((old) => ({ ...old, [kind]: l })),
        (e) => live && setLetters((old) => ({ ...old, [kind]: { error: errorText(e) } })),
      );
    }
    return () => {
      live = false;
    };
  }, [r.id, r.status, r.outcome, r.extendedTo]);

  return (
    <Section title={t('requests.detail.letters')}>
      <Stack>
        <Text size="sm" c="dimmed">{t('requests.detail.lettersIntro')}</Text>
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            {kinds.map((k) => <Tabs.Tab key={k} value={k}>{t(`requests.letterKind.${k}`)}</Tabs.Tab>)}
          </Tabs.List>
          {kinds.map((k) => {
            const l = letters[k];
            return (
              <Tabs.Panel key={k} value={k} pt="sm">
                {!l ? <Loader size="sm" aria-label={t('common.loading')} /> : 'error' in l ? <Text c="dimmed">{l.error}</Text> : (
                  <LetterView id={`letter-${k}`} subject={l.subject} body={l.body} testId={`letter-${k}`} onPdf={() => savePdf(k)} />
                )}
              </Tabs.Panel>
            );
          })}
        </Tabs>
      </Stack>
    </Section>
  );
}
