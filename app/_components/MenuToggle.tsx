'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * On a phone the menu folds into this button (globals.css hides it on wider screens): it opens the
 * sidebar over the page, under the top bar that keeps this button in reach, and folds it again — by
 * itself once a link in it was followed, on a tap beside it, or on Esc.
 */
export function MenuToggle({ label, menuId }: { label: string; menuId: string }) {
  const [open, setOpen] = useState(false);
  const path = usePathname();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the menu.
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    const menu = document.getElementById(menuId);
    menu?.toggleAttribute('data-open', open);
    if (!open) return;
    // A tap beside the open menu, or Esc, folds it again.
    const outside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu?.contains(target) && !(target instanceof Element && target.closest('.menu-toggle')))
        setOpen(false);
    };
    const onEscape = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', onEscape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', onEscape);
    };
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
