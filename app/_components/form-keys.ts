import type { KeyboardEvent } from 'react';

/** A row of a line editor carries its key, so a key pressed in it can name the row. */
export const LINE_KEY = 'data-line-key';

type LineEditor = {
  /** Adds a blank line at the end (the editor's «Добавить строку»). */
  addLine: () => void;
  /** Removes the line with this key. */
  removeLine: (key: number) => void;
  /** The line has nothing in it yet (no product chosen): Del may remove it. */
  isEmpty: (key: number) => boolean;
};

const fields = 'input:not([type=hidden]):not([disabled]):not([tabindex="-1"]), select:not([disabled])';

const focusLast = (form: HTMLFormElement, selector: string) =>
  // After React has rendered the change the key asked for.
  setTimeout(() => {
    const rows = form.querySelectorAll<HTMLElement>(`tr[${LINE_KEY}]`);
    rows[rows.length - 1]?.querySelector<HTMLElement>(selector)?.focus();
  });

/**
 * The keys of a form with lines, as 1C users type (docs/search-and-keyboard.md): Ins or Alt+Insert adds
 * a line (or goes to the empty one at the end), Del on an empty line removes it, Enter moves to the next
 * field, Ctrl+S saves, Ctrl+Enter posts (saves where nothing posts). A key a picker used is left alone.
 * Put on the form's onKeyDown; the submit buttons are found by their intent (`save`, `post`).
 */
export function lineEditorKeys(event: KeyboardEvent<HTMLFormElement>, editor: LineEditor | null) {
  if (event.isDefaultPrevented() || event.nativeEvent.isComposing) return;
  const form = event.currentTarget;
  const target = event.target as HTMLElement;
  const command = event.ctrlKey || event.metaKey;
  const submit = (intent: string) => {
    const button =
      form.querySelector<HTMLButtonElement>(`button[type=submit][value=${intent}]:not([disabled])`) ??
      form.querySelector<HTMLButtonElement>('button[type=submit]:not([disabled])');
    if (button) form.requestSubmit(button);
  };

  if (command && event.code === 'KeyS') {
    event.preventDefault();
    submit('save');
  } else if (command && event.key === 'Enter') {
    event.preventDefault();
    submit(form.querySelector('button[type=submit][value=post]') ? 'post' : 'save');
  } else if (editor && event.key === 'Insert' && !command) {
    event.preventDefault();
    const rows = form.querySelectorAll<HTMLElement>(`tr[${LINE_KEY}]`);
    const last = rows[rows.length - 1];
    if (!last || !editor.isEmpty(Number(last.getAttribute(LINE_KEY)))) editor.addLine();
    focusLast(form, fields);
  } else if (editor && event.key === 'Delete' && !command && !event.altKey) {
    const row = target.closest<HTMLElement>(`tr[${LINE_KEY}]`);
    const key = Number(row?.getAttribute(LINE_KEY));
    const typed = target instanceof HTMLInputElement && target.type !== 'checkbox' ? target.value : '';
    if (!row || typed !== '' || !editor.isEmpty(key)) return;
    event.preventDefault();
    const previous = row.previousElementSibling?.querySelector<HTMLElement>(fields);
    editor.removeLine(key);
    setTimeout(() => (previous ?? form.querySelector<HTMLElement>('.add-line'))?.focus());
  } else if (event.key === 'Enter' && !command && !event.shiftKey && !event.altKey) {
    const moves =
      (target instanceof HTMLInputElement && target.type !== 'submit' && target.type !== 'button') ||
      target instanceof HTMLSelectElement;
    if (!moves) return;
    event.preventDefault();
    const all = [...form.querySelectorAll<HTMLElement>(fields)].filter((el) => el.offsetParent !== null);
    all[all.indexOf(target) + 1]?.focus();
  }
}
