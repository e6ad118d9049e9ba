'use client';

/** The browser's print dialog; the print stylesheet leaves only the title, filters in words and the table. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()}>
      {label}
    </button>
  );
}
