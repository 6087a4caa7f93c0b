// The app's list table: a bordered paper, one header row, and optionally a last column for row
// buttons whose header only screen readers hear. With `minWidth` a narrow window scrolls it
// sideways instead of squeezing the columns; that scrolling region takes the keyboard focus itself
// (a table of plain text has nothing else to focus, and arrow keys must reach what is cut off).
// Other Table props (striped, data-testid…) pass on.
import type { ReactNode } from 'react';
import { Paper, Table, type TableProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function DataTable({ headers, actions = false, caption, minWidth, children, ...tableProps }: TableProps & {
  /** Translated column labels, in order. */
  headers: ReactNode[];
  /** Adds the (visually hidden) "Acties" column for row buttons. */
  actions?: boolean;
  caption?: string;
  /** Scrolls horizontally below this width. */
  minWidth?: number;
  /** The rows (Table.Tr). */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const table = (
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
  );
  return (
    <Paper withBorder radius="md">
      {minWidth ? (
        <Table.ScrollContainer minWidth={minWidth}
          scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': caption ?? t('common.scrollTable') } }}>
          {table}
        </Table.ScrollContainer>
      ) : table}
    </Paper>
  );
}
