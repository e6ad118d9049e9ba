'use client';

import { useEffect, useId, useRef, useState } from 'react';

type Option = { id: number; label: string };
/** Where to create the item when nothing was found, with the typed text (app/api/lookup). */
type Create = { href: string; label: string } | null;

type Props = {
  id: string;
  name: string;
  lookup: string;
  defaultValue: string;
  defaultLabel: string;
  placeholder: string;
  /** Told the chosen id and label (id '' while typing), e.g. to show that product's stock. */
  onChange?: (id: string, label: string) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
};

/**
 * A text box that searches a large catalog as you type and submits the chosen item's id. From the
 * keyboard (docs/search-and-keyboard.md): F4 or Alt+↓ opens the list, ↑/↓ move, Enter takes the
 * highlighted item, Esc closes the list. Focus alone does not open it, so Enter can move on past a
 * chosen item (the form's keys).
 */
export function LookupInput({
  id,
  name,
  lookup,
  defaultValue,
  defaultLabel,
  placeholder,
  onChange,
  ...aria
}: Props) {
  const [value, setValue] = useState(defaultValue);
  const [label, setLabel] = useState(defaultLabel);
  const [options, setOptions] = useState<Option[]>([]);
  const [create, setCreate] = useState<Create>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const request = useRef<AbortController | null>(null);
  // Leaving the field closes the list a moment later (a click on an option lands first); coming back
  // or typing before then must not have the fresh list closed by that old leaving.
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(
    () => () => {
      request.current?.abort();
      clearTimeout(closing.current);
    },
    [],
  );

  async function search(q: string) {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    try {
      const response = await fetch(`/api/lookup/${lookup}?q=${encodeURIComponent(q)}`, {
        signal: controller.signal,
      });
      const found = response.ok ? ((await response.json()) as { options: Option[]; create: Create }) : null;
      // Only the latest question is answered: a late answer must not reopen a list already chosen from.
      if (found && request.current === controller) {
        setOptions(found.options);
        setCreate(found.create);
        setActive(0);
        setOpen(true);
      }
    } catch {
      // A newer keystroke aborted this request.
    }
  }

  function choose(option: Option) {
    request.current?.abort();
    request.current = null;
    setValue(String(option.id));
    onChange?.(String(option.id), option.label);
    setLabel(option.label);
    setOpen(false);
  }

  return (
    <div className="lookup">
      <input type="hidden" name={name} value={value} />
      <input
        id={id}
        type="text"
        aria-controls={listId}
        autoComplete="off"
        placeholder={placeholder}
        value={label}
        onChange={(e) => {
          clearTimeout(closing.current);
          setLabel(e.target.value);
          setValue('');
          onChange?.('', e.target.value);
          void search(e.target.value);
        }}
        onClick={() => {
          if (!open) void search(value ? '' : label);
        }}
        onFocus={() => clearTimeout(closing.current)}
        onBlur={() => {
          closing.current = setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={(e) => {
          if (e.key === 'F4' || (e.altKey && e.key === 'ArrowDown')) {
            e.preventDefault();
            if (open) setOpen(false);
            else void search(value ? '' : label);
            return;
          }
          if (!open || options.length === 0) return;
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((i) => (i + step + options.length) % options.length);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            choose(options[active] ?? options[0]!);
          } else if (e.key === 'Escape') {
            // The list closes, not the dialog around it.
            e.preventDefault();
            e.stopPropagation();
            setOpen(false);
          }
        }}
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        {...aria}
      />
      {open && options.length > 0 && (
        <ul className="lookup-options" id={listId}>
          {options.map((option, i) => (
            <li key={option.id} id={`${listId}-${i}`} className={i === active ? 'active' : undefined}>
              <button
                type="button"
                tabIndex={-1}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(option)}
              >
                {option.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* Nothing found: create it in a new tab (the form being filled stays), then pick it here. */}
      {open && options.length === 0 && create && (
        <ul className="lookup-options" id={listId}>
          <li>
            <a
              className="lookup-create"
              href={create.href}
              target="_blank"
              rel="noopener"
              onMouseDown={(e) => e.preventDefault()}
            >
              {create.label}
            </a>
          </li>
        </ul>
      )}
    </div>
  );
}
