import { useState } from 'preact/hooks';
import { monogram, safeIconUrl } from '../snippets.js';

interface Props {
  icon: string | null;
  title: string;
  name: string;
  large?: boolean;
}

/** The manifest's icon when it is a safe URL and loads, else a monogram. Decorative: the title is beside it. */
export function ConnectorIcon({ icon, title, name, large }: Props) {
  const [failed, setFailed] = useState(false);
  const src = safeIconUrl(icon);
  const size = large ? 'icon icon-large' : 'icon';
  if (src && !failed) {
    return (
      <img
        class={size}
        src={src}
        alt=""
        width={large ? 64 : 44}
        height={large ? 64 : 44}
        loading="lazy"
        referrerpolicy="no-referrer"
        onError={() => setFailed(true)}
      />
    );
  }
  const { letters, tone } = monogram(title, name);
  return (
    <span class={`${size} monogram tone-${tone}`} aria-hidden="true">
      {letters}
    </span>
  );
}
