// The organisation's policy profile (R50): the preset it starts from, the answer term per request
// type, and which optional holidays are days off. Working days are counted by the one calendar.
import { useEffect, useState } from 'react';
import { Badge, Checkbox, Group, NumberInput, Paper, Radio, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { presetNames, requestTypes, termUnits, type PolicyProfile, type PresetName, type TermUnit } from '../../../core/policy/profile.ts';
import type { Out } from '../../api/client.ts';
import { useApi, useApiMutation } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { showSuccess } from '../../components/notify.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAction } from '../../components/useAction.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useSession } from '../../state/session.ts';

type Settings = Out<'policy.get'>;
/** What a saved policy changes: its own read and the consent forms' settings taken from it. */
const CHANGES_POLICY = ['policy.get', 'consent.settings'] as const;

export function PolicySettings() {
  const { t } = useTranslation();
  const query = useApi('policy.get', {});
  return (
    <Stack maw={900}>
      <PageHeader title={t('requests.policy.title')} description={t('requests.policy.subtitle')} />
      <QueryState query={query} height={300}>
        {/* Each answer read (after a save or a preset, too) starts the form anew from what is stored. */}
        {(settings) => <PolicyForm key={query.dataUpdatedAt} settings={settings} />}
      </QueryState>
    </Stack>
  );
}

function PolicyForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const [profile, setProfile] = useState<PolicyProfile>(settings.profile);
  const [preset, setPreset] = useState<PresetName | null>(null);
  const [place, setPlace] = useState(settings.place ?? '');
  const { busy, error, run } = useAction();
  const update = useApiMutation('policy.update', { invalidates: [...CHANGES_POLICY] });

  async function save() {
    await run(async () => {
      const saved = await update.mutateAsync({ profile, place: place.trim() || null });
      useSession.setState({ idleLockMinutes: saved.profile.idleLockMinutes }); // this app's own lock follows at once
      showSuccess(t('requests.policy.saved'));
    });
  }

  async function applyPreset() {
    if (!preset) return;
    await run(async () => {
      await update.mutateAsync({ preset, profile: null });
      showSuccess(t('requests.policy.presetApplied'));
    });
    setPreset(null);
  }

  const setTerm = (type: (typeof requestTypes)[number], patch: Partial<PolicyProfile['terms'][typeof type]>) =>
    setProfile((p) => ({ ...p, terms: { ...p.terms, [type]: { ...p.terms[type], ...patch } } }));
  const setHolidays = (patch: Partial<PolicyProfile['holidays']>) => setProfile((p) => ({ ...p, holidays: { ...p.holidays, ...patch } }));

  return (
    <>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="policy-preset">
        <Group justify="space-between" mb="xs">
          <Text component="h2" id="policy-preset" fw={600} size="lg">{t('requests.policy.preset')}</Text>
          <Badge variant="outline" color={settings.customised ? 'warn' : 'gray.7'} data-testid="policy-state">
            {settings.customised ? t('requests.policy.customised') : t('requests.policy.asPreset')}
          </Badge>
        </Group>
        <Radio.Group
          label={t('requests.policy.preset')}
          description={t('requests.policy.presetHelp')}
          value={settings.preset}
          onChange={(v) => setPreset(v as PresetName)}
        >
          <Stack mt="xs" gap="xs">
            {presetNames.map((p) => <Radio key={p} value={p} label={t(`requests.policy.presetName.${p}`)} />)}
          </Stack>
        </Radio.Group>
        <Text size="sm" c="dimmed" mt="sm">
          {t('requests.policy.statutory', { months: profile.statutoryMaximum.months, ext: profile.statutoryMaximum.maxExtensionMonths })}
        </Text>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="policy-terms">
        <Text component="h2" id="policy-terms" fw={600} size="lg" mb="xs">{t('requests.policy.terms')}</Text>
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('requests.policy.termType')}</Table.Th>
              <Table.Th>{t('requests.policy.termAmount')}</Table.Th>
              <Table.Th>{t('requests.policy.termUnit')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {requestTypes.map((rt) => {
              const name = t(`requests.type.${rt}`);
              return (
                <Table.Tr key={rt} data-testid={`term-${rt}`}>
                  <Table.Td fw={600}>{name}</Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('requests.policy.amountFor', { type: name })}
                      value={profile.terms[rt].amount}
                      min={1}
                      max={366}
                      allowDecimal={false}
                      w={110}
                      onChange={(v) => typeof v === 'number' && setTerm(rt, { amount: v })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('requests.policy.unitFor', { type: name })}
                      data={termUnits.map((u) => ({ value: u, label: t(`requests.policy.unit.${u}`) }))}
                      value={profile.terms[rt].unit}
                      allowDeselect={false}
                      w={200}
                      onChange={(v) => v && setTerm(rt, { unit: v as TermUnit })}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="policy-holidays">
        <Text component="h2" id="policy-holidays" fw={600} size="lg">{t('requests.policy.holidays')}</Text>
        <Text size="sm" c="dimmed" mb="sm">{t('requests.policy.holidaysHelp')}</Text>
        <Stack>
          <Radio.Group label={t('requests.policy.liberationDay')} value={profile.holidays.liberationDay} onChange={(v) => setHolidays({ liberationDay: v as PolicyProfile['holidays']['liberationDay'] })}>
            <Stack mt="xs" gap="xs">
              <Radio value="every-year" label={t('requests.policy.liberationEveryYear')} />
              <Radio value="lustrum-only" label={t('requests.policy.liberationLustrum')} />
            </Stack>
          </Radio.Group>
          <Checkbox label={t('requests.policy.goodFriday')} checked={profile.holidays.goodFriday} onChange={(e) => setHolidays({ goodFriday: e.currentTarget.checked })} />
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="policy-totp">
        <Text component="h2" id="policy-totp" fw={600} size="lg">{t('totp.menu')}</Text>
        <Checkbox mt="sm" label={t('totp.policyLabel')} description={t('totp.policyHint')} checked={profile.requireTotp} onChange={(e) => setProfile({ ...profile, requireTotp: e.currentTarget.checked })} />
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="policy-idle">
        <Text component="h2" id="policy-idle" fw={600} size="lg">{t('account.idleTitle')}</Text>
        <Text size="sm" c="dimmed" mb="sm">{t('account.idleSubtitle')}</Text>
        <NumberInput label={t('account.idleMinutes')} value={profile.idleLockMinutes} min={1} max={240} allowDecimal={false} w={220}
          onChange={(v) => typeof v === 'number' && setProfile((p) => ({ ...p, idleLockMinutes: v }))} />
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="policy-letters">
        <Text component="h2" id="policy-letters" fw={600} size="lg">{t('requests.policy.letters')}</Text>
        <TextInput mt="sm" label={t('requests.policy.place')} description={t('requests.policy.placeHelp')} value={place} maxLength={100} w={320}
          onChange={(e) => setPlace(e.currentTarget.value)} />
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="policy-copies">
        <Text component="h2" id="policy-copies" fw={600} size="lg">{t('copies.policy.title')}</Text>
        <Checkbox mt="sm" label={t('copies.policy.staffNames')} description={t('copies.policy.staffNamesHelp')} checked={profile.copies.staffNamesInAccessLog}
          onChange={(e) => setProfile({ ...profile, copies: { ...profile.copies, staffNamesInAccessLog: e.currentTarget.checked } })} />
      </Paper>
      <Text size="sm" c="dimmed">{t('requests.policy.existingNote')}</Text>
      <FormActions error={error} onCancel={() => { setProfile(settings.profile); setPlace(settings.place ?? ''); }} submitLabel={t('requests.policy.save')} onSubmit={() => void save()} busy={busy} />
      <ConfirmDialog
        opened={preset !== null}
        title={t('requests.policy.usePreset')}
        confirmLabel={t('requests.policy.usePreset')}
        onConfirm={() => void applyPreset()}
        onCancel={() => setPreset(null)}
        busy={busy}
      >
        <Text size="sm">{t('requests.policy.usePresetConfirm', { preset: preset ? t(`requests.policy.presetName.${preset}`) : '' })}</Text>
      </ConfirmDialog>
    </>
  );
}

/**
 * The technical administrator's part of the policy (issue 12, finding 5): a shorter idle lock.
 * Everything that lowers protection, a longer idle lock included, is the privacy officer's, in
 * PolicySettings above; core refuses it to the administrator as well.
 */
export function IdleLockSettings() {
  const { t } = useTranslation();
  const current = useSession((s) => s.idleLockMinutes);
  const [minutes, setMinutes] = useState<number>(current);
  const { busy, error, run } = useAction();
  const setIdleLock = useApiMutation('policy.setIdleLock', { invalidates: ['policy.get'] });
  useEffect(() => setMinutes(current), [current]);

  async function save() {
    await run(async () => {
      const { idleLockMinutes } = await setIdleLock.mutateAsync({ idleLockMinutes: minutes });
      useSession.setState({ idleLockMinutes });
      showSuccess(t('account.idleSaved', { minutes: idleLockMinutes }));
    });
  }

  return (
    <Stack maw={640}>
      <PageHeader title={t('account.idleTitle')} description={t('account.idleSubtitle')} />
      <Paper withBorder p="md" radius="md">
        <Stack>
          <NumberInput label={t('account.idleMinutes')} description={t('account.idleHelp')} value={minutes} min={1} max={current} allowDecimal={false} w={320}
            onChange={(v) => typeof v === 'number' && setMinutes(v)} />
          <FormActions error={error} submitLabel={t('account.idleSave')} onSubmit={() => void save()} busy={busy} disabled={minutes === current || minutes < 1} />
        </Stack>
      </Paper>
    </Stack>
  );
}
