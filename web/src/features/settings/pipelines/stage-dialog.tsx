import { NumberInput, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../api/client.ts';
import { DialogForm } from '../../contacts/dialog-form.tsx';
import type { Stage } from './queries.ts';

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
  const qc = useQueryClient();
  const [name, setName] = useState(stage?.name ?? '');
  const [probability, setProbability] = useState<number | string>(stage?.deal_probability ?? 100);
  const [rotting, setRotting] = useState(stage?.is_deal_rot_enabled ?? false);
  const [days, setDays] = useState<number | string>(stage?.days_to_rotten ?? '');
  const [errors, setErrors] = useState<{ name?: string; probability?: string; days?: string }>({});

  const save = useMutation({
    mutationFn: async () => {
      const body = {
        name: name.trim(),
        deal_probability: asInt(probability) ?? 100,
        is_deal_rot_enabled: rotting,
        days_to_rotten: rotting ? asInt(days) : null,
      };
      return stage
        ? api.patch<Stage>(`/api/v2/stages/${stage.id}`, body)
        : api.post<Stage>('/api/v2/stages', { ...body, pipeline_id: pipelineId });
    },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['stages'] });
      notifications.show({ color: 'teal', message: stage ? 'Stage saved' : `Stage “${name.trim()}” added` });
      onClose();
    },
  });

  const submit = () => {
    const next: typeof errors = {};
    if (!name.trim()) next.name = 'Name is required';
    const p = asInt(probability);
    if (p === null || !Number.isInteger(p) || p < 0 || p > 100)
      next.probability = 'A whole number from 0 to 100';
    const d = asInt(days);
    if (rotting && (d === null || !Number.isInteger(d) || d < 1 || d > 10_000))
      next.days = 'A whole number of days from 1 to 10,000';
    setErrors(next);
    if (Object.keys(next).length === 0) save.mutate();
  };

  return (
    <DialogForm
      title={stage ? 'Edit stage' : 'Add stage'}
      opened={opened}
      onClose={onClose}
      onSubmit={submit}
      submitLabel="Save"
      busy={save.isPending}
      error={save.error}
    >
      <TextInput
        label="Stage name"
        required
        data-autofocus
        maxLength={255}
        value={name}
        error={errors.name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <NumberInput
        label="Probability"
        description="Chance, in percent, that a deal in this stage is won"
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
        label="Rotting"
        description="Mark deals that stay in this stage too long without updates"
        checked={rotting}
        onChange={(e) => setRotting(e.currentTarget.checked)}
      />
      <NumberInput
        label="Rotting days"
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
