import { describe, expect, it } from 'vitest';
import {
  describeFigures,
  loadCorpus,
  measureCorpus,
  seedCorpus,
  sliceCorpus,
} from '../../../test/fixtures/duplicates/evaluate.ts';
import { generate } from '../../../test/fixtures/duplicates/generate.ts';
import { newTenant } from '../../../test/helpers/app.ts';

describe('duplicates on the labelled corpus (issue 19 aims, at a smaller scale)', () => {
  it('the committed corpus is the generator’s output', () => {
    const corpus = loadCorpus();
    expect(corpus).toEqual(JSON.parse(JSON.stringify(generate(corpus.seed))));
    expect(corpus.people.length).toBeGreaterThanOrEqual(2000);
    expect(corpus.namesakes.length).toBeGreaterThan(20);
  });

  it('finds the original in the top 5 for ≥ 90 % of duplicates; rarely flags people without one', async () => {
    const t = await newTenant();
    const corpus = sliceCorpus(loadCorpus(), 600);
    const ids = await seedCorpus(t.ctx, corpus.people);
    const f = await measureCorpus(t.ctx, corpus, ids);
    console.log(describeFigures(f).join('\n'));
    expect(f.duplicates).toBeGreaterThan(150);
    expect(f.top5 / f.duplicates).toBeGreaterThanOrEqual(0.9);
    expect(f.lonersStrong / f.loners).toBeLessThanOrEqual(0.01);
    expect(f.lonersAny / f.loners).toBeLessThanOrEqual(0.1);
  }, 600_000);
});
