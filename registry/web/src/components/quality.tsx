import type { QualityCriterion } from '../../../src/marketplace/types.js';

function level(score: number): 'good' | 'fair' | 'poor' {
  return score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor';
}

export function QualityBadge({ score }: { score: number }) {
  return (
    <span class={`quality-badge ${level(score)}`}>
      Quality {score}
      <span class="sr-only"> out of 100</span>
    </span>
  );
}

/** The score and each criterion behind it, with what was found and what would raise it. */
export function QualityBreakdown({ score, criteria }: { score: number; criteria: QualityCriterion[] }) {
  return (
    <section class="panel quality" aria-labelledby="quality-title">
      <h2 id="quality-title">
        Quality <span class={`quality-score ${level(score)}`}>{score}</span>
        <span class="quality-max">/ 100</span>
      </h2>
      <div class={`quality-bar ${level(score)}`} aria-hidden="true">
        {/* Set through the CSSOM, which the page's content security policy allows, unlike style attributes. */}
        <span class="quality-fill" style={{ width: `${score}%` }} />
      </div>
      <p class="hint">Computed when the version was indexed, from its manifest and package:</p>
      <ul class="criteria">
        {criteria.map((c) => {
          const state = c.points === c.max ? 'met' : c.points === 0 ? 'unmet' : 'partly';
          return (
            <li key={c.key} class={`criterion ${state}`}>
              <span class="criterion-mark" aria-hidden="true">
                {state === 'met' ? '✓' : state === 'unmet' ? '✗' : '◐'}
              </span>
              <span class="criterion-title">{c.title}</span>
              <span class="criterion-points">
                {c.points}/{c.max}
                <span class="sr-only"> points</span>
              </span>
              <p class="criterion-detail">{c.detail}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
