import Decimal from 'decimal.js';
import numberToWordsRu from 'number-to-words-ru';

/**
 * A ruble amount in words as Russian invoices print it: the rubles in words, the kopecks in digits
 * ("Двенадцать тысяч восемьсот двадцать пять рублей 00 копеек"). Decimal rounds the kopecks first and
 * refuses anything that is not a number.
 */
export function amountInWords(amount: string): string {
  return numberToWordsRu.convert(new Decimal(amount).toFixed(2), {
    currency: 'rub',
    convertNumberToWords: { integer: true, fractional: false },
    showNumberParts: { integer: true, fractional: true },
    showCurrency: { integer: true, fractional: true },
  });
}

/** A count in words, as TORG-12 gives its number of lines: "Два", "Двадцать один". */
export function countInWords(count: number): string {
  return numberToWordsRu.convert(String(count), {
    showNumberParts: { integer: true, fractional: false },
    showCurrency: { integer: false, fractional: false },
  });
}
