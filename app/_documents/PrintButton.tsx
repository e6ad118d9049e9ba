'use client';

/** The browser's print dialog; the print stylesheet hides this button on paper. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="primary no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
