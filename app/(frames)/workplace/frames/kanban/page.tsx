import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { errorParam, frameSrc, kanbanQuery, type Search } from '@/app/_workplace/frames';
import { KanbanBoard } from '@/app/_workplace/KanbanBoard';
import { getDb } from '@/db/client';
import { listLossReasons } from '@/lib/catalogs/simple';
import { kanban } from '@/lib/crm/kanban';

export default async function KanbanFrame({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const { t, locale } = await getTranslator();
  const search = await searchParams;
  const { filters, params } = kanbanQuery(search, user);
  const db = getDb();
  const [columns, reasons] = await Promise.all([kanban(db, filters, new Date()), listLossReasons(db, {})]);
  const error = errorParam.parse(search);
  return (
    <turbo-frame id="kanban">
      <KanbanBoard
        columns={columns}
        lossReasons={reasons.rows}
        user={user}
        back={frameSrc('kanban', params)}
        error={{ code: error.error, for: error.for }}
        t={t}
        locale={locale}
      />
    </turbo-frame>
  );
}
