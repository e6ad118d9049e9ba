import { requireUser } from '@/app/_server/guard';

/** Who reads the outbox and sends again: every page and action of it starts here. */
export const requireOutboxUser = () => requireUser('manager', 'leader', 'admin');
