// The whole API: every module's operations merged once. The router, the transports and the
// renderer's typed client all derive from this one map (ARCHITECTURE.md, "One way in").
import { mergeContracts } from './api/operation.ts';
import { authContract } from './auth/contract.ts';
import { accessContract } from './access/contract.ts';
import { dossiersContract } from './dossiers/contract.ts';
import { auditContract } from './audit/contract.ts';
import { requestsContract } from './requests/contract.ts';
import { statementsContract } from './statements/contract.ts';
import { restrictionContract } from './restriction/contract.ts';
import { recipientsContract } from './recipients/contract.ts';
import { consentContract } from './consent/contract.ts';
import { disclosuresContract } from './disclosures/contract.ts';
import { statisticsContract } from './statistics/contract.ts';
import { shieldingContract } from './shielding/contract.ts';
import { copiesContract } from './copies/contract.ts';
import { retentionContract } from './retention/contract.ts';

export const apiContract = mergeContracts(mergeContracts(mergeContracts(mergeContracts(mergeContracts(mergeContracts(mergeContracts(mergeContracts(mergeContracts(mergeContracts(mergeContracts(mergeContracts(mergeContracts(authContract, accessContract), dossiersContract), auditContract), requestsContract), statementsContract), restrictionContract), recipientsContract), consentContract), disclosuresContract), statisticsContract), shieldingContract), copiesContract), retentionContract);

export type ApiContract = typeof apiContract;
export type OperationName = keyof ApiContract & string;
