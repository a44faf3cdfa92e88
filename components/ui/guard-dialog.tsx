/** The warning shown before the rep emails or calls someone who lacks consent. */
import { useEffect, useRef } from 'preact/hooks';

export interface GuardPrompt {
  identifier: string;
  action: 'email' | 'call';
  lines: string[];
  /** Warn lets the rep go on; block does not. */
  mode: 'warn' | 'block';
  onProceed: () => void;
  onCancel: () => void;
}

export function GuardDialog({ prompt }: { prompt: GuardPrompt }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), [prompt]);
  const verb = prompt.action === 'email' ? 'email' : 'call';
  return (
    <div
      class="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="consentry-guard-title"
      aria-describedby="consentry-guard-body"
      onKeyDown={(e) => e.key === 'Escape' && prompt.onCancel()}
    >
      <h2 id="consentry-guard-title">
        {prompt.mode === 'block'
          ? `You may not ${verb} this person`
          : `Check consent before you ${verb}`}
      </h2>
      <div id="consentry-guard-body">
        <p>{prompt.identifier}</p>
        <ul>
          {prompt.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <div class="row">
        <button ref={cancel} type="button" class="act primary" onClick={prompt.onCancel}>
          {prompt.mode === 'block' ? 'OK' : `Don't ${verb}`}
        </button>
        {prompt.mode === 'warn' && (
          <button type="button" class="act" onClick={prompt.onProceed}>
            {prompt.action === 'email' ? 'Email anyway' : 'Call anyway'}
          </button>
        )}
      </div>
    </div>
  );
}
