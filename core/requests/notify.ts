// R24: who received the corrected data earlier, from the disclosure register (issue 4).
import { recipientsOfItems, type EarlierRecipient } from '../disclosures/index.ts';
import type { Ctx } from '../router/context.ts';

export type { EarlierRecipient };

/** The items a correction or erasure concerns; `everything`: the whole dossier (R29). */
export interface Items { fields: string[]; entryIds: number[]; documentIds?: number[]; everything?: boolean }

/** Every recipient that received any of the corrected or erased items, with the disclosures and their dates (R24, AVG art. 19). */
export function earlierRecipients(ctx: Ctx, participantId: number, items: Items): { available: boolean; recipients: EarlierRecipient[] } {
  return { available: true, recipients: recipientsOfItems(ctx.sqlite, participantId, items) };
}
