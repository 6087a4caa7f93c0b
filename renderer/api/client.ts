// The one typed way to the backend: `call(name, input)` with types derived from the contract.
// Failures come back as an ApiCallError carrying the coded error with its Dutch and English text.
import type { ApiContract, OperationName } from '../../core/contract.ts';
import type { InputOf, OutputOf } from '../../core/api/operation.ts';
import type { ApiError } from '../../core/api/errors.ts';
import { messages } from '../../core/api/messages.ts';
import { transport } from './transport.ts';

export type { OperationName };
export type In<N extends OperationName> = InputOf<ApiContract, N>;
export type Out<N extends OperationName> = OutputOf<ApiContract, N>;

export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
  }
}

type SessionLostListener = () => void;
let onSessionLost: SessionLostListener | null = null;
/** Called when the host says the session is gone (locked elsewhere, restarted). */
export function setSessionLostListener(fn: SessionLostListener | null): void {
  onSessionLost = fn;
}

const connectionLost: ApiError = {
  code: 'operation.failed',
  message: 'Er is geen verbinding met de kluis. Controleer of Dossierkluis nog draait.',
  messageEn: 'There is no connection to the vault. Check that Dossierkluis is still running.',
};

export async function call<N extends OperationName>(name: N, input: In<N>): Promise<Out<N>> {
  let result;
  try {
    result = await transport(name, input);
  } catch {
    throw new ApiCallError(connectionLost);
  }
  if (result && typeof result === 'object' && 'ok' in result) {
    if (result.ok) return result.value as Out<N>;
    const error = result.error;
    if ((error.code === 'auth.required' || error.code === 'vault.locked') && name !== 'auth.signIn') onSessionLost?.();
    throw new ApiCallError(error);
  }
  throw new ApiCallError({ code: 'operation.failed', message: messages['operation.failed'].nl, messageEn: messages['operation.failed'].en });
}
