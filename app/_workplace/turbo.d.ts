/** The part of Turbo's API the app uses (the package ships no types). */
declare module '@hotwired/turbo' {
  export const session: { drive: boolean };
}
