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

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const plurals = { nl: new Intl.PluralRules('nl-NL'), en: new Intl.PluralRules('en-GB') };

/**
 * Dutch sentences show dates the Dutch way (23-04-2026); English ones keep the ISO form.
 * `{seconds|seconde|seconden}` is the number with its singular or plural word ("1 seconde").
 */
export function fill(template: string, params: Record<string, string | number>, lang: 'nl' | 'en'): string {
  return template.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (whole, k: string, one?: string, other?: string) => {
    if (!(k in params)) return whole;
    const value = String(params[k]);
    if (one !== undefined && other !== undefined) return `${value} ${plurals[lang].select(Number(value)) === 'one' ? one : other}`;
    const date = lang === 'nl' ? ISO_DATE.exec(value) : null;
    return date ? `${date[3]}-${date[2]}-${date[1]}` : value;
  });
}

export class DomainError extends Error {
  constructor(readonly code: ErrorCode, readonly params: Record<string, string | number> = {}, readonly issues?: ApiError['issues']) {
    super(fill(messages[code].en, params, 'en'));
    this.name = 'DomainError';
  }
  toApiError(): ApiError {
    const m = messages[this.code];
    return {
      code: this.code,
      message: fill(m.nl, this.params, 'nl'),
      messageEn: fill(m.en, this.params, 'en'),
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
