import type { DbOrTx } from '@/db/client';
import { type DeliveryView, getDelivery, type LoadingLine, loadingList } from '@/lib/delivery/queries';
import type { FormSheet, SheetRow } from './form-sheet';
import { printDate, shortDate } from './print-form';
import { box, money, quantity } from './sheet-cells';

/**
 * A delivery task on paper: the driver's route sheet (маршрутный лист) — the stops in order with
 * address, contact, time window, load and a column to sign at each — and the warehouse's loading list
 * (лист погрузки), the products of all the stops summed. Fixed-layout sheets, so the page, the PDF and
 * the XLSX (lib/print/render-sheet-*) say the same.
 */
export const deliveryForms = ['route', 'loading'] as const;
export type DeliveryForm = (typeof deliveryForms)[number];

const titles: Record<DeliveryForm, string> = { route: 'Маршрутный лист', loading: 'Лист погрузки' };

export function deliveryFormTitle(task: Pick<DeliveryView, 'number' | 'date'>, form: DeliveryForm): string {
  return `${titles[form]} № ${task.number} от ${printDate(task.date)}`;
}

/** "Маршрутный_лист_000012_от_07.12.2026.pdf", like the documents' print forms. */
export function deliveryFileName(
  task: Pick<DeliveryView, 'number' | 'date'>,
  form: DeliveryForm,
  ext: 'pdf' | 'xlsx',
): string {
  return `${titles[form].replace(/ /g, '_')}_${task.number}_от_${shortDate(task.date)}.${ext}`;
}

/** The header lines both forms open with: the day, the driver and the vehicle, across the sheet. */
function headerRows(task: DeliveryView, form: DeliveryForm, width: number): SheetRow[] {
  const field = (label: string, value: string): SheetRow => ({
    cells: [
      { text: label, colSpan: 2 },
      { text: value, colSpan: width - 2, border: 'under' },
    ],
  });
  return [
    { cells: [{ text: deliveryFormTitle(task, form), colSpan: width, size: 'large', bold: true }] },
    {
      ...field('Водитель', [task.driver, task.driverPhone].filter(Boolean).join(', ')),
      gapBefore: 6,
    },
    field('Транспортное средство', [task.vehicle, task.plateNumber].filter(Boolean).join(', ')),
    ...(task.comment ? [field('Комментарий', task.comment)] : []),
  ];
}

function signatures(roles: string[], width: number): SheetRow[] {
  const half = Math.floor(width / 2);
  return roles.map((role, i) => ({
    gapBefore: i === 0 ? 14 : 6,
    cells: [
      { text: role, colSpan: 2 },
      { text: '', colSpan: half - 2, border: 'under' },
      { text: '', colSpan: width - half, border: 'under' },
    ],
  }));
}

/** Маршрутный лист: one row a stop, in the order the driver goes. */
export function routeSheet(task: DeliveryView): FormSheet {
  const columns = [8, 34, 40, 62, 40, 18, 18, 18, 24, 30];
  const width = columns.length;
  const head: SheetRow = {
    head: true,
    gapBefore: 8,
    cells: [
      '№',
      'Документ',
      'Клиент',
      'Адрес',
      'Контакт',
      'Время',
      'Вес, кг',
      'Объём, м³',
      'Сумма, руб.',
      'Отметка о доставке',
    ].map((text) => box(text, 1, { bold: true, align: 'center', size: 'small' })),
  };
  const lines: SheetRow[] = task.stops.map((s) => ({
    line: true,
    cells: [
      box(String(s.stopNo), 1, { align: 'center' }),
      box(
        `${s.kind === 'sales' ? 'Реализация' : 'Заказ'} № ${s.documentNumber} от ${shortDate(s.documentDate.toISOString())}`,
      ),
      box(s.partner ?? ''),
      box(s.address),
      box(s.contact ?? ''),
      box([s.windowFrom, s.windowTo].filter(Boolean).join('–'), 1, { align: 'center' }),
      quantity(s.weight),
      quantity(s.volume),
      money(s.amount),
      box(
        s.result === 'delivered'
          ? 'Доставлено'
          : s.result === 'not_delivered'
            ? `Не доставлено: ${s.reason ?? ''}`
            : '',
      ),
    ],
  }));
  const total: SheetRow = {
    cells: [
      box(`Итого точек: ${task.stops.length}`, 6, { bold: true }),
      quantity(task.totals.weight),
      quantity(task.totals.volume),
      money(task.totals.amount),
      box(''),
    ],
  };
  return {
    title: deliveryFormTitle(task, 'route'),
    columns,
    rows: [
      ...headerRows(task, 'route', width),
      head,
      ...lines,
      total,
      ...signatures(['Выдал', 'Водитель'], width),
    ],
  };
}

/** Лист погрузки: every product the trip carries, summed over its stops. */
export function loadingSheet(task: DeliveryView, lines: LoadingLine[]): FormSheet {
  const columns = [10, 30, 110, 16, 30, 30, 30];
  const width = columns.length;
  const head: SheetRow = {
    head: true,
    gapBefore: 8,
    cells: ['№', 'Артикул', 'Номенклатура', 'Ед.', 'Количество', 'Вес, кг', 'Объём, м³'].map((text) =>
      box(text, 1, { bold: true, align: 'center', size: 'small' }),
    ),
  };
  const rows: SheetRow[] = lines.map((l, i) => ({
    line: true,
    cells: [
      box(String(i + 1), 1, { align: 'center' }),
      box(l.sku),
      box(l.name),
      box(l.unit, 1, { align: 'center' }),
      quantity(l.quantity),
      quantity(l.weight),
      quantity(l.volume),
    ],
  }));
  const total: SheetRow = {
    cells: [
      box(`Итого наименований: ${lines.length}, точек: ${task.stops.length}`, 5, { bold: true }),
      quantity(task.totals.weight),
      quantity(task.totals.volume),
    ],
  };
  return {
    title: deliveryFormTitle(task, 'loading'),
    columns,
    rows: [
      ...headerRows(task, 'loading', width),
      head,
      ...rows,
      total,
      ...signatures(['Отпустил', 'Принял (водитель)'], width),
    ],
  };
}

/** The task and its form's sheet, read for printing; null when there is no such task. */
export async function deliverySheet(
  db: DbOrTx,
  id: number,
  form: DeliveryForm,
): Promise<{ task: DeliveryView; sheet: FormSheet } | null> {
  const [task, lines] = await Promise.all([
    getDelivery(db, id),
    form === 'loading' ? loadingList(db, id) : [],
  ]);
  if (!task) return null;
  return { task, sheet: form === 'route' ? routeSheet(task) : loadingSheet(task, lines) };
}
