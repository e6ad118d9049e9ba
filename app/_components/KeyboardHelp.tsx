'use client';

import { useEffect, useRef } from 'react';

type Props = {
  title: string;
  close: string;
  /** The button that opens it (its text). */
  hint: string;
  groups: { title: string; keys: { keys: string[]; what: string }[] }[];
};

/** True while the user types into something: «?» then is a character, not a command. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The «?» overlay: the keys of the app, opened by Shift+/ outside inputs or its button; Esc closes it. */
export function KeyboardHelp({ title, close, hint, groups }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const open = (e: KeyboardEvent) => {
      if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) {
        e.preventDefault();
        dialog.current?.showModal();
      }
    };
    window.addEventListener('keydown', open);
    return () => window.removeEventListener('keydown', open);
  }, []);
  return (
    <>
      <button
        type="button"
        className="keys-button"
        title={hint}
        aria-label={title}
        onClick={() => dialog.current?.showModal()}
      >
        ?
      </button>
      <dialog ref={dialog} className="keys-help" aria-label={title}>
        <h2>{title}</h2>
        {groups.map((group) => (
          <section key={group.title}>
            <h3>{group.title}</h3>
            <dl>
              {group.keys.map((k) => (
                <div key={k.what}>
                  <dt>
                    {k.keys.map((key, i) => (
                      <span key={key}>
                        {i > 0 && ' / '}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{k.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <form method="dialog">
          <button type="submit" className="primary">
            {close}
          </button>
        </form>
      </dialog>
    </>
  );
}
