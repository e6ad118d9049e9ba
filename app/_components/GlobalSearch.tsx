'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import type { SearchGroup, SearchHit, SearchKind } from '@/lib/search/search';

type Labels = {
  label: string;
  placeholder: string;
  empty: string;
  mine: string;
  groups: Record<SearchKind, string>;
  /** A document's kind as typed before its number ("КП"), and its status, by code. */
  kinds: Record<string, string>;
  statuses: Record<string, string>;
};

/** How long typing may pause before the server is asked. */
const DEBOUNCE_MS = 120;

/**
 * The top bar's search (lib/search): finds as you type, in one list grouped by kind. Ctrl+K (⌘K) from
 * anywhere focuses it; ↑/↓ move through the hits, Enter opens the highlighted one (the first, when the
 * user has not moved), Esc closes the list, then leaves the field.
 */
export function GlobalSearch({ labels, locale }: { labels: Labels; locale: string }) {
  const router = useRouter();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const request = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ for: string; groups: SearchGroup[] } | null>(null);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const hits = result?.groups.flatMap((g) => g.hits) ?? [];
  // A company day (YYYY-MM-DD), shown as it is wherever the browser is.
  const date = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  });

  useEffect(() => {
    const focus = (e: KeyboardEvent) => {
      // By the key's place, not its letter: Ctrl+K is Ctrl+Л on a Russian layout.
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.code === 'KeyK') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', focus);
    return () => {
      window.removeEventListener('keydown', focus);
      clearTimeout(timer.current);
      request.current?.abort();
    };
  }, []);

  async function search(q: string): Promise<SearchGroup[] | null> {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    try {
      const response = await fetch(`/api/search?q=${encodeURIComponent(q)}`, { signal: controller.signal });
      if (!response.ok) return null;
      const groups = (await response.json()) as SearchGroup[];
      if (request.current !== controller) return null; // a newer question was asked meanwhile
      setResult({ for: q, groups });
      setActive(0);
      setOpen(true);
      return groups;
    } catch {
      return null; // A newer keystroke aborted this request.
    }
  }

  function go(hit: SearchHit | undefined) {
    if (!hit) return;
    setOpen(false);
    input.current?.blur();
    router.push(hit.href);
  }

  async function enter() {
    clearTimeout(timer.current);
    // Typed faster than the list came: open the first hit of what is typed now.
    if (result?.for !== text) {
      const groups = await search(text);
      go(groups?.[0]?.hits[0]);
    } else go(hits[active] ?? hits[0]);
  }

  const detailsOf = (hit: SearchHit) =>
    hit.kind === 'document'
      ? [
          hit.date && date.format(new Date(`${hit.date}T00:00:00Z`)),
          hit.detail,
          hit.status && labels.statuses[hit.status],
        ]
      : [hit.detail];

  let index = -1;
  return (
    <div className="global-search">
      <label htmlFor={`${listId}-input`} className="sr-only">
        {labels.label}
      </label>
      <input
        ref={input}
        id={`${listId}-input`}
        type="search"
        aria-controls={listId}
        autoComplete="off"
        maxLength={100}
        placeholder={labels.placeholder}
        value={text}
        onChange={(e) => {
          const q = e.target.value;
          setText(q);
          clearTimeout(timer.current);
          if (q.trim() === '') {
            request.current?.abort();
            setResult(null);
            setOpen(false);
            return;
          }
          timer.current = setTimeout(() => void search(q), DEBOUNCE_MS);
        }}
        onFocus={() => result && setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (hits.length === 0) return;
            setOpen(true);
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((i) => (i + step + hits.length) % hits.length);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (text.trim() !== '') void enter();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            if (open) setOpen(false);
            else input.current?.blur();
          }
        }}
      />
      {open && result && (
        <div className="global-search-results" id={listId}>
          {result.groups.length === 0 && <p className="global-search-empty">{labels.empty}</p>}
          {result.groups.map((group) => (
            <section key={group.kind} aria-label={labels.groups[group.kind]}>
              <h3>{labels.groups[group.kind]}</h3>
              <ul>
                {group.hits.map((hit) => {
                  index += 1;
                  const i = index;
                  return (
                    <li key={`${hit.kind}-${hit.id}`} className={i === active ? 'active' : undefined}>
                      <Link
                        href={hit.href}
                        aria-current={i === active ? 'true' : undefined}
                        tabIndex={-1}
                        onMouseDown={(e) => e.preventDefault()}
                        onClick={() => setOpen(false)}
                      >
                        <span className="hit-title">
                          {hit.documentKind && `${labels.kinds[hit.documentKind]} `}
                          {hit.title}
                        </span>
                        <span className="hit-detail">{detailsOf(hit).filter(Boolean).join(' · ')}</span>
                        {hit.mine && <span className="hit-mine">{labels.mine}</span>}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
