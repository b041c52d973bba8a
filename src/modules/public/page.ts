import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { Html, html } from './html.ts';

/**
 * What every public page (web forms `/f`, the chatbot `/c`, shared documents `/s`) has in common: the
 * document's head, its Content-Security-Policy and the headers it is sent with. The pages differ only in
 * what a policy lets through, said in words here rather than in three copies of the directives.
 */
export interface PublicPolicy {
  /** the page runs its own nonce'd script (the embed's resize script, the chat's scroll) */
  scripts: boolean;
  /** `anywhere`: embeddable on a customer's site; `never`: never framed */
  framing: 'anywhere' | 'never';
  /** origins a form may post or redirect to, besides the page's own */
  formTargets?: readonly string[];
  /** a page whose URL is a secret (a share link) leaks it to nobody and is never indexed */
  secretUrl?: boolean;
}

/** A fresh nonce for one response's style and script. */
export const newNonce = (): string => randomBytes(16).toString('base64');

/** Nothing but the page's own nonce'd style (and script, if it has one); posts to itself. */
export function publicCsp(nonce: string, p: PublicPolicy): string {
  return [
    "default-src 'none'",
    "base-uri 'none'",
    ...(p.scripts ? [`script-src 'nonce-${nonce}'`, "script-src-attr 'none'"] : []),
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    ['form-action', "'self'", ...(p.formTargets ?? [])].join(' '),
    "object-src 'none'",
    p.framing === 'anywhere' ? 'frame-ancestors *' : "frame-ancestors 'none'",
  ].join('; ');
}

/** Sets a public page's headers (never cached; a secret URL also leaks no referrer and is not indexed). */
export function publicHeaders(reply: FastifyReply, nonce: string, p: PublicPolicy): FastifyReply {
  reply.header('content-security-policy', publicCsp(nonce, p)).header('cache-control', 'no-store');
  if (p.secretUrl) reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
  return reply;
}

export interface PublicPage {
  status: number;
  body: string;
  retryAfter?: number;
}

/** Sends a rendered public page with its headers. */
export function sendPublicPage(reply: FastifyReply, nonce: string, p: PublicPolicy, page: PublicPage) {
  publicHeaders(reply, nonce, p).code(page.status).header('content-type', 'text/html; charset=utf-8');
  if (page.retryAfter !== undefined) reply.header('retry-after', String(page.retryAfter));
  return reply.send(page.body);
}

export interface Shell {
  lang: string;
  title: string;
  nonce: string;
  /** the page's whole style sheet (a constant of the page's module, never input) */
  style: string;
  body: Html;
  /** `embed` inside a customer's iframe */
  bodyClass?: string;
  secretUrl?: boolean;
  /** markup after `<main>` (the embed's resize script) */
  tail?: Html | null;
}

/** The document around a public page's content. */
export function pageShell(s: Shell): string {
  return html`<!doctype html>
<html lang="${s.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="${s.secretUrl ? 'noindex, nofollow' : 'noindex'}">
${s.secretUrl ? html`<meta name="referrer" content="no-referrer">\n` : null}<title>${s.title}</title>
<style nonce="${s.nonce}">${new Html(s.style)}</style>
</head>
<body${s.bodyClass ? html` class="${s.bodyClass}"` : null}>
<main>
${s.body}
</main>
${s.tail ?? null}</body>
</html>
`.value;
}
