import { describe, expect, it } from 'vitest';
import { commandFor, type KeyPress } from './shortcut-keys';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inField: false,
  afterG: false,
  ...more
});

describe('commandFor', () => {
  it('maps single keys to commands', () => {
    expect(commandFor(press('j'))).toBe('next');
    expect(commandFor(press('k'))).toBe('previous');
    expect(commandFor(press('r'))).toBe('reply');
    expect(commandFor(press('n'))).toBe('take-next');
    expect(commandFor(press('N'))).toBe('note');
    expect(commandFor(press('m'))).toBe('macro');
    expect(commandFor(press('i'))).toBe('article');
    expect(commandFor(press('/'))).toBe('search');
    expect(commandFor(press('?'))).toBe('help');
    expect(commandFor(press('x'))).toBe('select');
    expect(commandFor(press('X'))).toBe('select-range');
    expect(commandFor(press('y'))).toBeNull();
  });

  it('never fires while typing, except Escape to leave the field', () => {
    expect(commandFor(press('j', { inField: true }))).toBeNull();
    expect(commandFor(press('/', { inField: true }))).toBeNull();
    expect(commandFor(press('Escape', { inField: true }))).toBe('leave-field');
  });

  it('leaves modified keys alone (the board keeps Alt+Arrow)', () => {
    expect(commandFor(press('ArrowRight', { altKey: true }))).toBeNull();
    expect(commandFor(press('r', { ctrlKey: true }))).toBeNull();
    expect(commandFor(press('k', { metaKey: true }))).toBeNull();
  });

  it('reads g sequences', () => {
    expect(commandFor(press('g'))).toBe('g');
    expect(commandFor(press('b', { afterG: true }))).toBe('go-board');
    expect(commandFor(press('t', { afterG: true }))).toBe('go-triage');
    expect(commandFor(press('z', { afterG: true }))).toBeNull();
  });
});
