import { KeyboardCode } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { dropResult, dropTarget, moveBody, previewOver } from './drag.ts';
import { nextTarget } from './keyboard.ts';

/** Three stages: 10 holds deals 1, 2, 3; 20 holds 4; 30 is empty. */
const columns = { 10: [1, 2, 3], 20: [4], 30: [] };

describe('where a dragged card lands', () => {
  it('reads a droppable as a column and an index', () => {
    expect(dropTarget(columns, 'stage:30')).toEqual({ stage: 30, index: 0 });
    expect(dropTarget(columns, 'stage:10')).toEqual({ stage: 10, index: 3 });
    expect(dropTarget(columns, 'deal:3')).toEqual({ stage: 10, index: 2 });
    expect(dropTarget(columns, 'deal:99')).toBeNull();
    expect(dropTarget(columns, 'zone:won')).toBeNull();
  });

  it('previews a card over another column above or below the card it is over', () => {
    expect(previewOver(columns, 2, 'deal:4', false)).toEqual({ 10: [1, 3], 20: [2, 4], 30: [] });
    expect(previewOver(columns, 2, 'deal:4', true)).toEqual({ 10: [1, 3], 20: [4, 2], 30: [] });
    expect(previewOver(columns, 2, 'stage:30', true)).toEqual({ 10: [1, 3], 20: [4], 30: [2] });
  });

  it('leaves the preview alone over its own column, the drop bar or nothing known', () => {
    expect(previewOver(columns, 2, 'deal:3', true)).toBeNull();
    expect(previewOver(columns, 2, 'zone:lost', false)).toBeNull();
    expect(previewOver(columns, 2, 'deal:99', false)).toBeNull();
  });

  it('reorders within a column to the place of the card dropped on', () => {
    expect(dropResult(columns, 1, 'deal:3', 10, [1, 2, 3])).toEqual({ stage: 10, ids: [2, 3, 1] });
    expect(dropResult(columns, 3, 'deal:1', 10, [1, 2, 3])).toEqual({ stage: 10, ids: [3, 1, 2] });
  });

  it('moves to another column in the order the preview showed', () => {
    const shown = previewOver(columns, 2, 'deal:4', true);
    expect(shown).not.toBeNull();
    // over its own place in the preview, or the column's empty end
    expect(dropResult(shown!, 2, 'deal:2', 10, [1, 2, 3])).toEqual({ stage: 20, ids: [4, 2] });
    expect(dropResult(shown!, 2, 'stage:20', 10, [1, 2, 3])).toEqual({ stage: 20, ids: [4, 2] });
    // over a card of the new column: it takes that card's place, as within a column
    expect(dropResult(shown!, 2, 'deal:4', 10, [1, 2, 3])).toEqual({ stage: 20, ids: [2, 4] });
  });

  it('does nothing for a drop that changes nothing', () => {
    expect(dropResult(columns, 2, 'deal:2', 10, [1, 2, 3])).toBeNull();
    expect(dropResult(columns, 2, 'stage:10', 10, [1, 2, 3])).toBeNull();
    expect(dropResult(columns, 2, 'deal:99', 10, [1, 2, 3])).toBeNull();
  });

  it('asks the server to put the card after its upper neighbour, or before the lower one at the top', () => {
    expect(moveBody(20, [4, 2], 2)).toEqual({ stage_id: 20, after_id: 4 });
    expect(moveBody(20, [2, 4], 2)).toEqual({ stage_id: 20, before_id: 4 });
    expect(moveBody(30, [2], 2)).toEqual({ stage_id: 30 });
  });
});

describe('moving a lifted card with the arrow keys', () => {
  const layout = {
    stages: [10, 20, 30],
    columns,
    zones: ['zone:delete', 'zone:lost', 'zone:won', 'zone:lead'],
  };

  it('goes down and up through its column', () => {
    expect(nextTarget(layout, 'deal:1', 1, KeyboardCode.Down, 10)).toBe('deal:2');
    expect(nextTarget(layout, 'deal:2', 1, KeyboardCode.Up, 10)).toBe('deal:1');
    expect(nextTarget(layout, 'deal:1', 1, KeyboardCode.Up, 10)).toBeNull();
  });

  it('goes past the last card to the drop-bar zone under the column, and back up', () => {
    expect(nextTarget(layout, 'deal:3', 3, KeyboardCode.Down, 10)).toBe('zone:delete');
    expect(nextTarget(layout, 'deal:4', 4, KeyboardCode.Down, 20)).toBe('zone:won');
    expect(nextTarget(layout, 'zone:lost', 3, KeyboardCode.Right, 10)).toBe('zone:won');
    expect(nextTarget(layout, 'zone:lost', 3, KeyboardCode.Up, 10)).toBe('deal:3');
  });

  it('goes to the same height of the next column, or to an empty column itself', () => {
    expect(nextTarget(layout, 'deal:1', 1, KeyboardCode.Right, 10)).toBe('deal:4');
    expect(nextTarget(layout, 'deal:4', 4, KeyboardCode.Right, 20)).toBe('stage:30');
    expect(nextTarget(layout, 'stage:30', 4, KeyboardCode.Right, 30)).toBeNull();
    expect(nextTarget(layout, null, 2, KeyboardCode.Left, 10)).toBeNull();
  });
});
