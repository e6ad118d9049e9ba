import { Letter, type LetterProps, previewLetter } from './Letter';

export type OfferEmailProps = LetterProps & {
  /** «Коммерческое предложение № 000003 от 27.11.2026», the total and the last day it holds, formatted. */
  offer: { title: string; total: string; validUntil: string | null };
};

/** The commercial offer sent to the client; the offer's print form goes as an attachment. */
export default function OfferEmail({ offer, ...letter }: OfferEmailProps) {
  return (
    <Letter
      {...letter}
      title={offer.title}
      rows={[
        { label: 'Сумма', value: offer.total, strong: true },
        ...(offer.validUntil ? [{ label: 'Предложение действительно до', value: offer.validUntil }] : []),
      ]}
    />
  );
}

OfferEmail.PreviewProps = {
  ...previewLetter,
  offer: {
    title: 'Коммерческое предложение № 000003 от 27.11.2026',
    total: '12 825,00 ₽',
    validUntil: '04.12.2026',
  },
} satisfies OfferEmailProps;
