import { DeliveryPage } from '../DeliveryPage';

/** A new delivery task; `?document=ID` makes that document its first stop. */
export default async function NewDelivery({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  return <DeliveryPage id={null} search={await searchParams} />;
}
