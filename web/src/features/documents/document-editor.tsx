import { Box, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { usePlaceholders, usePreview } from '../../api/documents.ts';
import { ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';

/**
 * The rich-text editor of templates and documents: no WYSIWYG editor is installed (no tiptap), so the
 * HTML subset is typed in a textarea beside a live preview of what the server keeps of it (sanitised,
 * and filled from a deal when one is given). A picker inserts placeholders at the cursor.
 */
export function DocumentEditor({
  label,
  value,
  onChange,
  dealId = null,
  placeholders = true,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  dealId?: number | null;
  placeholders?: boolean;
}) {
  const t = useT();
  const area = useRef<HTMLTextAreaElement>(null);
  const list = usePlaceholders();
  const [picked, setPicked] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(value, 400);
  const preview = usePreview(debounced, dealId);

  const insert = () => {
    if (!picked) return;
    const el = area.current;
    const text = `{{${picked}}}`;
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    onChange(value.slice(0, at) + text + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + text.length, at + text.length);
    });
  };

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Stack gap="xs">
        <Textarea
          ref={area}
          label={label}
          description={t('documents.editor.help')}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          autosize
          minRows={12}
          maxRows={30}
          styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
        />
        {placeholders && (
          <Group gap="xs" align="flex-end">
            <Select
              label={t('documents.editor.placeholder')}
              placeholder={t('documents.editor.pick')}
              data={(list.data ?? []).map((p) => ({
                value: p.key,
                label: p.group === 'custom' ? `${p.name} ({{${p.key}}})` : `{{${p.key}}}`,
              }))}
              value={picked}
              onChange={setPicked}
              searchable
              style={{ flex: 1 }}
            />
            <Button variant="default" onClick={insert} disabled={!picked}>
              {t('documents.editor.insert')}
            </Button>
          </Group>
        )}
      </Stack>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="document-preview-label">
          {t('documents.editor.preview')}
        </Text>
        <Paper
          withBorder
          p="md"
          aria-labelledby="document-preview-label"
          role="region"
          // a wide table scrolls sideways: the region takes focus so the arrow keys can scroll it
          tabIndex={0}
          style={{ overflowX: 'auto' }}
        >
          {preview.isPending ? (
            <Loading label={t('documents.editor.previewLoading')} />
          ) : preview.isError ? (
            <ErrorState error={preview.error} />
          ) : (
            <Box
              className="document-preview"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitised this HTML (template-html.ts)
              dangerouslySetInnerHTML={{ __html: preview.data }}
            />
          )}
        </Paper>
      </Stack>
    </SimpleGrid>
  );
}
