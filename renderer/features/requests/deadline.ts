// The words for a request's deadline: the badge and the line next to the due date come from this
// one function, so they can never say different things ("Binnen 2 werkdagen" next to "vandaag de
// laatste dag" did). Pure, so it is tested without a browser.
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { Urgency as UrgencySchema } from '../../../core/requests/contract.ts';

export type Urgency = z.infer<typeof UrgencySchema>;

export interface DeadlineTexts {
  /** Short status for the badge. */
  badge: string;
  /** The working days left or late, next to the date; null once answered. */
  detail: string | null;
}

export function deadlineTexts(t: TFunction, urgency: Urgency, workingDaysLeft: number): DeadlineTexts {
  switch (urgency) {
    case 'answered':
      return { badge: t('requests.urgency.answered'), detail: null };
    case 'overdue':
      return { badge: t('requests.urgency.overdue'), detail: t('requests.daysLate', { count: Math.max(1, -workingDaysLeft) }) };
    case 'dueSoon':
      return workingDaysLeft <= 0
        ? { badge: t('requests.urgency.dueToday'), detail: t('requests.dueToday') }
        : { badge: t('requests.urgency.dueSoon', { count: workingDaysLeft }), detail: t('requests.daysLeft', { count: workingDaysLeft }) };
    case 'onTrack':
      return { badge: t('requests.urgency.onTrack'), detail: t('requests.daysLeft', { count: workingDaysLeft }) };
  }
}
