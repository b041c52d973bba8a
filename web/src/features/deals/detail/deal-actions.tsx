import { ActionIcon, Anchor, Button, Group, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArrowBackUp, IconDots, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useDealProducts } from '../../../api/deal-products.ts';
import {
  convertDealToLead,
  type Deal,
  type DealPatch,
  dealKeys,
  deleteDeal,
  useUpdateDeal,
} from '../../../api/deals.ts';
import { leadKeys } from '../../../api/leads.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { useT } from '../../../i18n/provider.tsx';
import { LostDialog } from '../lost-dialog.tsx';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Won / Lost / Reopen and the "..." menu (Convert to lead, Archive or Unarchive, Delete). */
export function DealActions({ deal }: { deal: Deal }) {
  const qc = useQueryClient();
  const t = useT();
  const navigate = useNavigate();
  const update = useUpdateDeal(deal.id);
  const [dialog, setDialog] = useState<'lost' | 'delete' | 'toLead' | null>(null);
  // a deal with products asks first: its products and invoices stay with the deal (behaviour §3.15)
  const hasProducts = (useDealProducts(deal.id).data?.length ?? 0) > 0;
  const [busy, setBusy] = useState(false);
  const board = `/deals?pipeline=${deal.pipeline_id}`;

  const change = (patch: DealPatch, done: string) =>
    update.mutate(patch, {
      onSuccess: () => {
        setDialog(null);
        notifications.show({ color: 'teal', message: done });
      },
      onError: (e) =>
        notifications.show({ color: 'red', title: t('deals.changeFailed'), message: e.message }),
    });

  const leave = async (run: () => Promise<void>, failure: string) => {
    setBusy(true);
    try {
      await run();
      navigate(board);
      // the deal is gone: forget its parts instead of asking for them again (404)
      const own = (key: readonly unknown[]) =>
        key[2] === deal.id && ['detail', 'stage-history', 'changelog'].includes(String(key[1]));
      qc.removeQueries({ queryKey: dealKeys.all, predicate: (q) => own(q.queryKey) });
      void qc.invalidateQueries({ queryKey: dealKeys.all, predicate: (q) => !own(q.queryKey) });
      return true;
    } catch (e) {
      notifications.show({ color: 'red', title: failure, message: errorText(e) });
      return false;
    } finally {
      setBusy(false);
      setDialog(null);
    }
  };

  const remove = () =>
    void leave(() => deleteDeal(deal.id), t('deals.deleteFailed')).then(
      (ok) =>
        ok && notifications.show({ color: 'teal', message: t('deals.delete.done', { title: deal.title }) }),
    );

  const convert = async () => {
    let leadId: string | null = null;
    const ok = await leave(async () => {
      leadId = await convertDealToLead(deal.id);
    }, t('deals.toLeadFailed'));
    if (!ok) return;
    void qc.invalidateQueries({ queryKey: leadKeys.all });
    const to = leadId ? `/leads/${leadId}` : '/leads';
    notifications.show({
      color: 'teal',
      title: t('deals.toLead.title'),
      message: (
        <Text size="sm">
          {t('deals.toLead.done', { title: deal.title })}{' '}
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

  const archived = deal.is_archived;
  return (
    <Group gap="xs" wrap="nowrap">
      {!archived && deal.status === 'open' && (
        <>
          <Button
            color="green"
            loading={update.isPending}
            onClick={() => change({ status: 'won' }, t('deals.markedWon'))}
          >
            {t('deals.won')}
          </Button>
          <Button color="red" onClick={() => setDialog('lost')}>
            {t('deals.lost')}
          </Button>
        </>
      )}
      {!archived && deal.status !== 'open' && (
        <Button
          variant="default"
          loading={update.isPending}
          onClick={() => change({ status: 'open' }, t('deals.reopened'))}
        >
          {t('deals.reopen')}
        </Button>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label={t('deals.moreActions')} loading={busy}>
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {!archived && (
            <Menu.Item
              leftSection={<IconArrowBackUp size={16} />}
              onClick={() => (hasProducts ? setDialog('toLead') : void convert())}
            >
              {t('deals.toLead')}
            </Menu.Item>
          )}
          <Menu.Item
            leftSection={<IconArchive size={16} />}
            onClick={() =>
              change({ is_archived: !archived }, t(archived ? 'deals.unarchivedDone' : 'deals.archivedDone'))
            }
          >
            {t(archived ? 'deals.unarchive' : 'deals.archive')}
          </Menu.Item>
          {!archived && (
            <>
              <Menu.Divider />
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => setDialog('delete')}
              >
                {t('deals.delete')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <LostDialog
        opened={dialog === 'lost'}
        title={deal.title}
        busy={update.isPending}
        onClose={() => setDialog(null)}
        onConfirm={(reason) => change({ status: 'lost', lost_reason: reason }, t('deals.markedLost'))}
      />
      <ConfirmDialog
        opened={dialog === 'delete'}
        title={t('deals.delete.title')}
        confirmLabel={t('deals.delete')}
        loading={busy}
        onClose={() => setDialog(null)}
        onConfirm={remove}
      >
        {t('deals.delete.text', { title: deal.title })}
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog === 'toLead'}
        title={t('products.toLead.title')}
        confirmLabel={t('products.toLead.confirm')}
        loading={busy}
        onClose={() => setDialog(null)}
        onConfirm={() => void convert()}
      >
        {t('products.toLead.text')}
      </ConfirmDialog>
    </Group>
  );
}
