import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../contract/audit-actions';
import { auditActionLabel, auditDetail } from './audit';

describe('audit messages', () => {
  it('name every recorded action in every language', () => {
    for (const action of AUDIT_ACTIONS) {
      const en = auditActionLabel(action, { locale: 'en' });
      expect(en).not.toBe(action);
      expect(auditActionLabel(action, { locale: 'fi' })).not.toBe(en);
      expect(auditActionLabel(action, { locale: 'da' })).not.toBe(en);
    }
  });

  it('put role ids in a role change into words, keeping the English the e2e test reads', () => {
    expect(auditDetail('role-changed', 'agent → viewer', { locale: 'en' })).toBe('agent → viewer');
    expect(auditDetail('role-changed', 'light-agent → admin', { locale: 'en' })).toBe(
      'light agent → admin'
    );
    expect(auditDetail('role-changed', 'light-agent → viewer', { locale: 'fi' })).toBe(
      'kevytagentti → katselija'
    );
    expect(auditDetail('role-changed', 'owner → light-agent', { locale: 'da' })).toBe(
      'ejer → begrænset agent'
    );
  });

  it('read "as" and "was" a role', () => {
    expect(auditDetail('invitation-created', 'as light-agent', { locale: 'en' })).toBe(
      'as light agent'
    );
    expect(auditDetail('member-joined', 'as viewer', { locale: 'fi' })).toBe('rooli: katselija');
    expect(auditDetail('member-joined', 'as admin', { locale: 'da' })).toBe('som administrator');
    expect(auditDetail('member-removed', 'was owner', { locale: 'da' })).toBe('var ejer');
    expect(auditDetail('member-removed', 'was agent', { locale: 'fi' })).toBe('rooli oli agentti');
  });

  it('count exported events by each language’s plural', () => {
    expect(auditDetail('audit-exported', '1 events', { locale: 'en' })).toBe('1 event');
    expect(auditDetail('audit-exported', '1200 events', { locale: 'en' })).toBe('1,200 events');
    expect(auditDetail('audit-exported', '3 events', { locale: 'fi' })).toBe('3 tapahtumaa');
    expect(auditDetail('audit-exported', '1 events', { locale: 'da' })).toBe('1 hændelse');
  });

  it('translate the fixed words the server writes', () => {
    expect(auditDetail('sign-in-failed', 'wrong password', { locale: 'fi' })).toBe(
      'väärä salasana'
    );
    expect(auditDetail('sign-in-failed', 'rate-limited', { locale: 'en' })).toBe(
      'too many attempts'
    );
    expect(auditDetail('document-opened', 'API token', { locale: 'da' })).toBe('API-token');
    expect(auditDetail('api-token-created', 'write', { locale: 'fi' })).toBe('kirjoitusoikeus');
  });

  it('show a detail they do not know, or a role id they do not know, as it is', () => {
    expect(auditDetail('role-changed', 'agent → supervisor', { locale: 'fi' })).toBe(
      'agent → supervisor'
    );
    expect(auditDetail('invitation-created', 'as <b>x</b>', { locale: 'da' })).toBe('as <b>x</b>');
    expect(auditDetail('sign-in', 'toString', { locale: 'en' })).toBe('toString');
  });
});
