// The one set of state components for server reads: loading skeleton, Dutch error with
// "Opnieuw proberen", and the empty state.
import type { ReactNode } from 'react';
import { Alert, Button, Skeleton, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from './notify.ts';

interface Props<T> {
  query: UseQueryResult<T, unknown>;
  empty?: (data: T) => boolean;
  emptyText?: ReactNode;
  height?: number;
  children: (data: T) => ReactNode;
}

export function QueryState<T>({ query, empty, emptyText, height = 160, children }: Props<T>) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton h={height} aria-label={t('common.loading')} />;
  if (query.isError) {
    return (
      <Alert color="danger" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text>{errorText(query.error)}</Text>
          <Button size="xs" variant="light" onClick={() => void query.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Alert>
    );
  }
  if (empty?.(query.data)) return <Text c="dimmed">{emptyText}</Text>;
  return <>{children(query.data)}</>;
}
