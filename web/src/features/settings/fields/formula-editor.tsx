import { Badge, Box, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useId, useMemo, useRef, useState } from 'react';
import { type FormulaPreview, useFormulaPreview, usePreviewDeals } from '../../../api/fields.ts';
import { formatMoney, formatNumber } from '../../../i18n/format.ts';
import type { MessageId } from '../../../i18n/messages/en.ts';
import { type Translate, useT } from '../../../i18n/provider.tsx';
import { type FormulaInput, insertToken, toCanonical, tokenize } from './formula-text.ts';

const ERROR_TEXT: Record<string, MessageId> = {
  syntax: 'settings.fields.formula.error.syntax',
  too_long: 'settings.fields.formula.error.too_long',
  too_deep: 'settings.fields.formula.error.too_deep',
  number_too_large: 'settings.fields.formula.error.number_too_large',
  unknown_field: 'settings.fields.formula.error.unknown_field',
  not_numeric: 'settings.fields.formula.error.not_numeric',
  formula_field: 'settings.fields.formula.error.formula_field',
  no_field: 'settings.fields.formula.error.no_field',
};

/** Where the text is wrong (a position in the readable text) and why, in the user's language. */
interface Problem {
  position: number;
  text: string;
}

function problemOf(
  t: Translate,
  readable: string,
  inputs: readonly FormulaInput[],
  preview: FormulaPreview | undefined,
): Problem | null {
  const canonical = toCanonical(readable, inputs);
  if (!canonical.ok)
    return {
      position: canonical.position,
      text: t(
        canonical.reason === 'ambiguous'
          ? 'settings.fields.formula.error.ambiguous'
          : 'settings.fields.formula.error.unknownName',
        { name: canonical.name },
      ),
    };
  if (!preview?.error) return null;
  const position = canonical.toReadable(preview.error.position);
  const why = ERROR_TEXT[preview.error.code];
  return {
    position,
    text: `${why ? t(why) : preview.error.message} ${t('settings.fields.formula.at', { n: position + 1 })}`,
  };
}

/**
 * The formula of a double or monetary deal field, typed with fields by name: a picker inserts a field
 * as `{Name}` at the caret, the fields show as tokens under the text, the server checks the formula as
 * it is typed (the error points at its character) and computes it on a deal picked to preview it.
 */
export function FormulaEditor({
  value,
  onChange,
  inputs,
  fieldCode,
  resultType,
}: {
  /** the readable text (fields by name) */
  value: string;
  onChange: (readable: string) => void;
  /** the fields a formula may read */
  inputs: readonly FormulaInput[];
  /** the field being edited (its formula cannot read itself); none while adding */
  fieldCode?: string | undefined;
  resultType: 'double' | 'monetary';
}) {
  const t = useT();
  const area = useRef<HTMLTextAreaElement>(null);
  const tokensId = useId();
  const [deal, setDeal] = useState<{ value: string; label: string } | null>(null);
  const dealId = deal?.value ?? null;
  const [dealTerm, setDealTerm] = useState('');
  const [debounced] = useDebouncedValue(value, 300);
  const [debouncedTerm] = useDebouncedValue(dealTerm, 300);
  const deals = usePreviewDeals(debouncedTerm);

  const canonical = useMemo(() => toCanonical(debounced, inputs), [debounced, inputs]);
  const body =
    canonical.ok && debounced.trim() !== ''
      ? {
          expression: canonical.expression,
          deal_id: dealId === null ? undefined : Number(dealId),
          field_code: fieldCode,
        }
      : null;
  const preview = useFormulaPreview(body);
  const answer = body && !preview.isPlaceholderData ? preview.data : undefined;
  const settled = debounced === value;
  const problem = settled && debounced.trim() !== '' ? problemOf(t, debounced, inputs, answer) : null;
  const parts = tokenize(value, inputs);

  const insert = (key: string | null) => {
    const field = inputs.find((f) => f.key === key);
    const el = area.current;
    if (!field) return;
    const selection = el
      ? { start: el.selectionStart, end: el.selectionEnd }
      : { start: value.length, end: value.length };
    const next = insertToken(value, selection, field.name);
    onChange(next.text);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const found = (deals.data ?? []).map((d) => ({ value: String(d.id), label: d.title }));
  const dealOptions = deal && !found.some((d) => d.value === deal.value) ? [deal, ...found] : found;

  return (
    <Stack gap="xs">
      <Select
        label={t('settings.fields.formula.insert')}
        placeholder={t('settings.fields.formula.insertPlaceholder')}
        data={inputs.map((f) => ({ value: f.key, label: f.name }))}
        value={null}
        onChange={insert}
        searchable
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea
        ref={area}
        label={t('settings.fields.formula.label')}
        description={t('settings.fields.formula.hint')}
        required
        rows={2}
        maxLength={1000}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={problem?.text}
        aria-describedby={tokensId}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <Box id={tokensId} aria-live="polite">
        {value.trim() !== '' && (
          <Group gap={4} wrap="wrap" aria-label={t('settings.fields.formula.tokens')} role="group">
            {parts.map((p) =>
              p.kind === 'text' ? (
                <Text
                  key={p.start}
                  component="span"
                  size="sm"
                  ff="monospace"
                  style={{ whiteSpace: 'pre-wrap' }}
                >
                  {marked(p.text, p.start, problem?.position)}
                </Text>
              ) : (
                <Badge
                  key={p.start}
                  variant={p.kind === 'field' ? 'light' : 'filled'}
                  color={p.kind === 'field' ? 'blue' : 'red'}
                  tt="none"
                  title={
                    p.kind === 'field'
                      ? p.key
                      : t('settings.fields.formula.error.unknownName', { name: p.name })
                  }
                >
                  {p.kind === 'field' ? p.name : p.text}
                </Badge>
              ),
            )}
            {problem && problem.position >= value.length && <mark aria-hidden>{'\u00a0'}</mark>}
            {settled && answer?.valid && (
              <Badge color="teal" variant="light" tt="none">
                {t('settings.fields.formula.valid')}
              </Badge>
            )}
          </Group>
        )}
      </Box>
      <Select
        label={t('settings.fields.formula.previewDeal')}
        placeholder={t('settings.fields.formula.previewPlaceholder')}
        data={dealOptions}
        value={dealId}
        onChange={(_v, option) => setDeal(option ?? null)}
        searchable
        searchValue={dealTerm}
        onSearchChange={setDealTerm}
        nothingFoundMessage={t('settings.fields.formula.noDeals')}
        clearable
        comboboxProps={{ withinPortal: true }}
      />
      {dealId !== null && answer?.valid && answer.value !== undefined && (
        <Text size="sm" role="status">
          {answer.value === null
            ? t('settings.fields.formula.noValue')
            : t('settings.fields.formula.result', {
                value:
                  resultType === 'monetary'
                    ? formatMoney(answer.value, answer.currency ?? null)
                    : formatNumber(answer.value),
              })}
        </Text>
      )}
    </Stack>
  );
}

/** Text with the character at `position` (an index into the whole formula) marked. */
function marked(text: string, start: number, position: number | undefined) {
  if (position === undefined || position < start || position >= start + text.length) return text;
  const i = position - start;
  return (
    <>
      {text.slice(0, i)}
      <mark>{text[i]}</mark>
      {text.slice(i + 1)}
    </>
  );
}
