import {
  Anchor,
  Badge,
  Button,
  CopyButton,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconLink, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Deal } from '../../api/deals.ts';
import {
  type DealDocument,
  documentFileUrl,
  useCreateDocument,
  useCreateShare,
  useDealDocuments,
  useMakePdf,
  useRevokeShare,
  useSaveVersion,
  useTemplates,
} from '../../api/documents.ts';
import { Modal } from '../../components/modal.tsx';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { useIsMobile } from '../../components/use-is-mobile.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';
import { DocumentEditor } from './document-editor.tsx';

/** Starts the browser's download of a URL (an attachment: the page stays). */
function download(url: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  document.body.append(a);
  a.click();
  a.remove();
}

/** The deal's documents: create from a template, edit as a new version, PDF, share links, status. */
export function DealDocumentsSection({ deal, readOnly }: { deal: Deal; readOnly?: boolean }) {
  const t = useT();
  const docs = useDealDocuments(deal.id);
  const templates = useTemplates();
  const create = useCreateDocument(deal.id);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [editing, setEditing] = useState<DealDocument | null>(null);

  return (
    <Paper withBorder p="md" id="deal-documents">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('documents.title')}
        </Title>
        {!readOnly && (
          <Group gap="xs" align="flex-end">
            <Select
              label={t('documents.template')}
              placeholder={t('documents.pickTemplate')}
              data={(templates.data ?? []).map((x) => ({ value: String(x.id), label: x.name }))}
              value={templateId}
              onChange={setTemplateId}
              nothingFoundMessage={t('documents.noTemplates')}
              size="xs"
              style={{ flex: 1, minWidth: 140 }}
            />
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              disabled={!templateId}
              loading={create.isPending}
              onClick={() =>
                templateId &&
                create.mutate(Number(templateId), {
                  onSuccess: (doc) => {
                    setTemplateId(null);
                    setEditing(doc);
                  },
                  onError: (e) =>
                    notifications.show({ color: 'red', title: t('documents.failed'), message: e.message }),
                })
              }
            >
              {t('documents.create')}
            </Button>
          </Group>
        )}
        {docs.isPending ? (
          <Loading label={t('documents.loading')} />
        ) : docs.isError ? (
          <ErrorState error={docs.error} />
        ) : docs.data.length === 0 ? (
          <Empty>{t('documents.none')}</Empty>
        ) : (
          <Stack
            gap="xs"
            component="ul"
            aria-label={t('documents.list')}
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
          >
            {docs.data.map((d) => (
              <DocumentItem key={d.id} deal={deal} doc={d} readOnly={readOnly} onEdit={() => setEditing(d)} />
            ))}
          </Stack>
        )}
      </Stack>
      {editing && <EditDialog deal={deal} doc={editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}

function DocumentItem({
  deal,
  doc,
  readOnly,
  onEdit,
}: {
  deal: Deal;
  doc: DealDocument;
  readOnly: boolean | undefined;
  onEdit: () => void;
}) {
  const t = useT();
  const pdf = useMakePdf(deal.id);
  const share = useCreateShare(deal.id);
  const revoke = useRevokeShare(deal.id);
  const failed = (e: Error) =>
    notifications.show({ color: 'red', title: t('documents.failed'), message: e.message });
  const active = doc.shares.filter((s) => s.active);
  const fresh = doc.shares.find((s) => s.url !== null);
  return (
    <Paper component="li" withBorder p="xs" radius="sm">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text fw={600} size="sm">
            {doc.title}
          </Text>
          {doc.accepted ? (
            <Badge color="green" variant="light">
              {t('documents.status.accepted')}
            </Badge>
          ) : doc.view_count > 0 ? (
            <Badge color="blue" variant="light">
              {t('documents.status.viewed')}
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              {t('documents.status.draft')}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('documents.version', { version: doc.version })}
          {doc.view_count > 0 &&
            ` · ${t('documents.views', { count: doc.view_count, last: formatDateTime(doc.last_view_time) })}`}
        </Text>
        {doc.accepted && (
          <Text size="sm" role="status">
            {t('documents.acceptedBy', { name: doc.accepted.name, when: formatDateTime(doc.accepted.time) })}
          </Text>
        )}
        <Group gap={6} role="group" aria-label={t('documents.actionsOf', { name: doc.title })}>
          {!readOnly && !doc.accepted && (
            <Button size="compact-xs" variant="default" onClick={onEdit}>
              {t('documents.edit')}
            </Button>
          )}
          <Button
            size="compact-xs"
            leftSection={<IconDownload size={14} />}
            loading={pdf.isPending}
            onClick={() =>
              pdf.mutate(doc.id, { onSuccess: (f) => download(documentFileUrl(f.file_id)), onError: failed })
            }
          >
            {t('documents.downloadPdf')}
          </Button>
          {!readOnly && (
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconLink size={14} />}
              loading={share.isPending}
              onClick={() => share.mutate(doc.id, { onError: failed })}
            >
              {t('documents.share')}
            </Button>
          )}
        </Group>
        {doc.file_id !== null && (
          <Anchor href={documentFileUrl(doc.file_id)} size="xs" download>
            {t('documents.lastPdf')}
          </Anchor>
        )}
        {fresh?.url && <ShareLink url={`${window.location.origin}${fresh.url}`} />}
        {active.length > 0 && (
          <Stack gap={2}>
            {active.map((s) => (
              <Group key={s.id} gap="xs" justify="space-between">
                <Text size="xs" c="dimmed">
                  {t('documents.shareActive', { expires: formatDateTime(s.expires_at) })}
                </Text>
                {!readOnly && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => revoke.mutate({ id: doc.id, shareId: s.id }, { onError: failed })}
                  >
                    {t('documents.revoke')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function ShareLink({ url }: { url: string }) {
  const t = useT();
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        label={t('documents.shareLink')}
        description={t('documents.shareOnce')}
        value={url}
        readOnly
        size="xs"
        style={{ flex: 1 }}
        onFocus={(e) => e.currentTarget.select()}
      />
      <CopyButton value={url}>
        {({ copied, copy }) => (
          <Button size="xs" variant="default" onClick={copy}>
            {copied ? t('documents.copied') : t('documents.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

function EditDialog({ deal, doc, onClose }: { deal: Deal; doc: DealDocument; onClose: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const save = useSaveVersion(deal.id);
  const [body, setBody] = useState(doc.body);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('documents.editTitle', { name: doc.title })}
      size="90%"
      fullScreen={mobile}
    >
      <Stack gap="md">
        <DocumentEditor label={t('documents.body')} value={body} onChange={setBody} placeholders={false} />
        {save.error && (
          <Text c="red" role="alert">
            {save.error.message}
          </Text>
        )}
        <Group>
          <Button
            loading={save.isPending}
            onClick={() => save.mutate({ id: doc.id, body }, { onSuccess: onClose })}
          >
            {t('documents.saveVersion')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('documents.cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
