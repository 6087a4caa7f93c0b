import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useSession } from '../../state/session.ts';
import { showSuccess } from '../../components/notify.ts';
import { useAction } from '../../components/useAction.ts';
import { navigate } from '../../state/router.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { PasswordRules, passwordOk } from './PasswordRules.tsx';
import { FormError } from '../../components/FormActions.tsx';
import type { Me } from '../../state/session.ts';
import { TotpCodeStep, TotpEnrolment } from './SecondFactor.tsx';

export function SignIn() {
  const { t } = useTranslation();
  const organisation = useSession((s) => s.organisation);
  const prefill = useSession((s) => s.prefillUsername);
  const locked = useSession((s) => s.locked);
  const signedIn = useSession((s) => s.signedIn);
  const [username, setUsername] = useState(prefill ?? '');
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useAction();
  const [recoverOpen, setRecoverOpen] = useState(false);
  /** R08: the password was right, and a code (or enrolment first) is still due. */
  const [secondFactor, setSecondFactor] = useState<'totp' | 'enrol' | null>(null);

  function finish(me: Me) {
    // After a lock the same user goes on where they were; someone else starts on the start page,
    // not on the previous user's dossier (which would read it, be denied, and log that for them).
    if (!locked || me.username !== prefill) navigate('/');
    signedIn(me);
  }

  async function back() {
    setSecondFactor(null);
    setPassword('');
    try { await call('auth.signOut', {}); } catch { /* nothing was open */ }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('signIn.fillBoth'));
      return;
    }
    await run(async () => {
      const res = await call('auth.signIn', { username: username.trim(), password });
      if ('secondFactor' in res) {
        setSecondFactor(res.secondFactor);
        setPassword('');
        return;
      }
      finish(res);
    }, () => setPassword(''));
  }

  if (secondFactor === 'totp') {
    return (
      <AuthLayout title={t('totp.stepTitle')} subtitle={username.trim()} width={420}>
        <TotpCodeStep onDone={finish} onBack={() => void back()} />
      </AuthLayout>
    );
  }
  if (secondFactor === 'enrol') {
    return (
      <AuthLayout title={t('totp.enrolTitle')} subtitle={t('totp.enrolIntro')} width={560}>
        <Stack>
          <TotpEnrolment askPassword={false} onDone={(me) => (me ? finish(me) : void back())} />
          <Anchor component="button" type="button" size="sm" onClick={() => void back()} ta="center">{t('totp.back')}</Anchor>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={locked ? t('signIn.lockedTitle') : t('signIn.title')} subtitle={organisation ?? undefined} width={420}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {locked ? (
            <Alert color="kluis" variant="light" icon={<IconLock size={18} />}>{t('signIn.lockedText')}</Alert>
          ) : null}
          <TextInput
            label={t('signIn.username')}
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoFocus={!prefill}
            required
          />
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoFocus={!!prefill}
            required
          />
          {error ? (
            <Alert color="danger" variant="light" icon={<IconAlertCircle size={18} />} role="alert" data-testid="signin-error">
              {error}
            </Alert>
          ) : null}
          <Button type="submit" loading={busy} size="md">{t('signIn.submit')}</Button>
          <Anchor component="button" type="button" size="sm" onClick={() => setRecoverOpen(true)} ta="center">
            {t('signIn.forgot')}
          </Anchor>
        </Stack>
      </form>
      <RecoverDialog opened={recoverOpen} onClose={() => setRecoverOpen(false)} username={username} />
    </AuthLayout>
  );
}

function RecoverDialog({ opened, onClose, username: initial }: { opened: boolean; onClose: () => void; username: string }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(initial);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, run } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!passwordOk(password, repeat)) return;
    await run(async () => {
      await call('auth.recover', { username: username.trim(), recoveryCode: code.trim(), newPassword: password });
      showSuccess(t('recover.done'));
      onClose();
    });
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('recover.title')} size="md">
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('recover.intro')}</Text>
          <TextInput label={t('signIn.username')} value={username} onChange={(e) => setUsername(e.currentTarget.value)} data-autofocus required />
          <TextInput label={t('recover.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} required />
          <PasswordInput label={t('recover.newPassword')} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required />
          <PasswordInput label={t('recover.repeat')} autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} required />
          <PasswordRules password={password} repeat={repeat} />
          <FormError error={error} />
          <Button type="submit" loading={busy} disabled={!passwordOk(password, repeat)}>{t('recover.submit')}</Button>
        </Stack>
      </form>
    </Modal>
  );
}
