import { describe, expect, it } from 'vitest';
import { customerTicketCounts, messagesUpdated } from './customers';

describe('customer messages', () => {
  it('count tickets and open ones, each with its own plural', () => {
    expect(customerTicketCounts({ total: 1, open: 1 })).toBe('1 ticket, 1 open');
    expect(customerTicketCounts({ total: 5, open: 0 })).toBe('5 tickets, 0 open');
    expect(customerTicketCounts({ total: 1, open: 0 }, { locale: 'fi' })).toBe(
      '1 tiketti, 0 avoinna'
    );
    expect(customerTicketCounts({ total: 5, open: 2 }, { locale: 'fi' })).toBe(
      '5 tikettiä, 2 avoinna'
    );
    expect(customerTicketCounts({ total: 5, open: 1 }, { locale: 'da' })).toBe('5 sager, 1 åben');
    expect(customerTicketCounts({ total: 1, open: 0 }, { locale: 'da' })).toBe('1 sag, 0 åbne');
  });

  it('count a ticket’s messages', () => {
    expect(messagesUpdated({ count: 1, ago: 'i går' }, { locale: 'da' })).toBe(
      '1 besked · opdateret i går'
    );
    expect(messagesUpdated({ count: 3, ago: 'eilen' }, { locale: 'fi' })).toBe(
      '3 viestiä · päivitetty eilen'
    );
  });
});
