import { describe, expect, it } from 'vitest';
import { pickTransition } from './transition-issue.js';

const transitions = [
  { id: '11', name: 'To Do', to: { name: 'To Do' } },
  { id: '21', name: 'Start progress', to: { name: 'In Progress' } },
  { id: '31', name: 'Resolve', to: { name: 'Done' } },
];

describe('pickTransition', () => {
  it('finds a transition by id, by name or by the status it leads to, case-blind', () => {
    expect(pickTransition(transitions, '31')?.id).toBe('31');
    expect(pickTransition(transitions, 'start PROGRESS')?.id).toBe('21');
    expect(pickTransition(transitions, 'done')?.id).toBe('31');
    expect(pickTransition(transitions, 'Reopen')).toBeUndefined();
  });
});
