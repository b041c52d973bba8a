import { escapeHtml } from '../public/html.ts';
import type { SubmissionRow, WebFormWithPublicId } from './service.ts';

/** The page's address: `/f/<public id>` on the origin the caller reached the API on. */
export const publicUrl = (origin: string, publicId: string) => `${origin}/f/${publicId}`;

/**
 * What a customer pastes on their site: an iframe of the public page in embed mode, and a script that
 * sets the iframe's height to what the page reports (postMessage from our origin only).
 */
export function embedSnippet(origin: string, form: { publicId: string; name: string }): string {
  const src = escapeHtml(`${publicUrl(origin, form.publicId)}?embed=1`);
  const id = escapeHtml(form.publicId);
  const js = JSON.stringify(origin).replace(/</g, '\\u003c');
  return (
    `<iframe src="${src}" title="${escapeHtml(form.name)}" data-pipewright-form="${id}" ` +
    `style="width:100%;max-width:640px;height:640px;border:0" loading="lazy"></iframe>\n` +
    `<script>addEventListener("message",function(e){var d=e.data;if(e.origin!==${js}||!d||d.type!=="pipewright:form-height")return;` +
    `document.querySelectorAll('iframe[data-pipewright-form="'+String(d.form).replace(/[^\\w-]/g,"")+'"]').forEach(function(f){f.style.height=Math.min(Number(d.height)||640,5000)+"px"})});</script>`
  );
}

export function presentWebForm(r: WebFormWithPublicId, origin: string) {
  return {
    id: r.id,
    public_id: r.publicId,
    name: r.name,
    target: r.target,
    pipeline_id: r.pipelineId,
    stage_id: r.stageId,
    owner_id: r.ownerId,
    label_ids: r.labelIds,
    visible_to: r.itemVisibleTo,
    fields: r.fields,
    settings: r.settings,
    public_url: publicUrl(origin, r.publicId),
    embed_snippet: embedSnippet(origin, r),
    add_time: r.addTime.toISOString(),
    update_time: r.updateTime.toISOString(),
  };
}

export function presentSubmission(r: SubmissionRow) {
  return {
    id: r.id,
    form_id: r.formId,
    data: r.data,
    consent_text: r.consentText,
    consent_time: r.consentTime ? r.consentTime.toISOString() : null,
    person_id: r.personId,
    organization_id: r.organizationId,
    person_reused: r.personReused,
    organization_reused: r.organizationReused,
    lead_id: r.leadId,
    deal_id: r.dealId,
    add_time: r.addTime.toISOString(),
  };
}
