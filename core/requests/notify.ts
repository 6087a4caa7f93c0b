// R24: who received the corrected data earlier, from the disclosure register (issue 4).
import type { Ctx } from '../router/context.ts';

export interface EarlierRecipient {
  recipientId: number | null;
  recipientName: string;
  disclosureIds: number[];
  disclosedOn: string[];
}

export interface Items { fields: string[]; entryIds: number[] }

/** `available: false` while the vault has no disclosure register to ask. */
export function earlierRecipients(_ctx: Ctx, _participantId: number, _items: Items): { available: boolean; recipients: EarlierRecipient[] } {
  return { available: false, recipients: [] };
}
