// The app's plain list table: a bordered paper, striped rows, one header row of labels, and
// optionally a last column for row buttons whose header only screen readers hear.
import type { ReactNode } from 'react';
import { Paper, Table, type TableProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function DataTable({ headers, actions = false, caption, children, ...tableProps }: TableProps & {
  /** Translated column labels, in order. */
  headers: string[];
  /** Adds the (visually hidden) "Acties" column for row buttons. */
  actions?: boolean;
  caption?: string;
  /** The rows (Table.Tr). */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md">
      <Table striped highlightOnHover verticalSpacing="sm" {...tableProps}>
        {caption ? <Table.Caption>{caption}</Table.Caption> : null}
        <Table.Thead>
          <Table.Tr>
            {headers.map((h, i) => <Table.Th key={i}>{h}</Table.Th>)}
            {actions ? <Table.Th><span className="sr-only">{t('common.actions')}</span></Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Paper>
  );
}
