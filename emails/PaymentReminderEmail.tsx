import { Letter, type LetterProps, previewLetter } from './Letter';

export type PaymentReminderEmailProps = LetterProps & {
  /** The order's title, its total, what is paid and what is left to pay, formatted. */
  order: { title: string; total: string; paid: string; toPay: string };
};

/** A reminder that an order is waiting for payment; the invoice goes again as an attachment. */
export default function PaymentReminderEmail({ order, ...letter }: PaymentReminderEmailProps) {
  return (
    <Letter
      {...letter}
      title={order.title}
      rows={[
        { label: 'Сумма заказа', value: order.total },
        { label: 'Оплачено', value: order.paid },
        { label: 'К оплате', value: order.toPay, strong: true },
      ]}
    />
  );
}

PaymentReminderEmail.PreviewProps = {
  ...previewLetter,
  order: {
    title: 'Заказ № 000005 от 27.11.2026',
    total: '12 825,00 ₽',
    paid: '0,00 ₽',
    toPay: '12 825,00 ₽',
  },
} satisfies PaymentReminderEmailProps;
