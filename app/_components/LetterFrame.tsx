/**
 * An incoming letter's HTML (sanitised on import) in a sandboxed frame: no scripts, no same origin, no
 * forms; links open outside. Loaded when opened.
 */
export function LetterFrame({ interactionId, label }: { interactionId: number; label: string }) {
  return (
    <details className="letter-html">
      <summary>{label}</summary>
      <iframe
        src={`/api/letters/${interactionId}`}
        title={label}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        loading="lazy"
        referrerPolicy="no-referrer"
      />
    </details>
  );
}
