'use client';

/** The browser's print dialog; print stylesheets hide it on paper. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
