/** `npm run db:migrate` and `npm run db:seed` (idempotent), on DATABASE_URL or the embedded database. */
import { connect } from '@/db/client';
import { prepareDatabase } from '@/db/runtime';
import { seedDemoData } from '@/db/seed';

const command = process.argv[2];
if (command !== 'migrate' && command !== 'seed') {
  console.error('usage: tsx scripts/db.ts migrate|seed');
  process.exit(2);
}
const database = await prepareDatabase();
try {
  if (command === 'seed') {
    const { db, close } = connect(database.url, { max: 1 });
    await seedDemoData(db);
    await close();
    console.log('Demo data is in place.');
  } else {
    console.log('Migrations applied.');
  }
} finally {
  await database.stop();
}
