import { Html, html } from '../public/html.ts';
import { pageShell } from '../public/page.ts';
import { sanitizeRichText } from './template-html.ts';

export type ShareLang = 'en' | 'sv';

export const SHARE_TEXTS = {
  en: {
    notFoundTitle: 'Document not found',
    notFound: 'This link does not lead to a document. It may have expired or been withdrawn.',
    tooMany: 'Too many requests. Please wait a minute and try again.',
    failed: 'Something went wrong. Please try again later.',
    acceptHeading: 'Accept this document',
    nameLabel: 'Your full name',
    agreeLabel: 'I have read and accept this document',
    accept: 'Accept',
    acceptedBy: (name: string, when: string) => `Accepted by ${name} on ${when}.`,
    nameMissing: 'Type your name to accept.',
    agreeMissing: 'Tick the box to accept.',
    errorSummary: 'Please correct the following:',
    already: 'This document has already been accepted.',
    note: 'Accepting records your typed name, the time, your IP address and your browser.',
    table: 'Table (scrolls sideways)',
  },
  sv: {
    notFoundTitle: 'Dokumentet hittades inte',
    notFound: 'Länken leder inte till något dokument. Den kan ha gått ut eller dragits tillbaka.',
    tooMany: 'För många förfrågningar. Vänta en minut och försök igen.',
    failed: 'Något gick fel. Försök igen senare.',
    acceptHeading: 'Godkänn dokumentet',
    nameLabel: 'Ditt fullständiga namn',
    agreeLabel: 'Jag har läst och godkänner dokumentet',
    accept: 'Godkänn',
    acceptedBy: (name: string, when: string) => `Godkänt av ${name} den ${when}.`,
    nameMissing: 'Skriv ditt namn för att godkänna.',
    agreeMissing: 'Kryssa i rutan för att godkänna.',
    errorSummary: 'Rätta följande:',
    already: 'Dokumentet är redan godkänt.',
    note: 'När du godkänner sparas namnet du skrev, tiden, din IP-adress och din webbläsare.',
    table: 'Tabell (rullar i sidled)',
  },
} as const;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1b1e;background:#f1f3f5}
main{max-width:820px;margin:0 auto;padding:24px 16px}
article{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:24px;margin-bottom:24px}
h1{font-size:1.6rem;margin:0 0 12px}
table{border-collapse:collapse;width:100%;margin:12px 0}
th,td{border-bottom:1px solid #ced4da;padding:6px 8px;text-align:left;vertical-align:top}
td{overflow-wrap:break-word}
.table-scroll{overflow-x:auto}
.table-scroll:focus{outline:3px solid #1c7ed6}
a{color:#1864ab}
section{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:24px}
label{display:block;font-weight:600;margin-bottom:4px}
input[type=text]{display:block;width:100%;max-width:420px;padding:8px 10px;font:inherit;border:1px solid #868e96;border-radius:6px}
.check{display:flex;gap:8px;align-items:flex-start;margin:16px 0}
.check input{width:18px;height:18px;margin-top:4px;flex:none}
.check label{font-weight:400}
input:focus,button:focus{outline:3px solid #1c7ed6;outline-offset:1px}
.error{color:#c92a2a;font-weight:600;margin:4px 0 0}
.summary{border:2px solid #c92a2a;border-radius:6px;padding:12px;margin:0 0 16px}
.note{color:#495057;font-size:.9rem}
.accepted{font-weight:600;color:#1e6b2c}
button{font:inherit;font-weight:600;color:#fff;background:#1864ab;border:0;border-radius:6px;padding:10px 20px;cursor:pointer}
/* Last, so it wins over the rules above. */
@media (max-width:600px){article,section{padding:14px}th,td{padding:4px 6px;font-size:.85rem}}
`;

function layout(lang: ShareLang, title: string, nonce: string, body: Html): string {
  return pageShell({ lang, title, nonce, style: STYLE, body, secretUrl: true });
}

export interface ShareState {
  title: string;
  /** the newest version's HTML (sanitised again here) */
  body: string;
  accepted: { name: string; when: string } | null;
  action: string;
  name: string;
  errors: { name?: string; agree?: string; form?: string };
}

/** The shared document and, below it, the acceptance form (or who accepted it and when). */
export function sharePage(lang: ShareLang, nonce: string, s: ShareState): string {
  const t = SHARE_TEXTS[lang];
  const errs = [s.errors.form, s.errors.name, s.errors.agree].filter((e): e is string => !!e);
  const accept = s.accepted
    ? html`<section aria-labelledby="accept-h"><h2 id="accept-h">${t.acceptHeading}</h2><p class="accepted" role="status">${t.acceptedBy(s.accepted.name, s.accepted.when)}</p></section>`
    : html`<section aria-labelledby="accept-h"><h2 id="accept-h">${t.acceptHeading}</h2>
${errs.length > 0 ? html`<div class="summary" role="alert"><p>${t.errorSummary}</p><ul>${errs.map((e) => html`<li>${e}</li>`)}</ul></div>` : null}
<form method="post" action="${s.action}">
<label for="accept-name">${t.nameLabel}</label>
<input type="text" id="accept-name" name="name" maxlength="200" autocomplete="name" required value="${s.name}"${s.errors.name ? html` aria-invalid="true" aria-describedby="accept-name-error"` : null}>
${s.errors.name ? html`<p class="error" id="accept-name-error">${s.errors.name}</p>` : null}
<div class="check"><input type="checkbox" id="accept-agree" name="agree" value="yes" required${s.errors.agree ? html` aria-invalid="true" aria-describedby="accept-agree-error"` : null}><label for="accept-agree">${t.agreeLabel}</label></div>
${s.errors.agree ? html`<p class="error" id="accept-agree-error">${s.errors.agree}</p>` : null}
<p class="note">${t.note}</p>
<button type="submit">${t.accept}</button>
</form></section>`;
  const body = html`<article aria-labelledby="doc-title"><h1 id="doc-title">${s.title}</h1>
${new Html(scrollableTables(sanitizeRichText(s.body), t.table))}
</article>
${accept}`;
  return layout(lang, s.title, nonce, body);
}

export function shareNotice(lang: ShareLang, nonce: string, title: string, message: string): string {
  return layout(lang, title, nonce, html`<h1>${title}</h1><p role="alert">${message}</p>`);
}

/**
 * Wraps each table of sanitised HTML in a region that scrolls sideways, so a wide table on a phone scrolls
 * instead of breaking its words into letters. The region takes focus, so a keyboard can scroll it too.
 * Safe on sanitised HTML only: there a `<table` can only be a tag (text and attributes are escaped).
 */
export function scrollableTables(clean: string, label: string): string {
  const open = html`<div class="table-scroll" tabindex="0" role="region" aria-label="${label}">`.value;
  return clean.replace(/<table\b/g, `${open}<table`).replace(/<\/table>/g, '</table></div>');
}
