// The one date input of the app: always shows and accepts DD-MM-JJJJ, whatever language the
// operating system or browser speaks (the native date picker showed mm/dd/yyyy there, issue 13).
// The value stays a 'YYYY-MM-DD' string, as the API wants it; empty is ''.
import { DateInput, type DateInputProps } from '@mantine/dates';
import 'dayjs/locale/nl';
import { parseDutchDate } from './dates.ts';
import '@mantine/dates/styles.css';
import { useTranslation } from 'react-i18next';

type Props = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser' | 'locale'> & {
  value: string;
  onChange: (value: string) => void;
};

export function DateField({ value, onChange, placeholder, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <DateInput
      {...rest}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      valueFormat="DD-MM-YYYY"
      dateParser={parseDutchDate}
      locale={i18n.language === 'en' ? 'en' : 'nl'}
      placeholder={placeholder ?? t('common.datePlaceholder')}
      clearable={!rest.required}
      firstDayOfWeek={1}
      popoverProps={{ withinPortal: true }}
    />
  );
}
