// Readable messages for the user: the Dutch (or English) sentence of a coded error, never a stack.
import { notifications } from '@mantine/notifications';
import i18n, { currentLanguage } from '../i18n/index.ts';
import { ApiCallError } from '../api/client.ts';

export function errorText(e: unknown): string {
  if (e instanceof ApiCallError) return currentLanguage() === 'en' ? e.error.messageEn : e.error.message;
  return i18n.t('errors.unexpected');
}

export function showError(e: unknown, title?: string): void {
  notifications.show({ color: 'danger', title: title ?? i18n.t('errors.title'), message: errorText(e), autoClose: 8000 });
}

export function showSuccess(message: string): void {
  notifications.show({ color: 'ok', message, autoClose: 3500 });
}

/** A failure the app words itself (not a coded error from the API). */
export function showFailure(message: string): void {
  notifications.show({ color: 'danger', title: i18n.t('errors.title'), message, autoClose: 8000 });
}
