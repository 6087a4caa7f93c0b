// The handlers of the consent module: mandates (R10, R11, R17), objections (R27), Verwijsindex (R13).
import { loadPolicy } from '../requests/policy.ts';
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import type { consentContract } from './contract.ts';
import { mandateHandlers } from './mandates.ts';
import { objectionHandlers } from './objections.ts';
import { verwijsindexHandlers } from './verwijsindex.ts';

export const consentHandlers: Handlers<typeof consentContract> = {
  'consent.settings': (ctx: Ctx) => {
    const { oralConsentAllowed, exceptionMinArguments } = loadPolicy(ctx.sqlite).profile.consent;
    return { oralConsentAllowed, exceptionMinArguments };
  },
  ...mandateHandlers, ...objectionHandlers, ...verwijsindexHandlers,
};
