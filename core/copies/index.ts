// The participant's copy (R20, R21, R22, R31): see service.ts.
export { copiesContract } from './contract.ts';
export { copyHandlers, makeCopy, type MadeCopy } from './service.ts';
export { makePassphrase, PASSPHRASE_BITS } from './passphrase.ts';
