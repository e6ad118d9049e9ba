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

/** A text box that searches a large catalog as you type and submits the chosen item's id. */
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
  const listId = useId();
  const request = useRef<AbortController | null>(null);

  useEffect(() => () => request.current?.abort(), []);

  async function search(q: string) {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    try {
      const response = await fetch(`/api/lookup/${lookup}?q=${encodeURIComponent(q)}`, {
        signal: controller.signal,
      });
      if (response.ok) {
        const found: { options: Option[]; create: Create } = await response.json();
        setOptions(found.options);
        setCreate(found.create);
        setOpen(true);
      }
    } catch {
      // A newer keystroke aborted this request.
    }
  }

  function choose(option: Option) {
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
          setLabel(e.target.value);
          setValue('');
          onChange?.('', e.target.value);
          void search(e.target.value);
        }}
        onFocus={() => void search(label)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && open && options[0]) {
            e.preventDefault();
            choose(options[0]);
          }
        }}
        {...aria}
      />
      {open && options.length > 0 && (
        <ul className="lookup-options" id={listId}>
          {options.map((option) => (
            <li key={option.id}>
              <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => choose(option)}>
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
