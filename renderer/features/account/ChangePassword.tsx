// Every user changes their own password here (issue 12, finding 5). A password someone else set
// (a new account, a reset, a recovery) must be replaced first: the app then shows only this
// screen, says who set it and when, and core refuses every other operation until it is done.
import { useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useSession, type Me } from '../../state/session.ts';
import { showSuccess } from '../../components/notify.ts';
import { useAction } from '../../components/useAction.ts';
import { formatDateTime } from '../../components/format.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PasswordRules, passwordOk } from '../auth/PasswordRules.tsx';
import { AuthLayout } from '../auth/AuthLayout.tsx';

/** Who set the password and when, as the user reads it after signing in. */
export function PasswordNotice({ notice }: { notice: Me['passwordNotice'] }) {
  const { t } = useTranslation();
  if (!notice) return null;
  const at = formatDateTime(notice.at);
  const text = notice.how === 'recovery' ? t('account.noticeRecovery', { at }) : t(notice.how === 'created' ? 'account.noticeCreated' : 'account.noticeReset', { at, by: notice.by ?? '' });
  return (
    <Alert color="warn" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="password-notice">
      <Text size="sm">{text}</Text>
      <Text size="sm" mt={4}>{t('account.noticeCheck')}</Text>
    </Alert>
  );
}

function ChangePasswordForm({ temporary }: { temporary: boolean }) {
  const { t } = useTranslation();
  const setStatus = useSession((s) => s.setStatus);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, setError, run } = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!current || !next || !repeat) return setError(t('account.fillAll'));
    if (!passwordOk(next, repeat)) return;
    if (next === current) return setError(t('account.same'));
    await run(async () => {
      await call('auth.changePassword', { currentPassword: current, newPassword: next });
      // The session now has its own password: reload who is signed in (and the policy's idle time).
      setStatus(await call('vault.status', {}));
      setCurrent('');
      setNext('');
      setRepeat('');
      showSuccess(t('account.done'));
    }, () => setCurrent(''));
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <PasswordInput label={temporary ? t('account.currentTemporary') : t('account.current')} autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.currentTarget.value)} required data-autofocus autoFocus />
        <PasswordInput label={t('account.new')} autoComplete="new-password" value={next} onChange={(e) => setNext(e.currentTarget.value)} required />
        <PasswordInput label={t('account.repeat')} autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} required />
        <PasswordRules password={next} repeat={repeat} />
        <FormActions error={error} submitLabel={t('account.submit')} busy={busy} disabled={!passwordOk(next, repeat)} />
      </Stack>
    </form>
  );
}

/** The page in the app, reached from the account menu. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={520}>
      <PageHeader title={t('account.changePassword')} description={t('account.changePasswordHelp')} />
      <ChangePasswordForm temporary={false} />
    </Stack>
  );
}

/** Straight after signing in with a password someone else set: nothing else until it is changed. */
export function ForcedPasswordChange({ me }: { me: Me }) {
  const { t } = useTranslation();
  async function signOut() {
    try {
      await call('auth.signOut', {});
    } catch {
      /* signed out on this side anyway */
    }
    useSession.getState().signedOut({ username: me.username });
  }
  return (
    <AuthLayout title={t('account.forcedTitle')} subtitle={me.displayName} width={480}>
      <Stack>
        <PasswordNotice notice={me.passwordNotice} />
        <Text size="sm">{t('account.forcedText')}</Text>
        <ChangePasswordForm temporary />
        <Button variant="subtle" onClick={() => void signOut()}>{t('account.signOut')}</Button>
      </Stack>
    </AuthLayout>
  );
}
