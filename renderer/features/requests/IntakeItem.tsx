// One item of a request's intake (a correction's change, an erasure's item): its number, what it
// concerns, why, and a button to remove it; the item's own inputs go below.
import type { ReactNode } from 'react';
import { ActionIcon, Fieldset, Group, Radio, Stack } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const TARGET_LABEL = { field: 'requests.intake.field', entry: 'requests.intake.entry', document: 'requests.intake.document' } as const;
type Target = keyof typeof TARGET_LABEL;

export function IntakeItem<T extends Target>({ legend, testId, targets, target, onTarget, ground, removeLabel, onRemove, children }: {
  legend: string; testId: string; targets: readonly T[]; target: T; onTarget: (t: T) => void;
  ground: ReactNode; removeLabel: string; onRemove: (() => void) | null; children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={legend} radius="md" data-testid={testId}>
      <Stack gap="sm">
        <Group align="flex-end" wrap="nowrap">
          <Radio.Group label={t('requests.intake.changeTarget')} value={target} onChange={(v) => onTarget(v as T)}>
            <Group mt={6}>
              {targets.map((x) => <Radio key={x} value={x} label={t(TARGET_LABEL[x as Target])} />)}
            </Group>
          </Radio.Group>
          {ground}
          {onRemove ? (
            <ActionIcon variant="subtle" color="danger" size="lg" aria-label={removeLabel} onClick={onRemove}>
              <IconTrash size={18} />
            </ActionIcon>
          ) : null}
        </Group>
        {children}
      </Stack>
    </Fieldset>
  );
}
