/**
 * Data policy as any LSP client sees it. A copy of the demo workspace (policy, schema, seed rows and
 * analyst queries) is opened in the built server, with the preview session in the initialization
 * options as an editor sends it: "Preview as" code lenses, the preview with masked rows from the
 * embedded Postgres, a session changed by notification, SQL diagnostics at exact positions (a
 * cross-tenant join, a PII literal, refused statements, a syntax error), and policy-file
 * diagnostics, hover and completion as the file is typed. Prints one line per check and
 * "N passed, N failed".
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { check, runChecks } from '../checks';
import { positionOf, startServer } from '../lspServer';

interface PreviewResult {
  role: string;
  text: string;
  statements: { original: string; rewritten: string | null; refused: { reason: string; code: string } | null; rows?: Record<string, unknown>[] }[];
}

async function main(): Promise<void> {
  const repo = path.join(__dirname, '..', '..', '..');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cartograph-policy-lsp-'));
  fs.cpSync(path.join(repo, 'examples'), root, { recursive: true });
  const server = startServer({ trace: process.env.POLICY_TRACE !== undefined });
  const { connection } = server;
  const file = (...parts: string[]): { uri: string; text: string; path: string } => {
    const full = path.join(root, 'data', ...parts);
    return { uri: `file://${full}`, text: fs.readFileSync(full, 'utf8'), path: full };
  };
  try {
    // Attributes as a client may send them: numbers as well as strings.
    await server.initialize(root, { preview: { role: 'Analyst', attributes: { org_id: 1, region: 'eu-west' } } });

    // ---- the preview --------------------------------------------------------------------------
    const revenue = file('queries', 'revenue_by_customer.sql');
    server.open(revenue.uri, 'sql', revenue.text);
    const lenses = await connection.sendRequest<{ range: { start: { line: number } }; command?: { title: string; command: string; arguments?: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri: revenue.uri } });
    check(lenses.length === 3 && lenses.every((l) => /Preview as Analyst/.test(l.command?.title ?? '')), 'a "Preview as Analyst" code lens on each of the three statements', JSON.stringify(lenses.map((l) => l.command?.title)));
    check(lenses[1]?.range.start.line === positionOf(revenue.text, 'SELECT c.id, c.name, c.region').line, 'each lens stands on its statement', JSON.stringify(lenses.map((l) => l.range.start.line)));
    check(lenses[0]?.command?.command === 'cartograph.previewStatement' && JSON.stringify(lenses[0].command.arguments) === JSON.stringify([revenue.uri, 0]), 'the lens runs the preview of its statement', JSON.stringify(lenses[0]?.command));

    const preview = await connection.sendRequest<PreviewResult>('cartograph/policyPreview', { uri: revenue.uri });
    const [first] = preview.statements;
    check(preview.role === 'Analyst' && preview.statements.length === 3, 'the preview runs as the role of the initialization options', `${preview.role}, ${preview.statements.length}`);
    check(/c\.org_id = '1'/.test(first?.rewritten ?? '') && /c\.region = 'eu-west'/.test(first?.rewritten ?? ''), 'its attributes are bound into the row filters', first?.rewritten ?? JSON.stringify(first?.refused));
    check(
      JSON.stringify(first?.rows?.map((r) => [r.name, r.email])) === JSON.stringify([['Northgate Pharmacy', '**********************mple'], ['Harbour Cafés', '******************mple']]),
      'the rows come from the embedded Postgres, filtered to the tenant and region, e-mail masked',
      JSON.stringify(first?.rows),
    );
    check(/row filter customers\.own_region/.test(preview.text) && /mask customers\.email: partial\(4\)/.test(preview.text), 'the readable preview lists the filters and masks applied', preview.text.slice(0, 400));
    check(/why: Analysts work on the customers of their own region\. — for Analyst: Analyst is listed; Analyst is not exempt \(exempt: Admin\)/.test(preview.text), 'and why each applies to the session', preview.text);

    const one = await connection.sendRequest<PreviewResult>('cartograph/policyPreview', { uri: revenue.uri, statement: 2 });
    check(one.statements.length === 1 && /WITH large AS/.test(one.statements[0].original), 'a lens previews its statement alone', JSON.stringify(one.statements.map((s) => s.original.slice(0, 30))));

    void connection.sendNotification('cartograph/setPreviewSession', { role: 'Owner', attributes: {} });
    const owner = await connection.sendRequest<PreviewResult>('cartograph/policyPreview', { uri: revenue.uri, statement: 0 });
    const ownerRows = owner.statements[0]?.rows ?? [];
    check(owner.role === 'Owner' && !/org_id = '/.test(owner.statements[0]?.rewritten ?? "org_id = '"), 'a session sent later changes the role: Owner reads every tenant', owner.statements[0]?.rewritten ?? '');
    check(ownerRows.length > (first?.rows?.length ?? 0) && ownerRows.every((r) => typeof r.email === 'string' && (r.email as string).includes('@')), 'and sees more rows, e-mail in clear', JSON.stringify(ownerRows));

    // ---- SQL diagnostics ----------------------------------------------------------------------
    void connection.sendNotification('cartograph/setPreviewSession', { role: 'Analyst', attributes: { org_id: '1', region: 'eu-west' } });
    const risky = file('queries', 'risky.sql');
    server.open(risky.uri, 'sql', risky.text);
    const riskyDiagnostics = await server.diagnosticsWhere(risky.uri, (d) => d.some((x) => x.code === 'CG-SQL-PII'));
    const byCode = (code: string): NonNullable<typeof riskyDiagnostics> => (riskyDiagnostics ?? []).filter((d) => d.code === code);
    const pii = byCode('CG-SQL-PII')[0];
    const email = positionOf(risky.text, 'orders@harbour.example');
    check(
      pii !== undefined && pii.range.start.line === email.line && pii.range.start.character === email.character && pii.range.end.character === email.character + 'orders@harbour.example'.length,
      'an e-mail address in the query is a PII diagnostic on exactly its characters',
      JSON.stringify(pii),
    );
    const refused = byCode('CG-SQL-REFUSED');
    check(refused.some((d) => d.range.start.line === positionOf(risky.text, 'COPY customers').line && /COPY/.test(d.message)), 'COPY is refused where it stands', JSON.stringify(refused));
    check(refused.some((d) => d.range.start.line === positionOf(risky.text, 'pg_read_file').line && /pg_read_file/.test(d.message)), 'a function with side effects is refused, naming it', JSON.stringify(refused));
    check(byCode('CG-SQL-CROSS-TENANT').length === 0, "the join that does not match tenants is safe for Analyst, whose filters pin both tables to one tenant", JSON.stringify(byCode('CG-SQL-CROSS-TENANT')));
    // With no role picked, every role is checked: Owner sees every tenant, so the join can mix them.
    void connection.sendNotification('cartograph/setPreviewSession', { attributes: {} });
    const everyRole = await server.diagnosticsWhere(risky.uri, (d) => d.some((x) => x.code === 'CG-SQL-CROSS-TENANT'));
    const cross = (everyRole ?? []).filter((d) => d.code === 'CG-SQL-CROSS-TENANT');
    const join = { from: positionOf(risky.text, 'SELECT c.name, i.amount').line, to: positionOf(risky.text, 'JOIN invoices i').line };
    check(cross.length === 1 && cross[0].range.start.line >= join.from && cross[0].range.start.line <= join.to, 'with no role picked, the same join is a cross-tenant diagnostic', JSON.stringify(cross));
    check(/Owner/.test(cross[0]?.message ?? ''), 'naming the roles it concerns (Owner sees every tenant)', cross[0]?.message);
    void connection.sendNotification('cartograph/setPreviewSession', { role: 'Analyst', attributes: { org_id: '1', region: 'eu-west' } });

    // A statement typed half-way: a syntax error where Postgres stopped, the other statements still checked.
    const broken = risky.text.replace("COPY customers TO '/tmp/customers.csv';", 'SELECT name FROM customers WHERE (;');
    server.change(risky.uri, 2, broken);
    const syntax = await server.diagnosticsWhere(risky.uri, (d) => d.some((x) => x.code === 'CG-SQL-SYNTAX'));
    const error = syntax?.find((x) => x.code === 'CG-SQL-SYNTAX');
    const at = positionOf(broken, 'WHERE (;', 'WHERE ('.length);
    check(error !== undefined && error.range.start.line === at.line && error.range.start.character === at.character, 'a statement that does not parse is a syntax error where Postgres stopped', JSON.stringify(error));
    check((syntax ?? []).some((x) => x.code === 'CG-SQL-PII') && (syntax ?? []).some((x) => /pg_read_file/.test(x.message)), 'and the statements around it are still checked', JSON.stringify(syntax?.map((d) => d.code)));

    // ---- the policy file ----------------------------------------------------------------------
    const policy = file('northwind.policy.hcl');
    server.open(policy.uri, 'cartograph-policy', policy.text);
    const clean = await server.diagnosticsWhere(policy.uri, () => true, 5_000);
    check((clean ?? []).filter((d) => d.severity === 1).length === 0, 'the demo policy has no errors', JSON.stringify(clean));
    // The customers table's phone mask (the users table has one of its own, above it).
    const customersAt = policy.text.indexOf('table "customers"');
    const typo = policy.text.slice(0, customersAt) + policy.text.slice(customersAt).replace('mask "phone"', 'mask "phnoe"');
    server.change(policy.uri, 2, typo);
    const unknown = await server.diagnosticsWhere(policy.uri, (d) => d.some((x) => x.code === 'CG-POLICY-UNKNOWN-COLUMN'));
    const column = unknown?.find((x) => x.code === 'CG-POLICY-UNKNOWN-COLUMN');
    const phnoe = positionOf(typo, '"phnoe"');
    check(column !== undefined && column.range.start.line === phnoe.line && /phnoe/.test(column.message), 'a mask on a column the schema does not have is an error on its name, as typed', JSON.stringify(column));
    const phones = (result: PreviewResult): unknown[] => (result.statements[0]?.rows ?? []).map((r) => r.phone);
    check(phones(one).length > 0 && phones(one).every((p) => p === '***'), 'the phone numbers of the third statement are masked for Analyst', JSON.stringify(phones(one)));
    const afterTypo = await connection.sendRequest<PreviewResult>('cartograph/policyPreview', { uri: revenue.uri, statement: 2 });
    check(phones(afterTypo).length > 0 && phones(afterTypo).every((p) => typeof p === 'string' && p !== '***'), 'the preview follows the policy as typed: the misspelt mask masks nothing', JSON.stringify(phones(afterTypo)));

    // Half-typed: a block left open. Nothing is previewed with part of a policy, and it comes back when fixed.
    const unclosed = typo.replace(/(mask "phnoe" \{[^}]*)\}/, '$1');
    server.change(policy.uri, 3, unclosed);
    const halfTyped = await connection.sendRequest<PreviewResult>('cartograph/policyPreview', { uri: revenue.uri, statement: 0 });
    check(halfTyped.statements[0]?.rewritten === null && /northwind\.policy\.hcl does not parse/.test(halfTyped.statements[0]?.refused?.reason ?? ''), 'while the policy file does not parse, nothing is previewed', JSON.stringify(halfTyped.statements[0]?.refused));
    server.change(policy.uri, 4, typo);
    const fixed = await connection.sendRequest<PreviewResult>('cartograph/policyPreview', { uri: revenue.uri, statement: 0 });
    check(fixed.statements[0]?.rewritten !== null, 'and previews come back when it parses again', JSON.stringify(fixed.statements[0]?.refused));

    const hover = await connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: policy.uri }, position: positionOf(typo, 'row_filter "own_region"', 'row_filter "'.length) });
    const hoverText = hover?.contents.value ?? '';
    check(/region = \{region\}/.test(hoverText) && /Analyst/.test(hoverText) && /Admin/.test(hoverText), 'hover on a row filter explains it and whom it applies to', hoverText);

    const sqlHover = await connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: revenue.uri }, position: positionOf(revenue.text, 'FROM customers c', 'FROM cus'.length) });
    const sqlHoverText = sqlHover?.contents.value ?? '';
    check(/\*\*table `customers`\*\*/.test(sqlHoverText) && /As \*\*Analyst\*\*/.test(sqlHoverText) && /row filter `own_region`/.test(sqlHoverText), "hover on a table in a query shows what the preview role may see of it", sqlHoverText);

    const inList = positionOf(typo, 'exempt      = ["', 'exempt      = ["'.length, typo.indexOf('row_filter "own_region"'));
    const complete = async (uri: string, position: { line: number; character: number }, triggerCharacter?: string): Promise<string[]> => {
      const context = triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 };
      const result = await connection.sendRequest<{ items: { label: string }[] } | { label: string }[] | null>('textDocument/completion', { textDocument: { uri }, position, context });
      return (Array.isArray(result) ? result : (result?.items ?? [])).map((i) => i.label);
    };
    const labels = await complete(policy.uri, inList, '"');
    check(['Owner', 'Admin', 'Analyst', 'ServiceAccount', 'Support'].every((r) => labels.includes(r)), 'typing the quote of a role list offers the roles, declared and predeclared', JSON.stringify(labels));
    const placeholder = positionOf(typo, '{region}', 1);
    const placeholders = await complete(policy.uri, placeholder, '{');
    check(placeholders.includes('region') && placeholders.includes('org_id'), 'typing `{` in a row filter offers the placeholders', JSON.stringify(placeholders));
    const terraformFile = path.join(root, 'terraform', 'compute.tf');
    const terraformText = fs.readFileSync(terraformFile, 'utf8');
    server.open(`file://${terraformFile}`, 'terraform', terraformText);
    const quoted = await complete(`file://${terraformFile}`, positionOf(terraformText, 'instance_type', 'instance_type'.length), '"');
    check(quoted.length === 0, 'a quote typed in Terraform offers nothing', JSON.stringify(quoted.slice(0, 5)));

    check(server.child.exitCode === null, 'the server is still running');
    await server.stop();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

runChecks(main);
