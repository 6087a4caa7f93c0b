import type { Out } from '../../api/client.ts';

export type Detail = Out<'requests.get'>;
export type Content = Out<'requests.content'>;
export interface PanelProps {
  detail: Detail;
  canHandle: boolean;
}

export const CONSULTED_TYPES: readonly string[] = ['inzage', 'afschrift']; // R22
export const CHANGE_TYPES: readonly string[] = ['correctie', 'aanvulling']; // R23
export const VERIFIED: readonly string[] = ['identityVerified', 'thirdPartiesConsulted', 'decided', 'carriedOut', 'closed'];
export const BEFORE_DECISION: readonly string[] = ['received', 'identityVerified', 'thirdPartiesConsulted'];
