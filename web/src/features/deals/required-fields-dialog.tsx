import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useDeal, useUpdateDeal } from '../../api/deals.ts';
import { type Field, useFields, useFormulas } from '../../api/fields.ts';
import { CustomFieldRows } from '../../components/custom-fields/index.ts';
import { Modal } from '../../components/modal.tsx';
import { useT } from '../../i18n/provider.tsx';

/** A move the server refused because a field the stage requires is empty. */
export interface RequiredRefusal {
  dealId: number;
  stageId: number;
  stageName: string;
  /** the field the refusal named */
  fieldCode: string;
}

const REQUIRED = /custom_fields\.([0-9a-f]{40})/;

/** The field a refusal names when it is a stage's required field (`custom_fields.<key>`), else null. */
export function requiredFieldOf(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  return REQUIRED.exec(error.message)?.[1] ?? null;
}

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

const requiredIn = (f: Field, stageId: number) => {
  const r = f.required_fields as { enabled?: boolean; stage_ids?: number[] } | undefined;
  return r?.enabled === true && (r.stage_ids ?? []).includes(stageId);
};

/**
 * The fields a stage requires that the deal lacks, each with its inline editor (a value saves as it is
 * entered); "Move" then retries the move, "Cancel" leaves the deal where it was.
 */
export function RequiredFieldsDialog({
  refusal,
  onMove,
  onCancel,
}: {
  refusal: RequiredRefusal;
  /** retries the move; a refusal is thrown (and shown here) */
  onMove: () => Promise<void>;
  onCancel: () => void;
}) {
  const t = useT();
  const deal = useDeal(refusal.dealId);
  const update = useUpdateDeal(refusal.dealId);
  const fields = useFields('deal');
  const formulas = useFormulas();
  const [error, setError] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  // the stage's required fields (formula fields fill themselves) and the one the server named
  const codes = (fields.data ?? [])
    .filter(
      (f) =>
        f.is_custom_field &&
        !formulas.data?.has(f.field_code) &&
        (requiredIn(f, refusal.stageId) || f.field_code === refusal.fieldCode),
    )
    .map((f) => f.field_code);
  const values = deal.data?.custom_fields ?? {};
  const missing = codes.filter((c) => isEmpty(values[c]));

  const move = async () => {
    setError(null);
    setMoving(true);
    try {
      await onMove();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setMoving(false);
    }
  };

  return (
    <Modal opened onClose={onCancel} title={t('deals.required.title')} size="md">
      <Stack gap="sm">
        <Text size="sm">{t('deals.required.intro', { stage: refusal.stageName })}</Text>
        {deal.data && (
          <Stack gap="xs">
            <CustomFieldRows
              entity="deal"
              only={codes}
              source={{ shape: 'v2', values }}
              save={(patch) => update.mutateAsync(patch)}
            />
          </Stack>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('deals.required.cancel')}
          </Button>
          <Button onClick={move} loading={moving} disabled={!deal.data || missing.length > 0}>
            {t('deals.required.move')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
