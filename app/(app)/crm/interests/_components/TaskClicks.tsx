'use client';

import { type ReactNode, startTransition } from 'react';

/**
 * Catches clicks on the "done" / "reopen" buttons inside the tasks frame, which is Turbo's HTML that
 * React does not hydrate: React's delegated events still bubble up to here. The frame reloads itself
 * when the change is published.
 */
export function TaskClicks({
  setDone,
  children,
}: {
  setDone: (taskId: number, done: boolean) => Promise<void>;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the buttons inside are the controls.
    // biome-ignore lint/a11y/useKeyWithClickEvents: buttons fire click on Enter and Space themselves.
    <div
      onClick={(e) => {
        const button = (e.target as Element).closest<HTMLButtonElement>('button[data-task]');
        if (!button) return;
        button.disabled = true;
        startTransition(() => setDone(Number(button.dataset.task), button.dataset.done === '1'));
      }}
    >
      {children}
    </div>
  );
}
