// What the participant's copy will hold (issue 10): the request's content view for inzage,
// afschrift and overdraagbaarheid, from copies.content — the same function that builds the copy,
// so the screen and the copy cannot differ. Texts of the copy itself (labels, purposes) are the
// copy's Dutch; headings follow the app's language.
import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../../api/client.ts';
import { formatBytes, formatDate } from '../../../components/format.ts';

export type CopyContent = Out<'copies.content'>;

function Part({ title, empty, children }: { title: string; empty: boolean; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text component="h3" fw={600}>{title}</Text>
      {empty ? <Text c="dimmed" size="sm">{t('copies.content.none')}</Text> : children}
    </Stack>
  );
}

/** A small table: one header row, then the rows. */
function Rows({ head, rows }: { head: string[]; rows: (string | number)[][] }) {
  return (
    <Table verticalSpacing={4} fz="sm">
      <Table.Thead><Table.Tr>{head.map((h) => <Table.Th key={h}>{h}</Table.Th>)}</Table.Tr></Table.Thead>
      <Table.Tbody>{rows.map((r, i) => <Table.Tr key={i}>{r.map((c, j) => <Table.Td key={j}>{c}</Table.Td>)}</Table.Tr>)}</Table.Tbody>
    </Table>
  );
}

export function CopyContents({ content: c }: { content: CopyContent }) {
  const { t } = useTranslation();
  const h = (k: string) => t(`copies.content.${k}`);
  return (
    <Stack data-testid="request-content">
      <Text size="sm">{h('intro')}</Text>
      {c.withheldSections.length ? <Alert color="warn" variant="light" data-testid="content-withheld">{h('withheld')}</Alert> : null}
      <Part title={h('personal')} empty={c.participant.personal.length === 0}>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm" verticalSpacing={4} component="dl" m={0}>
          {c.participant.personal.map((p) => (
            <div key={p.field}>
              <Text component="dt" size="xs" c="dimmed" fw={600}>{p.label}</Text>
              <Text component="dd" m={0} size="sm" className="dk-pre">{p.field === 'birthDate' ? formatDate(p.value) : p.value}</Text>
            </div>
          ))}
        </SimpleGrid>
      </Part>
      <Part title={h('categories')} empty={false}>
        <Group gap="xs">{c.categories.map((k) => <Badge key={k.category} variant="outline" color={k.special ? 'warn' : 'gray.7'}>{k.label}</Badge>)}</Group>
      </Part>
      <Part title={h('trajectories')} empty={c.trajectories.length === 0}>
        <Rows head={[h('type'), h('commissioner'), h('period'), h('retention')]} rows={c.trajectories.map((x) => {
          const r = c.retention.perTrajectory.find((p) => p.trajectoryId === x.id);
          return [x.typeLabel, x.commissioner, `${formatDate(x.startDate)} – ${x.endDate ? formatDate(x.endDate) : h('running')}`, r?.until ? t('copies.content.keptUntil', { date: formatDate(r.until) }) : t('copies.content.yearsAfterEnd', { years: r?.years ?? '' })];
        })} />
      </Part>
      <Part title={h('entries')} empty={c.entries.length === 0}>
        {c.entries.map((e) => (
          <Paper key={e.id} withBorder p="sm" radius="sm">
            <Group gap="xs"><Text fw={600} size="sm">{e.title}</Text><Text size="xs" c="dimmed">{formatDate(e.entryDate)}</Text></Group>
            <Text size="sm" mt={4} className="dk-pre">{e.body}</Text>
          </Paper>
        ))}
      </Part>
      <Part title={h('documents')} empty={c.documents.length === 0}>
        <Rows head={[h('fileName'), h('size'), h('date')]} rows={c.documents.map((d) => [d.fileName, formatBytes(d.size), formatDate(d.uploadedAt)])} />
      </Part>
      <Part title={h('recipients')} empty={c.disclosures.length === 0}>
        <Rows head={[h('recipient'), h('date'), h('what'), h('purpose'), h('basis')]} rows={c.disclosures.map((d) => [d.recipient, formatDate(d.disclosedOn), d.categories.join(', '), d.purpose, d.legalDuty ? `${d.basis} (${d.legalDuty})` : d.basis])} />
      </Part>
      <Part title={h('mandates')} empty={c.mandates.length === 0}>
        <Rows head={[h('recipient'), h('what'), h('purpose'), h('period'), h('state')]} rows={c.mandates.map((m) => [m.recipient, `${m.direction}: ${m.categories.join(', ')}`, m.purpose, `${formatDate(m.validFrom)} – ${m.validUntil ? formatDate(m.validUntil) : '…'}`, m.state])} />
      </Part>
      <Text size="sm">{t('copies.content.logAndShields', { lines: c.accessLog.length, shields: c.shieldRegister.length })}</Text>
    </Stack>
  );
}
