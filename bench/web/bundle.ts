/**
 * The web bundle's first-load size: builds web/ (Vite, with a manifest and hidden source maps), reads
 * web/dist/index.html for its scripts, module preloads and style sheets, follows the manifest's static
 * imports from the entry, and gzips each file at level 9. The source maps attribute the first-load
 * bytes to packages and app folders (what is biggest); maps and manifest are removed afterwards, so
 * web/dist is what `npm run build:web` makes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(root, 'web', 'dist');
const MANIFEST = path.join(WEB_DIST, '.vite', 'manifest.json');

export interface ChunkSize {
  file: string;
  bytes: number;
  gzip: number;
  /** loaded by index.html or statically imported from it */
  firstLoad: boolean;
  kind: 'js' | 'css';
}

export interface Contributor {
  name: string;
  /** minified bytes of the first-load JavaScript that the source maps attribute to it */
  bytes: number;
  share: number;
}

export interface BundleReport {
  buildMs: number | null;
  chunks: ChunkSize[];
  firstLoadJsGzip: number;
  firstLoadJsBytes: number;
  firstLoadCssGzip: number;
  /** empty when there were no source maps (--skip-build) */
  contributors: Contributor[];
}

/** `vite build` of web/ into web/dist with a manifest and source maps that no file links to. */
export function buildWeb(): number {
  const t0 = performance.now();
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const args = ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn', '--manifest'];
  const res = spawnSync(process.execPath, [vite, ...args, '--sourcemap', 'hidden'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0) throw new Error(`vite build failed (exit ${res.status})`);
  return Math.round(performance.now() - t0);
}

/** Takes the manifest and the source maps out of web/dist again. */
export function removeBuildExtras(): void {
  fs.rmSync(path.dirname(MANIFEST), { recursive: true, force: true });
  for (const f of fs.readdirSync(path.join(WEB_DIST, 'assets'))) {
    if (f.endsWith('.map')) fs.rmSync(path.join(WEB_DIST, 'assets', f));
  }
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/** Paths (relative to web/dist) that index.html loads: module scripts, module preloads, style sheets. */
function htmlAssets(html: string): { js: string[]; css: string[] } {
  const js: string[] = [];
  const css: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const attr = (name: string) => tag.match(new RegExp(`\\b${name}=["']([^"']+)["']`))?.[1];
    const src = attr('src') ?? attr('href');
    if (!src || /^(https?:|data:)/.test(src)) continue;
    const rel = attr('rel');
    const file = src.replace(/^\//, '');
    if (tag.startsWith('<script') && attr('type') === 'module') js.push(file);
    else if (rel === 'modulepreload') js.push(file);
    else if (rel === 'stylesheet') css.push(file);
  }
  return { js, css };
}

/** Static imports at the top of a minified ES module (when there is no manifest). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /(?:^|;)\s*import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g;
  for (const m of code.matchAll(re)) out.push(m[1]!);
  return out;
}

/** Every file the first load needs: index.html's assets and, transitively, their static imports. */
function firstLoadFiles(): { js: Set<string>; css: Set<string> } {
  const html = fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
  const fromHtml = htmlAssets(html);
  const js = new Set(fromHtml.js);
  const css = new Set(fromHtml.css);
  if (fs.existsSync(MANIFEST)) {
    const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Record<string, ManifestChunk>;
    const byFile = new Map(Object.entries(manifest).map(([key, c]) => [c.file, key]));
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk) return;
      for (const c of chunk.css ?? []) css.add(c);
      for (const imp of chunk.imports ?? []) {
        const file = manifest[imp]?.file;
        if (file && !js.has(file)) {
          js.add(file);
          visit(imp);
        }
      }
    };
    for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
    for (const file of [...js]) {
      const key = byFile.get(file);
      if (key) visit(key);
    }
  } else {
    const queue = [...js];
    while (queue.length) {
      const file = queue.pop()!;
      const code = fs.readFileSync(path.join(WEB_DIST, file), 'utf8');
      for (const imp of staticImports(code)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), imp));
        if (!js.has(target) && fs.existsSync(path.join(WEB_DIST, target))) {
          js.add(target);
          queue.push(target);
        }
      }
    }
  }
  return { js, css };
}

// ------------------------------------------------------------------ source maps → contributors

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** One segment of a source map's `mappings`: its VLQ fields. */
function decodeSegment(seg: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of seg) {
    const digit = B64_INDEX.get(ch) ?? 0;
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/**
 * Minified size per original source file of one chunk (unmapped code under '(unmapped)'), in UTF-16
 * units as source map columns count; minified output is nearly all ASCII, so they stand for bytes.
 */
function bytesPerSource(code: string, map: { sources: string[]; mappings: string }): Map<string, number> {
  const sizes = new Map<string, number>();
  const add = (source: string, n: number) => sizes.set(source, (sizes.get(source) ?? 0) + n);
  const lines = code.split('\n');
  let sourceIndex = 0;
  map.mappings.split(';').forEach((line, lineNo) => {
    const length = (lines[lineNo] ?? '').length;
    let col = 0;
    let current: string | undefined;
    let start = 0;
    for (const seg of line ? line.split(',') : []) {
      const f = decodeSegment(seg);
      col += f[0] ?? 0;
      add(current ?? '(unmapped)', col - start);
      start = col;
      if (f.length >= 4) {
        sourceIndex += f[1]!;
        current = map.sources[sourceIndex];
      } else current = undefined;
    }
    add(current ?? '(unmapped)', Math.max(0, length - start));
  });
  return sizes;
}

/** A package for node_modules files (`@scope/name`), else the app folder (web/src/features/leads). */
function contributorOf(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = source.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const web = source.indexOf('web/src/');
  if (web >= 0) {
    const parts = source.slice(web).split('/');
    return parts.slice(0, parts[2] === 'features' || parts[2] === 'components' ? 4 : 3).join('/');
  }
  return source.startsWith('(') ? source : `other: ${path.basename(source)}`;
}

function contributors(jsFiles: string[]): Contributor[] {
  const totals = new Map<string, number>();
  let all = 0;
  for (const file of jsFiles) {
    const mapFile = path.join(WEB_DIST, `${file}.map`);
    if (!fs.existsSync(mapFile)) return [];
    const code = fs.readFileSync(path.join(WEB_DIST, file), 'utf8');
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
    for (const [source, n] of bytesPerSource(code, map)) {
      const resolved = source.startsWith('(') ? source : path.resolve(path.dirname(mapFile), source);
      const key = contributorOf(path.relative(root, resolved).split(path.sep).join('/'));
      totals.set(key, (totals.get(key) ?? 0) + n);
      all += n;
    }
  }
  return [...totals]
    .map(([name, bytes]) => ({ name, bytes, share: all ? bytes / all : 0 }))
    .sort((a, b) => b.bytes - a.bytes);
}

// ------------------------------------------------------------------ the report

const gzipSize = (file: string) =>
  zlib.gzipSync(fs.readFileSync(path.join(WEB_DIST, file)), { level: 9 }).length;

/** Builds (unless told not to) and measures web/dist. */
export function measureBundle(opts: { build: boolean }): BundleReport {
  const buildMs = opts.build ? buildWeb() : null;
  try {
    if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
      throw new Error('web/dist/index.html is missing: run npm run build:web (or drop --skip-build)');
    const first = firstLoadFiles();
    const assets = fs.readdirSync(path.join(WEB_DIST, 'assets')).map((f) => `assets/${f}`);
    const chunks: ChunkSize[] = assets
      .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
      .map((file) => ({
        file,
        bytes: fs.statSync(path.join(WEB_DIST, file)).size,
        gzip: gzipSize(file),
        firstLoad: first.js.has(file) || first.css.has(file),
        kind: file.endsWith('.css') ? ('css' as const) : ('js' as const),
      }))
      .sort((a, b) => Number(b.firstLoad) - Number(a.firstLoad) || b.gzip - a.gzip);
    // index.html may name a file outside assets/ (it should not); count it anyway
    for (const file of [...first.js, ...first.css]) {
      if (!chunks.some((c) => c.file === file) && fs.existsSync(path.join(WEB_DIST, file))) {
        const bytes = fs.statSync(path.join(WEB_DIST, file)).size;
        const kind = first.css.has(file) ? ('css' as const) : ('js' as const);
        chunks.push({ file, bytes, gzip: gzipSize(file), firstLoad: true, kind });
      }
    }
    const sum = (kind: 'js' | 'css', key: 'gzip' | 'bytes') =>
      chunks.filter((c) => c.firstLoad && c.kind === kind).reduce((n, c) => n + c[key], 0);
    return {
      buildMs,
      chunks,
      firstLoadJsGzip: sum('js', 'gzip'),
      firstLoadJsBytes: sum('js', 'bytes'),
      firstLoadCssGzip: sum('css', 'gzip'),
      contributors: contributors([...first.js]),
    };
  } finally {
    if (opts.build) removeBuildExtras();
  }
}
