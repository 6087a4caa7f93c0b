// Every operation's implementation, by name. The registry is complete by type: a contract entry
// without a handler does not compile.
import type { ApiContract } from '../contract.ts';
import type { Handlers } from './types.ts';
import { authHandlers } from '../auth/service.ts';
import { accessHandlers } from '../access/service.ts';
import { dossierHandlers } from '../dossiers/service.ts';
import { auditHandlers } from '../audit/service.ts';
import { requestHandlers } from '../requests/service.ts';
import { statementHandlers } from '../statements/service.ts';
import { restrictionHandlers } from '../restriction/service.ts';
import { recipientHandlers } from '../recipients/service.ts';
import { consentHandlers } from '../consent/service.ts';
import { disclosureHandlers } from '../disclosures/service.ts';
import { statisticsHandlers } from '../statistics/service.ts';
import { shieldingHandlers } from '../shielding/service.ts';
import { copyHandlers } from '../copies/service.ts';
import { retentionHandlers } from '../retention/service.ts';

export const handlers: Handlers<ApiContract> = { ...authHandlers, ...accessHandlers, ...dossierHandlers, ...auditHandlers, ...requestHandlers, ...statementHandlers, ...restrictionHandlers, ...recipientHandlers, ...consentHandlers, ...disclosureHandlers, ...statisticsHandlers, ...shieldingHandlers, ...copyHandlers, ...retentionHandlers };
