import { render, toPlainText } from '@react-email/render';
import { createElement } from 'react';
import { Letter, type LetterProps } from './Letter';
import OfferEmail, { type OfferEmailProps } from './OfferEmail';
import OrderEmail, { type OrderEmailProps } from './OrderEmail';
import PaymentReminderEmail, { type PaymentReminderEmailProps } from './PaymentReminderEmail';
import SalesEmail, { type SalesEmailProps } from './SalesEmail';

/** A letter to render: which template, with its props. */
export type LetterInput =
  | { template: 'offer'; props: OfferEmailProps }
  | { template: 'order_invoice'; props: OrderEmailProps }
  | { template: 'payment_reminder'; props: PaymentReminderEmailProps }
  | { template: 'sales'; props: SalesEmailProps }
  /** A manager's answer to a client's letter: greeting, text, signature. */
  | { template: 'reply'; props: LetterProps & { title: string } };

/** The React boundary for mail: lib/email hands over plain data and gets the HTML back. */
export async function renderLetter(letter: LetterInput): Promise<string> {
  switch (letter.template) {
    case 'offer':
      return render(createElement(OfferEmail, letter.props));
    case 'order_invoice':
      return render(createElement(OrderEmail, letter.props));
    case 'payment_reminder':
      return render(createElement(PaymentReminderEmail, letter.props));
    case 'sales':
      return render(createElement(SalesEmail, letter.props));
    case 'reply':
      return render(createElement(Letter, { ...letter.props, rows: [] }));
  }
}

/** The plain-text part sent beside the HTML, for clients that show no HTML. */
export const letterText = (html: string): string => toPlainText(html);
