import type { Issue } from '@linear/sdk';
import { describe, expect, it } from 'vitest';
import { issueOf } from './issues.js';

describe('issueOf', () => {
  it('gives ids of related objects, ISO dates and nulls for what is not set', () => {
    const issue = {
      id: 'i1',
      identifier: 'ENG-7',
      number: 7,
      title: 'Fix login',
      description: undefined,
      priority: 2,
      priorityLabel: 'High',
      estimate: undefined,
      dueDate: '2026-02-01',
      url: 'https://linear.app/acme/issue/ENG-7',
      teamId: 't1',
      stateId: 's1',
      assigneeId: undefined,
      projectId: undefined,
      parentId: undefined,
      labelIds: ['l1'],
      createdAt: new Date('2026-01-01T10:00:00Z'),
      updatedAt: new Date('2026-01-02T10:00:00Z'),
      completedAt: undefined,
      canceledAt: undefined,
    } as unknown as Issue;
    expect(issueOf(issue)).toEqual({
      id: 'i1',
      identifier: 'ENG-7',
      number: 7,
      title: 'Fix login',
      description: null,
      priority: 2,
      priorityLabel: 'High',
      estimate: null,
      dueDate: '2026-02-01',
      url: 'https://linear.app/acme/issue/ENG-7',
      teamId: 't1',
      stateId: 's1',
      assigneeId: null,
      projectId: null,
      parentId: null,
      labelIds: ['l1'],
      createdAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-02T10:00:00.000Z',
      completedAt: null,
      canceledAt: null,
    });
  });
});
