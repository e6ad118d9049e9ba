import { PlanPage } from '../PlanPage';

export default function NewSalesPlanPage() {
  return <PlanPage id={null} saved={false} />;
}
