/** The part of @hotwired/turbo 8 (shipped without types) that app/_components/Turbo.tsx uses. */
declare module '@hotwired/turbo' {
  export const session: { drive: boolean };
  export const StreamActions: Record<string, (this: HTMLElement) => void | Promise<void>>;
}
