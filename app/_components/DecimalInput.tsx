'use client';

import { type InputHTMLAttributes, useState } from 'react';
import { type DecimalStyle, fitsStyle, formatDecimal, parseDecimal } from '@/lib/i18n/decimal-text';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'defaultValue' | 'onChange'> & {
  name: string;
  /** Canonical ("6750.00"), or text that is not a number, sent as typed. */
  value: string;
  /** Told the canonical value (or the text as typed, when it is not a number) as the user types. */
  onChange?: (value: string) => void;
  /** Intl locale the number is shown and typed in. */
  locale: string;
  format: DecimalStyle;
};

/**
 * A number field in the user's locale: shows "6 750,00" (ru) or "6,750.00" (en), accepts typing in that
 * format, and submits the canonical value under `name` from a hidden input, so the server reads numbers
 * one way whoever typed them. The visible input carries the name as `data-name`, for forms that react to
 * a field by its name. Works uncontrolled too: without `onChange` it keeps what the user types.
 */
export function DecimalInput({ name, value, onChange, locale, format, onBlur, ...rest }: Props) {
  const [text, setText] = useState(() => formatDecimal(locale, value, format));
  const [sent, setSent] = useState(value);
  // A value set from outside (a price taken from the price list) shows in the locale's format.
  if (onChange && value !== sent) {
    setSent(value);
    setText(formatDecimal(locale, value, format));
  }
  return (
    <>
      <input
        {...rest}
        data-name={name}
        inputMode="decimal"
        autoComplete="off"
        value={text}
        onChange={(event) => {
          const typed = event.target.value;
          const next = parseDecimal(locale, typed) ?? typed;
          setText(typed);
          setSent(next);
          onChange?.(next);
        }}
        onBlur={(event) => {
          if (parseDecimal(locale, text) === sent && fitsStyle(sent, format))
            setText(formatDecimal(locale, sent, format));
          onBlur?.(event);
        }}
      />
      <input type="hidden" name={name} value={sent} />
    </>
  );
}
