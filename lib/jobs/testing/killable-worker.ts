/**
 * For the SIGKILL test: a worker process that runs one interest recompute, tells its parent it is in
 * the middle of it (the new state written but not committed), and then hangs until killed.
 */
import { connect } from '@/db/client';
import { recomputeInterest } from '@/lib/crm/interest-automation';
import { runNextJob } from '../worker';

const { db } = connect(process.argv[2]!, { max: 1 });
await runNextJob(db, {
  recompute_interest: async (tx, payload) => {
    await recomputeInterest(tx, Number(payload.interestId));
    process.send!('in-job');
    await new Promise(() => {});
  },
});
