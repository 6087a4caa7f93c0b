import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { isAnonymousNumber } from '../../core/retention/anonymous-number.ts';

/** A legal/local date 'YYYY-MM-DD' shown the Dutch way: 31-12-2024. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return d.isValid() ? d.format('DD-MM-YYYY') : iso;
}

/**
 * A birth date; for an anonymised dossier (R29) only its year, because that is all that is left
 * (core/retention/anonymise.ts keeps the year as the first of January).
 */
export function formatBirthDate(iso: string | null | undefined, dossierNumber: string): string {
  if (iso && isAnonymousNumber(dossierNumber)) return iso.slice(0, 4);
  return formatDate(iso);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('DD-MM-YYYY HH:mm') : iso;
}

/** A month 'YYYY-MM' in words: "december 2026" (or "December 2026" in English). */
export function formatMonth(ym: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
}

export function today(): string {
  return dayjs().format('YYYY-MM-DD');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function fullName(p: { firstName: string; lastNamePrefix: string | null; lastName: string }): string {
  return [p.firstName, p.lastNamePrefix, p.lastName].filter(Boolean).join(' ');
}

/** A participant field's value as a person reads it: dates DD-MM-JJJJ, enum values in words ("vrouw", not "female"). */
export function fieldText(t: TFunction, field: string, value: string): string {
  if (field === 'birthDate') return formatDate(value);
  if (field === 'gender') return t(`gender.${value}`, { defaultValue: value });
  return value;
}
