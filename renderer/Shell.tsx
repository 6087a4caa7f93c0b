import { useEffect, useState } from 'react';
import { AppShell, Badge, Button, Group, NavLink, Stack, Text, Tooltip, ActionIcon, Kbd, UnstyledButton, Box, Title, Menu } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import { IconChevronDown, IconDeviceMobile, IconKey, IconLock, IconLogout, IconSearch, IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { routes, matchRoute } from './routes.tsx';
import { can, useSession } from './state/session.ts';
import { navigate, useLocation } from './state/router.ts';
import { LanguageSwitch } from './components/LanguageSwitch.tsx';
import { ParticipantSpotlight } from './features/dossiers/ParticipantSpotlight.tsx';
import { endSession, lockNow, useIdleLock } from './features/auth/useIdleLock.ts';
import { SecondFactorSettings } from './features/auth/SecondFactor.tsx';

export function Shell() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const organisation = useSession((s) => s.organisation);
  const idleLockMinutes = useSession((s) => s.idleLockMinutes);
  const loc = useLocation();
  useIdleLock(idleLockMinutes);
  const [secondFactorOpen, setSecondFactorOpen] = useState(false);

  const allowed = routes.filter((r) => can(me, r.permission));
  const nav = allowed.filter((r) => r.nav);
  const match = matchRoute(loc.path);
  const permitted = match && can(me, match.route.permission);
  const home = nav[0]?.pattern ?? '/';

  useEffect(() => {
    if (!permitted && home !== loc.path) navigate(home);
  }, [permitted, home, loc.path]);

  async function signOut() {
    await endSession({ locked: false });
    navigate('/');
  }

  const Page = permitted ? match.route.component : null;
  const canSearch = can(me, 'dossier.read');

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm' }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <IconShieldLock size={26} color="#135f73" aria-hidden />
            <Box>
              <Text fw={700} c="kluis.8" lh={1.1}>{t('app.name')}</Text>
              {organisation ? <Text size="xs" c="dimmed" lh={1.1}>{organisation}</Text> : null}
            </Box>
          </Group>
          {canSearch ? (
            <UnstyledButton
              onClick={() => spotlight.open()}
              style={{ border: '1px solid #ced4da', borderRadius: 8, padding: '6px 12px', minWidth: 280, background: '#fff' }}
            >
              <Group justify="space-between" wrap="nowrap">
                <Group gap={8} wrap="nowrap">
                  <IconSearch size={16} aria-hidden />
                  <Text size="sm" c="dimmed">{t('search.placeholder')}</Text>
                </Group>
                <Kbd size="xs">Ctrl + K</Kbd>
              </Group>
            </UnstyledButton>
          ) : <span />}
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton data-testid="account-menu">
                  <Group gap={6} wrap="nowrap">
                    <Stack gap={0} align="flex-end" visibleFrom="md">
                      <Text size="sm" fw={600} data-testid="me-name">{me?.displayName}</Text>
                      <Text size="xs" c="dimmed">{me ? t(`roles.${me.role}`) : ''}</Text>
                    </Stack>
                    <span className="sr-only">{t('account.menu')}</span>
                    <IconChevronDown size={16} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('account.menu')}</Menu.Label>
                <Menu.Item leftSection={<IconKey size={16} aria-hidden />} component="a" href="#/account/password">
                  {t('account.changePassword')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Tooltip label={t('totp.menu')}>
              <ActionIcon variant="default" size="lg" onClick={() => setSecondFactorOpen(true)} aria-label={t('totp.menu')}>
                <IconDeviceMobile size={18} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('header.lock')}>
              <ActionIcon variant="default" size="lg" onClick={() => void lockNow()} aria-label={t('header.lock')}>
                <IconLock size={18} />
              </ActionIcon>
            </Tooltip>
            <Button variant="default" leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
              {t('header.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <Stack gap={4}>
          {nav.map((r) => {
            const Icon = r.nav!.icon;
            const active = r.pattern === '/' ? loc.path === '/' : loc.path.startsWith(r.pattern);
            return (
              <NavLink
                key={r.pattern}
                href={`#${r.pattern}`}
                label={t(r.nav!.labelKey)}
                leftSection={<Icon size={18} aria-hidden />}
                active={active}
                aria-current={active ? 'page' : undefined}
                variant="filled"
              />
            );
          })}
        </Stack>
        <Box mt="auto" pt="md">
          <Badge variant="outline" color="gray.7" size="sm">{t('app.encrypted')}</Badge>
        </Box>
      </AppShell.Navbar>
      <AppShell.Main>
        {Page && match ? <Page key={loc.path} params={match.params} /> : <Title order={1} size="h3">{t('common.loading')}</Title>}
      </AppShell.Main>
      {canSearch ? <ParticipantSpotlight /> : null}
      <SecondFactorSettings opened={secondFactorOpen} onClose={() => setSecondFactorOpen(false)} />
    </AppShell>
  );
}
