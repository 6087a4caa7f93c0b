import { useCallback, useEffect, useMemo, useState } from 'react';
import { MantineProvider, Center, Loader, Alert, Button, Stack } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { makeTheme, cssVariablesResolver } from './theme.ts';
import { call, setSessionLostListener } from './api/client.ts';
import { useSession } from './state/session.ts';
import { FirstRunWizard } from './features/auth/FirstRunWizard.tsx';
import { SignIn } from './features/auth/SignIn.tsx';
import { Shell } from './Shell.tsx';
import { ForcedPasswordChange } from './features/account/ChangePassword.tsx';
import { errorText } from './components/notify.ts';
import { SessionQueryProvider } from './api/QueryProvider.tsx';

function Root() {
  const { t } = useTranslation();
  const phase = useSession((s) => s.phase);
  const setStatus = useSession((s) => s.setStatus);
  const setPhase = useSession((s) => s.setPhase);
  const me = useSession((s) => s.me);
  const [unreachable, setUnreachable] = useState<string | null>(null);

  const load = useCallback(() => {
    setPhase('loading');
    call('vault.status', {}).then(setStatus, (e: unknown) => {
      setUnreachable(errorText(e));
      setPhase('unreachable');
    });
  }, [setStatus, setPhase]);

  useEffect(() => {
    load();
    setSessionLostListener(() => {
      const s = useSession.getState();
      if (s.phase === 'signedIn') s.signedOut({ username: s.me?.username ?? null, locked: true });
    });
    return () => setSessionLostListener(null);
  }, [load]);

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
          <Alert color="danger" title={t('app.unreachableTitle')}>{unreachable ?? t('app.unreachable')}</Alert>
          <Button onClick={load}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  if (phase === 'firstRun') return <FirstRunWizard />;
  if (phase === 'signedOut') return <SignIn />;
  // A password someone else set opens only the password change (issue 12, finding 5).
  if (me?.mustChangePassword) return <ForcedPasswordChange me={me} />;
  return (
    <SessionQueryProvider sessionKey={me?.username ?? ''}>
      <Shell />
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
