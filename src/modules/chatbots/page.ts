import { type Html, html } from '../public/html.ts';
import { pageShell } from '../public/page.ts';
import type { ChatView, PublicBot } from './conversation.ts';
import { inputOf } from './engine.ts';
import { CHAT_TEXTS, type ChatLanguage } from './texts.ts';

/** Field names of the chat page's form. */
export const START_TOKEN = '_t';
export const CONVERSATION = '_c';
export const ANSWER = 'answer';
export const HONEYPOT = 'website_url';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1b1e;background:#fff}
main{max-width:640px;margin:0 auto;padding:16px}
body.embed main{padding:8px}
h1{font-size:1.25rem;margin:0 0 12px}
.transcript{list-style:none;margin:0 0 16px;padding:0;display:flex;flex-direction:column;gap:8px}
.transcript li{max-width:85%;padding:8px 12px;border-radius:12px;white-space:pre-line;overflow-wrap:anywhere}
.transcript .bot{align-self:flex-start;background:#e9ecef}
.transcript .visitor{align-self:flex-end;background:#1864ab;color:#fff}
.options{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 12px}
label{display:block;font-weight:600;margin-bottom:4px}
.row{display:flex;gap:8px}
input[type=text],input[type=email],input[type=tel]{flex:1;min-width:0;padding:8px 10px;font:inherit;color:inherit;border:1px solid #868e96;border-radius:6px;background:#fff}
input:focus,button:focus,a:focus{outline:3px solid #1c7ed6;outline-offset:1px}
button{font:inherit;font-weight:600;color:#fff;background:#1864ab;border:0;border-radius:6px;padding:10px 16px;cursor:pointer;min-height:44px}
button.option{color:#1864ab;background:#fff;border:2px solid #1864ab}
.error{border:2px solid #c92a2a;border-radius:6px;padding:8px 12px;margin:0 0 12px;color:#c92a2a;font-weight:600}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0}
.ended{font-weight:600}
`;

export interface PageOptions {
  nonce: string;
  embed: boolean;
}

function layout(lang: ChatLanguage, title: string, body: Html, o: PageOptions): string {
  return pageShell({
    lang,
    title,
    nonce: o.nonce,
    style: STYLE,
    body,
    bodyClass: o.embed ? 'embed' : undefined,
  });
}

const INPUT_TYPE: Record<string, string> = { email: 'email', phone: 'tel' };
const AUTOCOMPLETE: Record<string, string> = {
  name: 'name',
  email: 'email',
  phone: 'tel',
  company: 'organization',
};

/**
 * The chat as a page that works without JavaScript: the transcript so far, then the waiting card's
 * options as buttons and its typed answer as a labelled input; each answer posts the page again.
 * `startToken` carries the page's signed time until the first answer starts the conversation.
 */
export function chatPage(
  bot: PublicBot,
  view: ChatView,
  o: PageOptions,
  state: { startToken: string | null; error: string | null; value?: string },
): string {
  const lang = bot.language;
  const t = CHAT_TEXTS[lang];
  const action = `/c/${bot.publicId}${o.embed ? '?embed=1' : ''}`;
  const input = inputOf(view.waiting);
  const lines = view.lines.map(
    (l) =>
      html`<li class="${l.from}"><span class="sr-only">${l.from === 'bot' ? bot.name : t.you}: </span>${l.text}</li>`,
  );
  const error = state.error ? html`<p class="error" role="alert" id="chat-error">${state.error}</p>` : null;
  const typed = input.kind !== 'none' && input.kind !== 'options' ? true : input.free_text;
  const form =
    view.ended || input.kind === 'none'
      ? html`<p class="ended" role="status">${t.ended}</p><p><a href="${action}">${t.restart}</a></p>`
      : html`<form method="post" action="${action}">
${state.startToken ? html`<input type="hidden" name="${START_TOKEN}" value="${state.startToken}">` : null}
${view.token ? html`<input type="hidden" name="${CONVERSATION}" value="${view.token}">` : null}
<div class="hp" aria-hidden="true"><label for="${HONEYPOT}">${t.honeypotLabel}</label><input type="text" id="${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></div>
${input.options.length > 0 ? html`<div class="options" role="group" aria-label="${t.answer}">${input.options.map((label) => html`<button type="submit" class="option" name="${ANSWER}" value="${label}">${label}</button>`)}</div>` : null}
${
  typed
    ? html`<label for="chat-answer">${input.options.length > 0 ? t.orType : t.answer}</label>
<div class="row"><input type="${INPUT_TYPE[input.kind] ?? 'text'}" id="chat-answer" name="${ANSWER}" maxlength="${input.max}" autofocus${AUTOCOMPLETE[input.kind] ? html` autocomplete="${AUTOCOMPLETE[input.kind]}"` : null}${state.error ? html` aria-invalid="true" aria-describedby="chat-error"` : null} value="${state.value ?? ''}"><button type="submit">${t.send}</button></div>`
    : null
}
</form>`;
  const body = html`<h1>${bot.name}</h1>
<ol class="transcript" aria-label="${t.conversation}" aria-live="polite">${lines}</ol>
${error}
${form}`;
  return layout(lang, bot.name, body, o);
}

/** A page of words only: why a message was refused, with a way back to the chat. */
export function chatNotice(
  lang: ChatLanguage,
  message: string,
  bot: PublicBot | null,
  o: PageOptions,
): string {
  const t = CHAT_TEXTS[lang];
  const back = bot ? `/c/${bot.publicId}${o.embed ? '?embed=1' : ''}` : null;
  const body = html`<h1>${t.errorTitle}</h1>
<p role="alert">${message}</p>
${back ? html`<p><a href="${back}">${t.restart}</a></p>` : null}`;
  return layout(lang, t.errorTitle, body, o);
}

/**
 * The launcher a customer's site loads: a button that opens the chat page in an iframe (our page runs
 * on our origin; the site's page gets no DOM code of ours but this button). Every value is JSON-quoted.
 */
export function widgetScript(bot: PublicBot, origin: string): string {
  const t = CHAT_TEXTS[bot.language];
  const q = (v: string) => JSON.stringify(v).replace(/</g, '\\u003c');
  const src = `${origin}/c/${bot.publicId}?embed=1`;
  return `(function(){function go(){var id=${q(`pipewright-chat-${bot.publicId}`)};if(document.getElementById(id))return;
var b=document.createElement("button"),f=null;b.id=id;b.type="button";b.textContent=${q(t.open)};b.setAttribute("aria-expanded","false");
b.style.cssText="position:fixed;right:16px;bottom:16px;z-index:2147483646;font:600 16px system-ui,sans-serif;color:#fff;background:#1864ab;border:0;border-radius:24px;padding:12px 20px;cursor:pointer;min-height:44px";
b.addEventListener("click",function(){if(!f){f=document.createElement("iframe");f.src=${q(src)};f.title=${q(bot.name)};
f.style.cssText="position:fixed;right:16px;bottom:76px;z-index:2147483647;width:min(380px,calc(100vw - 32px));height:min(560px,calc(100vh - 100px));border:1px solid #ced4da;border-radius:12px;background:#fff;box-shadow:0 8px 24px rgba(0,0,0,.2)";
document.body.appendChild(f);f.hidden=false}else{f.hidden=!f.hidden}
b.setAttribute("aria-expanded",String(!f.hidden));b.textContent=f.hidden?${q(t.open)}:${q(t.close)};if(!f.hidden)f.focus()});
document.body.appendChild(b)}if(document.body)go();else addEventListener("DOMContentLoaded",go)})();
`;
}
