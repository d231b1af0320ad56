import type { ConnectorSummary } from '../api.js';
import { formatCount } from '../format.js';
import { authLabel, connectorPath } from '../snippets.js';
import { ConnectorIcon } from './connector-icon.js';
import { QualityBadge } from './quality.js';

/** One search result; the whole card follows its title's link. */
export function ConnectorCard({ connector }: { connector: ConnectorSummary }) {
  const c = connector;
  return (
    <li class="card">
      <div class="card-head">
        <ConnectorIcon icon={c.icon} title={c.title} name={c.name} />
        <div class="card-titles">
          <h2 class="card-title">
            <a href={connectorPath(c.name)}>{c.title}</a>
          </h2>
          <p class="card-package">{c.name}</p>
        </div>
      </div>
      <p class="card-description">{c.description}</p>
      {c.deprecated && <p class="card-deprecated">Deprecated</p>}
      <ul class="card-meta" aria-label="About this connector">
        <li>v{c.latestVersion}</li>
        <li>{formatCount(c.actionCount, 'action', 'actions')}</li>
        <li>{authLabel(c.authKind)}</li>
        <li>
          <QualityBadge score={c.quality} />
        </li>
      </ul>
    </li>
  );
}
