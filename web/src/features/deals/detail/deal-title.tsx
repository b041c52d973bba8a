import { notifications } from '@mantine/notifications';
import type { Deal } from '../../../api/deals.ts';
import { useUpdateDeal } from '../../../api/deals.ts';
import { InlineField } from '../../../components/inline-field/index.ts';
import { useT } from '../../../i18n/provider.tsx';

/** The deal's title as the page heading; the pencil (or a click on it) edits it in place. */
export function DealTitle({ deal, readOnly }: { deal: Deal; readOnly: boolean }) {
  const t = useT();
  const update = useUpdateDeal(deal.id);
  return (
    <InlineField
      type="varchar"
      heading="h2"
      label={t('deals.field.title')}
      readOnly={readOnly}
      value={deal.title}
      options={{ required: true, maxLength: 255 }}
      onSave={async (title) => {
        await update.mutateAsync({ title: (title ?? '').trim() });
        notifications.show({ color: 'teal', message: t('deals.title.saved') });
      }}
    />
  );
}
