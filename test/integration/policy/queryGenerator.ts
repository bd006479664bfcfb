/**
 * Generates analyst queries over the demo schema (examples/data/schema.sql) for the differential
 * test: single tables, inner and outer joins, IN and EXISTS subqueries, derived tables, CTEs,
 * UNION/INTERSECT/EXCEPT, aggregates with GROUP BY and HAVING, scalar subqueries, DISTINCT,
 * SELECT *, and masked columns read in every clause. Deterministic for a seed.
 */

export type Random = () => number;

/** mulberry32: small, fast and deterministic. */
export function random(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type ColumnKind = 'int' | 'text' | 'num' | 'date';

interface TableShape {
  name: string;
  alias: string;
  tenant: string;
  columns: Record<string, ColumnKind>;
}

const tables: TableShape[] = [
  { name: 'organizations', alias: 'o', tenant: 'id', columns: { id: 'int', name: 'text', plan: 'text', region: 'text' } },
  { name: 'users', alias: 'u', tenant: 'org_id', columns: { id: 'int', org_id: 'int', email: 'text', full_name: 'text', phone: 'text', department: 'text', region: 'text' } },
  { name: 'customers', alias: 'c', tenant: 'org_id', columns: { id: 'int', org_id: 'int', name: 'text', email: 'text', phone: 'text', region: 'text', segment: 'text' } },
  { name: 'invoices', alias: 'i', tenant: 'org_id', columns: { id: 'int', org_id: 'int', customer_id: 'int', amount: 'num', status: 'text', issued_on: 'date' } },
  { name: 'payments', alias: 'p', tenant: 'org_id', columns: { id: 'int', org_id: 'int', invoice_id: 'int', card_number: 'text', amount: 'num', paid_on: 'date' } },
  { name: 'agent_runs', alias: 'a', tenant: 'org_id', columns: { id: 'int', org_id: 'int', agent_id: 'text', framework: 'text', user_id: 'int', prompt: 'text', tokens: 'int' } },
];

/** Foreign keys: child table, child column, parent table. */
const links: [string, string, string][] = [
  ['users', 'org_id', 'organizations'],
  ['customers', 'org_id', 'organizations'],
  ['invoices', 'customer_id', 'customers'],
  ['payments', 'invoice_id', 'invoices'],
  ['agent_runs', 'user_id', 'users'],
];

const textValues = ['eu-west', 'eu-central', 'finance', 'sales', 'paid', 'open', 'smb', 'enterprise', 'langgraph', 'crewai', 'forecast-bot', 'team'];

export class QueryGenerator {
  private counter = 0;

  constructor(private readonly next: Random) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  private chance(p: number): boolean {
    return this.next() < p;
  }

  private table(name?: string): TableShape {
    return name ? (tables.find((t) => t.name === name) as TableShape) : this.pick(tables);
  }

  private alias(table: TableShape): string {
    this.counter++;
    return `${table.alias}${this.counter % 10}`;
  }

  private columns(table: TableShape, kind?: ColumnKind): string[] {
    return Object.entries(table.columns)
      .filter(([, k]) => kind === undefined || k === kind)
      .map(([c]) => c);
  }

  private someColumns(table: TableShape, alias: string, max = 3): string[] {
    const all = this.columns(table);
    const count = 1 + Math.floor(this.next() * Math.min(max, all.length));
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add(this.pick(all));
    return [...chosen].map((c) => `${alias}.${c}`);
  }

  /** A condition on one table's columns, masked ones included. */
  predicate(table: TableShape, alias: string): string {
    const column = this.pick(this.columns(table));
    const kind = table.columns[column];
    const ref = `${alias}.${column}`;
    switch (kind) {
      case 'int':
        return this.pick([`${ref} > ${Math.floor(this.next() * 200)}`, `${ref} % 2 = 0`, `${ref} IS NOT NULL`, `${ref} BETWEEN 1 AND ${Math.floor(this.next() * 3000)}`]);
      case 'num':
        return this.pick([`${ref} > ${Math.floor(this.next() * 5000)}`, `round(${ref}) < 3000`]);
      case 'date':
        return this.pick([`${ref} >= DATE '2024-04-1${Math.floor(this.next() * 9)}'`, `date_trunc('month', ${ref}) = DATE '2024-04-01'`]);
      case 'text':
        return this.pick([
          `${ref} = '${this.pick(textValues)}'`,
          `${ref} LIKE '%${this.pick(['a', 'e', '*', '1', '.example'])}%'`,
          `${ref} IS NULL`,
          `length(${ref}) > ${Math.floor(this.next() * 20)}`,
          `lower(${ref}) <> 'x'`,
          `coalesce(${ref}, 'none') <> 'none'`,
        ]);
    }
  }

  private where(table: TableShape, alias: string): string {
    if (!this.chance(0.6)) return '';
    const first = this.predicate(table, alias);
    if (this.chance(0.3)) return ` WHERE ${first} ${this.pick(['AND', 'OR'])} ${this.predicate(table, alias)}`;
    return ` WHERE ${first}`;
  }

  /** A join condition between two aliases of linked tables, with their tenants matched. */
  private joinOn(child: TableShape, childAlias: string, column: string, parent: TableShape, parentAlias: string): string {
    // Some joins leave the tenants unmatched: a role limited to one tenant may run them, a role that
    // sees every tenant must be refused.
    if (this.chance(0.12)) return `${childAlias}.${column} = ${parentAlias}.id`;
    return `${childAlias}.${column} = ${parentAlias}.id AND ${childAlias}.${child.tenant} = ${parentAlias}.${parent.tenant}`;
  }

  /** Two linked tables (a child with a column naming its parent's id), each with an alias of its own. */
  private link(): { child: TableShape; column: string; parent: TableShape; ca: string; pa: string } {
    const [childName, column, parentName] = this.pick(links);
    const child = this.table(childName);
    const parent = this.table(parentName);
    return { child, column, parent, ca: this.alias(child), pa: this.alias(parent) };
  }

  single(): string {
    const t = this.table();
    const a = this.alias(t);
    const select = this.chance(0.2) ? '*' : this.someColumns(t, a, 4).join(', ');
    const distinct = this.chance(0.15) ? 'DISTINCT ' : '';
    const order = this.chance(0.2) ? ` ORDER BY ${a}.id LIMIT ${1 + Math.floor(this.next() * 5)}` : '';
    return `SELECT ${distinct}${select} FROM ${t.name} ${a}${this.where(t, a)}${order}`;
  }

  join(): string {
    const { child, column, parent, ca, pa } = this.link();
    const type = this.pick(['JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN', 'JOIN']);
    const [first, firstAlias, second, secondAlias] = this.chance(0.5) ? [child, ca, parent, pa] : [parent, pa, child, ca];
    const select = this.chance(0.15) ? '*' : [...this.someColumns(first, firstAlias), ...this.someColumns(second, secondAlias)].join(', ');
    const where = this.chance(0.5) ? ` WHERE ${this.predicate(this.chance(0.5) ? first : second, this.chance(0.5) ? firstAlias : secondAlias).replace(/^(\w+)\./, (m) => m)}` : '';
    // The predicate above may name the other alias's table; keep it consistent.
    const fixedWhere = where.includes(`${firstAlias}.`) || where.includes(`${secondAlias}.`) ? where : '';
    return `SELECT ${select} FROM ${first.name} ${firstAlias} ${type} ${second.name} ${secondAlias} ON ${this.joinOn(child, ca, column, parent, pa)}${this.consistent(fixedWhere, first, firstAlias, second, secondAlias)}`;
  }

  /** Drops a WHERE whose column does not belong to the alias it names. */
  private consistent(where: string, a: TableShape, aa: string, b: TableShape, ba: string): string {
    const match = /(\w+)\.(\w+)/.exec(where);
    if (!match) return where;
    const table = match[1] === aa ? a : match[1] === ba ? b : undefined;
    return table && match[2] in table.columns ? where : '';
  }

  threeWayJoin(): string {
    const c = this.alias(this.table('customers'));
    const i = this.alias(this.table('invoices'));
    const p = this.alias(this.table('payments'));
    const type = this.pick(['JOIN', 'LEFT JOIN']);
    return (
      `SELECT ${c}.name, ${c}.email, ${i}.amount, ${p}.card_number FROM customers ${c} ` +
      `JOIN invoices ${i} ON ${i}.customer_id = ${c}.id AND ${i}.org_id = ${c}.org_id ` +
      `${type} payments ${p} ON ${p}.invoice_id = ${i}.id AND ${p}.org_id = ${i}.org_id${this.where(this.table('customers'), c)}`
    );
  }

  inSubquery(): string {
    const { child, column, parent, ca, pa } = this.link();
    const not = this.chance(0.3) ? 'NOT ' : '';
    return `SELECT ${this.someColumns(child, ca).join(', ')} FROM ${child.name} ${ca} WHERE ${ca}.${column} ${not}IN (SELECT ${pa}.id FROM ${parent.name} ${pa}${this.where(parent, pa)})`;
  }

  exists(): string {
    const { child, column, parent, ca, pa } = this.link();
    const extra = this.chance(0.5) ? ` AND ${this.predicate(child, ca)}` : '';
    const not = this.chance(0.3) ? 'NOT ' : '';
    return `SELECT ${this.someColumns(parent, pa).join(', ')} FROM ${parent.name} ${pa} WHERE ${not}EXISTS (SELECT 1 FROM ${child.name} ${ca} WHERE ${this.joinOn(child, ca, column, parent, pa)}${extra})`;
  }

  derived(): string {
    const t = this.table();
    const a = this.alias(t);
    const cols = this.someColumns(t, a, 4);
    const names = cols.map((c) => c.split('.')[1]);
    const outer = this.chance(0.5) ? ` WHERE x.${this.pick(names)} IS NOT NULL` : '';
    return `SELECT ${this.chance(0.3) ? '*' : names.map((n) => `x.${n}`).join(', ')} FROM (SELECT ${cols.join(', ')} FROM ${t.name} ${a}${this.where(t, a)}) x${outer}`;
  }

  cte(): string {
    const { child, column, parent, ca, pa } = this.link();
    const childCols = [...new Set([`${ca}.${column}`, `${ca}.${child.tenant}`, ...this.someColumns(child, ca)])];
    const names = childCols.map((c) => c.split('.')[1]);
    const join = this.chance(0.6);
    if (!join) return `WITH x AS (SELECT ${childCols.join(', ')} FROM ${child.name} ${ca}${this.where(child, ca)}) SELECT ${names.map((n) => `x.${n}`).join(', ')} FROM x`;
    return (
      `WITH x AS (SELECT ${childCols.join(', ')} FROM ${child.name} ${ca}${this.where(child, ca)}) ` +
      `SELECT ${names.map((n) => `x.${n}`).join(', ')}, ${this.someColumns(parent, pa).join(', ')} FROM x ${this.pick(['JOIN', 'LEFT JOIN'])} ${parent.name} ${pa} ON x.${column} = ${pa}.id AND x.${child.tenant} = ${pa}.${parent.tenant}`
    );
  }

  setOperation(): string {
    const textColumn = (t: TableShape): string => this.pick(this.columns(t, 'text'));
    const t1 = this.table();
    const t2 = this.table();
    const a1 = this.alias(t1);
    const a2 = this.alias(t2);
    const op = this.pick(['UNION', 'UNION ALL', 'INTERSECT', 'EXCEPT']);
    return `SELECT ${a1}.${textColumn(t1)} FROM ${t1.name} ${a1}${this.where(t1, a1)} ${op} SELECT ${a2}.${textColumn(t2)} FROM ${t2.name} ${a2}${this.where(t2, a2)}`;
  }

  aggregate(): string {
    const t = this.table();
    const a = this.alias(t);
    const group = this.pick(this.columns(t));
    const measure = this.pick(this.columns(t));
    const having = this.chance(0.3) ? ` HAVING count(*) > ${Math.floor(this.next() * 3)}` : '';
    const fn = this.pick(['max', 'min', 'count']);
    return `SELECT ${a}.${group}, count(*) AS n, ${fn}(${a}.${measure}) AS m FROM ${t.name} ${a}${this.where(t, a)} GROUP BY ${a}.${group}${having}`;
  }

  joinAggregate(): string {
    const c = this.alias(this.table('customers'));
    const i = this.alias(this.table('invoices'));
    const key = this.pick(['email', 'region', 'segment', 'phone', 'name']);
    return `SELECT ${c}.${key}, sum(${i}.amount) AS total, count(${i}.id) AS n FROM customers ${c} LEFT JOIN invoices ${i} ON ${i}.customer_id = ${c}.id AND ${i}.org_id = ${c}.org_id GROUP BY ${c}.${key} ORDER BY ${c}.${key}`;
  }

  scalarSubquery(): string {
    const { child, column, parent, ca, pa } = this.link();
    return `SELECT ${pa}.id, ${this.someColumns(parent, pa, 2).join(', ')}, (SELECT count(*) FROM ${child.name} ${ca} WHERE ${this.joinOn(child, ca, column, parent, pa)}) AS children FROM ${parent.name} ${pa}`;
  }

  /** A LATERAL subquery per row of the parent, correlated with it (on the tenant key, most of the time). */
  lateral(): string {
    const { child, column, parent, ca, pa } = this.link();
    const [join, on] = this.pick([
      ['CROSS JOIN LATERAL', ''],
      ['LEFT JOIN LATERAL', ' ON true'],
    ]);
    return `SELECT ${pa}.id, ${this.someColumns(parent, pa, 2).join(', ')}, x.n, x.top FROM ${parent.name} ${pa} ${join} (SELECT count(*) AS n, max(${ca}.id) AS top FROM ${child.name} ${ca} WHERE ${this.joinOn(child, ca, column, parent, pa)}) x${on}`;
  }

  functions(): string {
    const t = this.table(this.pick(['customers', 'users', 'payments', 'agent_runs']));
    const a = this.alias(t);
    const text = this.columns(t, 'text');
    const c1 = this.pick(text);
    const c2 = this.pick(text);
    return `SELECT upper(${a}.${c1}) AS u, length(${a}.${c2}) AS l, coalesce(${a}.${c1}, '-') || '/' || ${a}.${c2} AS j FROM ${t.name} ${a} ORDER BY ${a}.${c1}, ${a}.id`;
  }

  /** Window functions, partitioned and ordered by any column (masked ones read masked). */
  window(): string {
    const t = this.table();
    const a = this.alias(t);
    const by = this.pick(this.columns(t));
    const fn = this.pick(['row_number()', 'rank()', `count(*)`, `lag(${a}.id)`]);
    return `SELECT ${a}.id, ${a}.${by}, ${fn} OVER (PARTITION BY ${a}.${by} ORDER BY ${a}.id) AS w FROM ${t.name} ${a}${this.where(t, a)}`;
  }

  /** A derived table whose rows are chosen by a correlated IN or EXISTS on a linked table. */
  nested(): string {
    const { child, column, parent, ca, pa } = this.link();
    const inner = this.chance(0.5)
      ? `${pa}.id IN (SELECT ${ca}.${column} FROM ${child.name} ${ca} WHERE ${ca}.${child.tenant} = ${pa}.${parent.tenant}${this.chance(0.5) ? ` AND ${this.predicate(child, ca)}` : ''})`
      : `NOT EXISTS (SELECT 1 FROM ${child.name} ${ca} WHERE ${this.joinOn(child, ca, column, parent, pa)})`;
    const cols = [...new Set([`${pa}.id`, ...this.someColumns(parent, pa)])];
    const names = cols.map((c) => c.split('.')[1]);
    return `SELECT ${names.map((n) => `x.${n}`).join(', ')} FROM (SELECT ${cols.join(', ')} FROM ${parent.name} ${pa} WHERE ${inner}) x`;
  }

  /** CASE, COALESCE and DISTINCT ON over a text column, masked or not. */
  conditional(): string {
    const t = this.table();
    const a = this.alias(t);
    const text = this.pick(this.columns(t, 'text'));
    const other = this.pick(this.columns(t));
    if (this.chance(0.5)) {
      return `SELECT DISTINCT ON (${a}.${text}) ${a}.${text}, ${a}.id FROM ${t.name} ${a}${this.where(t, a)} ORDER BY ${a}.${text}, ${a}.id`;
    }
    return `SELECT ${a}.id, CASE WHEN ${a}.${text} LIKE '%e%' THEN 'e' WHEN ${a}.${text} IS NULL THEN coalesce(${a}.${other}::text, '-') ELSE ${a}.${text} END AS v FROM ${t.name} ${a}`;
  }

  /** GROUP BY a column, with HAVING on an aggregate of another (masked columns grouped masked). */
  grouped(): string {
    const t = this.table();
    const a = this.alias(t);
    const group = this.pick(this.columns(t, 'text'));
    const measure = this.pick(this.columns(t));
    return `SELECT ${a}.${group}, count(DISTINCT ${a}.${measure}) AS d, max(${a}.${measure}::text) AS m FROM ${t.name} ${a} GROUP BY ${a}.${group} HAVING count(*) >= 1 ORDER BY ${a}.${group}`;
  }

  /** ORDER BY a column that may be masked, then LIMIT (the id breaks ties, so the rows are determined). */
  limited(): string {
    const t = this.table();
    const a = this.alias(t);
    const by = this.pick(this.columns(t));
    return `SELECT ${a}.id, ${a}.${by} FROM ${t.name} ${a}${this.where(t, a)} ORDER BY ${a}.${by} ${this.pick(['ASC', 'DESC'])} NULLS FIRST, ${a}.id LIMIT ${1 + Math.floor(this.next() * 4)}`;
  }

  /** A scalar subquery that reads a linked table's text columns (masked ones among them). */
  scalarText(): string {
    const { child, column, parent, ca, pa } = this.link();
    const text = this.pick(this.columns(child, 'text'));
    return `SELECT ${pa}.id, (SELECT max(${ca}.${text}) FROM ${child.name} ${ca} WHERE ${this.joinOn(child, ca, column, parent, pa)}) AS top FROM ${parent.name} ${pa}`;
  }

  /** One query of the wider shapes above (a separate stream, so that \`query()\` stays as it was). */
  widerQuery(): string {
    return this.pick([() => this.window(), () => this.nested(), () => this.conditional(), () => this.grouped(), () => this.limited(), () => this.scalarText()])();
  }

  /** One query of a random shape. */
  query(): string {
    const shapes = [
      () => this.single(),
      () => this.single(),
      () => this.join(),
      () => this.join(),
      () => this.threeWayJoin(),
      () => this.inSubquery(),
      () => this.exists(),
      () => this.derived(),
      () => this.cte(),
      () => this.setOperation(),
      () => this.aggregate(),
      () => this.joinAggregate(),
      () => this.scalarSubquery(),
      () => this.lateral(),
      () => this.functions(),
    ];
    return this.pick(shapes)();
  }
}

/** Seed rows for the test: more tenants, regions and NULLs than the demo's. */
export function generateSeed(next: Random): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const regions = ['eu-west', 'eu-central'];
  const statements: string[] = [];
  const quote = (v: string | null): string => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);
  const rows = (table: string, values: string[]): void => {
    statements.push(`INSERT INTO ${table} VALUES ${values.join(', ')}`);
  };
  rows('organizations', [1, 2, 3, 4].map((id) => `(${id}, 'Org ${id}', ${quote(pick(['team', 'enterprise']))}, ${quote(pick(regions))})`));
  const users: [number, number][] = [];
  const userRows: string[] = [];
  for (let id = 1; id <= 24; id++) {
    const org = 1 + (id % 4);
    users.push([id, org]);
    userRows.push(`(${id}, ${org}, 'user${id}@org${org}.example', 'User ${id}', ${next() < 0.3 ? 'NULL' : quote(`+44 20 7946 ${String(1000 + id)}`)}, ${quote(pick(['finance', 'sales', 'operations']))}, ${quote(pick(regions))})`);
  }
  rows('users', userRows);
  const customers: [number, number][] = [];
  const customerRows: string[] = [];
  for (let id = 100; id < 140; id++) {
    const org = 1 + (id % 4);
    customers.push([id, org]);
    customerRows.push(`(${id}, ${org}, 'Customer ${id}', 'c${id}@shop${id % 7}.example', ${next() < 0.25 ? 'NULL' : quote(`+49 30 ${900000 + id}`)}, ${quote(pick(regions))}, ${quote(pick(['smb', 'mid-market', 'enterprise']))})`);
  }
  rows('customers', customerRows);
  const invoices: [number, number][] = [];
  const invoiceRows: string[] = [];
  for (let id = 1000; id < 1090; id++) {
    const [customer, org] = pick(customers);
    invoices.push([id, org]);
    invoiceRows.push(`(${id}, ${org}, ${customer}, ${(Math.floor(next() * 900000) / 100).toFixed(2)}, ${quote(pick(['paid', 'open', 'void']))}, DATE '2024-0${4 + Math.floor(next() * 2)}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}')`);
  }
  rows('invoices', invoiceRows);
  const paymentRows: string[] = [];
  for (let id = 5000; id < 5050; id++) {
    const [invoice, org] = pick(invoices);
    paymentRows.push(`(${id}, ${org}, ${invoice}, ${quote(pick(['4000056655665556', '5200828282828210', '4000002500003155', '6011000990139424']))}, ${(Math.floor(next() * 900000) / 100).toFixed(2)}, DATE '2024-05-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}')`);
  }
  rows('payments', paymentRows);
  const runRows: string[] = [];
  for (let id = 1; id <= 30; id++) {
    const [user, org] = pick(users);
    runRows.push(`(${id}, ${org}, ${quote(pick(['forecast-bot', 'support-triage']))}, ${quote(pick(['langgraph', 'crewai']))}, ${next() < 0.2 ? 'NULL' : user}, ${quote(`prompt ${id} about customer c${100 + id}@shop.example`)}, ${Math.floor(next() * 9000)})`);
  }
  rows('agent_runs', runRows);
  return statements;
}
