import { useDeleteWebForm, useWebForms } from '../../api/web-forms.ts';
import { PublicToolsPage } from '../../components/public-tools-page.tsx';
import { useT } from '../../i18n/provider.tsx';
import { WebFormBuilder } from './web-form-builder.tsx';

/** Leads → Web forms (/leads/web-forms): the company's forms, each with edit, open, copy embed, delete. */
export function WebFormsPage() {
  const t = useT();
  const tools = useWebForms();
  const remove = useDeleteWebForm();
  return (
    <PublicToolsPage
      prefix="webForms"
      tools={tools}
      remove={remove}
      columns={[
        {
          header: t('webForms.col.target'),
          cell: (f) => t(f.target === 'deal' ? 'webForms.target.deal' : 'webForms.target.lead'),
        },
        {
          header: t('webForms.col.fields'),
          cell: (f) => t('webForms.fieldCount', { count: f.fields.length }),
          wide: true,
        },
      ]}
      builder={(form, close) => <WebFormBuilder form={form} onClose={close} />}
    />
  );
}
