import type { ReactNode } from 'react';
import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

/** The calm frame around sign-in and first run: a card in the middle of the screen. */
export function AuthLayout({ title, subtitle, children, width = 460 }: { title: string; subtitle?: ReactNode; children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" style={{ background: 'linear-gradient(180deg, #e8f4f6 0%, #f6f8f9 60%)' }}>
      <Group component="header" justify="space-between" px="lg" py="sm">
        <Group gap={8}>
          <IconLock size={22} color="#135f73" aria-hidden />
          <Text fw={700} c="kluis.8">{t('app.name')}</Text>
        </Group>
        <LanguageSwitch />
      </Group>
      <Center component="main" px="md" pb="xl">
        <Paper shadow="sm" p="xl" radius="lg" w="100%" maw={width} withBorder mt="lg">
          <Stack gap="xs" mb="lg">
            <Title order={1} size="h2">{title}</Title>
            {subtitle ? <Text c="dimmed">{subtitle}</Text> : null}
          </Stack>
          {children}
        </Paper>
      </Center>
    </Box>
  );
}

