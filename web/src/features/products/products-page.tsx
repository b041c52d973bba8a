import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Stack,
  Table,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { type Product, useDeleteProduct, useProducts } from '../../api/products.ts';
import { useUsers } from '../../api/users.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { CustomCell } from '../../components/custom-fields/index.ts';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';
import { COLUMN_LABEL, ProductCell, ProductColumnPicker, useProductColumns } from './product-columns.tsx';
import { ProductDialog } from './product-dialog.tsx';

/**
 * /products: the catalogue, searched by name or code, in the columns the user chose; a product opens in
 * its dialog. Deleting one takes it out of the catalogue; deals keep their lines of it (as Pipedrive does).
 */
export function ProductsPage() {
  const t = useT();
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim(), 300);
  const products = useProducts(term);
  const users = useUsers();
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Product | null>(null);
  const remove = useDeleteProduct();
  const columns = useProductColumns();
  const rows = products.data?.pages.flatMap((p) => p.products) ?? [];
  const owner = (id: number) => users.data?.find((u) => u.id === id)?.name ?? '';

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('products.page.title')}
        </Title>
        <Group gap="xs">
          <ProductColumnPicker columns={columns} />
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('products.page.add')}
          </Button>
        </Group>
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
                {columns.shown.map((c) => (
                  <Table.Th key={c}>{t(COLUMN_LABEL[c])}</Table.Th>
                ))}
                {columns.custom.shown.map((f) => (
                  <Table.Th key={f.field_code}>{f.field_name}</Table.Th>
                ))}
                <Table.Th>
                  <VisuallyHidden>{t('products.page.actions')}</VisuallyHidden>
                </Table.Th>
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
                  {columns.shown.map((c) => (
                    <Table.Td key={c}>
                      <ProductCell product={p} column={c} owner={owner} />
                    </Table.Td>
                  ))}
                  {columns.custom.shown.map((f) => (
                    <Table.Td key={f.field_code}>
                      <CustomCell field={f} values={p.custom_fields} />
                    </Table.Td>
                  ))}
                  <Table.Td w={48}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('products.page.delete', { name: p.name })}
                      onClick={() => setDeleting(p)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
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
      <ConfirmDialog
        opened={deleting !== null}
        title={t('products.page.deleteTitle')}
        confirmLabel={t('products.page.deleteConfirm')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      >
        {t('products.page.deleteText', { name: deleting?.name ?? '' })}
      </ConfirmDialog>
      {editing !== null && (
        <ProductDialog product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}
