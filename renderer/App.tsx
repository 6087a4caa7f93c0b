import { useMemo } from 'react';
import { MantineProvider, Center, Loader, Alert, Button, Stack } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { makeTheme, cssVariablesResolver } from './theme.ts';
import { bootSession, bootError } from './state/boot.ts';
import { useSession } from './state/session.ts';
import { FirstRunWizard } from './features/auth/FirstRunWizard.tsx';
import { SignIn } from './features/auth/SignIn.tsx';
import { Shell } from './Shell.tsx';
import { ForcedPasswordChange } from './features/account/ChangePassword.tsx';
import { SessionQueryProvider } from './api/QueryProvider.tsx';

function Root() {
  const { t } = useTranslation();
  const phase = useSession((s) => s.phase);
  const me = useSession((s) => s.me);

  if (phase === 'loading') {
    return (
      <Center h="100vh" component="main">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (phase === 'unreachable') {
    return (
      <Center h="100vh" component="main">
        <Stack maw={480}>
          <Alert color="danger" title={t('app.unreachableTitle')}>{bootError ?? t('app.unreachable')}</Alert>
          <Button onClick={() => void bootSession()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  // A client per signed-in user, and one for the screens before signing in (they read only
  // public answers, such as a second factor's new key): each change of who is signed in (sign-in,
  // lock, sign-out) drops the previous client with everything it held.
  const signedIn = phase === 'signedIn' && me;
  return (
    <SessionQueryProvider sessionKey={signedIn ? `user:${me.username}` : phase}>
      {phase === 'firstRun' ? <FirstRunWizard />
        : !signedIn ? <SignIn />
        // A password someone else set opens only the password change (issue 12, finding 5).
        : me.mustChangePassword ? <ForcedPasswordChange me={me} />
        : <Shell />}
    </SessionQueryProvider>
  );
}

export function App() {
  const { t, i18n } = useTranslation();
  const theme = useMemo(() => makeTheme(t('common.close')), [t, i18n.language]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <Root />
    </MantineProvider>
  );
}
