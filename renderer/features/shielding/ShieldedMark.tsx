// Marks a part that is shielded from someone else (R26), for those who may still see it.
import { Badge, Tooltip } from '@mantine/core';
import { IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function ShieldedMark({ on }: { on: boolean | undefined }) {
  const { t } = useTranslation();
  if (!on) return null;
  return (
    <Tooltip label={t('shielding.markHelp')} multiline w={260}>
      <Badge ml="xs" size="sm" color="gray.8" variant="outline" leftSection={<IconEyeOff size={11} aria-hidden />} data-testid="shielded-mark" style={{ maxWidth: 'none' }}>
        {t('shielding.mark')}
      </Badge>
    </Tooltip>
  );
}
