import { Letter, type LetterProps, previewLetter } from './Letter';

export type OrderEmailProps = LetterProps & {
  /** The order's title and total, the invoice's title and the payment terms in words, formatted. */
  order: { title: string; total: string; invoice: string; paymentTerms: string };
};

/** The customer order with the invoice for payment (Счёт на оплату, the order's print form) attached. */
export default function OrderEmail({ order, ...letter }: OrderEmailProps) {
  return (
    <Letter
      {...letter}
      title={order.title}
      rows={[
        { label: 'Сумма заказа', value: order.total, strong: true },
        { label: 'Счёт на оплату', value: order.invoice },
        { label: 'Условия оплаты', value: order.paymentTerms },
      ]}
    />
  );
}

OrderEmail.PreviewProps = {
  ...previewLetter,
  order: {
    title: 'Заказ № 000005 от 27.11.2026',
    total: '12 825,00 ₽',
    invoice: '№ 000005 от 27.11.2026',
    paymentTerms: 'предоплата 50 % (6 412,50 ₽), остаток по факту отгрузки',
  },
} satisfies OrderEmailProps;
