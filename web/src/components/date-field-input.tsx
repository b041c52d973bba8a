import '@mantine/dates/styles.css';
import 'dayjs/locale/sv';
import { DateInput } from '@mantine/dates';
import { formatDay, parseDay } from '../i18n/format.ts';
import { useLanguage, useT } from '../i18n/provider.tsx';
import type { DateFieldProps } from './date-field-props.ts';

/** Monday in Swedish, Sunday in (US) English. */
const FIRST_DAY = { sv: 1, en: 0 } as const;

/** The DateField's input itself (its own chunk, with Mantine's dates and dayjs). */
export function DateFieldInput({
  value,
  onChange,
  onPick,
  getDayProps,
  clearButtonProps,
  ...rest
}: DateFieldProps) {
  const { language } = useLanguage();
  const t = useT();
  return (
    <DateInput
      {...rest}
      locale={language}
      firstDayOfWeek={FIRST_DAY[language]}
      value={value}
      onChange={onChange}
      valueFormat={formatDay}
      dateParser={parseDay}
      // days of the next and previous month would be greyed out below the contrast text needs
      hideOutsideDates
      clearButtonProps={{ 'aria-label': t('dates.clear'), ...clearButtonProps }}
      ariaLabels={{
        monthLevelControl: t('dates.chooseMonth'),
        yearLevelControl: t('dates.chooseYear'),
        previousMonth: t('dates.previousMonth'),
        nextMonth: t('dates.nextMonth'),
        previousYear: t('dates.previousYear'),
        nextYear: t('dates.nextYear'),
        previousDecade: t('dates.previousDecade'),
        nextDecade: t('dates.nextDecade'),
      }}
      getDayProps={(day) => {
        const own = getDayProps?.(day);
        return {
          ...own,
          onClick: (e) => {
            own?.onClick?.(e);
            onPick?.(day);
          },
        };
      }}
    />
  );
}
