import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES, type TicketStatus } from './schema';
import {
  OPEN_STATUSES,
  SOLVED_STATUSES,
  customerMessageEffect,
  isOpenStatus,
  isSolvedStatus,
  isTicketStatus
} from './ticket-status';
import { DAY, T0, makeTicketFields } from './testing/factories';

describe('status sets', () => {
  it('puts every status in exactly one of open and solved', () => {
    for (const status of TICKET_STATUSES) {
      expect(isOpenStatus(status) !== isSolvedStatus(status), status).toBe(true);
    }
    expect([...OPEN_STATUSES, ...SOLVED_STATUSES].sort()).toEqual([...TICKET_STATUSES].sort());
  });

  it('knows a status from anything else read from outside', () => {
    expect(TICKET_STATUSES.every(isTicketStatus)).toBe(true);
    for (const value of ['Open', 'archived', '', null, undefined, 3, { status: 'open' }]) {
      expect(isTicketStatus(value), String(value)).toBe(false);
    }
  });

  it('counts new, open, pending and on-hold as open; solved and closed as solved', () => {
    expect(TICKET_STATUSES.filter(isOpenStatus)).toEqual(['new', 'open', 'pending', 'on-hold']);
    expect(TICKET_STATUSES.filter(isSolvedStatus)).toEqual(['solved', 'closed']);
  });
});

describe('customerMessageEffect (the reopen rule)', () => {
  const window = 14 * DAY;
  const ticket = (status: TicketStatus, solvedAt: number | null = null, updatedAt = T0) =>
    makeTicketFields({ status, solvedAt, updatedAt });

  it('reopens a pending or solved ticket, with or without a window', () => {
    for (const within of [window, null]) {
      expect(customerMessageEffect(ticket('pending'), T0, within)).toBe('reopen');
      expect(customerMessageEffect(ticket('solved', T0 - 300 * DAY), T0, within)).toBe('reopen');
    }
  });

  it('leaves new, open and on-hold tickets as they are', () => {
    for (const status of ['new', 'open', 'on-hold'] as const) {
      expect(customerMessageEffect(ticket(status), T0, window)).toBe('none');
    }
  });

  it('reopens a closed ticket within the window, and starts a follow-up after it', () => {
    expect(customerMessageEffect(ticket('closed', T0 - window), T0, window)).toBe('reopen');
    expect(customerMessageEffect(ticket('closed', T0 - window - 1), T0, window)).toBe('follow-up');
  });

  it('counts the window from the last update when the ticket has no solvedAt', () => {
    const closed = ticket('closed', null, T0 - 2 * DAY);
    expect(customerMessageEffect(closed, T0, DAY)).toBe('follow-up');
    expect(customerMessageEffect(closed, T0, 3 * DAY)).toBe('reopen');
  });

  it('never reopens a closed ticket without a window (history from an import)', () => {
    expect(customerMessageEffect(ticket('closed', T0), T0, null)).toBe('none');
  });
});
