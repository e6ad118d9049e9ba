import type { LookupName } from '@/lib/catalogs/lookup';

export type FieldSpec = {
  name: string;
  label: string;
  type:
    | 'text'
    | 'textarea'
    | 'select'
    | 'checkbox'
    | 'date'
    | 'datetime-local'
    | 'files'
    | 'money'
    | 'percent'
    | 'lookup'
    | 'email'
    | 'password';
  options?: { value: string; label: string }[];
  lookup?: LookupName;
  /** Shown in a lookup field for the current value. */
  lookupLabel?: string;
  suggestions?: string[];
  /** A select whose options depend on what else is filled in (a document's client): the form supplies them. */
  optionsFrom?: 'contacts' | 'orders';
  required?: boolean;
  wide?: boolean;
  /** A files field's limits and their messages: checked in the browser, so a file past them is never sent. */
  files?: { max: number; maxBytes: number; tooMany: string; tooLarge: string };
};

export type FormValues = Record<string, string | boolean | undefined>;

/** What a form action returns: translated messages per field, and the submitted values to show again. */
export type FormState = { errors?: Record<string, string>; values?: FormValues; notice?: string };
