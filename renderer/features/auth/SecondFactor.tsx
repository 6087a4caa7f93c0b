// The second factor in the UI (R08): the code step of signing in, enrolment (QR code, the key in
// groups for typing, the recovery codes shown once) and the user's own settings to enrol again.
import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Checkbox, Code, CopyButton, Group, Image, List, Modal, PasswordInput, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Out } from '../../api/client.ts';
import { useApi, useApiMutation } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { FormError } from '../../components/FormActions.tsx';
import { formatDate } from '../../components/format.ts';
import { showSuccess } from '../../components/notify.ts';
import { useAction } from '../../components/useAction.ts';
import type { Me } from '../../state/session.ts';

/** The key in groups of four, as people type it from the screen into their phone. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** The sign-in's second step: a code from the app, or one of the user's recovery codes. */
export function TotpCodeStep({ onDone, onBack }: { onDone: (me: Me) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();
  const verify = useApiMutation('auth.secondFactor');

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(async () => onDone(await verify.mutateAsync({ code: code.trim() })), () => setCode(''));
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('totp.stepIntro')}</Text>
        {recovery ? (
          <TextInput key="recovery" label={t('totp.recoveryCode')} description={t('totp.recoveryHint')} autoComplete="off" autoCapitalize="characters" spellCheck={false}
            value={code} onChange={(e) => setCode(e.currentTarget.value)} autoFocus required data-testid="totp-code" />
        ) : (
          <TextInput key="app" label={t('totp.code')} description={t('totp.codeHint')} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" maxLength={6}
            value={code} onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))} autoFocus required data-testid="totp-code" />
        )}
        <FormError error={error} />
        <Button type="submit" loading={busy} size="md" disabled={recovery ? code.trim().length < 12 : code.length !== 6}>{t('totp.verify')}</Button>
        <Group justify="space-between">
          <Anchor component="button" type="button" size="sm" onClick={() => { setRecovery(!recovery); setCode(''); }}>
            {recovery ? t('totp.useApp') : t('totp.useRecovery')}
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={onBack}>{t('totp.back')}</Anchor>
        </Group>
      </Stack>
    </form>
  );
}

/** The recovery codes, shown once; the user confirms having stored them before going on. */
function RecoveryCodes({ codes, onContinue }: { codes: string[]; onContinue: () => void }) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  return (
    <Stack>
      <Alert color="warn" variant="light" icon={<IconAlertTriangle size={18} />} title={t('totp.codesTitle')}>{t('totp.codesText')}</Alert>
      <SimpleGrid cols={2} spacing="xs" component="ul" aria-label={t('totp.codesList')} style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="totp-recovery-codes">
        {codes.map((c) => <Code key={c} component="li" fz="md" ta="center" py={4}>{c}</Code>)}
      </SimpleGrid>
      <CopyButton value={codes.join('\n')}>
        {({ copied, copy }) => (
          <Button variant="default" size="xs" onClick={copy} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} w="fit-content">
            {copied ? t('common.copied') : t('common.copy')}
          </Button>
        )}
      </CopyButton>
      <Checkbox label={t('totp.codesStored')} checked={stored} onChange={(e) => setStored(e.currentTarget.checked)} />
      <Button disabled={!stored} onClick={onContinue}>{t('totp.continue')}</Button>
    </Stack>
  );
}

/**
 * Enrolment: a new key from the vault, shown as a QR code and as text; a code from the app
 * confirms it. From the menu (`askPassword`) the password is asked again.
 */
export function TotpEnrolment({ askPassword, onDone }: { askPassword: boolean; onDone: (me: Me | null) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<Out<'auth.totp.confirm'> | null>(null);
  // Once per mount: every begin makes a new key, and only the last one begun can be confirmed. So
  // the answer never goes stale nor is read again, and it leaves the cache when the form closes
  // (gcTime 0): the next enrolment begins anew, and the secret is not kept in memory.
  const begin = useApi('auth.totp.begin', {}, { staleTime: Infinity, gcTime: 0, retry: false });
  const confirmKey = useApiMutation('auth.totp.confirm', { invalidates: ['auth.totp.status'] });
  const confirm = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    await confirm.run(async () => setResult(await confirmKey.mutateAsync(askPassword ? { code, password } : { code })), () => setCode(''));
  }

  if (result) return <RecoveryCodes codes={result.recoveryCodes} onContinue={() => onDone(result.me)} />;
  const data = begin.data;
  if (!data) return begin.isError ? <QueryState query={begin}>{() => null}</QueryState> : <Skeleton h={260} aria-label={t('totp.loading')} />;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('totp.enrolSteps')}</Text>
        <Group align="flex-start" wrap="wrap">
          <Image src={data.qrDataUrl} alt={t('totp.qrAlt')} w={180} h={180} fit="contain" />
          <Stack gap={4}>
            <Text size="sm" fw={600} id="totp-secret-label">{t('totp.secret')}</Text>
            <Code aria-labelledby="totp-secret-label" fz="md" style={{ wordSpacing: '0.3em', maxWidth: 220 }} data-testid="totp-secret">{grouped(data.secret)}</Code>
            <CopyButton value={data.secret}>
              {({ copied, copy }) => (
                <Button variant="default" size="xs" onClick={copy} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} w="fit-content">
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Stack>
        </Group>
        <TextInput label={t('totp.code')} description={t('totp.codeHint')} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" maxLength={6}
          value={code} onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))} required data-testid="totp-enrol-code" />
        {askPassword ? (
          <PasswordInput label={t('totp.password')} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required />
        ) : null}
        <FormError error={confirm.error} />
        <Button type="submit" loading={confirm.busy} disabled={code.length !== 6 || (askPassword && !password)}>{t('totp.confirm')}</Button>
      </Stack>
    </form>
  );
}

/** The user's own settings: whether a second factor is set up, and setting it up (again). */
export function SecondFactorSettings({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [enrolling, setEnrolling] = useState(false);
  // Read on each opening (stale at once), never while closed.
  const query = useApi('auth.totp.status', {}, { enabled: opened, staleTime: 0 });
  const close = () => {
    setEnrolling(false);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('totp.settingsTitle')} size="lg">
      {enrolling ? (
        <TotpEnrolment askPassword onDone={() => { showSuccess(t('totp.done')); close(); }} />
      ) : (
        <QueryState query={query} height={80}>{(status) => (
        <Stack>
          <List spacing={4} size="sm">
            <List.Item>{status.enrolled ? t('totp.enrolled', { date: formatDate(status.enrolledAt), left: status.recoveryCodesLeft }) : t('totp.notEnrolled')}</List.Item>
            {status.required ? <List.Item>{t('totp.required')}</List.Item> : null}
          </List>
          {status.enrolled ? <Text size="sm" c="dimmed">{t('totp.resetWarning')}</Text> : null}
          <Button onClick={() => setEnrolling(true)} w="fit-content" data-autofocus>{status.enrolled ? t('totp.reset') : t('totp.enrol')}</Button>
        </Stack>
        )}</QueryState>
      )}
    </Modal>
  );
}
