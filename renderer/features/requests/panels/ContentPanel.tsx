// The dossier as the requester will see it: only after the identity is verified (R20, R33), with
// the parts a third party objected to left out (R22). For a request that ends in a copy (inzage,
// afschrift, overdraagbaarheid) it is what the copy will hold (copies.content, CopyContents);
// for the others the dossier as requests.content gives it.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconEye, IconEyeOff, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { participantFieldNames } from '../../../../core/api/categories.ts';
import { call } from '../../../api/client.ts';
import { showError } from '../../../components/notify.ts';
import { fieldText, formatDate } from '../../../components/format.ts';
import { Section } from '../../dossiers/RowList.tsx';
import { useTargetLabel } from '../shared.tsx';
import { VERIFIED, type Content, type PanelProps } from '../types.ts';
import { CopyContents, type CopyContent } from './CopyContents.tsx';

const COPY_TYPES: readonly string[] = ['inzage', 'afschrift', 'overdraagbaarheid'];

export function ContentPanel({ detail }: PanelProps) {
  const { t } = useTranslation();
  const [content, setContent] = useState<Content | null>(null);
  const [copy, setCopy] = useState<CopyContent | null>(null);
  const forCopy = COPY_TYPES.includes(detail.request.type);
  const [busy, setBusy] = useState(false);
  const labelOf = useTargetLabel(content?.dossier ?? null);
  const verified = VERIFIED.includes(detail.request.status);

  async function show() {
    setBusy(true);
    try {
      if (forCopy) setCopy(await call('copies.content', { requestId: detail.request.id }));
      else setContent(await call('requests.content', { requestId: detail.request.id }));
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  if (!verified) {
    return (
      <Section title={t('requests.detail.content')}>
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} data-testid="content-locked">{t('requests.detail.contentLocked')}</Alert>
      </Section>
    );
  }

  const p = content?.dossier.participant as Record<string, unknown> | undefined;
  return (
    <Section title={t('requests.detail.content')}>
      <Stack>
        <Group>
          {content || copy ? (
            <Button variant="default" leftSection={<IconEyeOff size={16} />} onClick={() => { setContent(null); setCopy(null); }}>{t('requests.detail.contentHide')}</Button>
          ) : (
            <Button variant="light" leftSection={<IconEye size={16} />} onClick={() => void show()} loading={busy}>{t('requests.detail.contentShow')}</Button>
          )}
          {busy ? <Loader size="xs" aria-label={t('common.loading')} /> : null}
        </Group>
        {copy ? <CopyContents content={copy} /> : null}
        {content && p ? (
          <Stack data-testid="request-content">
            {content.withheld.length ? (
              <Alert color="warn" variant="light">
                {t('requests.detail.contentWithheld')}: {content.withheld.map(labelOf).join(', ')}
              </Alert>
            ) : null}
            <Text component="h3" fw={600}>{t('requests.detail.contentFields')}</Text>
            <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm" verticalSpacing={4} component="dl" m={0}>
              {participantFieldNames.filter((f) => p[f]).map((f) => (
                <div key={f}>
                  <Text component="dt" size="xs" c="dimmed" fw={600}>{t(`fields.${f}`)}</Text>
                  <Text component="dd" m={0} size="sm" className="dk-pre">{fieldText(t, f, String(p[f]))}</Text>
                </div>
              ))}
            </SimpleGrid>
            <Text component="h3" fw={600}>{t('requests.detail.contentEntries')}</Text>
            {content.dossier.entries.length === 0 ? <Text c="dimmed" size="sm">{t('requests.detail.contentNoEntries')}</Text> : null}
            {content.dossier.entries.map((e) => (
              <Paper key={e.id} withBorder p="sm" radius="sm">
                <Group gap="xs">
                  <Badge variant="outline" color="gray.7" size="sm">{t(`entryKind.${e.kind}`)}</Badge>
                  <Text fw={600} size="sm">{e.title}</Text>
                  <Text size="xs" c="dimmed">{formatDate(e.entryDate)}</Text>
                </Group>
                <Text size="sm" mt={4} className="dk-pre">{e.body}</Text>
              </Paper>
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Section>
  );
}
