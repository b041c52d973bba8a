import { Box, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import type { MessageId } from '../../i18n/messages/en.ts';
import { useT } from '../../i18n/provider.tsx';
import { answerPreview, type DraftCard, type Preview, startPreview } from './draft.ts';

/** A live preview: the draft's conversation walked in the browser as the server would walk it. */
export function ChatPreview({ cards }: { cards: DraftCard[] }) {
  const t = useT();
  const headingId = useId();
  const [p, setP] = useState<Preview>(() => startPreview(cards));
  const [typed, setTyped] = useState('');
  // a changed draft starts the preview again
  useEffect(() => setP(startPreview(cards)), [cards]);
  const card = p.waiting;
  const takesText = card && (card.type === 'ask' || (card.type === 'question' && card.free_text));
  const send = (v: string) => {
    setP((x) => answerPreview(cards, x, v));
    setTyped('');
  };
  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      aria-labelledby={headingId}
      style={{ position: 'sticky', top: 0, alignSelf: 'start' }}
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5" id={headingId}>
            {t('chatbots.preview.title')}
          </Title>
          <Button variant="subtle" size="compact-sm" onClick={() => setP(startPreview(cards))}>
            {t('chatbots.preview.restart')}
          </Button>
        </Group>
        <Stack gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-live="polite">
          {p.lines.map((l, i) => (
            <Box
              // biome-ignore lint/suspicious/noArrayIndexKey: lines only ever grow or restart
              key={i}
              component="li"
              px="sm"
              py={6}
              bg={l.from === 'bot' ? 'gray.1' : 'blue.8'}
              c={l.from === 'bot' ? undefined : 'white'}
              style={{
                alignSelf: l.from === 'bot' ? 'flex-start' : 'flex-end',
                borderRadius: 12,
                maxWidth: '85%',
              }}
            >
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {l.text}
              </Text>
            </Box>
          ))}
        </Stack>
        {p.broken && (
          <Text size="sm" c="red.8">
            {t('chatbots.preview.broken')}
          </Text>
        )}
        {p.end && (
          <Text size="sm" fw={600}>
            {t('chatbots.preview.ended', { outcome: t(`chatbots.outcome.${p.end.outcome}` as MessageId) })}
          </Text>
        )}
        {card?.type === 'question' && card.options.length > 0 && (
          <Group gap="xs">
            {card.options.map((o) => (
              <Button
                key={`${o.label}|${o.next ?? ''}`}
                variant="outline"
                size="xs"
                onClick={() => send(o.label)}
                disabled={!o.label.trim()}
              >
                {o.label}
              </Button>
            ))}
          </Group>
        )}
        {takesText && (
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t('chatbots.preview.answer')}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  send(typed);
                }
              }}
              style={{ flex: 1 }}
            />
            <Button onClick={() => send(typed)}>{t('chatbots.preview.send')}</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
