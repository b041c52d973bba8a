import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isSafe } from 'redos-detector';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Every regular expression literal of the server's code, with where it is. */
function regexLiterals(): Array<{ where: string; source: string }> {
  const found: Array<{ where: string; source: string }> = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push({ where: `${path.relative(SRC, file)}:${line}`, source: node.getText() });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

/**
 * Patterns in the server read what callers send (bodies, query strings, paths, stored text). None may
 * backtrack more than linearly: each literal is checked by a ReDoS detector, which reports a pattern
 * whose matching can take super-linear steps (it finds the e-mail pattern that once blocked the
 * server for a minute on 200,000 characters). Patterns built at run time (new RegExp) are not
 * literals: keep them anchored alternatives of fixed text, as CUSTOM_FIELD_KEY is.
 */
describe('regular expressions of the server', () => {
  const literals = regexLiterals();

  it('finds the literals, and the detector refuses a quadratic pattern', () => {
    expect(literals.length).toBeGreaterThan(30);
    expect(isSafe(/^[^\s@]+@[^\s@]+\.[^\s@]+$/).safe).toBe(false);
  });

  it('has no pattern that can backtrack super-linearly', () => {
    const unsafe = literals.filter(({ source }) => {
      const end = source.lastIndexOf('/');
      const re = new RegExp(source.slice(1, end), source.slice(end + 1));
      return !isSafe(re).safe;
    });
    expect(unsafe.map((u) => `${u.where} ${u.source}`)).toEqual([]);
  });
});
