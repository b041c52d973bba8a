import {
  ActionIcon,
  Button,
  Checkbox,
  CopyButton,
  Divider,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useCustomFields } from '../../api/fields.ts';
import { useLeadLabels } from '../../api/lead-labels.ts';
import { usePipelines } from '../../api/pipelines.ts';
import { useStages } from '../../api/stages.ts';
import { useUsers } from '../../api/users.ts';
import { useSaveWebForm, type WebForm, type WebFormBody } from '../../api/web-forms.ts';
import { BuilderDialog } from '../../components/builder-dialog.tsx';
import { useVisibility } from '../../components/visibility.ts';
import { useT } from '../../i18n/provider.tsx';
import { type Draft, draftOf, FORM_CUSTOM_TYPES, mapsToChoices, toBody } from './draft.ts';

/** The builder: the form's fields and settings on the left, a live preview (and embed code) on the right. */
export function WebFormBuilder({ form, onClose }: { form: WebForm | null; onClose: () => void }) {
  const t = useT();
  const [d, setD] = useState<Draft>(() => draftOf(form, t));
  const save = useSaveWebForm(form);
  const users = useUsers();
  const labels = useLeadLabels();
  const pipelines = usePipelines({ enabled: d.target === 'deal' });
  const stages = useStages(d.target === 'deal' ? d.pipeline_id : null);
  const custom = useCustomFields('deal');
  const visibility = useVisibility();
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const setField = (i: number, patch: Partial<Draft['fields'][number]>) =>
    setD((x) => ({ ...x, fields: x.fields.map((f, j) => (j === i ? { ...f, ...patch } : f)) }));
  const setHidden = (i: number, patch: Partial<Draft['hidden_fields'][number]>) =>
    setD((x) => ({ ...x, hidden_fields: x.hidden_fields.map((h, j) => (j === i ? { ...h, ...patch } : h)) }));
  const customFields = (custom.data ?? []).filter((f) =>
    (FORM_CUSTOM_TYPES as readonly string[]).includes(f.field_type),
  );
  const choices = mapsToChoices(d.target, customFields, t);

  return (
    <BuilderDialog
      title={t(form ? 'webForms.builder.editTitle' : 'webForms.builder.newTitle')}
      submitLabel={t('webForms.builder.save')}
      savedMessage={t('webForms.saved')}
      save={save}
      body={() => toBody(d) as WebFormBody}
      onClose={onClose}
      preview={
        <Stack gap="sm">
          <Preview draft={d} />
          {form && (
            <Stack gap={4}>
              <Textarea
                label={t('webForms.builder.embed')}
                value={form.embed_snippet}
                readOnly
                autosize
                minRows={4}
                styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
              />
              <CopyButton value={form.embed_snippet}>
                {({ copied, copy }) => (
                  <Button variant="default" onClick={copy}>
                    {copied ? t('webForms.copied') : t('webForms.copyEmbed', { name: form.name })}
                  </Button>
                )}
              </CopyButton>
            </Stack>
          )}
        </Stack>
      }
    >
      <TextInput
        label={t('webForms.builder.name')}
        required
        value={d.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
      />
      <Group grow align="flex-end" wrap="wrap">
        <Select
          label={t('webForms.builder.target')}
          data={[
            { value: 'lead', label: t('webForms.target.lead') },
            { value: 'deal', label: t('webForms.target.deal') },
          ]}
          value={d.target}
          allowDeselect={false}
          onChange={(v) =>
            set({
              target: v === 'deal' ? 'deal' : 'lead',
              label_ids: [],
              fields: d.fields.map((f) => ({
                ...f,
                maps_to: f.maps_to.replace(/^(lead|deal)\./, v === 'deal' ? 'deal.' : 'lead.'),
              })),
            })
          }
        />
        <Select
          label={t('webForms.builder.owner')}
          data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
          value={d.owner_id === null ? null : String(d.owner_id)}
          onChange={(v) => set({ owner_id: v === null ? null : Number(v) })}
          searchable
        />
      </Group>
      {d.target === 'deal' ? (
        <Group grow align="flex-end" wrap="wrap">
          <Select
            label={t('webForms.builder.pipeline')}
            data={(pipelines.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
            value={d.pipeline_id === null ? null : String(d.pipeline_id)}
            onChange={(v) => set({ pipeline_id: v === null ? null : Number(v), stage_id: null })}
          />
          <Select
            label={t('webForms.builder.stage')}
            data={(stages.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
            value={d.stage_id === null ? null : String(d.stage_id)}
            onChange={(v) => set({ stage_id: v === null ? null : Number(v) })}
            disabled={d.pipeline_id === null}
          />
        </Group>
      ) : (
        <MultiSelect
          label={t('webForms.builder.labels')}
          data={(labels.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          value={d.label_ids}
          onChange={(v) => set({ label_ids: v })}
        />
      )}
      <Select
        label={t('webForms.builder.visibility')}
        placeholder={t('webForms.builder.visibilityDefault')}
        data={visibility.options.map((o) => ({ value: String(o.value), label: o.label }))}
        value={d.visible_to === null ? null : String(d.visible_to)}
        onChange={(v) => set({ visible_to: v === null ? null : Number(v) })}
        clearable
      />

      <Divider label={t('webForms.builder.fields')} labelPosition="left" />
      {d.fields.map((f, i) => {
        const n = i + 1;
        return (
          <Paper key={f.key} withBorder p="xs">
            <Stack gap={6}>
              <Group grow align="flex-end" wrap="wrap">
                <Select
                  label={t('webForms.builder.field.mapsTo', { n })}
                  data={choices}
                  value={f.maps_to}
                  allowDeselect={false}
                  searchable
                  onChange={(v) => v && setField(i, { maps_to: v })}
                />
                <TextInput
                  label={t('webForms.builder.field.label', { n })}
                  required
                  value={f.label}
                  onChange={(e) => setField(i, { label: e.currentTarget.value })}
                />
              </Group>
              <TextInput
                label={t('webForms.builder.field.help', { n })}
                value={f.help_text}
                onChange={(e) => setField(i, { help_text: e.currentTarget.value })}
              />
              <Group justify="space-between">
                <Checkbox
                  label={t('webForms.builder.field.required')}
                  checked={f.required}
                  onChange={(e) => setField(i, { required: e.currentTarget.checked })}
                />
                <Group gap={4}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('webForms.builder.field.up', { n })}
                    disabled={i === 0}
                    onClick={() =>
                      setD((x) => {
                        const fields = [...x.fields];
                        [fields[i - 1], fields[i]] = [
                          fields[i] as (typeof fields)[0],
                          fields[i - 1] as (typeof fields)[0],
                        ];
                        return { ...x, fields };
                      })
                    }
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('webForms.builder.field.remove', { n })}
                    onClick={() => setD((x) => ({ ...x, fields: x.fields.filter((_, j) => j !== i) }))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Group>
            </Stack>
          </Paper>
        );
      })}
      <Button
        variant="default"
        leftSection={<IconPlus size={16} />}
        onClick={() => {
          const used = new Set(d.fields.map((f) => f.maps_to));
          const next = choices.find((c) => !used.has(c.value));
          if (next)
            setD((x) => ({
              ...x,
              fields: [
                ...x.fields,
                {
                  key: crypto.randomUUID(),
                  maps_to: next.value,
                  label: next.label,
                  required: false,
                  help_text: '',
                },
              ],
            }));
        }}
      >
        {t('webForms.builder.addField')}
      </Button>

      <Divider />
      <Textarea
        label={t('webForms.builder.description')}
        value={d.description}
        onChange={(e) => set({ description: e.currentTarget.value })}
        autosize
        minRows={2}
      />
      <Textarea
        label={t('webForms.builder.consent')}
        value={d.consent_text}
        onChange={(e) => set({ consent_text: e.currentTarget.value })}
        autosize
        minRows={2}
      />
      <Group grow align="flex-end" wrap="wrap">
        <TextInput
          label={t('webForms.builder.submitLabel')}
          value={d.submit_label}
          onChange={(e) => set({ submit_label: e.currentTarget.value })}
        />
        <Select
          label={t('webForms.builder.language')}
          data={[
            { value: 'en', label: t('webForms.lang.en') },
            { value: 'sv', label: t('webForms.lang.sv') },
          ]}
          value={d.language}
          allowDeselect={false}
          onChange={(v) => set({ language: v === 'sv' ? 'sv' : 'en' })}
        />
      </Group>
      <Textarea
        label={t('webForms.builder.success')}
        value={d.success_message}
        onChange={(e) => set({ success_message: e.currentTarget.value })}
        autosize
        minRows={2}
      />
      <TextInput
        label={t('webForms.builder.redirect')}
        type="url"
        value={d.redirect_url}
        onChange={(e) => set({ redirect_url: e.currentTarget.value })}
      />

      <Divider label={t('webForms.builder.hidden')} labelPosition="left" />
      <Text size="xs" c="dimmed">
        {t('webForms.builder.hiddenHint')}
      </Text>
      {d.hidden_fields.map((h, i) => {
        const n = i + 1;
        return (
          <Group key={h.key} align="flex-end" wrap="nowrap">
            <TextInput
              label={t('webForms.builder.hiddenName', { n })}
              value={h.name}
              onChange={(e) => setHidden(i, { name: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <TextInput
              label={t('webForms.builder.hiddenValue', { n })}
              value={h.value}
              onChange={(e) => setHidden(i, { value: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('webForms.builder.hiddenRemove', { n })}
              onClick={() =>
                setD((x) => ({ ...x, hidden_fields: x.hidden_fields.filter((_, j) => j !== i) }))
              }
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <Button
        variant="default"
        leftSection={<IconPlus size={16} />}
        onClick={() =>
          setD((x) => ({
            ...x,
            hidden_fields: [...x.hidden_fields, { key: crypto.randomUUID(), name: 'campaign', value: '' }],
          }))
        }
      >
        {t('webForms.builder.addHidden')}
      </Button>
    </BuilderDialog>
  );
}

/** What the public page will show, drawn from the unsaved draft (the page itself is server-rendered). */
function Preview({ draft: d }: { draft: Draft }) {
  const t = useT();
  return (
    <Paper withBorder p="md" role="region" aria-label={t('webForms.builder.preview')}>
      <Stack gap="sm">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t('webForms.builder.preview')}
        </Text>
        <Title order={3}>{d.name}</Title>
        {d.description && <Text style={{ whiteSpace: 'pre-line' }}>{d.description}</Text>}
        {d.fields.map((f) => (
          <TextInput
            key={f.key}
            label={f.label}
            description={f.help_text || undefined}
            required={f.required}
            readOnly
            tabIndex={-1}
          />
        ))}
        {d.consent_text && <Checkbox label={d.consent_text} readOnly tabIndex={-1} />}
        <Group>
          <Button tabIndex={-1} type="button">
            {d.submit_label || t('webForms.preview.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
