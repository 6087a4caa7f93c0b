// Domain errors carry a code and parameters; the words live in messages.ts (Dutch first), so a
// user never sees a stack trace, only a sentence.
import { messages, type ErrorCode } from './messages.ts';

export type { ErrorCode };

export interface ApiError {
  code: ErrorCode;
  message: string;
  messageEn: string;
  params?: Record<string, string | number>;
  issues?: { path: string; message: string }[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

export class DomainError extends Error {
  constructor(readonly code: ErrorCode, readonly params: Record<string, string | number> = {}, readonly issues?: ApiError['issues']) {
    super(fill(messages[code].en, params));
    this.name = 'DomainError';
  }
  toApiError(): ApiError {
    const m = messages[this.code];
    return {
      code: this.code,
      message: fill(m.nl, this.params),
      messageEn: fill(m.en, this.params),
      ...(Object.keys(this.params).length ? { params: this.params } : {}),
      ...(this.issues ? { issues: this.issues } : {}),
    };
  }
}

export function domainError(code: ErrorCode, params: Record<string, string | number> = {}): DomainError {
  return new DomainError(code, params);
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
