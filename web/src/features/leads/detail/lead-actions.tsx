import { ActionIcon, Button, Group, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArchive,
  IconArchiveOff,
  IconDots,
  IconEyeOff,
  IconLink,
  IconTransform,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { type Lead, type LeadPatch, useDeleteLead } from '../../../api/leads.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { type Translate, useT } from '../../../i18n/provider.tsx';

export interface LeadActionsProps {
  lead: Lead;
  save: (patch: LeadPatch) => Promise<unknown>;
  onConvert: () => void;
  /** the page stops marking the lead as seen once the user asked for "unseen" */
  onMarkedUnseen: () => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function copyLink(t: Translate): Promise<void> {
  const url = window.location.href;
  try {
    await navigator.clipboard.writeText(url);
    notifications.show({ color: 'teal', message: t('leads.actions.linkCopied') });
  } catch {
    notifications.show({ color: 'yellow', title: t('leads.actions.copyFailed'), message: url });
  }
}

/** "Convert to deal", "Archive"/"Unarchive" and the "More actions" menu (Delete, Mark as unseen, Copy link). */
export function LeadActions({ lead, save, onConvert, onMarkedUnseen }: LeadActionsProps) {
  const t = useT();
  const navigate = useNavigate();
  const remove = useDeleteLead(lead.id);
  const [confirming, setConfirming] = useState(false);
  const [archiving, setArchiving] = useState(false);

  const setArchived = async (archived: boolean) => {
    setArchiving(true);
    try {
      await save({ is_archived: archived });
      notifications.show({
        color: 'teal',
        message: t(archived ? 'leads.actions.archived' : 'leads.actions.unarchived'),
      });
    } catch (e) {
      notifications.show({ color: 'red', title: t('leads.actions.changeFailed'), message: message(e) });
    } finally {
      setArchiving(false);
    }
  };

  const markUnseen = async () => {
    onMarkedUnseen();
    try {
      await save({ was_seen: false });
      notifications.show({ color: 'teal', message: t('leads.actions.markedUnseen') });
    } catch (e) {
      notifications.show({ color: 'red', title: t('leads.actions.markUnseenFailed'), message: message(e) });
    }
  };

  const doDelete = async () => {
    try {
      await remove.mutateAsync();
      notifications.show({ color: 'teal', message: t('leads.actions.deleted') });
      navigate('/leads');
    } catch (e) {
      notifications.show({ color: 'red', title: t('leads.actions.deleteFailed'), message: message(e) });
    }
  };

  return (
    <Group gap="xs" wrap="wrap">
      {!lead.is_archived && (
        <Button leftSection={<IconTransform size={16} />} color="green" onClick={onConvert}>
          {t('leads.actions.convert')}
        </Button>
      )}
      <Button
        variant="default"
        loading={archiving}
        leftSection={lead.is_archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
        onClick={() => void setArchived(!lead.is_archived)}
      >
        {t(lead.is_archived ? 'leads.actions.unarchive' : 'leads.actions.archive')}
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label={t('leads.moreActions')}>
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {!lead.is_archived && lead.was_seen && (
            <Menu.Item leftSection={<IconEyeOff size={14} />} onClick={() => void markUnseen()}>
              {t('leads.actions.markUnseen')}
            </Menu.Item>
          )}
          <Menu.Item leftSection={<IconLink size={14} />} onClick={() => void copyLink(t)}>
            {t('leads.actions.copyLink')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setConfirming(true)}>
            {t('common.delete')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={confirming}
        title={t('leads.actions.deleteTitle')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => void doDelete()}
        onClose={() => setConfirming(false)}
      >
        {t('leads.actions.deleteConfirm', { title: lead.title })}
      </ConfirmDialog>
    </Group>
  );
}
