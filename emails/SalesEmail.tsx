import { Letter, type LetterProps, previewLetter } from './Letter';

export type SalesEmailProps = LetterProps & {
  /** The shipment's title and total, the УПД's number and date, formatted. */
  shipment: { title: string; total: string; upd: string };
};

/** A shipment's documents (УПД, ТОРГ-12) for the client to sign and return; the forms are attached. */
export default function SalesEmail({ shipment, ...letter }: SalesEmailProps) {
  return (
    <Letter
      {...letter}
      title={shipment.title}
      rows={[
        { label: 'Сумма отгрузки', value: shipment.total, strong: true },
        { label: 'УПД', value: shipment.upd },
      ]}
    />
  );
}

SalesEmail.PreviewProps = {
  ...previewLetter,
  shipment: {
    title: 'Отгрузка № 000007 от 28.11.2026',
    total: '12 825,00 ₽',
    upd: '№ 000007 от 28.11.2026',
  },
} satisfies SalesEmailProps;
