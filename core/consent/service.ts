// The handlers of the consent module: mandates (R10, R11, R17), objections (R27), Verwijsindex (R13).
import type { Handlers } from '../router/types.ts';
import type { consentContract } from './contract.ts';
import { mandateHandlers } from './mandates.ts';
import { objectionHandlers } from './objections.ts';
import { verwijsindexHandlers } from './verwijsindex.ts';

export const consentHandlers: Handlers<typeof consentContract> = { ...mandateHandlers, ...objectionHandlers, ...verwijsindexHandlers };
