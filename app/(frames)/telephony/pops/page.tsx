import { requireUser } from '@/app/_server/guard';
import { getTranslator } from '@/app/_server/locale';
import { CallPops } from '@/app/_telephony/CallPops';
import { getDb } from '@/db/client';
import { pendingPops } from '@/lib/telephony/pops';

/** The signed-in user's pending screen-pops, as the shell's `call-pops` frame shows them on every page. */
export default async function CallPopsFrame() {
  const user = await requireUser();
  const { t, locale } = await getTranslator();
  const pops = await pendingPops(getDb(), user.id);
  return (
    <turbo-frame id="call-pops">
      <CallPops pops={pops} t={t} locale={locale} />
    </turbo-frame>
  );
}
