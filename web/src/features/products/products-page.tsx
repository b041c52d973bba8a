import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { type Product, useProducts } from '../../api/products.ts';
import { useUsers } from '../../api/users.ts';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { formatMoney } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';
import { ProductDialog } from './product-dialog.tsx';

/** /products: the catalogue, searched by name or code; a product opens in its dialog. */
export function ProductsPage() {
  const t = useT();
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim(), 300);
  const products = useProducts(term);
  const users = useUsers();
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const rows = products.data?.pages.flatMap((p) => p.products) ?? [];
  const owner = (id: number) => users.data?.find((u) => u.id === id)?.name ?? '';

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('products.page.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('products.page.add')}
        </Button>
      </Group>
      <TextInput
        label={t('products.page.search')}
        placeholder={t('products.page.searchHint')}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={420}
        type="search"
      />
      {products.isPending && <Loading label={t('products.page.loading')} />}
      {products.isError && <ErrorState error={products.error} />}
      {products.isSuccess && rows.length === 0 && (
        <Empty>{term ? t('products.page.noMatch') : t('products.page.empty')}</Empty>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-label={t('products.page.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('products.column.name')}</Table.Th>
                <Table.Th>{t('products.column.code')}</Table.Th>
                <Table.Th>{t('products.column.unit')}</Table.Th>
                <Table.Th>{t('products.column.prices')}</Table.Th>
                <Table.Th>{t('products.column.owner')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => setEditing(p)} fw={500}>
                      {p.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{p.code}</Table.Td>
                  <Table.Td>{p.unit}</Table.Td>
                  <Table.Td>
                    <Stack gap={0}>
                      {p.prices.map((x) => (
                        <Text key={x.currency} size="sm">
                          {formatMoney(x.price, x.currency)}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{owner(p.owner_id)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {products.hasNextPage && (
        <Button
          variant="default"
          loading={products.isFetchingNextPage}
          onClick={() => void products.fetchNextPage()}
          maw={200}
        >
          {t('products.page.more')}
        </Button>
      )}
      {editing !== null && (
        <ProductDialog product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
