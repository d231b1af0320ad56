import { describe, expect, it } from 'vitest';
import { toIssue, userOf } from './issue.js';

const site = { siteUrl: 'https://acme.atlassian.net' };

describe('toIssue', () => {
  it('reads a Cloud issue bean, flattening the ADF description', () => {
    const issue = toIssue(site, {
      id: '10001',
      key: 'PROJ-1',
      fields: {
        summary: 'Login fails',
        description: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Steps' }] }],
        },
        status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
        issuetype: { name: 'Bug' },
        project: { key: 'PROJ' },
        priority: { name: 'High' },
        labels: ['auth'],
        assignee: { accountId: '5b10a2844c20165700ede21g', displayName: 'Ada', emailAddress: 'ada@example.com' },
        reporter: null,
        resolution: null,
        created: '2026-01-02T10:00:00.000+0100',
        updated: '2026-01-03T10:00:00.000+0100',
      },
    });
    expect(issue).toMatchObject({
      id: '10001',
      key: 'PROJ-1',
      url: 'https://acme.atlassian.net/browse/PROJ-1',
      summary: 'Login fails',
      description: 'Steps',
      status: 'In Progress',
      statusCategory: 'indeterminate',
      issueType: 'Bug',
      projectKey: 'PROJ',
      priority: 'High',
      labels: ['auth'],
      assignee: { id: '5b10a2844c20165700ede21g', displayName: 'Ada', email: 'ada@example.com' },
      reporter: null,
      resolution: null,
      updated: '2026-01-03T10:00:00.000+0100',
    });
  });

  it('gives nulls and no labels for fields that were not fetched', () => {
    expect(toIssue(site, { id: 7, key: 'A-7' })).toMatchObject({ id: '7', summary: null, labels: [], fields: {} });
  });
});

describe('userOf', () => {
  it('takes the username of a Data Center user as its id', () => {
    expect(userOf({ name: 'jsmith', key: 'JIRAUSER10100', displayName: 'J Smith' })).toEqual({
      id: 'jsmith',
      displayName: 'J Smith',
      email: null,
    });
  });
});
