import { Alert, Button, FileButton, Group, Image, Stack, Text } from '@mantine/core';
import { IconPhoto, IconTrash, IconUpload } from '@tabler/icons-react';
import { productImageSrc, useProductImage, useProductImageMutations } from '../../api/products.ts';
import { useT } from '../../i18n/provider.tsx';

/** The types the server keeps (it sniffs the bytes; SVG is refused). */
const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp';

/** A product's one image: shown, uploaded, replaced and removed in place. */
export function ProductImagePart({ productId, productName }: { productId: number; productName: string }) {
  const t = useT();
  const image = useProductImage(productId);
  const { upload, remove } = useProductImageMutations(productId);
  const current = image.data ?? null;
  const error = upload.error ?? remove.error;
  const choose = (file: File | null) => {
    if (!file) return;
    remove.reset();
    upload.mutate({ file, replace: current !== null });
  };
  return (
    <Stack gap={6}>
      <Group align="flex-start" gap="md" wrap="nowrap">
        {current ? (
          <Image
            src={productImageSrc(current)}
            alt={t('products.image.alt', { name: productName })}
            w={96}
            h={96}
            fit="contain"
            radius="sm"
            bd="1px solid var(--mantine-color-default-border)"
          />
        ) : (
          <Stack
            w={96}
            h={96}
            align="center"
            justify="center"
            gap={0}
            bg="var(--mantine-color-default-hover)"
          >
            <IconPhoto size={28} aria-hidden />
            <Text size="xs" c="dimmed" ta="center">
              {image.isPending ? t('products.image.loading') : t('products.image.none')}
            </Text>
          </Stack>
        )}
        <Stack gap={6}>
          <FileButton onChange={choose} accept={ACCEPT}>
            {(props) => (
              <Button
                {...props}
                variant="default"
                size="compact-sm"
                leftSection={<IconUpload size={14} />}
                loading={upload.isPending}
              >
                {current ? t('products.image.replace') : t('products.image.upload')}
              </Button>
            )}
          </FileButton>
          {current && (
            <Button
              variant="subtle"
              color="red"
              size="compact-sm"
              leftSection={<IconTrash size={14} />}
              loading={remove.isPending}
              onClick={() => {
                upload.reset();
                remove.mutate();
              }}
            >
              {t('products.image.remove')}
            </Button>
          )}
          <Text size="xs" c="dimmed">
            {t('products.image.hint')}
          </Text>
        </Stack>
      </Group>
      {error != null && (
        <Alert color="red" role="alert" p="xs">
          {error.message}
        </Alert>
      )}
    </Stack>
  );
}
