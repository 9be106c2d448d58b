import { describe, expect, it } from 'vitest';
import { UndoStack } from '../../../src/engine/index.ts';

describe('UndoStack', () => {
  it('undoes and redoes steps in order, and a new step forgets what was undone', () => {
    const stack = new UndoStack('a');
    stack.push('b', null, 0);
    stack.push('c', null, 10_000);
    expect([stack.canUndo, stack.canRedo]).toEqual([true, false]);
    expect(stack.undo()).toBe('b');
    expect(stack.undo()).toBe('a');
    expect(stack.undo()).toBeNull();
    expect(stack.redo()).toBe('b');
    stack.push('d', null, 20_000);
    expect(stack.redo()).toBeNull();
    expect(stack.undo()).toBe('b');
    expect(stack.state).toBe('b');
  });

  it('merges quick edits of the same thing into one step, not edits of different things', () => {
    const stack = new UndoStack('');
    stack.push('h', 'note', 0);
    stack.push('he', 'note', 300);
    stack.push('hel', 'note', 600);
    stack.push('x', 'param', 700);
    stack.push('hel!', 'note', 5000);
    expect(stack.undo()).toBe('x');
    expect(stack.undo()).toBe('hel');
    expect(stack.undo()).toBe('');
  });

  it('keeps at most `limit` steps and ignores a push of the same state', () => {
    const stack = new UndoStack(0, { limit: 3 });
    for (let i = 1; i <= 10; i++) stack.push(i, null, i * 10_000);
    stack.push(stack.state);
    const seen: number[] = [];
    for (let s = stack.undo(); s !== null; s = stack.undo()) seen.push(s);
    expect(seen).toEqual([9, 8, 7]);
  });
});
