// R24: who received the corrected data earlier, from the disclosure register (issue 4).
import { recipientsOfItems, type EarlierRecipient } from '../disclosures/index.ts';
import type { Ctx } from '../router/context.ts';

export type { EarlierRecipient };

export interface Items { fields: string[]; entryIds: number[] }

/** Every recipient that received any of the corrected fields or entries, with the disclosures and their dates. */
export function earlierRecipients(ctx: Ctx, participantId: number, items: Items): { available: boolean; recipients: EarlierRecipient[] } {
  return { available: true, recipients: recipientsOfItems(ctx.sqlite, participantId, items) };
}
