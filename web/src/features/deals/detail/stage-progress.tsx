import { Box, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { type Deal, useStageHistory, useUpdateDeal } from '../../../api/deals.ts';
import type { Stage } from '../../../api/stages.ts';
import { useT } from '../../../i18n/provider.tsx';
import { RequiredFieldsDialog, type RequiredRefusal, requiredFieldOf } from '../required-fields-dialog.tsx';

/** Days spent in each stage, summed over every visit (a deal can come back to a stage). */
function daysPerStage(visits: { stage_id: number; days: number }[] | undefined): Map<number, number> {
  const out = new Map<number, number>();
  for (const v of visits ?? []) out.set(v.stage_id, (out.get(v.stage_id) ?? 0) + v.days);
  return out;
}

/**
 * The pipeline's stages as a bar: the current one highlighted, the ones before it filled. Each segment
 * tells the days spent there and moves the deal there when clicked.
 */
export function StageProgress({
  deal,
  stages,
  readOnly,
}: {
  deal: Deal;
  stages: Stage[];
  readOnly: boolean;
}) {
  const t = useT();
  const history = useStageHistory(deal.id);
  const update = useUpdateDeal(deal.id);
  const days = daysPerStage(history.data);
  const currentIndex = stages.findIndex((s) => s.id === deal.stage_id);

  const [refusal, setRefusal] = useState<RequiredRefusal | null>(null);
  const moved = (stage: { stageName: string }) =>
    notifications.show({ color: 'teal', message: t('deals.stage.moved', { stage: stage.stageName }) });

  const moveTo = (stage: Stage) => {
    if (stage.id === deal.stage_id || readOnly) return;
    update.mutate(
      { stage_id: stage.id },
      {
        onSuccess: () => moved({ stageName: stage.name }),
        onError: (e) => {
          // a field this stage requires is empty: ask for it, then move
          const fieldCode = requiredFieldOf(e);
          if (fieldCode) setRefusal({ dealId: deal.id, stageId: stage.id, stageName: stage.name, fieldCode });
          else notifications.show({ color: 'red', title: t('deals.stage.moveFailed'), message: e.message });
        },
      },
    );
  };

  return (
    <Box style={{ overflowX: 'auto' }}>
      {refusal && (
        <RequiredFieldsDialog
          refusal={refusal}
          onCancel={() => setRefusal(null)}
          onMove={async () => {
            await update.mutateAsync({ stage_id: refusal.stageId });
            setRefusal(null);
            moved(refusal);
          }}
        />
      )}
      <Group gap={2} wrap="nowrap" role="group" aria-label={t('deals.stage.group')} miw={stages.length * 96}>
        {stages.map((s, i) => {
          const current = s.id === deal.stage_id;
          const passed = currentIndex >= 0 && i < currentIndex;
          const spent = days.get(s.id);
          // under a day counts as 0: "less than a day"
          const whole = spent === undefined ? 0 : spent < 1 ? 0 : spent;
          const label =
            spent === undefined
              ? t('deals.stage.notReached', { stage: s.name })
              : t('deals.stage.spent', { stage: s.name, days: whole });
          return (
            <Tooltip key={s.id} label={label} withArrow>
              <UnstyledButton
                aria-label={
                  current
                    ? spent === undefined
                      ? t('deals.stage.currentNoTime', { stage: s.name })
                      : t('deals.stage.current', { stage: s.name, days: whole })
                    : t('deals.stage.moveTo', { stage: s.name })
                }
                aria-current={current ? 'step' : undefined}
                data-stage-id={s.id}
                disabled={readOnly || update.isPending}
                onClick={() => moveTo(s)}
                style={{
                  flex: 1,
                  minWidth: 92,
                  padding: '6px 10px',
                  textAlign: 'center',
                  clipPath:
                    i === stages.length - 1
                      ? 'polygon(0 0, 100% 0, 100% 100%, 0 100%, 8px 50%)'
                      : i === 0
                        ? 'polygon(0 0, calc(100% - 8px) 0, 100% 50%, calc(100% - 8px) 100%, 0 100%)'
                        : 'polygon(0 0, calc(100% - 8px) 0, 100% 50%, calc(100% - 8px) 100%, 0 100%, 8px 50%)',
                  background: current
                    ? 'var(--mantine-color-teal-7)'
                    : passed
                      ? 'var(--mantine-color-teal-2)'
                      : 'var(--mantine-color-gray-2)',
                  color: current ? 'white' : 'var(--mantine-color-dark-7)',
                  cursor: readOnly || current ? 'default' : 'pointer',
                }}
              >
                <Text size="xs" fw={current ? 700 : 500} truncate="end" c="inherit">
                  {s.name}
                </Text>
                <Text size="xs" c="inherit">
                  {spent === undefined ? '\u00a0' : t('deals.stage.days', { days: whole })}
                </Text>
              </UnstyledButton>
            </Tooltip>
          );
        })}
      </Group>
    </Box>
  );
}
