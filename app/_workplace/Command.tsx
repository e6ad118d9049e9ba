import type { ReactNode } from 'react';
import { COMMANDS } from './frames';

/** A hidden-field form posting one command to the commands route; the frame reloads with the answer. */
export function Command({
  intent,
  back,
  fields,
  children,
  className,
}: {
  intent: string;
  back: string;
  fields: Record<string, string | number>;
  children: ReactNode;
  className?: string;
}) {
  return (
    <form method="post" action={COMMANDS} className={className}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="back" value={back} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </form>
  );
}
