/**
 * SQL laid out for reading (sql-formatter, Postgres dialect). Display only: the SQL that runs is the
 * deparser's, and formatting takes a few milliseconds a statement.
 */
import { format } from 'sql-formatter';

/** Formats SQL for display; returns it unchanged when the formatter cannot read it. */
export function formatSql(sql: string): string {
  try {
    return format(sql, { language: 'postgresql', keywordCase: 'upper', tabWidth: 2 });
  } catch {
    return sql;
  }
}
