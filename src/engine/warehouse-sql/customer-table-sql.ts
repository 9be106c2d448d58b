/**
 * The customer table as SQL steps, with the definitions of customers/build-customer-table.ts (read
 * its header comment): the role mapping, the order filters in their order, duplicates, refunds,
 * the analysis date, and one row per customer (prospects from the customers table included) with
 * the default metrics. Day arithmetic is on day numbers; sums are over doubles.
 */
import type { ColumnType } from '../dataset/types.ts';
import type { CustomersCell } from '../notebook/cells.ts';
import type { CustomerTableDefinition, RoleSource } from '../customers/types.ts';
import { numberLiteral, textLiteral } from './formula-sql.ts';
import { compileForExport, type ScopeColumn, type ScriptBuilder } from './script-builder.ts';
import { WarehouseSqlError } from './warehouse-sql-error.ts';

/** The customer table's columns (name and type), in order, as the app builds them. */
export interface CustomerColumns {
  columns: { name: string; type: ColumnType }[];
  /** The step holding them. */
  step: string;
}

/** What the customer table's steps need besides the cell. */
export interface CustomerTableSqlOptions {
  /** The orders, items and customers tables as the script names them (default: the cell's source names). */
  tables: { orders: string; items?: string; customers?: string };
  /** Source tables' column types (by table name), needed only for roles played by a formula. */
  sourceColumns?: Readonly<Record<string, readonly { name: string; type: ColumnType }[]>>;
  /** The order time's type: `date`, or `datetime` (wall-clock). Default `date`. */
  timeType: 'date' | 'datetime';
  /** A column giving the orders table's row order, overriding the dialect's row position. */
  rowOrder?: string;
}

type OrderRole = keyof CustomerTableDefinition['roles'];

/** Adds the steps from the raw orders table to `customer_table`; returns its columns. */
export function addCustomerTableSteps(builder: ScriptBuilder, cell: CustomersCell, options: CustomerTableSqlOptions): CustomerColumns {
  const d = builder.dialect;
  const id = (name: string) => d.ident(name);
  const definition = cell.definition;
  const roles = definition.roles ?? ({} as CustomerTableDefinition['roles']);
  const subject = `customer table ${cell.resultName}`;
  const preset = definition.preset ?? 'default';
  if (preset !== 'default' && preset !== 'lifetimes') throw new WarehouseSqlError(subject, `unknown preset "${String(preset)}".`);
  for (const role of ['customer', 'time'] as const) if (!roles[role]) throw new WarehouseSqlError(subject, `the ${role} role is not mapped.`);
  if (definition.productMetrics?.length) {
    const names = definition.productMetrics.map((m) => m.name).join(', ');
    throw new WarehouseSqlError(subject, `its product metrics (${names}, made by an analysis) cannot be written as SQL yet; remove them (and the tags that use them) to export.`);
  }
  if (!roles.amount && !(roles.quantity && roles.unitPrice)) throw new WarehouseSqlError(subject, 'map the amount role (or both quantity and unit price).');
  const metricOptions = definition.metrics ?? {};
  const ordersVariant = metricOptions.orders ?? 'orders';
  const revenueVariant = metricOptions.revenue ?? 'net-of-refunds';
  const includeFirst = metricOptions.includeFirstPurchase ?? true;
  const orderRows = definition.orderRows ?? 'one-per-order';
  const filters = definition.filters ?? {};
  const rule = definition.refunds ?? { kind: 'negative' };

  // A role's SQL over the source table aliased `alias`: a column, or a row formula over its columns.
  const roleSql = (table: string, alias: string, role: string, source: RoleSource, want: 'key' | 'number' | 'time' | 'bool'): string => {
    if (typeof source === 'string') {
      const column = `${alias}.${id(source)}`;
      if (want === 'key') return d.toText(column);
      if (want === 'number') return d.toReal(column);
      return column;
    }
    const columns = options.sourceColumns?.[table];
    if (!columns) {
      throw new WarehouseSqlError(subject, `the ${role} role is the formula "${source.formula}"; pass the ${table} table's column types (sourceColumns) to export it.`);
    }
    const scope: ScopeColumn[] = columns.map((c) => ({ name: c.name, type: c.type, from: 'row' }));
    const out = compileForExport(builder, source.formula, scope, [], `${subject}, ${role} role`, alias, null);
    if (out.root.type === 'date' && want === 'time') return out.sql;
    if (want === 'key') return out.root.type === 'text' ? out.sql : d.toText(out.sql);
    if (want === 'number') return d.toReal(out.sql);
    return out.sql;
  };

  // 1. The mapping block: each role under its own name.
  const orders = options.tables.orders;
  const mapped: string[] = [];
  const mappedRoles = new Set<string>();
  const role = (name: OrderRole, want: 'key' | 'number' | 'time', as: string, note: string) => {
    const source = roles[name];
    if (!source) return;
    mapped.push(`${roleSql(orders, 'o', name, source, want)} AS ${id(as)}, -- ${note}: ${typeof source === 'string' ? source : `formula ${source.formula}`}`);
    mappedRoles.add(as);
  };
  role('customer', 'key', 'customer_id', 'customer id (text)');
  role('time', 'time', 'order_time', `order time (${options.timeType === 'date' ? 'a date' : 'a date-time, wall-clock in the workspace zone'})`);
  mapped.push(`${d.dayNumber(roleSql(orders, 'o', 'time', roles.time, 'time'))} AS ${id('order_day')}, -- the order's civil day, as days since 1970-01-01`);
  if (roles.amount) role('amount', 'number', 'amount', 'amount paid');
  else {
    const q = roleSql(orders, 'o', 'quantity', roles.quantity!, 'number');
    const price = roleSql(orders, 'o', 'unitPrice', roles.unitPrice!, 'number');
    mapped.push(`(${q} * ${price}) AS ${id('amount')}, -- amount paid: quantity × unit price`);
    mappedRoles.add('amount');
  }
  role('order', 'key', 'order_id', 'order id');
  role('coupon', 'number', 'coupon', 'coupon amount');
  role('status', 'key', 'status', 'status');
  role('channel', 'key', 'channel', 'channel');
  if (!definition.itemRoles?.product) role('product', 'key', 'product', 'product');
  if (!definition.itemRoles?.category) role('category', 'key', 'category', 'category');
  role('quantity', 'number', 'quantity', 'quantity');
  if (rule.kind === 'formula') {
    mapped.push(`CASE WHEN ${roleSql(orders, 'o', 'refund rule', { formula: rule.formula }, 'bool')} THEN 1 ELSE 0 END AS ${id('refund_rule')}, -- the refund rule: ${rule.formula.replace(/\s+/g, ' ')}`);
  }
  const rowOrder = options.rowOrder ? `o.${id(options.rowOrder)}` : d.rowPosition ? `o.${d.rowPosition}` : null;
  if (rowOrder) mapped.push(`${rowOrder} AS ${id('row_position')} -- the row's place in the table, which decides the kept copy of a duplicate`);
  else mapped[mapped.length - 1] = mapped[mapped.length - 1].replace(/, -- /, ' -- ');
  builder.add('orders_mapped', ['The column roles: each source column under the name of the role it plays. Edit the left-hand side to map other columns.'], `SELECT\n${mapped.map((m) => `  ${m}`).join('\n')}\nFROM ${d.table(orders)} AS o`);

  // 2. Filters, each row under its first failing test (the app counts and reports them).
  const checks: string[] = ['WHEN customer_id IS NULL THEN \'missing-customer\''];
  const excluded = filters.excludedCustomers ?? [];
  if (excluded.length) checks.push(`WHEN customer_id IN (${excluded.map(textLiteral).join(', ')}) THEN 'excluded-customer'`);
  checks.push("WHEN order_time IS NULL THEN 'missing-time'");
  const from = filters.dateRange?.from;
  const to = filters.dateRange?.to;
  if (from !== undefined || to !== undefined) {
    const tests = [from !== undefined ? `order_day < ${numberLiteral(from, d)}` : '', to !== undefined ? `order_day > ${numberLiteral(to, d)}` : ''].filter(Boolean);
    checks.push(`WHEN ${tests.join(' OR ')} THEN 'outside-date-range'`);
  }
  if (definition.cutoff !== undefined) checks.push(`WHEN order_day > ${numberLiteral(definition.cutoff, d)} THEN 'after-cutoff'`);
  if (filters.channels) {
    if (!roles.channel) throw new WarehouseSqlError(subject, 'filtering by channel needs the channel role.');
    checks.push(`WHEN channel IS NULL${filters.channels.length ? ` OR channel NOT IN (${filters.channels.map(textLiteral).join(', ')})` : ' OR 1 = 1'} THEN 'other-channel'`);
  }
  checks.push("WHEN amount IS NULL THEN 'missing-amount'");
  builder.add(
    'orders_checked',
    ['Order filters, before any metric: the reason a row is left out (NULL = used), its first failing test in this order.'],
    `SELECT\n  m.*,\n  CASE\n${checks.map((c) => `    ${c}`).join('\n')}\n  END AS ${id('exclusion')}\nFROM ${id('orders_mapped')} AS m`,
  );

  // 3. Duplicates, then refunds.
  let copies: string;
  let dedupNote: string;
  if (!roles.order) {
    copies = '1';
    dedupNote = 'Without an order id every row is one order: no duplicates to drop.';
  } else if (orderRows === 'lines') {
    const compared = ['customer_id', 'order_time', 'amount', 'order_id', 'status', 'channel', 'product', 'category', 'coupon', 'quantity'].filter((c) => mappedRoles.has(c));
    copies = `ROW_NUMBER() OVER (PARTITION BY ${compared.map(id).join(', ')} ORDER BY ${rowOrder ? id('row_position') : compared.map(id).join(', ')})`;
    dedupNote = 'Rows are lines of their order: only a line identical in every role to an earlier one is a duplicate.';
  } else {
    if (!rowOrder) builder.warnings.push(`${subject}: ${d.title} tables have no row order, so of two rows with the same order id the script keeps the one with the earliest time (then smallest amount), where the app keeps the first in the file. Pass rowOrder to name a column that gives the file's order.`);
    copies = `ROW_NUMBER() OVER (PARTITION BY ${id('order_id')} ORDER BY ${rowOrder ? id('row_position') : `${id('order_time')}, ${id('amount')}`})`;
    dedupNote = 'One row per order: of rows repeating an order id only the first is kept.';
  }
  const refundTests = ['amount < 0'];
  if (mappedRoles.has('quantity')) refundTests.push('quantity < 0');
  if (rule.kind === 'status') {
    if (!roles.status) throw new WarehouseSqlError(subject, 'refunds by status need the status role.');
    if (rule.values.length) refundTests.push(`status IN (${rule.values.map(textLiteral).join(', ')})`);
  } else if (rule.kind === 'formula') {
    refundTests.push(`${id('refund_rule')} = 1`);
  } else if (rule.kind !== 'negative') {
    throw new WarehouseSqlError(subject, 'the refund rule must be negative, status or formula.');
  }
  const refundSql = `CASE WHEN ${refundTests.join(' OR ')} THEN 1 ELSE 0 END`;
  builder.add('orders_numbered', [dedupNote], `SELECT\n  k.*,\n  ${copies} AS ${id('copy_number')}\nFROM ${id('orders_checked')} AS k\nWHERE k.${id('exclusion')} IS NULL`);
  builder.add(
    'orders_used',
    ['The rows every metric uses. A refund (money given back) is a row with a negative amount, or one the refund rule matches; every other row is a purchase.'],
    `SELECT\n  k.*,\n  ${refundSql} AS ${id('is_refund')}\nFROM ${id('orders_numbered')} AS k\nWHERE ${roles.order ? `k.${id('order_id')} IS NULL OR ` : ''}k.${id('copy_number')} = 1`,
  );

  // 4. The analysis date (and the lifetimes preset's cutoff: the latest used day unless set).
  const asOfDefault = definition.asOf !== undefined ? `${numberLiteral(definition.asOf, d)}, ` : '';
  const asOfParameter = `(SELECT ${d.dayNumber(`p.${id('as_of')}`)} FROM ${id('params')} AS p)`;
  const latestDay = `(SELECT MAX(${id('order_day')}) FROM ${id('orders_used')})`;
  if (preset === 'lifetimes') {
    const cutoff = definition.cutoff !== undefined ? numberLiteral(definition.cutoff, d) : latestDay;
    builder.add(
      'analysis_date',
      ['The calibration cutoff (the latest used day unless set) and as_of: the parameter when set, else the day after the cutoff.'],
      `SELECT\n  x.${id('cutoff_day')},\n  COALESCE(${asOfParameter}, ${asOfDefault}x.${id('cutoff_day')} + 1) AS ${id('as_of_day')}\nFROM (SELECT ${cutoff} AS ${id('cutoff_day')}) AS x`,
    );
  } else {
    builder.add(
      'analysis_date',
      ['as_of: the parameter when set, else the day after the latest used order (never the clock), as a day number.'],
      `SELECT COALESCE(${asOfParameter}, ${asOfDefault}${latestDay} + 1) AS ${id('as_of_day')}`,
    );
  }

  if (preset === 'lifetimes') return addLifetimesSteps(builder, cell);

  // 5. One row per customer: the customers table's ids (prospects) and every id with a used row.
  const idSources = [`SELECT ${id('customer_id')} FROM ${id('orders_used')}`];
  if (options.tables.customers) {
    const source = definition.customerRoles?.customer ?? roles.customer;
    const ids = roleSql(options.tables.customers, 'c', 'customers table id', source, 'key');
    const notExcluded = excluded.length ? ` AND ${ids} NOT IN (${excluded.map(textLiteral).join(', ')})` : '';
    idSources.unshift(`SELECT ${ids} AS ${id('customer_id')} FROM ${d.table(options.tables.customers)} AS c WHERE ${ids} IS NOT NULL${notExcluded}`);
  }
  builder.add(
    'customer_ids',
    [options.tables.customers ? 'Every customer: those of the customers table (with or without a purchase) and those with a used order row.' : 'Every customer with a used order row.'],
    `SELECT DISTINCT ${id('customer_id')} FROM (\n${idSources.map((s) => `  ${s}`).join('\n  UNION ALL\n')}\n) AS ids`,
  );

  // 6. Purchases: first and last, distinct days, and distinct products/categories on the orders table.
  const purchaseColumns = [
    `MIN(${id('order_time')}) AS ${id('first_order_at')}`,
    `MAX(${id('order_time')}) AS ${id('last_order_at')}`,
    `MIN(${id('order_day')}) AS ${id('first_day')}`,
    `MAX(${id('order_day')}) AS ${id('last_day')}`,
    `COUNT(DISTINCT ${id('order_day')}) AS ${id('purchase_days')}`,
  ];
  if (mappedRoles.has('product')) purchaseColumns.push(`COUNT(DISTINCT ${id('product')}) AS ${id('distinct_products')}`);
  if (mappedRoles.has('category')) purchaseColumns.push(`COUNT(DISTINCT ${id('category')}) AS ${id('distinct_categories')}`);
  builder.add(
    'purchases',
    ['Per customer, over purchases only (refunds are not purchases).'],
    `SELECT\n  ${id('customer_id')},\n${purchaseColumns.map((c) => `  ${c}`).join(',\n')}\nFROM ${id('orders_used')}\nWHERE ${id('is_refund')} = 0\nGROUP BY ${id('customer_id')}`,
  );

  // 7. Sums over the counted rows (every used row, or with repeat metrics those after the first purchase day).
  const distinctOrders = orderRows === 'lines' && ordersVariant === 'orders' && roles.order;
  const sumColumns = [
    `SUM(CASE WHEN u.${id('amount')} > 0 THEN u.${id('amount')} ELSE 0 END) AS ${id('gross')}`,
    `SUM(CASE WHEN u.${id('is_refund')} = 1 THEN abs(u.${id('amount')}) ELSE 0 END) AS ${id('refunds')}`,
    `SUM(CASE WHEN u.${id('is_refund')} = 0 THEN 1 ELSE 0 END) AS ${id('purchase_rows')}`,
    `SUM(CASE WHEN u.${id('is_refund')} = 0 THEN u.${id('amount')} ELSE 0 END) AS ${id('paid')}`,
  ];
  if (mappedRoles.has('coupon')) {
    sumColumns.push(`SUM(CASE WHEN u.${id('is_refund')} = 0 THEN COALESCE(u.${id('coupon')}, 0) ELSE 0 END) AS ${id('coupons')}`);
    // Orders with a coupon (> 0), counted as `orders` counts them.
    const withCoupon = `u.${id('is_refund')} = 0 AND u.${id('coupon')} > 0`;
    const couponOrders =
      ordersVariant === 'days'
        ? `COUNT(DISTINCT CASE WHEN ${withCoupon} THEN u.${id('order_day')} END)`
        : orderRows === 'lines' && ordersVariant === 'orders' && roles.order
          ? `COUNT(DISTINCT CASE WHEN ${withCoupon} THEN u.${id('order_id')} END) + SUM(CASE WHEN ${withCoupon} AND u.${id('order_id')} IS NULL THEN 1 ELSE 0 END)`
          : `SUM(CASE WHEN ${withCoupon} THEN 1 ELSE 0 END)`;
    sumColumns.push(`${couponOrders} AS ${id('coupon_orders')}`);
  }
  if (distinctOrders) {
    sumColumns.push(
      `COUNT(DISTINCT CASE WHEN u.${id('is_refund')} = 0 THEN u.${id('order_id')} END) + SUM(CASE WHEN u.${id('is_refund')} = 0 AND u.${id('order_id')} IS NULL THEN 1 ELSE 0 END) AS ${id('distinct_orders')}`,
    );
  }
  const repeatJoin = includeFirst ? '' : `\nJOIN ${id('purchases')} AS f ON f.${id('customer_id')} = u.${id('customer_id')} AND u.${id('order_day')} > f.${id('first_day')}`;
  builder.add(
    'sums',
    [
      includeFirst ? 'Money and counts per customer over every used row.' : 'Money and counts per customer over the rows after the first purchase day (repeat metrics).',
      'gross = every positive amount (refunded orders included); refunds = |amount| of refund rows; paid = amounts of purchases.',
    ],
    `SELECT\n  u.${id('customer_id')},\n${sumColumns.map((c) => `  ${c}`).join(',\n')}\nFROM ${id('orders_used')} AS u${repeatJoin}\nGROUP BY u.${id('customer_id')}`,
  );

  // 8. Distinct products/categories from the order items, joined on the purchases' order ids.
  const itemRoles = definition.itemRoles;
  const itemCounts: string[] = [];
  if (itemRoles?.product || itemRoles?.category) {
    if (!options.tables.items) throw new WarehouseSqlError(subject, 'the product or category role is on the items table, but the cell names no items table.');
    if (!roles.order) throw new WarehouseSqlError(subject, 'joining order items needs the order id role of the orders table.');
    if (!itemRoles.order) throw new WarehouseSqlError(subject, 'choose the items table’s order id column.');
    const items = options.tables.items;
    const itemOrder = roleSql(items, 'i', 'items order id', itemRoles.order, 'key');
    if (itemRoles.product) itemCounts.push(`COUNT(DISTINCT ${roleSql(items, 'i', 'product', itemRoles.product, 'key')}) AS ${id('distinct_products')}`);
    if (itemRoles.category) itemCounts.push(`COUNT(DISTINCT ${roleSql(items, 'i', 'category', itemRoles.category, 'key')}) AS ${id('distinct_categories')}`);
    builder.add(
      'item_counts',
      ['Distinct products/categories per customer from the order items of their purchases (items of an unknown order are not counted).'],
      `SELECT\n  po.${id('customer_id')},\n${itemCounts.map((c) => `  ${c}`).join(',\n')}\nFROM ${d.table(items)} AS i\nJOIN (\n  SELECT DISTINCT ${id('order_id')}, ${id('customer_id')} FROM ${id('orders_used')} WHERE ${id('is_refund')} = 0 AND ${id('order_id')} IS NOT NULL\n) AS po ON po.${id('order_id')} = ${itemOrder}\nGROUP BY po.${id('customer_id')}`,
    );
  }

  // 9. The customer table.
  const ordersSql =
    ordersVariant === 'days'
      ? includeFirst
        ? `COALESCE(p.${id('purchase_days')}, 0)`
        : `(CASE WHEN COALESCE(p.${id('purchase_days')}, 0) > 1 THEN p.${id('purchase_days')} - 1 ELSE 0 END)`
      : distinctOrders
        ? `COALESCE(s.${id('distinct_orders')}, 0)`
        : `COALESCE(s.${id('purchase_rows')}, 0)`;
  if (!['rows', 'orders', 'days'].includes(ordersVariant)) throw new WarehouseSqlError(subject, `unknown orders variant "${String(ordersVariant)}".`);
  const gross = `COALESCE(s.${id('gross')}, 0)`;
  const refunds = `COALESCE(s.${id('refunds')}, 0)`;
  const coupons = mappedRoles.has('coupon') ? `COALESCE(s.${id('coupons')}, 0)` : '0';
  const revenueSql = {
    gross,
    'net-of-refunds': `${gross} - ${refunds}`,
    'net-of-coupons': `${gross} - ${coupons}`,
    'net-of-refunds-and-coupons': `${gross} - ${refunds} - ${coupons}`,
  }[revenueVariant];
  if (!revenueSql) throw new WarehouseSqlError(subject, `unknown revenue variant "${String(revenueVariant)}".`);
  const nullNumber = d.toReal('NULL');
  const distinctSql = (column: 'distinct_products' | 'distinct_categories', role: 'product' | 'category') => {
    if (itemRoles?.[role]) return `COALESCE(x.${id(column)}, 0)`;
    if (mappedRoles.has(role)) return `COALESCE(p.${id(column)}, 0)`;
    return nullNumber;
  };
  const revenueNote = { gross: 'gross', 'net-of-refunds': 'gross − refunds', 'net-of-coupons': 'gross − coupons', 'net-of-refunds-and-coupons': 'gross − refunds − coupons' }[revenueVariant];
  builder.add(
    'customer_base',
    ['Every customer with their purchase facts and sums (0 for a customer without any).'],
    `SELECT\n  ids.${id('customer_id')},\n  p.${id('first_order_at')},\n  p.${id('last_order_at')},\n  p.${id('first_day')},\n  p.${id('last_day')},\n  COALESCE(p.${id('purchase_days')}, 0) AS ${id('purchase_days')},\n` +
      `  ${ordersSql} AS ${id('orders')},\n  ${revenueSql} AS ${id('revenue')},\n  ${refunds} AS ${id('refund_amount')},\n  COALESCE(s.${id('paid')}, 0) AS ${id('paid')},\n  ${coupons} AS ${id('coupons')},\n` +
      (mappedRoles.has('coupon') ? `  COALESCE(s.${id('coupon_orders')}, 0) AS ${id('coupon_orders')},\n` : '') +
      `  ${distinctSql('distinct_products', 'product')} AS ${id('distinct_products')},\n  ${distinctSql('distinct_categories', 'category')} AS ${id('distinct_categories')}\n` +
      `FROM ${id('customer_ids')} AS ids\nLEFT JOIN ${id('purchases')} AS p ON p.${id('customer_id')} = ids.${id('customer_id')}\nLEFT JOIN ${id('sums')} AS s ON s.${id('customer_id')} = ids.${id('customer_id')}` +
      (itemCounts.length ? `\nLEFT JOIN ${id('item_counts')} AS x ON x.${id('customer_id')} = ids.${id('customer_id')}` : ''),
  );
  const hasCoupon = mappedRoles.has('coupon');
  const columns: [string, ColumnType, string, string][] = [
    ['customer_id', 'text', `b.${id('customer_id')}`, 'as written (text)'],
    ['first_order_at', options.timeType, `b.${id('first_order_at')}`, 'first purchase'],
    ['last_order_at', options.timeType, `b.${id('last_order_at')}`, 'latest purchase'],
    ['recency_days', 'integer', `a.${id('as_of_day')} - b.${id('last_day')}`, 'as_of − latest purchase day'],
    ['orders', 'integer', `b.${id('orders')}`, { rows: 'purchase rows', orders: distinctOrders ? 'distinct purchase orders' : 'purchase rows (one per order)', days: 'distinct purchase days' }[ordersVariant] + (includeFirst ? '' : ' after the first purchase day')],
    ['revenue', 'decimal', `b.${id('revenue')}`, revenueNote],
    ['avg_order_value', 'decimal', `CASE WHEN b.${id('orders')} > 0 THEN ${d.toReal(`b.${id('revenue')}`)} / b.${id('orders')} END`, 'revenue ÷ orders (NULL without an order)'],
    ['tenure_days', 'integer', `a.${id('as_of_day')} - b.${id('first_day')}`, 'as_of − first purchase day'],
    [
      'mean_days_between_orders',
      'decimal',
      `CASE WHEN b.${id('purchase_days')} > 1 THEN ${d.toReal(`b.${id('last_day')} - b.${id('first_day')}`)} / (b.${id('purchase_days')} - 1) END`,
      '(last − first purchase day) ÷ (purchase days − 1), NULL with one day',
    ],
    ['coupon_amount', 'decimal', hasCoupon ? `b.${id('coupons')}` : nullNumber, hasCoupon ? 'coupons of purchases' : 'NULL: no coupon column is mapped'],
    [
      'discount_ratio',
      'decimal',
      hasCoupon ? `CASE WHEN b.${id('paid')} > 0 THEN ${d.toReal(`b.${id('coupons')}`)} / b.${id('paid')} END` : nullNumber,
      hasCoupon ? 'coupon amount ÷ amount paid for purchases' : 'NULL: no coupon column is mapped',
    ],
    ['coupon_orders', 'integer', hasCoupon ? `b.${id('coupon_orders')}` : nullNumber, hasCoupon ? 'orders with a coupon above 0, counted as orders are' : 'NULL: no coupon column is mapped'],
    ['refund_amount', 'decimal', `b.${id('refund_amount')}`, 'money refunded'],
    ['distinct_products', 'integer', `b.${id('distinct_products')}`, 'distinct products purchased'],
    ['distinct_categories', 'integer', `b.${id('distinct_categories')}`, 'distinct categories purchased'],
  ];
  const step = builder.add(
    'customer_table',
    [`The customer table "${cell.resultName}": one row per customer, the app's default metrics.`],
    `SELECT\n${columns.map(([name, , sql, note], i) => `  ${sql} AS ${id(name)}${i < columns.length - 1 ? ',' : ''} -- ${note}`).join('\n')}\nFROM ${id('customer_base')} AS b\nCROSS JOIN ${id('analysis_date')} AS a`,
  );
  return { columns: columns.map(([name, type]) => ({ name, type })), step };
}

/**
 * The lifetimes preset (Python lifetimes' summary_data_from_transaction_data, daily, in weeks):
 * one row per customer with a purchase up to the cutoff; frequency = purchase days − 1,
 * recency = (last − first purchase day) / 7, T = (cutoff − first purchase day) / 7,
 * monetary_value = the amounts of purchases after the first purchase day ÷ frequency (0 without).
 */
function addLifetimesSteps(builder: ScriptBuilder, cell: CustomersCell): CustomerColumns {
  const d = builder.dialect;
  const id = (name: string) => d.ident(name);
  builder.add(
    'purchases',
    ['Per customer, over purchases only (refunds are not purchases).'],
    `SELECT\n  ${id('customer_id')},\n  MIN(${id('order_day')}) AS ${id('first_day')},\n  MAX(${id('order_day')}) AS ${id('last_day')},\n  COUNT(DISTINCT ${id('order_day')}) AS ${id('purchase_days')}\nFROM ${id('orders_used')}\nWHERE ${id('is_refund')} = 0\nGROUP BY ${id('customer_id')}`,
  );
  builder.add(
    'repeat_sums',
    ['Amounts of purchases after each customer’s first purchase day.'],
    `SELECT\n  u.${id('customer_id')},\n  SUM(u.${id('amount')}) AS ${id('repeat_amount')}\nFROM ${id('orders_used')} AS u\nJOIN ${id('purchases')} AS f ON f.${id('customer_id')} = u.${id('customer_id')}\nWHERE u.${id('is_refund')} = 0 AND u.${id('order_day')} > f.${id('first_day')}\nGROUP BY u.${id('customer_id')}`,
  );
  const frequency = `(p.${id('purchase_days')} - 1)`;
  const columns: [string, ColumnType, string, string][] = [
    ['customer_id', 'text', `p.${id('customer_id')}`, 'as written (text)'],
    ['frequency', 'integer', frequency, 'repeat purchase days up to the cutoff'],
    ['recency', 'decimal', `${d.toReal(`p.${id('last_day')} - p.${id('first_day')}`)} / 7`, 'weeks from the first to the last purchase day'],
    ['T', 'decimal', `${d.toReal(`a.${id('cutoff_day')} - p.${id('first_day')}`)} / 7`, 'weeks from the first purchase day to the cutoff'],
    [
      'monetary_value',
      'decimal',
      `CASE WHEN ${frequency} > 0 THEN ${d.toReal(`COALESCE(r.${id('repeat_amount')}, 0)`)} / ${frequency} ELSE ${d.toReal('0')} END`,
      'mean amount of a repeat purchase day (0 without repeats)',
    ],
  ];
  const step = builder.add(
    'customer_table',
    [`The customer table "${cell.resultName}" with the lifetimes preset: one row per customer with a purchase by the cutoff.`],
    `SELECT\n${columns.map(([name, , sql, note], i) => `  ${sql} AS ${id(name)}${i < columns.length - 1 ? ',' : ''} -- ${note}`).join('\n')}\nFROM ${id('purchases')} AS p\nCROSS JOIN ${id('analysis_date')} AS a\nLEFT JOIN ${id('repeat_sums')} AS r ON r.${id('customer_id')} = p.${id('customer_id')}`,
  );
  return { columns: columns.map(([name, type]) => ({ name, type })), step };
}
