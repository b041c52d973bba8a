import { describe, expect, it } from 'vitest';
import type { Chatbot } from '../../api/chatbots.ts';
import { answerPreview, draftOf, freshId, startPreview, toBody } from './draft.ts';

const bot = {
  id: 1,
  name: 'Bot',
  enabled: true,
  language: 'en',
  cards: [
    { type: 'message', id: 'hi', text: 'Hi', next: 'q' },
    {
      type: 'question',
      id: 'q',
      text: 'Why?',
      options: [
        { label: 'Price', next: 'mail' },
        { label: 'Other', next: 'bye' },
      ],
      free_text: true,
      next: 'bye',
    },
    { type: 'ask', id: 'mail', text: 'E-mail?', field: 'email', next: 'done' },
    {
      type: 'end',
      id: 'done',
      text: 'Thanks',
      outcome: 'deal',
      pipeline_id: 1,
      stage_id: 2,
      owner_id: null,
      label_ids: [],
    },
    {
      type: 'end',
      id: 'bye',
      text: 'Bye',
      outcome: 'none',
      pipeline_id: null,
      stage_id: null,
      owner_id: null,
      label_ids: [],
    },
  ],
} as unknown as Chatbot;

describe('chatbot draft', () => {
  it('previews the conversation as the server walks it: options branch, typed text goes to next', () => {
    const d = draftOf(bot, { name: '', first: '', end: '' });
    const open = startPreview(d.cards);
    expect(open.lines.map((l) => l.text)).toEqual(['Hi', 'Why?']);
    expect(open.waiting?.id).toBe('q');
    const priced = answerPreview(d.cards, open, ' price ');
    expect(priced.waiting?.id).toBe('mail');
    const done = answerPreview(d.cards, priced, 'a@b.test');
    expect(done.end?.outcome).toBe('deal');
    expect(done.lines.map((l) => l.from)).toEqual(['bot', 'bot', 'visitor', 'bot', 'visitor', 'bot']);
    expect(answerPreview(d.cards, open, 'something else').end?.id).toBe('bye');
    expect(answerPreview(d.cards, open, '   ')).toBe(open);
  });

  it('marks a walk that leads nowhere, and sends each card with its own type’s settings only', () => {
    const d = draftOf(null, { name: 'New', first: 'Hello', end: 'Bye' });
    expect(startPreview(d.cards).end?.id).toBe('c2');
    const broken = [{ ...(d.cards[0] as (typeof d.cards)[0]), next: null }];
    expect(startPreview(broken).broken).toBe(true);
    expect(freshId(d.cards)).toBe('c3');
    const body = toBody(draftOf(bot, { name: '', first: '', end: '' }));
    expect(body.cards[0]).toEqual({ type: 'message', id: 'hi', text: 'Hi', next: 'q' });
    expect(body.cards[3]).toMatchObject({ type: 'end', outcome: 'deal', stage_id: 2, pipeline_id: null });
    expect(body.cards[4]).toMatchObject({ type: 'end', outcome: 'none', stage_id: null, label_ids: [] });
  });
});
