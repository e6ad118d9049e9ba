import { requireUser } from '@/app/_server/guard';

/** Who works with stock documents: every page and action of them starts here. */
export const requireDocumentUser = () => requireUser('manager', 'leader', 'admin');
