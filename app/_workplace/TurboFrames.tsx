'use client';

import { useEffect } from 'react';

/**
 * Loads Turbo for the workplace's frames, with Drive off (DESIGN.md §2: it fights Next's router).
 * Turbo touches the DOM when imported, so it is imported in the browser only.
 */
export function TurboFrames() {
  useEffect(() => {
    void import('@hotwired/turbo').then((Turbo) => {
      Turbo.session.drive = false;
    });
  }, []);
  return null;
}
