import * as fs from 'node:fs';
import { verifyAuditLog } from '../../audit/verifyAuditLog';
import { describeEntry } from '../../cli/audit';
import { entryShapeProblem, type AuditEntry } from '../../audit/auditLog';
import type { AuditShowRequest, AuditVerification } from '../../protocol/customMessages';

/** Verifies the audit log for the editor; a log not written yet is reported, not an error. */
export async function verifyForEditor(file: string): Promise<AuditVerification> {
  if (!fs.existsSync(file)) return { file, ok: false, missing: true, message: `No audit log yet at ${file}: Cartograph writes one when it imports, previews or suppresses.` };
  const result = await verifyAuditLog(file);
  if (result.ok) return { file, ok: true, entries: result.entries, lastSeq: result.lastSeq, lastHash: result.lastHash };
  return { file, ok: false, entries: result.entries, brokenAt: result.brokenAt, reason: result.reason, message: result.message };
}

/** The log as one readable line per entry, as `cartograph audit show` prints it. */
export function showForEditor(file: string): AuditShowRequest.Result {
  if (!fs.existsSync(file)) return { file, text: `No audit log yet at ${file}.\n` };
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
  const text = lines
    .map((line, i) => {
      try {
        const value: unknown = JSON.parse(line);
        return entryShapeProblem(value) === undefined ? describeEntry(value as AuditEntry) : `line ${i + 1}: (not an audit entry)`;
      } catch {
        return `line ${i + 1}: (not an audit entry)`;
      }
    })
    .join('\n');
  return { file, text: `${text}\n` };
}
