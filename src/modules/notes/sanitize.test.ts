import { describe, expect, it } from 'vitest';
import { sanitizeNoteHtml } from './sanitize.ts';

const clean = (html: string) => sanitizeNoteHtml(html).html;

/** What must never come out of the sanitiser, whatever went in. */
function assertHarmless(out: string) {
  expect(out).not.toMatch(/<script|<style|<iframe|<svg|<img|<object|<embed|<math/i);
  expect(out).not.toMatch(/\son[a-z]+\s*=/i);
  expect(out).not.toMatch(/javascript:|vbscript:|data:/i);
  expect(out).not.toMatch(/style=|class=/i);
}

describe('sanitizeNoteHtml', () => {
  it('keeps the formatting allowlist', () => {
    const html =
      '<h1>T</h1><h2>a</h2><h3>b</h3><p><b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><s>x</s></p>' +
      '<ul><li>1</li></ul><ol><li>2</li></ol><blockquote>q</blockquote><pre><code>c</code></pre>' +
      '<div><span>s</span><br /></div><a href="https://example.com/a?b=1&amp;c=2">l</a>';
    expect(clean(html)).toBe(html);
    expect(clean('<a href="mailto:ann@example.com">m</a>')).toBe('<a href="mailto:ann@example.com">m</a>');
    expect(clean('<a href="http://example.com">h</a>')).toBe('<a href="http://example.com">h</a>');
  });

  it('drops images with event handlers, scripts, styles and frames', () => {
    const nasty = [
      '<img src=x onerror=alert(1)>',
      '<svg><script>alert(1)</script></svg>',
      '<svg onload=alert(1)><circle /></svg>',
      '<scr<script>ipt>alert(1)</script>',
      '<script>alert(1)</script>',
      '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
      '<style>body{display:none}</style>',
      '<iframe src="https://evil.example">x</iframe>',
      '<object data="x.swf"></object><embed src="x.swf">',
      '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
      '<p onclick="alert(1)" onmouseover="alert(2)">hi</p>',
      '<p style="background:url(javascript:alert(1))" class="x">hi</p>',
      '<div><!-- <script>alert(1)</script> --></div>',
      '<body onload=alert(1)>text</body>',
      '<form action="javascript:alert(1)"><input type=submit></form>',
      '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    ];
    for (const input of nasty) assertHarmless(clean(input));
    expect(clean('<scr<script>ipt>alert(1)</script>')).not.toContain('<script');
    expect(clean('<p onclick="alert(1)">hi</p>')).toBe('<p>hi</p>');
    expect(clean('<p style="color:red" class="x">hi</p>')).toBe('<p>hi</p>');
  });

  it('keeps only http, https and mailto links', () => {
    const hrefs = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' java\tscript:alert(1)',
      '&#106;avascript:alert(1)',
      '&#x6A;avascript&#x3A;alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      '//evil.example/path',
      '/relative/path',
      'ftp://example.com/file',
      'tel:+123',
    ];
    for (const href of hrefs) {
      const out = clean(`<a href="${href}">x</a>`);
      expect(out, href).toBe('<a>x</a>');
    }
  });

  it('escapes text and leaves entities as text', () => {
    expect(clean('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(clean('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(clean('<unknown>text</unknown>')).toBe('text');
  });

  it('says when nothing visible remains', () => {
    for (const empty of ['', '   ', '<script>alert(1)</script>', '<p></p>', '<p><br></p>', '<p>&nbsp;</p>']) {
      expect(sanitizeNoteHtml(empty).isEmpty, empty).toBe(true);
    }
    expect(sanitizeNoteHtml('<p>0</p>').isEmpty).toBe(false);
  });

  it('keeps mention markup with a decimal user id and reads the ids', () => {
    const out = sanitizeNoteHtml(
      '<p>Hi <span data-mention-user-id="12" class="m" onclick="x()">@Ann</span> and ' +
        '<span data-mention-user-id=" 7 ">@Bo</span>, <span data-mention-user-id="12">@Ann</span></p>',
    );
    expect(out.html).toBe(
      '<p>Hi <span data-mention-user-id="12">@Ann</span> and <span data-mention-user-id="7">@Bo</span>, ' +
        '<span data-mention-user-id="12">@Ann</span></p>',
    );
    expect(out.mentionedUserIds).toEqual([12, 7]);
  });

  it('turns malformed mentions and mentions the caller does not keep into plain text', () => {
    for (const bad of ['abc', '12abc', '-1', '0', '1e3', '9'.repeat(16), '']) {
      const out = sanitizeNoteHtml(`<span data-mention-user-id="${bad}">@X</span>`);
      expect(out.html, bad).toBe('<span>@X</span>');
      expect(out.mentionedUserIds).toEqual([]);
    }
    const kept = sanitizeNoteHtml(
      '<span data-mention-user-id="1">@A</span><span data-mention-user-id="2">@B</span>',
      (id) => id === 2,
    );
    expect(kept.html).toBe('<span>@A</span><span data-mention-user-id="2">@B</span>');
    expect(kept.mentionedUserIds).toEqual([2]);
    // mentions inside dropped markup do not count
    expect(sanitizeNoteHtml('<svg><span data-mention-user-id="3">@C</span></svg>').mentionedUserIds).toEqual(
      [],
    );
    // the markup typed as text is not a mention
    expect(sanitizeNoteHtml('&lt;span data-mention-user-id="4"&gt;').mentionedUserIds).toEqual([]);
  });

  it('is stable when run again on its own output', () => {
    const once = clean(
      '<p>x <a href="https://e.com/?a=1&b=2">y</a> <span data-mention-user-id="5">@Z</span></p>',
    );
    expect(clean(once)).toBe(once);
  });

  it('copes with large and deeply nested input', () => {
    const deep = `${'<div>'.repeat(5000)}x${'</div>'.repeat(5000)}`;
    const out = sanitizeNoteHtml(deep);
    expect(out.isEmpty).toBe(false);
    expect(clean('x'.repeat(100_000))).toHaveLength(100_000);
  });
});
