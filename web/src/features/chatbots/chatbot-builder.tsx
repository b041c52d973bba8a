import { Button, Divider, Group, Select, Switch, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { type Chatbot, useSaveChatbot } from '../../api/chatbots.ts';
import { usePipelines } from '../../api/pipelines.ts';
import { useStages } from '../../api/stages.ts';
import { useUsers } from '../../api/users.ts';
import { BuilderDialog } from '../../components/builder-dialog.tsx';
import { useT } from '../../i18n/provider.tsx';
import { CardEditor } from './card-editor.tsx';
import { type Draft, type DraftCard, draftOf, newCard, toBody } from './draft.ts';
import { ChatPreview } from './preview.tsx';

/** The card builder: the playbook's cards on the left, a live preview of the conversation on the right. */
export function ChatbotBuilder({ bot, onClose }: { bot: Chatbot | null; onClose: () => void }) {
  const t = useT();
  const [d, setD] = useState<Draft>(() =>
    draftOf(bot, {
      name: t('chatbots.builder.newTitle'),
      first: t('chatbots.newCardText'),
      end: t('chatbots.newCardText'),
    }),
  );
  const save = useSaveChatbot(bot);
  const users = useUsers();
  const pipelines = usePipelines({ enabled: d.cards.some((c) => c.type === 'end' && c.outcome === 'deal') });
  const stages = useStages(null);
  const pipelineName = new Map((pipelines.data ?? []).map((p) => [p.id, p.name]));
  const stageChoices = (stages.data ?? []).map((s) => ({
    value: String(s.id),
    label: pipelineName.has(s.pipeline_id) ? `${pipelineName.get(s.pipeline_id)} – ${s.name}` : s.name,
  }));
  const userChoices = (users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }));
  const targets = d.cards.map((c, i) => ({
    value: c.id,
    label: `${t('chatbots.builder.card', { n: i + 1 })}: ${c.text.slice(0, 40)}`,
  }));
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const setCard = (i: number, patch: Partial<DraftCard>) =>
    setD((x) => ({ ...x, cards: x.cards.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));

  return (
    <BuilderDialog
      title={t(bot ? 'chatbots.builder.editTitle' : 'chatbots.builder.newTitle')}
      submitLabel={t('chatbots.builder.save')}
      savedMessage={t('chatbots.saved')}
      save={save}
      body={() => toBody(d)}
      onClose={onClose}
      preview={<ChatPreview cards={d.cards} />}
    >
      <TextInput
        label={t('chatbots.builder.name')}
        required
        maxLength={255}
        value={d.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
      />
      <Group grow align="flex-end" wrap="wrap">
        <Select
          label={t('chatbots.builder.language')}
          data={[
            { value: 'en', label: t('chatbots.language.en') },
            { value: 'sv', label: t('chatbots.language.sv') },
          ]}
          value={d.language}
          allowDeselect={false}
          onChange={(v) => set({ language: v === 'sv' ? 'sv' : 'en' })}
        />
        <Switch
          label={t('chatbots.builder.enabled')}
          checked={d.enabled}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
        />
      </Group>
      <Divider label={t('chatbots.builder.cards')} labelPosition="left" />
      <Text size="sm" c="dimmed">
        {t('chatbots.builder.firstCard')}
      </Text>
      {d.cards.map((c, i) => (
        <CardEditor
          key={c.id}
          card={c}
          index={i}
          targets={targets}
          stages={stageChoices}
          users={userChoices}
          onChange={(patch) => setCard(i, patch)}
          onMoveUp={
            i === 0
              ? null
              : () =>
                  setD((x) => {
                    const cards = [...x.cards];
                    [cards[i - 1], cards[i]] = [cards[i] as DraftCard, cards[i - 1] as DraftCard];
                    return { ...x, cards };
                  })
          }
          onRemove={
            d.cards.length > 1
              ? () => setD((x) => ({ ...x, cards: x.cards.filter((_, j) => j !== i) }))
              : null
          }
        />
      ))}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          disabled={d.cards.length >= 50}
          onClick={() =>
            setD((x) => ({ ...x, cards: [...x.cards, newCard(x.cards, t('chatbots.newCardText'))] }))
          }
        >
          {t('chatbots.builder.addCard')}
        </Button>
      </Group>
    </BuilderDialog>
  );
}
