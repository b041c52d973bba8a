import type { FieldDef } from '../fields/types.ts';
import { Html, html } from '../public/html.ts';
import { pageShell } from '../public/page.ts';
import {
  CONSENT,
  FILL_TOKEN,
  HIDDEN_MAX,
  HONEYPOT,
  hiddenName,
  maxLengthOf,
  type PublicForm,
} from './submit.ts';
import { PAGE_TEXTS, type PageLanguage } from './texts.ts';

/** Styles of every public page: readable standalone, and plain enough to sit inside a customer's site. */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1b1e;background:#fff}
main{max-width:640px;margin:0 auto;padding:24px 16px}
body.embed main{padding:8px}
h1{font-size:1.5rem;margin:0 0 8px}
.description{margin:0 0 16px;color:#373a40;white-space:pre-line}
.field{margin:0 0 16px}
label{display:block;font-weight:600;margin-bottom:4px}
.help{margin:0 0 4px;color:#495057;font-size:.9rem}
input[type=text],input[type=email],input[type=tel],input[type=date],textarea{display:block;width:100%;padding:8px 10px;font:inherit;color:inherit;border:1px solid #868e96;border-radius:6px;background:#fff}
textarea{min-height:96px;resize:vertical}
input:focus,textarea:focus,button:focus{outline:3px solid #1c7ed6;outline-offset:1px}
.has-error input,.has-error textarea{border-color:#c92a2a}
.error{margin:4px 0 0;color:#c92a2a;font-weight:600}
.summary{border:2px solid #c92a2a;border-radius:6px;padding:12px;margin:0 0 16px}
.summary p{margin:0 0 4px;font-weight:600}
.summary a{color:#c92a2a}
.consent{display:flex;gap:8px;align-items:flex-start}
.consent input{margin-top:5px;width:18px;height:18px;flex:none}
.consent label{font-weight:400}
button{font:inherit;font-weight:600;color:#fff;background:#1864ab;border:0;border-radius:6px;padding:10px 20px;cursor:pointer}
button:hover{background:#1c4f8a}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0}
.notice{font-size:1.1rem;white-space:pre-line}
`;

export interface PageOptions {
  nonce: string;
  embed: boolean;
}

/** The resize script of the embed: tells the parent page the document's height (the only script). */
function resizeScript(form: PublicForm, o: PageOptions): Html | null {
  if (!o.embed) return null;
  // the public id is [\w-] only and JSON-quoted: the script holds no input
  const js =
    `(function(){var f=${JSON.stringify(form.publicId)};function s(){parent.postMessage({type:"pipewright:form-height",form:f,height:document.documentElement.scrollHeight},"*")}` +
    `addEventListener("load",s);if(window.ResizeObserver)new ResizeObserver(s).observe(document.body);s()})()`;
  return html`<script nonce="${o.nonce}">${new Html(js)}</script>`;
}

function layout(
  lang: PageLanguage,
  title: string,
  body: Html,
  form: PublicForm | null,
  o: PageOptions,
): string {
  const bodyClass = o.embed ? 'embed' : undefined;
  return pageShell({
    lang,
    title,
    nonce: o.nonce,
    style: STYLE,
    body,
    bodyClass,
    tail: form ? resizeScript(form, o) : null,
  });
}

const INPUT_TYPES: Record<string, string> = {
  'person.email': 'email',
  'person.phone': 'tel',
};
const AUTOCOMPLETE: Record<string, string> = {
  'person.name': 'name',
  'person.email': 'email',
  'person.phone': 'tel',
  'organization.name': 'organization',
  'organization.address': 'street-address',
};

export interface FormState {
  values: Record<string, string>;
  hidden: Record<string, string>;
  consent: boolean;
  errors: Record<string, string>;
  token: string;
}

/** The form page: every input labelled, its help and its error tied to it, an error summary first. */
export function formPage(
  form: PublicForm,
  defs: ReadonlyMap<string, FieldDef>,
  state: FormState,
  o: PageOptions,
): string {
  const lang = form.settings.language;
  const t = PAGE_TEXTS[lang];
  const s = form.settings;
  const idOf = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;
  const errorList = Object.entries(state.errors);
  const labelOf = (name: string) =>
    form.fields.find((f) => f.maps_to === name)?.label ?? (name === CONSENT ? (s.consent_text ?? '') : name);
  const summary =
    errorList.length > 0
      ? html`<div class="summary" role="alert" tabindex="-1" id="error-summary">
<p>${t.errorSummary}</p>
<ul>${errorList.map(([name, message]) => html`<li><a href="#${idOf(name)}">${labelOf(name)}: ${message}</a></li>`)}</ul>
</div>`
      : null;
  const fields = form.fields.map((f) => {
    const id = idOf(f.maps_to);
    const def = defs.get(f.maps_to);
    const error = state.errors[f.maps_to];
    const described = [f.help_text ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    const long = f.maps_to === 'organization.address' || def?.fieldType === 'text';
    const type =
      INPUT_TYPES[f.maps_to] ??
      (def?.fieldType === 'phone' ? 'tel' : def?.fieldType === 'date' ? 'date' : 'text');
    const inputmode = f.maps_to.endsWith('.value') || def?.fieldType === 'double' ? 'decimal' : null;
    const common = html` id="${id}" name="${f.maps_to}" maxlength="${maxLengthOf(f.maps_to, def)}"${f.required ? html` required` : null}${described ? html` aria-describedby="${described}"` : null}${error ? html` aria-invalid="true"` : null}${AUTOCOMPLETE[f.maps_to] ? html` autocomplete="${AUTOCOMPLETE[f.maps_to]}"` : null}${inputmode ? html` inputmode="${inputmode}"` : null}`;
    const value = state.values[f.maps_to] ?? '';
    return html`<div class="field${error ? ' has-error' : ''}">
<label for="${id}">${f.label}${f.required ? html`<span aria-hidden="true"> *</span><span class="sr-only"> (${t.required})</span>` : null}</label>
${f.help_text ? html`<p class="help" id="${id}-help">${f.help_text}</p>` : null}
${long ? html`<textarea${common}>${value}</textarea>` : html`<input type="${type}"${common} value="${value}">`}
${error ? html`<p class="error" id="${id}-error">${error}</p>` : null}
</div>`;
  });
  const consentError = state.errors[CONSENT];
  const consent = s.consent_text
    ? html`<div class="field${consentError ? ' has-error' : ''}">
<div class="consent"><input type="checkbox" id="${idOf(CONSENT)}" name="${CONSENT}" value="yes" required${state.consent ? html` checked` : null}${consentError ? html` aria-invalid="true" aria-describedby="${idOf(CONSENT)}-error"` : null}>
<label for="${idOf(CONSENT)}">${s.consent_text}</label></div>
${consentError ? html`<p class="error" id="${idOf(CONSENT)}-error">${consentError}</p>` : null}
</div>`
    : null;
  const hidden = s.hidden_fields.map(
    (h) =>
      html`<input type="hidden" name="${hiddenName(h.name)}" value="${(state.hidden[h.name] ?? h.value).slice(0, HIDDEN_MAX)}">`,
  );
  const action = `/f/${form.publicId}${o.embed ? '?embed=1' : ''}`;
  const body = html`<h1>${form.name}</h1>
${s.description ? html`<p class="description">${s.description}</p>` : null}
${summary}
<form method="post" action="${action}">
<input type="hidden" name="${FILL_TOKEN}" value="${state.token}">
${hidden}
<div class="hp" aria-hidden="true"><label for="${HONEYPOT}">${t.honeypotLabel}</label><input type="text" id="${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></div>
${fields}
${consent}
<button type="submit">${s.submit_label ?? t.submit}</button>
</form>`;
  return layout(lang, form.name, body, form, o);
}

/** A page of words only: the success message, or why a submission was refused. */
export function noticePage(
  lang: PageLanguage,
  title: string,
  message: string,
  form: PublicForm | null,
  o: PageOptions,
  opts: { alert?: boolean; back?: boolean } = {},
): string {
  const back = opts.back && form ? `/f/${form.publicId}${o.embed ? '?embed=1' : ''}` : null;
  const body = html`<h1>${title}</h1>
<p class="notice"${opts.alert ? html` role="alert"` : null}>${message}</p>
${back ? html`<p><a href="${back}">${form?.name ?? ''}</a></p>` : null}`;
  return layout(lang, title, body, form, o);
}
