import { useEffect, useState } from 'preact/hooks';

async function copy(text: string): Promise<void> {
  if (navigator.clipboard && isSecureContext) return navigator.clipboard.writeText(text);
  // Served over plain http on a non-loopback host, the Clipboard API is not offered.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.append(area);
  area.select();
  const done = document.execCommand('copy');
  area.remove();
  if (!done) throw new Error('copy refused');
}

/** Copies `text`; says so (also to screen readers) for a moment. `label` names what is copied. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <button
        type="button"
        class={`copy-button ${state}`}
        onClick={() =>
          copy(text).then(
            () => setState('copied'),
            () => setState('failed'),
          )
        }
      >
        <span aria-hidden="true">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Select it' : 'Copy'}</span>
        <span class="sr-only">Copy {label}</span>
      </button>
      <span class="sr-only" role="status">
        {state === 'copied' ? `${label} copied` : state === 'failed' ? 'Could not copy: select the text instead' : ''}
      </span>
    </>
  );
}

/** A block of code or a command, scrollable by keyboard, with a copy button. */
export function CodeBlock({ text, label, inline }: { text: string; label: string; inline?: boolean }) {
  // A one-line command or reference wraps; JSON keeps its lines and scrolls.
  return (
    <div class={inline ? 'code code-inline code-wrap' : 'code'}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a long line or block must scroll by keyboard too */}
      <pre tabIndex={0}>
        <code>{text}</code>
      </pre>
      <CopyButton text={text} label={label} />
    </div>
  );
}
