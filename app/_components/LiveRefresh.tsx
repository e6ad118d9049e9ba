'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import type { Topic } from '@/lib/live/publish';

/**
 * Re-renders the page on the server when one of `topics` is published (app/api/live), at most once per
 * `interval` ms: the first change after a quiet spell refreshes at once, the ones that follow within
 * the interval are folded into one refresh at its end (so the last change is always shown). A hidden
 * tab refreshes when it is shown again. Server-rendered parts (charts, an order's settlements, the state control) are refreshed
 * through the router (server components render again with the new figures) rather than Turbo frames.
 * `data-live` on the marker says whether the stream is open (the e2e tests wait for it).
 */
export function LiveRefresh({ topics, interval = 3000 }: { topics: Topic[]; interval?: number }) {
  const router = useRouter();
  const marker = useRef<HTMLSpanElement>(null);
  const list = topics.join(',');
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let missed = false;
    const refresh = () => {
      timer = undefined;
      if (document.hidden) {
        missed = true;
        return;
      }
      last = Date.now();
      router.refresh();
    };
    const source = new EventSource(`/api/live?topics=${encodeURIComponent(list)}`);
    const state = (value: string) => marker.current?.setAttribute('data-live', value);
    source.onopen = () => state('open');
    source.onerror = () => state(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    source.onmessage = () => {
      timer ??= setTimeout(refresh, Math.max(0, last + interval - Date.now()));
    };
    const shown = () => {
      if (!document.hidden && missed) {
        missed = false;
        refresh();
      }
    };
    document.addEventListener('visibilitychange', shown);
    return () => {
      source.close();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', shown);
    };
  }, [router, list, interval]);
  return <span ref={marker} hidden className="live-refresh" data-live="connecting" />;
}
