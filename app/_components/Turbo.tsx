'use client';

import { useEffect } from 'react';

/**
 * Starts Turbo once for the signed-in pages (README «Architecture»): Drive off, because Next's router owns
 * navigation; Turbo only runs the islands — frames and stream sources. `reload-topic` is the one
 * stream action the live route sends: every frame showing that topic fetches itself again.
 */
export function Turbo() {
  useEffect(() => {
    void import('@hotwired/turbo').then((Turbo) => {
      Turbo.session.drive = false;
      Turbo.StreamActions['reload-topic'] = function reloadTopic(this: HTMLElement) {
        const topic = this.getAttribute('topic');
        if (!topic) return;
        const frames = document.querySelectorAll<HTMLElement & { reload(): void }>(
          `turbo-frame[data-topics~="${CSS.escape(topic)}"]`,
        );
        for (const frame of frames) frame.reload();
      };
    });
  }, []);
  return null;
}
