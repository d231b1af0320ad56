import { Fragment } from 'preact';
import type { ConnectorEntry } from '../api.js';
import { formatDate } from '../format.js';

/** Every published version, newest first, with why one is deprecated or not a valid connector. */
export function Versions({ entry }: { entry: ConnectorEntry }) {
  return (
    <section class="panel" aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      <table class="versions">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col" class="num">
              Downloads
            </th>
          </tr>
        </thead>
        <tbody>
          {entry.versions.map((v) => (
            <Fragment key={v.version}>
              <tr class={v.deprecated || !v.valid ? 'flagged' : ''}>
                <th scope="row">
                  {v.version}
                  {v.version === entry.latestVersion && <span class="tag">latest</span>}
                </th>
                <td>{v.publishedAt ? <time dateTime={v.publishedAt}>{formatDate(v.publishedAt)}</time> : 'unknown'}</td>
                <td class="num">{v.downloads}</td>
              </tr>
              {v.deprecated && (
                <tr class="version-note">
                  <td colSpan={3}>Deprecated: {v.deprecated}</td>
                </tr>
              )}
              {!v.valid && (
                <tr class="version-note">
                  <td colSpan={3}>
                    Not a valid connector:{' '}
                    {v.issues.map((issue) => `${issue.pointer || '/'} ${issue.message}`).join('; ')}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}
