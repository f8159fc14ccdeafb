import { describe, expect, it } from 'vitest';
import { checkCallbackFields } from './callback-form';

describe('checkCallbackFields', () => {
  const filled = { email: 'ana@example.com', phone: '', description: 'Drum does not spin' };

  it('accepts an e-mail address', () => {
    expect(checkCallbackFields(filled)).toBeNull();
  });

  it('accepts a phone number alone', () => {
    expect(checkCallbackFields({ ...filled, email: '', phone: '+49 (30) 123-4567' })).toBeNull();
  });

  it('needs a contact', () => {
    expect(checkCallbackFields({ ...filled, email: ' ' })).toBe('contact_missing');
  });

  it('rejects an incomplete e-mail address', () => {
    expect(checkCallbackFields({ ...filled, email: 'ana@' })).toBe('email_invalid');
  });

  it('rejects a phone number with letters', () => {
    expect(checkCallbackFields({ ...filled, phone: '030 CALL ME' })).toBe('phone_invalid');
  });

  it('needs a description', () => {
    expect(checkCallbackFields({ ...filled, description: '  ' })).toBe('description_missing');
  });
});
