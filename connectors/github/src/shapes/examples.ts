/**
 * Output values for the action examples, modelled on the example responses in GitHub's REST docs
 * (octocat/Hello-World, issue and pull request #1347, release v1.0.0).
 */
export const octocat = {
  login: 'octocat',
  id: 1,
  type: 'User',
  html_url: 'https://github.com/octocat',
};

export const bugLabel = { name: 'bug', color: 'f29513', description: "Something isn't working" };

export const exampleIssue = {
  id: 1,
  number: 1347,
  title: 'Found a bug',
  body: "I'm having a problem with this.",
  state: 'open',
  state_reason: null,
  html_url: 'https://github.com/octocat/Hello-World/issues/1347',
  user: octocat,
  labels: [bugLabel],
  assignees: [octocat],
  milestone: { number: 1, title: 'v1.0' },
  comments: 0,
  locked: false,
  created_at: '2011-04-22T13:33:48Z',
  updated_at: '2011-04-22T13:33:48Z',
  closed_at: null,
};

const branch = (ref: string) => ({ ref, sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', label: `octocat:${ref}` });

export const examplePullSummary = {
  id: 1,
  number: 1347,
  title: 'Amazing new feature',
  body: 'Please pull these awesome changes in!',
  state: 'open',
  draft: false,
  html_url: 'https://github.com/octocat/Hello-World/pull/1347',
  user: octocat,
  labels: [bugLabel],
  head: branch('new-topic'),
  base: branch('master'),
  merged_at: null,
  created_at: '2011-01-26T19:01:12Z',
  updated_at: '2011-01-26T19:01:12Z',
  closed_at: null,
};

export const examplePull = {
  ...examplePullSummary,
  merged: false,
  mergeable: true,
  mergeable_state: 'clean',
  comments: 10,
  commits: 3,
  additions: 100,
  deletions: 3,
  changed_files: 5,
};

export const exampleRelease = {
  id: 1,
  tag_name: 'v1.0.0',
  name: 'v1.0.0',
  body: 'Description of the release',
  draft: false,
  prerelease: false,
  target_commitish: 'master',
  html_url: 'https://github.com/octocat/Hello-World/releases/v1.0.0',
  tarball_url: 'https://api.github.com/repos/octocat/Hello-World/tarball/v1.0.0',
  zipball_url: 'https://api.github.com/repos/octocat/Hello-World/zipball/v1.0.0',
  author: octocat,
  assets: [
    {
      name: 'example.zip',
      content_type: 'application/zip',
      size: 1024,
      download_count: 42,
      browser_download_url: 'https://github.com/octocat/Hello-World/releases/download/v1.0.0/example.zip',
    },
  ],
  created_at: '2013-02-27T19:35:32Z',
  published_at: '2013-02-27T19:35:32Z',
};

export const exampleRepository = {
  id: 1296269,
  name: 'Hello-World',
  full_name: 'octocat/Hello-World',
  owner: { login: 'octocat' },
  private: false,
  visibility: 'public',
  html_url: 'https://github.com/octocat/Hello-World',
  description: 'This your first repo!',
  default_branch: 'master',
  language: null,
  topics: ['octocat', 'atom', 'electron', 'api'],
  fork: false,
  archived: false,
  stargazers_count: 80,
  forks_count: 9,
  open_issues_count: 0,
  created_at: '2011-01-26T19:01:12Z',
  updated_at: '2011-01-26T19:14:43Z',
  pushed_at: '2011-01-26T19:06:43Z',
};
