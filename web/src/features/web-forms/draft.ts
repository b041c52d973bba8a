import type { Field } from '../../api/fields.ts';
import type { WebForm } from '../../api/web-forms.ts';
import type { MessageId } from '../../i18n/messages/en.ts';
import type { Translate } from '../../i18n/provider.tsx';

/** Custom field types a public form can fill (the server's FORM_CUSTOM_TYPES). */
export const FORM_CUSTOM_TYPES = ['varchar', 'varchar_auto', 'text', 'double', 'phone', 'date'] as const;

const BUILT_IN = {
  lead: [
    'person.name',
    'person.email',
    'person.phone',
    'organization.name',
    'organization.address',
    'lead.title',
    'lead.value',
  ],
  deal: [
    'person.name',
    'person.email',
    'person.phone',
    'organization.name',
    'organization.address',
    'deal.title',
    'deal.value',
  ],
} as const;

/** The builder's state: text inputs hold '' for "none"; keys keep React rows stable while editing. */
export interface Draft {
  name: string;
  target: 'lead' | 'deal';
  pipeline_id: number | null;
  stage_id: number | null;
  owner_id: number | null;
  label_ids: string[];
  visible_to: number | null;
  fields: { key: string; maps_to: string; label: string; required: boolean; help_text: string }[];
  description: string;
  consent_text: string;
  submit_label: string;
  success_message: string;
  redirect_url: string;
  language: 'en' | 'sv';
  hidden_fields: { key: string; name: string; value: string; maps_to?: string | null }[];
}

const key = () => crypto.randomUUID();

export function draftOf(form: WebForm | null, t: Translate): Draft {
  if (!form) {
    return {
      name: '',
      target: 'lead',
      pipeline_id: null,
      stage_id: null,
      owner_id: null,
      label_ids: [],
      visible_to: null,
      fields: [
        {
          key: key(),
          maps_to: 'person.name',
          label: t('webForms.default.name'),
          required: true,
          help_text: '',
        },
        {
          key: key(),
          maps_to: 'person.email',
          label: t('webForms.default.email'),
          required: true,
          help_text: '',
        },
        {
          key: key(),
          maps_to: 'organization.name',
          label: t('webForms.default.company'),
          required: false,
          help_text: '',
        },
      ],
      description: '',
      consent_text: '',
      submit_label: '',
      success_message: '',
      redirect_url: '',
      language: 'en',
      hidden_fields: [],
    };
  }
  const s = form.settings;
  return {
    name: form.name,
    target: form.target,
    pipeline_id: form.pipeline_id,
    stage_id: form.stage_id,
    owner_id: form.owner_id,
    label_ids: form.label_ids.filter((l): l is string => typeof l === 'string'),
    visible_to: form.visible_to,
    fields: form.fields.map((f) => ({ ...f, key: key(), help_text: f.help_text ?? '' })),
    description: s.description ?? '',
    consent_text: s.consent_text ?? '',
    submit_label: s.submit_label ?? '',
    success_message: s.success_message ?? '',
    redirect_url: s.redirect_url ?? '',
    language: s.language,
    hidden_fields: s.hidden_fields.map((h) => ({ ...h, key: key() })),
  };
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** The request body of a draft. */
export function toBody(d: Draft) {
  return {
    name: d.name,
    target: d.target,
    ...(d.target === 'deal' && d.pipeline_id !== null ? { pipeline_id: d.pipeline_id } : {}),
    ...(d.target === 'deal' && d.stage_id !== null ? { stage_id: d.stage_id } : {}),
    ...(d.owner_id !== null ? { owner_id: d.owner_id } : {}),
    label_ids: d.target === 'lead' ? d.label_ids : [],
    ...(d.visible_to !== null ? { visible_to: d.visible_to } : {}),
    fields: d.fields.map((f) => ({
      maps_to: f.maps_to,
      label: f.label,
      required: f.required,
      help_text: orNull(f.help_text),
    })),
    settings: {
      description: orNull(d.description),
      consent_text: orNull(d.consent_text),
      submit_label: orNull(d.submit_label),
      success_message: orNull(d.success_message),
      redirect_url: orNull(d.redirect_url),
      language: d.language,
      hidden_fields: d.hidden_fields.map((h) => ({
        name: h.name,
        value: h.value,
        maps_to: h.maps_to ?? null,
      })),
    },
  };
}

/** What a field can map to: the target's built-in fields, then the deal custom fields a page can fill. */
export function mapsToChoices(target: 'lead' | 'deal', custom: Field[], t: Translate) {
  return [
    ...BUILT_IN[target].map((m) => ({ value: m, label: t(`webForms.map.${m}` as MessageId) })),
    ...custom.map((f) => ({ value: f.field_code, label: t('webForms.map.custom', { name: f.field_name }) })),
  ];
}
