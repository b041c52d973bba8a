import { NumberInput, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { type Stage, useSaveStage } from '../../../api/stages.ts';
import { DialogForm } from '../../../components/dialog-form.tsx';
import { useT } from '../../../i18n/provider.tsx';

const asInt = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? null : Number(v));

/** Add a stage to a pipeline (no `stage`) or edit one: name, probability, rotting. */
export function StageDialog({
  opened,
  pipelineId,
  stage,
  onClose,
}: {
  opened: boolean;
  pipelineId: number;
  stage: Stage | null;
  onClose: () => void;
}) {
  const t = useT();
  const [name, setName] = useState(stage?.name ?? '');
  const [probability, setProbability] = useState<number | string>(stage?.deal_probability ?? 100);
  const [rotting, setRotting] = useState(stage?.is_deal_rot_enabled ?? false);
  const [days, setDays] = useState<number | string>(stage?.days_to_rotten ?? '');
  const [errors, setErrors] = useState<{ name?: string; probability?: string; days?: string }>({});

  const save = useSaveStage(pipelineId, stage);
  const saveStage = () =>
    save.mutate(
      {
        name: name.trim(),
        deal_probability: asInt(probability) ?? 100,
        is_deal_rot_enabled: rotting,
        days_to_rotten: rotting ? asInt(days) : null,
      },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: stage ? t('settings.stages.saved') : t('settings.stages.added', { name: name.trim() }),
          });
          onClose();
        },
      },
    );

  const submit = () => {
    const next: typeof errors = {};
    if (!name.trim()) next.name = t('settings.nameRequired');
    const p = asInt(probability);
    if (p === null || !Number.isInteger(p) || p < 0 || p > 100)
      next.probability = t('settings.stages.probabilityInvalid');
    const d = asInt(days);
    if (rotting && (d === null || !Number.isInteger(d) || d < 1 || d > 10_000))
      next.days = t('settings.stages.daysInvalid');
    setErrors(next);
    if (Object.keys(next).length === 0) saveStage();
  };

  return (
    <DialogForm
      title={t(stage ? 'settings.stages.edit' : 'settings.stages.add')}
      opened={opened}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('settings.save')}
      busy={save.isPending}
      error={save.error}
    >
      <TextInput
        label={t('settings.stages.name')}
        required
        data-autofocus
        maxLength={255}
        value={name}
        error={errors.name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <NumberInput
        label={t('settings.stages.probability')}
        description={t('settings.stages.probabilityHint')}
        min={0}
        max={100}
        clampBehavior="strict"
        allowDecimal={false}
        allowNegative={false}
        suffix="%"
        value={probability}
        error={errors.probability}
        onChange={setProbability}
      />
      <Switch
        label={t('settings.stages.rotting')}
        description={t('settings.stages.rottingHint')}
        checked={rotting}
        onChange={(e) => setRotting(e.currentTarget.checked)}
      />
      <NumberInput
        label={t('settings.stages.rottingDays')}
        min={1}
        max={10_000}
        allowDecimal={false}
        allowNegative={false}
        disabled={!rotting}
        value={days}
        error={errors.days}
        onChange={setDays}
      />
    </DialogForm>
  );
}
