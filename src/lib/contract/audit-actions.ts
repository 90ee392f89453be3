/**
 * What the audit log records, shared by the server that writes it and the page that filters
 * it, so that a new kind of event cannot be missing from the filter.
 */
import { z } from 'zod';

export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'sign-out-everywhere',
  'sign-up',
  'password-reset-requested',
  'password-reset',
  'workspace-created',
  'role-changed',
  'member-removed',
  'member-joined',
  'invitation-created',
  'invitation-revoked',
  'document-opened',
  'document-changed',
  'api-token-created',
  'api-token-revoked',
  'audit-exported'
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;
