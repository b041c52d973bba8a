import {
  ActionIcon,
  Alert,
  Anchor,
  Card,
  Group,
  Image,
  Progress,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconEye, IconPencil, IconTrash, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type FileItem,
  type FileTarget,
  fileDownloadUrl,
  useFileMutations,
  useFiles,
} from '../../api/files.ts';
import { formatDateTime, formatFileSize } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';
import { ConfirmDialog } from '../confirm-dialog.tsx';
import { DialogForm } from '../dialog-form.tsx';
import { Modal } from '../modal.tsx';
import { ErrorState, Loading } from '../states.tsx';
import { useIsMobile } from '../use-is-mobile.ts';

/** The server's limit (FILES_MAX_BYTES' default): larger files are refused before they are sent. */
const MAX_BYTES = 100 * 1024 * 1024;

const sqlTimeIso = (t: string) => `${t.replace(' ', 'T')}Z`;

/** A deal's or a contact's files: drop or pick files to upload (with progress), preview, rename, delete. */
export function FilesSection({ target, readOnly = false }: { target: FileTarget; readOnly?: boolean }) {
  const t = useT();
  const files = useFiles(target);
  const { upload, rename, remove } = useFileMutations(target);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [preview, setPreview] = useState<FileItem | null>(null);
  const [renaming, setRenaming] = useState<FileItem | null>(null);
  const [deleting, setDeleting] = useState<FileItem | null>(null);

  const send = async (chosen: File[]) => {
    setRefused(null);
    for (const file of chosen) {
      setProgress({ name: file.name, fraction: 0 });
      try {
        await upload.mutateAsync({
          file,
          onProgress: (fraction) => setProgress({ name: file.name, fraction }),
        });
      } catch (e) {
        setRefused(
          t('files.uploadFailed', { name: file.name, reason: e instanceof Error ? e.message : String(e) }),
        );
      }
    }
    setProgress(null);
  };

  const title = t('files.title');
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Title order={4} mb="xs">
        {title}
        {files.data && (
          <Text span c="dimmed" fw={400} ml={6}>
            {files.data.length}
          </Text>
        )}
      </Title>
      <Stack gap="sm">
        {!readOnly && (
          <Dropzone
            onDrop={send}
            onReject={(rejections) =>
              setRefused(
                t('files.tooLarge', {
                  name: rejections.map((r) => r.file.name).join(', '),
                  max: formatFileSize(MAX_BYTES),
                }),
              )
            }
            maxSize={MAX_BYTES}
            loading={progress !== null}
            aria-label={t('files.dropLabel')}
            data-testid="files-dropzone"
            p="md"
          >
            <Group justify="center" gap="sm" wrap="nowrap" style={{ pointerEvents: 'none' }}>
              <IconUpload size={24} aria-hidden />
              <Text size="sm">{t('files.dropHint')}</Text>
            </Group>
          </Dropzone>
        )}
        {progress && (
          <Stack gap={4}>
            <Text size="xs">{t('files.uploading', { name: progress.name })}</Text>
            <Progress
              value={Math.round(progress.fraction * 100)}
              aria-label={t('files.uploading', { name: progress.name })}
              animated
            />
          </Stack>
        )}
        {refused && (
          <Alert
            color="red"
            role="alert"
            withCloseButton
            onClose={() => setRefused(null)}
            closeButtonLabel={t('files.dismiss')}
          >
            {refused}
          </Alert>
        )}
        {files.isPending ? (
          <Loading label={t('files.loading')} />
        ) : files.isError ? (
          <ErrorState error={files.error} />
        ) : files.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('files.none')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {files.data.map((f) => (
              <Group key={f.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  {f.remote_location ? (
                    <Text size="sm" truncate>
                      {f.name}
                    </Text>
                  ) : (
                    <Anchor href={fileDownloadUrl(f.id)} size="sm" truncate download={f.name}>
                      {f.name}
                    </Anchor>
                  )}
                  <Text size="xs" c="dimmed">
                    {f.remote_location
                      ? t('files.remote')
                      : `${formatFileSize(f.file_size)} · ${formatDateTime(sqlTimeIso(f.add_time))}`}
                  </Text>
                </Stack>
                <Group gap={2} wrap="nowrap">
                  {f.previewable && (
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('files.preview', { name: f.name })}
                      onClick={() => setPreview(f)}
                    >
                      <IconEye size={18} />
                    </ActionIcon>
                  )}
                  {!readOnly && (
                    <>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('files.rename', { name: f.name })}
                        onClick={() => setRenaming(f)}
                      >
                        <IconPencil size={18} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('files.delete', { name: f.name })}
                        onClick={() => setDeleting(f)}
                      >
                        <IconTrash size={18} />
                      </ActionIcon>
                    </>
                  )}
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      {preview && <PreviewDialog file={preview} onClose={() => setPreview(null)} />}
      {renaming && (
        <RenameDialog
          file={renaming}
          busy={rename.isPending}
          error={rename.error}
          onClose={() => {
            rename.reset();
            setRenaming(null);
          }}
          onSave={(name) => rename.mutate({ id: renaming.id, name }, { onSuccess: () => setRenaming(null) })}
        />
      )}
      {deleting && (
        <ConfirmDialog
          opened
          title={t('files.deleteTitle')}
          confirmLabel={t('common.delete')}
          loading={remove.isPending}
          error={remove.error}
          onClose={() => {
            remove.reset();
            setDeleting(null);
          }}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        >
          {t('files.deleteText', { name: deleting.name })}
        </ConfirmDialog>
      )}
    </Card>
  );
}

function PreviewDialog({ file, onClose }: { file: FileItem; onClose: () => void }) {
  const mobile = useIsMobile();
  const src = fileDownloadUrl(file.id, true);
  return (
    <Modal opened onClose={onClose} title={file.name} size="xl" fullScreen={mobile} centered>
      {file.mime_type === 'application/pdf' ? (
        <iframe src={src} title={file.name} style={{ width: '100%', height: '70vh', border: 0 }} />
      ) : (
        <Image src={src} alt={file.name} fit="contain" mah="70vh" />
      )}
    </Modal>
  );
}

function RenameDialog(props: {
  file: FileItem;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onSave: (name: string) => void;
}) {
  const t = useT();
  const [name, setName] = useState(props.file.name);
  return (
    <DialogForm
      opened
      title={t('files.renameTitle')}
      submitLabel={t('common.save')}
      busy={props.busy}
      error={props.error}
      onClose={props.onClose}
      onSubmit={() => props.onSave(name.trim())}
    >
      <TextInput
        label={t('files.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        required
        maxLength={255}
        data-autofocus
      />
    </DialogForm>
  );
}
