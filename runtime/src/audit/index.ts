/** `@mova/runtime/audit`: the append-only audit log (`<dataDir>/audit.jsonl`) runs, installs and publishes write. */
export {
  AUDIT_FILE,
  type AuditAction,
  type AuditEntry,
  AuditLog,
  type AuditPage,
  type AuditQuery,
  type AuditRecord,
  osUser,
  recordAudit,
} from './audit-log.js';
