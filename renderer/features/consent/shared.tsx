// Pieces shared by the consent screens: labels of categories, the mandate state badge, the
// recipient list and the section layout. Generic tables, dialogs and downloads: components/.
import type { ReactNode } from 'react';
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dataCategories, type DataCategory } from '../../../core/api/categories.ts';
import type { OperationName, Out } from '../../api/client.ts';
import { useApi } from '../../api/query.ts';
import { currentLanguage } from '../../i18n/index.ts';

export type Recipient = Out<'recipients.list'>[number];
export type Mandate = Out<'mandates.list'>[number];

export const recipientKinds = ['uwv', 'municipality', 'employer', 'veiligThuis', 'careProvider', 'school', 'other'] as const;
export const purposes = ['reintegration', 'registration', 'indication', 'careCoordination', 'reporting', 'other'] as const;
export const channels = ['letter', 'email', 'secureEmail', 'portal', 'phone', 'inPerson'] as const;
export const withdrawalChannels = ['oral', 'letter', 'email', 'inPerson'] as const;

export function categoryLabel(c: DataCategory): string {
  return dataCategories[c][currentLanguage()];
}

/**
 * What each consent record changes besides its own list (issue 14): the registers across
 * participants, what a correction's notifications reach (R24), the request an objection belongs
 * to, and the participant's log, where every record is a line.
 */
export const consentChanges = {
  mandate: ['mandates.list', 'mandates.overview', 'audit.participantLog'],
  disclosure: ['disclosures.list', 'disclosures.register', 'requests.recipientsToNotify', 'audit.participantLog'],
  objection: ['objections.list', 'requests.get', 'requests.list', 'audit.participantLog'],
  verwijsindex: ['verwijsindex.list', 'audit.participantLog'],
} satisfies Record<string, OperationName[]>;

/**
 * What the consent forms need from the policy (R10, R12), read when a form opens; null until
 * known (or when it cannot be read), so that an option the policy may forbid stays off meanwhile.
 */
export function useConsentSettings(opened: boolean): Out<'consent.settings'> | null {
  return useApi('consent.settings', {}, { enabled: opened }).data ?? null;
}

/** Select options from a list of values and their i18n key prefix. */
export function useOptions() {
  const { t } = useTranslation();
  return (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
}

/** The recipient register as the dossier screens need it (active ones for new records). */
export function useRecipients(includeInactive = false) {
  const query = useApi('recipients.list', { includeInactive });
  const reload = async () => { await query.refetch(); };
  return { recipients: query.data ?? [], reload };
}

const stateColor = { active: 'ok', notYetValid: 'kluis.7', expired: 'gray.7', withdrawn: 'danger' } as const;

/** Words and colour together: an active mandate that ends within 30 days says so. */
export function MandateStateBadge({ mandate }: { mandate: Pick<Mandate, 'state' | 'daysLeft'> }) {
  const { t } = useTranslation();
  const expiring = mandate.state === 'active' && mandate.daysLeft !== null && mandate.daysLeft <= 30;
  return (
    <Badge color={expiring ? 'warn' : stateColor[mandate.state]} variant={mandate.state === 'active' ? 'light' : 'outline'} data-testid="mandate-state" data-state={mandate.state}>
      {expiring ? t('consent.mandateState.expiring', { count: mandate.daysLeft ?? 0 }) : t(`consent.mandateState.${mandate.state}`)}
    </Badge>
  );
}

export function CategoryBadges({ categories }: { categories: DataCategory[] }) {
  return (
    <Group gap={4}>
      {categories.map((c) => <Badge key={c} size="sm" variant="outline" color={dataCategories[c].special ? 'warn' : 'kluis.7'}>{categoryLabel(c)}</Badge>)}
    </Group>
  );
}

/** A section of the consent tab: a heading, an action and its content. */
export function Section({ title, action, intro, children }: { title: string; action?: ReactNode; intro?: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Text component="h2" fw={600} size="lg" m={0}>{title}</Text>
          {intro ? <Text size="sm" c="dimmed">{intro}</Text> : null}
        </Stack>
        {action}
      </Group>
      {children}
    </Stack>
  );
}

/** Age in whole years on a day, from two 'YYYY-MM-DD' dates. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return (y ?? 0) - (by ?? 0) - ((m ?? 0) < (bm ?? 0) || (m === bm && (d ?? 0) < (bd ?? 0)) ? 1 : 0);
}
