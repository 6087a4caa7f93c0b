import { List, ThemeIcon } from '@mantine/core';
import { IconCheck, IconCircleDashed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export const MIN_PASSWORD = 12;

/** The password rules, checked live while typing. */
export function PasswordRules({ password, repeat }: { password: string; repeat?: string }) {
  const { t } = useTranslation();
  const rules = [
    { ok: password.length >= MIN_PASSWORD, text: t('password.ruleLength', { min: MIN_PASSWORD, count: password.length }) },
    ...(repeat === undefined ? [] : [{ ok: password.length > 0 && password === repeat, text: t('password.ruleRepeat') }]),
  ];
  return (
    <List spacing={4} size="sm" aria-live="polite">
      {rules.map((r) => (
        <List.Item
          key={r.text}
          icon={
            <ThemeIcon size={20} radius="xl" color={r.ok ? 'ok' : 'gray.6'} variant={r.ok ? 'filled' : 'light'} aria-hidden>
              {r.ok ? <IconCheck size={14} /> : <IconCircleDashed size={14} />}
            </ThemeIcon>
          }
        >
          {r.text}
          <span className="sr-only">{r.ok ? ` — ${t('password.met')}` : ` — ${t('password.notMet')}`}</span>
        </List.Item>
      ))}
    </List>
  );
}

export function passwordOk(password: string, repeat?: string): boolean {
  return password.length >= MIN_PASSWORD && (repeat === undefined || password === repeat);
}
