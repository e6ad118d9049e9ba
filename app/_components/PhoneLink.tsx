import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** A phone number as a `tel:` link, shown in international format when it parses. */
export function PhoneLink({ phone }: { phone: string | null | undefined }) {
  if (!phone) return null;
  const parsed = parsePhoneNumberFromString(phone.slice(0, 64), 'RU');
  if (!parsed?.isValid()) return <>{phone}</>;
  return (
    <a href={parsed.getURI()} className="phone" data-turbo="false">
      {parsed.formatInternational()}
    </a>
  );
}

/** Several numbers, comma-separated. */
export function PhoneLinks({ phones }: { phones: string[] }) {
  return phones.map((phone, i) => (
    <span key={phone}>
      {i > 0 && ', '}
      <PhoneLink phone={phone} />
    </span>
  ));
}
