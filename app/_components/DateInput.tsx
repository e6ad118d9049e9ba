'use client';

import {
  createContext,
  type InputHTMLAttributes,
  type ReactNode,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';
import { completeDateTyping, type DateKind, formatDateText, parseDateText } from '@/lib/i18n/date-text';

/** The user's locale and the field's texts in their language, given once by the root layout. */
export type DateTexts = { intlLocale: string; date: string; datetime: string; typed: string; picker: string };

const Texts = createContext<DateTexts | null>(null);

export function DateTextsProvider({ texts, children }: { texts: DateTexts; children: ReactNode }) {
  const { intlLocale } = texts;
  useEffect(() => {
    // A Turbo frame's fields are HTML React never hydrates: their dates are read here as their form is sent.
    const read = (event: FormDataEvent) => {
      const form = event.target as HTMLFormElement;
      for (const input of form.querySelectorAll<HTMLInputElement>('input.date-input[data-name]')) {
        if (input.matches(':disabled')) continue;
        const sent = parseDateText(intlLocale, input.value, input.dataset.kind as DateKind);
        event.formData.set(input.dataset.name!, sent ?? input.value);
      }
    };
    document.addEventListener('formdata', read, true);
    return () => document.removeEventListener('formdata', read, true);
  }, [intlLocale]);
  return <Texts.Provider value={texts}>{children}</Texts.Provider>;
}

type Props = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'name' | 'value' | 'defaultValue' | 'onChange' | 'type'
> & {
  name: string;
  /** What `<input type="date">` (or "datetime-local") would hold: "2026-12-07" ("2026-12-07T14:30"). */
  defaultValue?: string;
  kind: DateKind;
};

/**
 * A date (or date and time) field in the user's locale: shows and accepts "07.12.2026 14:30" (ru) or
 * "07/12/2026 14:30" (en), adds the marks as digits are typed, and submits under `name`, from a hidden
 * input, what the browser's own date field would ("2026-12-07T14:30"), so the server reads dates one way
 * whoever typed them. A date that does not exist is said at the field when the user leaves it, and the
 * text goes as typed, for the server to refuse too. The visible input carries the name as `data-name`
 * and the kind as `data-kind`: inside a Turbo frame, where this never hydrates, DateTextsProvider reads
 * the date from them as the form is sent.
 */
export function DateInput({ name, defaultValue = '', kind, id, className, onBlur, ...rest }: Props) {
  const texts = useContext(Texts);
  if (!texts) throw new Error('DateInput needs DateTextsProvider (app/layout.tsx)');
  const { intlLocale } = texts;
  const [text, setText] = useState(() => formatDateText(intlLocale, defaultValue));
  const [wrong, setWrong] = useState(false);
  const ref = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  // The calendar button only once React runs here: in a frame it would be a button that does nothing.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const parsed = parseDateText(intlLocale, text, kind);
  const message = texts.typed.replace('{pattern}', texts[kind]);
  const messageId = `${id ?? name}-typed`;
  // A form that the browser checks (the filters) is then not sent with a date that does not exist.
  useEffect(() => ref.current?.setCustomValidity(parsed === null ? message : ''), [parsed, message]);
  const describedBy = [rest['aria-describedby'], wrong ? messageId : undefined].filter(Boolean).join(' ');
  return (
    <span className="date-field">
      <input
        {...rest}
        ref={ref}
        id={id}
        type="text"
        className={className ? `date-input ${className}` : 'date-input'}
        data-name={name}
        data-kind={kind}
        inputMode="numeric"
        autoComplete="off"
        placeholder={texts[kind]}
        size={texts[kind].length + 1}
        value={text}
        aria-invalid={wrong || rest['aria-invalid'] ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => {
          const typed = event.target.value;
          const atEnd = event.target.selectionStart === typed.length;
          setText(typed.length > text.length && atEnd ? completeDateTyping(intlLocale, typed, kind) : typed);
          if (wrong && parseDateText(intlLocale, typed, kind) !== null) setWrong(false);
        }}
        onBlur={(event) => {
          if (parsed !== null) setText(formatDateText(intlLocale, parsed));
          setWrong(parsed === null);
          onBlur?.(event);
        }}
      />
      {hydrated && !rest.disabled && !rest.readOnly && (
        <>
          <button
            type="button"
            className="date-picker"
            aria-label={texts.picker}
            title={texts.picker}
            tabIndex={-1}
            onClick={() => picker.current?.showPicker()}
          >
            <svg
              width="16"
              height="16"
              viewBox="0 0 16 16"
              fill="none"
              stroke="currentColor"
              aria-hidden="true"
            >
              <rect x="2" y="3" width="12" height="11" rx="1.5" strokeWidth="1.5" />
              <path d="M2 7h12M5 1.5v3M11 1.5v3" strokeWidth="1.5" />
            </svg>
          </button>
          {/* The browser's own calendar, opened by the button; what is picked shows in the locale's format.
              Its data-name tells a form that reacts to the field (a document's prices) that it changed. */}
          <input
            ref={picker}
            type={kind === 'date' ? 'date' : 'datetime-local'}
            className="date-picker-native"
            data-name={name}
            tabIndex={-1}
            aria-hidden
            value={parsed ?? ''}
            onChange={(event) => {
              setText(formatDateText(intlLocale, event.target.value));
              setWrong(false);
            }}
          />
        </>
      )}
      {wrong && (
        <span className="field-error" id={messageId}>
          {message}
        </span>
      )}
      <input type="hidden" name={name} value={parsed ?? text} />
    </span>
  );
}
