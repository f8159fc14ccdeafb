/**
 * Returns an e-mail address with the local part hidden but its first character, such as
 * `d***@example.com`, for the event log and responses.
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/**
 * Returns a phone number in E.164 form with all but the country prefix (the first three
 * characters) and the last two digits hidden, such as `+44*******58`.
 */
export function maskPhone(number: string): string {
  if (number.length <= 5) return '***';
  return `${number.slice(0, 3)}${'*'.repeat(number.length - 5)}${number.slice(-2)}`;
}
