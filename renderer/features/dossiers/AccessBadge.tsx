import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Access = 'caseload' | 'role' | 'breakGlass' | 'needsReason';
const colors: Record<Access, string> = { caseload: 'ok', role: 'kluis.7', breakGlass: 'warn', needsReason: 'gray.7' };

export function AccessBadge({ access }: { access: Access }) {
  const { t } = useTranslation();
  return <Badge variant="outline" color={colors[access]} size="sm">{t(`access.${access}`)}</Badge>;
}

export function StatusBadge({ status }: { status: 'active' | 'closed' }) {
  const { t } = useTranslation();
  return <Badge variant={status === 'active' ? 'light' : 'outline'} color={status === 'active' ? 'ok' : 'gray.7'} size="sm">{t(`status.${status}`)}</Badge>;
}
