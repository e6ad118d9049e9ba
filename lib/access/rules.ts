import type { Role } from '@/lib/users/users';

/** Who runs a command. Commands run by the system itself (seed, automation, imports from the CLI) pass null. */
export type Actor = { id: number; role: Role };

/**
 * The one access rule (README, «Who may change what»): everyone signed in reads; leaders and admins
 * change everything; a manager changes what they are responsible for.
 */
export const changesEverything = (actor: Actor) => actor.role === 'leader' || actor.role === 'admin';

/** Interests and tasks: their responsible manager. */
export function canEditOwned(actor: Actor, owned: { responsibleId: number }): boolean {
  return changesEverything(actor) || owned.responsibleId === actor.id;
}

/** Partners and their contact persons: the partner's responsible manager, or anyone while it has none. */
export function canEditPartner(actor: Actor, partner: { responsibleId: number | null }): boolean {
  return changesEverything(actor) || partner.responsibleId === null || partner.responsibleId === actor.id;
}

/** Documents: the one responsible for it (its author, unless handed over), or for its client interest. */
export function canEditDocument(
  actor: Actor,
  document: { responsibleId: number | null; interestResponsibleId: number | null },
): boolean {
  return (
    changesEverything(actor) ||
    document.responsibleId === actor.id ||
    document.interestResponsibleId === actor.id
  );
}

/**
 * Interactions: the responsible manager of the interest they are linked to. One not linked yet waits in
 * the shared inbox, and whoever picks it up may take it (into an interest of their own).
 */
export function canEditInteraction(
  actor: Actor,
  interaction: { interestResponsibleId: number | null },
): boolean {
  return (
    changesEverything(actor) ||
    interaction.interestResponsibleId === null ||
    interaction.interestResponsibleId === actor.id
  );
}
