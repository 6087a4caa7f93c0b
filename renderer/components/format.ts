import dayjs from 'dayjs';

/** A legal/local date 'YYYY-MM-DD' shown the Dutch way: 31-12-2024. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return d.isValid() ? d.format('DD-MM-YYYY') : iso;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('DD-MM-YYYY HH:mm') : iso;
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
