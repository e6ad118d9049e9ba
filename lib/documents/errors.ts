import type { FieldErrors } from '@/lib/validation/fields';

/** A business rule refused the command; the messages name the fields, and nothing is saved. */
export class DocumentRuleError extends Error {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors).join('; '));
    this.name = 'DocumentRuleError';
  }
}
