import { beforeAll, describe, expect, it } from 'vitest';
import { interests, partners, users } from '@/db/schema';
import { isolatedDatabase } from '@/db/testing';
import { changeInterestState } from './interest-state';
import {
  addDays,
  byDayAndHour,
  calendarRange,
  companyClock,
  dayStart,
  groupTasks,
  kanbanResponsible,
  openInterests,
  tasksResponsible,
} from './workplace';

// The company clock is Europe/Moscow (UTC+3, no DST) unless TORG_TIMEZONE says otherwise.
const msk = (local: string) => new Date(`${local}+03:00`);

describe('the company clock', () => {
  it('reads day and hour in the company time zone, not the server one', () => {
    expect(companyClock(new Date('2026-05-04T22:30:00Z'))).toEqual({ day: '2026-05-05', hour: 1 });
    expect(dayStart('2026-05-05').toISOString()).toBe('2026-05-04T21:00:00.000Z');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});

describe('my tasks', () => {
  it('groups by overdue, later today and upcoming on the company day', () => {
    const now = msk('2026-05-05T10:00:00');
    const task = (id: number, at: string) => ({ id, dueAt: msk(at) });
    const groups = groupTasks(
      [
        task(1, '2026-05-04T18:00:00'),
        task(2, '2026-05-05T09:59:00'),
        task(3, '2026-05-05T23:30:00'),
        task(4, '2026-05-06T00:10:00'),
      ],
      now,
    );
    expect(groups.overdue.map((t) => t.id)).toEqual([1, 2]);
    expect(groups.today.map((t) => t.id)).toEqual([3]);
    expect(groups.upcoming.map((t) => t.id)).toEqual([4]);
  });
});

describe('the calendar', () => {
  it('shows Monday to Sunday around the date in week view, one day in day view, with neighbours', () => {
    const week = calendarRange('week', '2026-05-07');
    expect(week.days).toEqual([
      '2026-05-04',
      '2026-05-05',
      '2026-05-06',
      '2026-05-07',
      '2026-05-08',
      '2026-05-09',
      '2026-05-10',
    ]);
    expect([week.prev, week.next]).toEqual(['2026-04-27', '2026-05-11']);
    expect(week.from.toISOString()).toBe('2026-05-03T21:00:00.000Z');
    expect(week.until.toISOString()).toBe('2026-05-10T21:00:00.000Z');
    const day = calendarRange('day', '2026-05-10');
    expect([day.days, day.prev, day.next]).toEqual([['2026-05-10'], '2026-05-09', '2026-05-11']);
  });

  it('puts a task in the cell of its company day and hour', () => {
    const cells = byDayAndHour([{ id: 1, dueAt: new Date('2026-05-04T21:15:00Z') }]);
    expect([...cells.keys()]).toEqual(['2026-05-05 0']);
  });
});

describe('whose kanban', () => {
  it('is the picked manager, else the manager themself, else everyone for leaders and admins', () => {
    expect(kanbanResponsible({ id: 1, role: 'manager' }, undefined)).toBe(1);
    expect(kanbanResponsible({ id: 1, role: 'manager' }, 2)).toBe(2);
    expect(kanbanResponsible({ id: 3, role: 'leader' }, undefined)).toBeUndefined();
    expect(kanbanResponsible({ id: 4, role: 'admin' }, 2)).toBe(2);
  });
});

describe('whose tasks and calendar', () => {
  it("are a manager's own whatever is picked; everyone's for leaders and admins unless they pick one", () => {
    expect(tasksResponsible({ id: 1, role: 'manager' }, undefined)).toBe(1);
    expect(tasksResponsible({ id: 1, role: 'manager' }, 2)).toBe(1);
    expect(tasksResponsible({ id: 3, role: 'leader' }, undefined)).toBeUndefined();
    expect(tasksResponsible({ id: 3, role: 'leader' }, 1)).toBe(1);
    expect(tasksResponsible({ id: 4, role: 'admin' }, undefined)).toBeUndefined();
  });
});

describe('open interests', () => {
  const test = isolatedDatabase();
  let manager = 0;
  let other = 0;
  let partner = 0;

  beforeAll(async () => {
    const [m, o] = await test.db
      .insert(users)
      .values([
        { email: 'w1@torg.test', name: 'Первый', role: 'manager', passwordHash: 'x' },
        { email: 'w2@torg.test', name: 'Второй', role: 'manager', passwordHash: 'x' },
      ])
      .returning();
    manager = m!.id;
    other = o!.id;
    const [p] = await test.db.insert(partners).values({ name: 'Клиент' }).returning();
    partner = p!.id;
    const rows = await test.db
      .insert(interests)
      .values([
        { title: 'Б открытый', partnerId: partner, responsibleId: manager },
        { title: 'А открытый', partnerId: partner, responsibleId: other },
        { title: 'Выигранный', partnerId: partner, responsibleId: manager },
      ])
      .returning();
    await changeInterestState(test.db, rows[2]!.id, 'won', { by: null });
  });

  it('lists only open ones, by partner or by manager, by title', async () => {
    const byPartner = await openInterests(test.db, { partnerIds: [partner] });
    expect(byPartner.map((i) => i.title)).toEqual(['А открытый', 'Б открытый']);
    const mine = await openInterests(test.db, { responsibleId: manager });
    expect(mine.map((i) => i.title)).toEqual(['Б открытый']);
    expect(await openInterests(test.db, { partnerIds: [] })).toEqual([]);
  });
});
