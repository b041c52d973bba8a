import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import type { FieldEntity } from '../../../api/fields.ts';
import type { MessageId } from '../../../i18n/messages/en.ts';
import { useT } from '../../../i18n/provider.tsx';
import { FieldList } from './field-list.tsx';

const ENTITIES: { value: FieldEntity; label: MessageId }[] = [
  { value: 'deal', label: 'settings.fields.tab.deal' },
  { value: 'person', label: 'settings.fields.tab.person' },
  { value: 'organization', label: 'settings.fields.tab.organization' },
  { value: 'product', label: 'settings.fields.tab.product' },
];

/** Settings → Data fields: one tab per entity, its built-in and custom fields. */
export function DataFieldsSection() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('entity');
  const entity = ENTITIES.find((e) => e.value === wanted)?.value ?? 'deal';
  return (
    <Stack gap="md">
      <Title order={3}>{t('settings.fields.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('settings.fields.explain')}
      </Text>
      <Tabs
        value={entity}
        onChange={(v) => v && setParams({ entity: v }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List
          aria-label={t('settings.fields.entities')}
          style={{ flexWrap: 'nowrap', overflowX: 'auto' }}
        >
          {ENTITIES.map((e) => (
            <Tabs.Tab key={e.value} value={e.value}>
              {t(e.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {ENTITIES.map((e) => (
          <Tabs.Panel key={e.value} value={e.value} pt="md">
            <FieldList entity={e.value} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
