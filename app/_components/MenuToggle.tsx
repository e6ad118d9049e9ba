'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * On a phone the menu folds into this button (globals.css hides it on wider screens): it opens the
 * sidebar over the page and closes it again, by itself once a link in it was followed.
 */
export function MenuToggle({ label, menuId }: { label: string; menuId: string }) {
  const [open, setOpen] = useState(false);
  const path = usePathname();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the menu.
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    document.getElementById(menuId)?.toggleAttribute('data-open', open);
  }, [open, menuId]);
  return (
    <button
      type="button"
      className="menu-toggle"
      aria-controls={menuId}
      aria-expanded={open}
      onClick={() => setOpen(!open)}
    >
      <span aria-hidden="true">☰</span> {label}
    </button>
  );
}
