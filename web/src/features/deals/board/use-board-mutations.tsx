import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  type BoardData,
  type BoardFilter,
  convertDealToLead,
  type DealCard,
  dealKeys,
  deleteDeal,
  moveDeal,
  patchDeal,
} from '../../../api/deals.ts';
import { leadKeys } from '../../../api/leads.ts';
import { useT } from '../../../i18n/provider.tsx';
import { type CardsData, movedTotals, replaceCard, withCardAt, withoutCard } from '../board-cache.ts';
import { requiredFieldOf } from '../required-fields-dialog.tsx';
import { moveBody } from './drag.ts';
import type { DropAction } from './drop-bar.tsx';

/** A move the server refused for a required field, held until the fields are filled in or it is cancelled. */
export interface RequiredMove {
  card: DealCard;
  stageId: number;
  fieldCode: string;
  /** sends the move again (throws when refused again); the board refreshes after */
  retry: () => Promise<void>;
  /** puts the card back where it was */
  cancel: () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The board's changes, optimistic: the cached columns and sums change at once, the one request
 * follows, a failure puts the cache back and says why.
 */
export function useBoardMutations(
  pipelineId: number,
  filter: BoardFilter,
  /** a move refused for an empty field the stage requires: ask for it, then `retry` or `cancel` */
  onRequired?: (refusal: RequiredMove) => void,
) {
  const qc = useQueryClient();
  const t = useT();
  const navigate = useNavigate();
  const boardKey = dealKeys.board(pipelineId, filter);
  const cardsKey = (stageId: number) => dealKeys.cards(stageId, filter);

  /** Applies an optimistic change; returns the undo. */
  const optimistic = async (keys: QueryKey[], change: () => void) => {
    await qc.cancelQueries({ queryKey: dealKeys.allCards });
    await qc.cancelQueries({ queryKey: dealKeys.boards });
    const saved = keys.map((k) => [k, qc.getQueryData(k)] as const);
    change();
    return () => {
      for (const [k, v] of saved) qc.setQueryData(k, v);
    };
  };

  const settle = (dealId: number) => {
    void qc.invalidateQueries({ queryKey: dealKeys.boards });
    void qc.invalidateQueries({ queryKey: dealKeys.deal(dealId) });
    void qc.invalidateQueries({ queryKey: dealKeys.timelines(dealId) });
    void qc.invalidateQueries({ queryKey: dealKeys.history(dealId) });
  };

  /** Moves a card to `index` of stage `to` (ids: that column's order after the move). */
  const move = async (card: DealCard, from: number, to: number, ids: number[]) => {
    const index = ids.indexOf(card.id);
    const body = moveBody(to, ids, card.id);
    const undo = await optimistic([cardsKey(from), cardsKey(to), boardKey], () => {
      const moved = { ...card, stage_id: to };
      if (from !== to) qc.setQueryData<CardsData>(cardsKey(from), (d) => withoutCard(d, card.id));
      qc.setQueryData<CardsData>(cardsKey(to), (d) => withCardAt(d, moved, index));
      qc.setQueryData<BoardData>(boardKey, (b) => movedTotals(b, card, from, to));
    });
    const send = async () => {
      const moved = await moveDeal(card.id, body);
      qc.setQueryData<CardsData>(cardsKey(to), (d) => replaceCard(d, moved));
    };
    try {
      await send();
    } catch (e) {
      const fieldCode = requiredFieldOf(e);
      if (fieldCode && onRequired) {
        // the card stays where it was dropped while the fields are asked for; cancel puts it back
        onRequired({
          card,
          fieldCode,
          stageId: to,
          retry: async () => {
            await send();
            settle(card.id);
          },
          cancel: () => {
            undo();
            settle(card.id);
          },
        });
        return;
      }
      undo();
      notifications.show({
        color: 'red',
        title: t('deals.move.failed', { title: card.title }),
        message: message(e),
      });
    }
    settle(card.id);
  };

  /** Takes a card off the board while `run` does the change; puts it back if that fails. */
  const leave = async (card: DealCard, from: number, run: () => Promise<void>, failure: string) => {
    const undo = await optimistic([cardsKey(from), boardKey], () => {
      qc.setQueryData<CardsData>(cardsKey(from), (d) => withoutCard(d, card.id));
      qc.setQueryData<BoardData>(boardKey, (b) => movedTotals(b, card, from, null));
    });
    try {
      await run();
      return true;
    } catch (e) {
      undo();
      notifications.show({ color: 'red', title: failure, message: message(e) });
      return false;
    } finally {
      settle(card.id);
    }
  };

  const act = async (action: DropAction, card: DealCard, from: number, lostReason?: string | null) => {
    const title = card.title;
    if (action === 'won' || action === 'lost') {
      const done = await leave(
        card,
        from,
        async () => {
          await patchDeal(
            card.id,
            action === 'won' ? { status: 'won' } : { status: 'lost', lost_reason: lostReason ?? null },
          );
        },
        t(action === 'won' ? 'deals.won.failed' : 'deals.lost.failed', { title }),
      );
      if (done) {
        notifications.show({
          color: action === 'won' ? 'green' : 'red',
          message: t(action === 'won' ? 'deals.won.done' : 'deals.lost.done', { title }),
        });
      }
      return;
    }
    if (action === 'delete') {
      const done = await leave(card, from, () => deleteDeal(card.id), t('deals.delete.failed', { title }));
      if (done) notifications.show({ color: 'teal', message: t('deals.delete.done', { title }) });
      return;
    }
    let leadId: string | null = null;
    const done = await leave(
      card,
      from,
      async () => {
        leadId = await convertDealToLead(card.id);
      },
      t('deals.toLead.failed', { title }),
    );
    if (!done) return;
    void qc.invalidateQueries({ queryKey: leadKeys.all });
    const to = leadId ? `/leads/${leadId}` : '/leads';
    notifications.show({
      color: 'teal',
      title: t('deals.toLead.title'),
      message: (
        <Text size="sm">
          {t('deals.toLead.done', { title })}{' '}
          <Anchor
            href={to}
            size="sm"
            onClick={(e) => {
              e.preventDefault();
              navigate(to);
            }}
          >
            {t('deals.toLead.open')}
          </Anchor>
        </Text>
      ),
    });
  };

  return { move, act };
}
