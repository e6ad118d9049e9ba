'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import type { FormState } from '@/app/_components/types';

export type WidgetItem = { key: string; label: string; shown: boolean };

/**
 * «Настроить виджеты»: a checkbox per widget and Up / Down buttons, saved by the server action for the
 * user. With scripts the buttons move the rows here and Save stores the order; without them each button
 * submits the form with its move and the server applies it, so it works from the keyboard either way.
 */
export function WidgetSettings({
  action,
  items,
  labels,
}: {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  items: WidgetItem[];
  labels: { configure: string; show: string; up: string; down: string; save: string };
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [list, setList] = useState(items);
  const [focus, setFocus] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const saved = items.map((i) => `${i.key}:${i.shown}`).join(',');
  // What the server saved becomes the panel's state again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `saved` stands for the items' content.
  useEffect(() => setList(items), [saved]);
  // A moved row keeps the focus on the button that moved it (or its other button at an end).
  useEffect(() => {
    if (!focus) return;
    const [direction, key] = focus.split(':');
    const other = `${direction === 'up' ? 'down' : 'up'}:${key}`;
    const target = buttons.current.get(focus);
    (target && !target.disabled ? target : buttons.current.get(other))?.focus();
    setFocus(null);
  }, [focus]);
  const move = (index: number, by: -1 | 1) => {
    const to = index + by;
    if (to < 0 || to >= list.length) return;
    const next = [...list];
    [next[index], next[to]] = [next[to]!, next[index]!];
    setList(next);
    setFocus(`${by < 0 ? 'up' : 'down'}:${list[index]!.key}`);
  };
  const ref = (id: string) => (el: HTMLButtonElement | null) => {
    if (el) buttons.current.set(id, el);
    else buttons.current.delete(id);
  };
  return (
    <details className="widget-settings">
      <summary>{labels.configure}</summary>
      <form action={formAction}>
        {state.errors?._form && (
          <p className="form-error" role="alert">
            {state.errors._form}
          </p>
        )}
        <ol>
          {list.map((item, i) => (
            <li key={item.key} data-widget-setting={item.key}>
              <input type="hidden" name="order" value={item.key} />
              <label>
                <input
                  type="checkbox"
                  name="show"
                  value={item.key}
                  checked={item.shown}
                  onChange={(e) =>
                    setList(list.map((x) => (x.key === item.key ? { ...x, shown: e.target.checked } : x)))
                  }
                />
                <span className="sr-only">{labels.show}: </span>
                {item.label}
              </label>
              <span className="widget-moves">
                <button
                  type="submit"
                  name="move"
                  value={`up:${item.key}`}
                  ref={ref(`up:${item.key}`)}
                  disabled={i === 0}
                  aria-label={`${labels.up}: ${item.label}`}
                  onClick={(e) => {
                    e.preventDefault();
                    move(i, -1);
                  }}
                >
                  ↑ {labels.up}
                </button>
                <button
                  type="submit"
                  name="move"
                  value={`down:${item.key}`}
                  ref={ref(`down:${item.key}`)}
                  disabled={i === list.length - 1}
                  aria-label={`${labels.down}: ${item.label}`}
                  onClick={(e) => {
                    e.preventDefault();
                    move(i, 1);
                  }}
                >
                  ↓ {labels.down}
                </button>
              </span>
            </li>
          ))}
        </ol>
        <button type="submit" className="primary" disabled={pending}>
          {labels.save}
        </button>
        {state.notice && (
          <span className="muted" role="status">
            {' '}
            {state.notice}
          </span>
        )}
      </form>
    </details>
  );
}
