/**
 * The formula language's help, in English and Simplified Chinese, for the in-app help panel.
 * This is also the language's reference: what is written here is what the tests check.
 */

type Text = { en: string; 'zh-CN': string };

/** One function of the catalogue. */
export interface FunctionHelp {
  name: string;
  category: 'logic' | 'math' | 'text' | 'date' | 'aggregate' | 'window';
  signature: string;
  description: Text;
  example: { formula: string } & Text;
}

/** The whole help: a few sections on syntax and semantics, then every function. */
export interface FormulaHelp {
  sections: { id: string; title: Text; body: Text }[];
  functions: FunctionHelp[];
}

const fn = (name: string, category: FunctionHelp['category'], signature: string, en: string, zh: string, formula: string, exEn: string, exZh: string): FunctionHelp => ({
  name,
  category,
  signature,
  description: { en, 'zh-CN': zh },
  example: { formula, en: exEn, 'zh-CN': exZh },
});

/** The help panel's content (SPEC §4). */
export const FUNCTION_HELP: FormulaHelp = {
  sections: [
    {
      id: 'values',
      title: { en: 'Values and names', 'zh-CN': '值与名称' },
      body: {
        en: 'Numbers: 12, 0.5, 1e3. Text in double or single quotes: "refund" (write "" for a quote inside). Dates: DATE(2024, 3, 1) or DATE("2024-03-01"). TRUE, FALSE and NULL. A column or parameter is named as written (letters, including Chinese, digits and _), or in square brackets or backticks when it has spaces or symbols: [实付 金额]. A name is looked up as a column first, then as a parameter, exactly and then ignoring case. Function names and keywords (AND, OR, NOT, IN, IS, BETWEEN, CASE …) ignore case.',
        'zh-CN': '数字：12、0.5、1e3。文本用双引号或单引号：“refund”（文本中的引号写两次）。日期：DATE(2024, 3, 1) 或 DATE("2024-03-01")。TRUE、FALSE 和 NULL（空值）。列名和参数名直接书写（字母、汉字、数字和下划线）；含空格或符号时用方括号或反引号括起：[实付 金额]。名称先按列查找，再按参数查找，先精确匹配，再忽略大小写匹配。函数名和关键字（AND、OR、NOT、IN、IS、BETWEEN、CASE 等）不区分大小写。',
      },
    },
    {
      id: 'operators',
      title: { en: 'Operators', 'zh-CN': '运算符' },
      body: {
        en: 'From loosest to tightest: OR; AND; NOT; comparisons = <> != < <= > >=, BETWEEN a AND b (inclusive), IN (…), NOT IN (…), IS NULL, IS NOT NULL; & (joins text; whole numbers are written as digits, other values need TEXT(…)); + -; * / %; unary minus. Parentheses group. / is real division (7 / 2 = 3.5) and x / 0 is NULL; % is the remainder with the sign of the dividend (-7 % 3 = -1). A date plus or minus a number moves it by days; a date minus a date is a number of days. Text compares character by character by Unicode code point (so "B" < "a"); comparing text with a number is an error.',
        'zh-CN': '优先级从低到高：OR；AND；NOT；比较 = <> != < <= > >=、BETWEEN a AND b（含两端）、IN (…)、NOT IN (…)、IS NULL、IS NOT NULL；&（连接文本，整数按数字写出，其他值请用 TEXT(…) 转换）；+ -；* / %；负号。括号用于分组。/ 是实数除法（7 / 2 = 3.5），除以 0 得 NULL；% 取余数，符号与被除数相同（-7 % 3 = -1）。日期加减数字表示前后移动若干天；日期减日期得相差天数。文本按 Unicode 码位逐字比较（所以 "B" < "a"）；文本与数字比较会报错。',
      },
    },
    {
      id: 'null',
      title: { en: 'Empty values (NULL)', 'zh-CN': '空值（NULL）' },
      body: {
        en: 'NULL works as in SQL: arithmetic, comparison and & with NULL give NULL; NULL AND FALSE is FALSE, NULL OR TRUE is TRUE, otherwise AND/OR/NOT with NULL give NULL. IF and CASE take the else branch when the condition is NULL. COALESCE returns the first value that is not NULL. Aggregates skip NULLs; SUM, AVG, MIN and MAX of no values are NULL and COUNT is 0. MIN and MAX of several values skip NULLs. Use COALESCE(x, 0) to count an empty value as zero.',
        'zh-CN': 'NULL 的规则与 SQL 相同：与 NULL 做算术、比较或 & 连接，结果为 NULL；NULL AND FALSE 为 FALSE，NULL OR TRUE 为 TRUE，其余 AND/OR/NOT 遇到 NULL 结果为 NULL。IF 和 CASE 的条件为 NULL 时取“否则”分支。COALESCE 返回第一个非空值。聚合函数忽略 NULL；没有任何值时 SUM、AVG、MIN、MAX 为 NULL，COUNT 为 0。多个参数的 MIN、MAX 也忽略 NULL。想把空值当作 0，可写 COALESCE(x, 0)。',
      },
    },
    {
      id: 'types',
      title: { en: 'Types and checks', 'zh-CN': '类型与检查' },
      body: {
        en: 'Every formula is checked before it runs: numbers, text, true/false, dates and date-times do not mix (write IF(flag, 1, 0) to turn a condition into a number). A date mixed with a date-time is taken at midnight. Errors point at the line and column. Per-customer metrics may use aggregates (SUM(amount)), and there every column must be inside one; row formulas such as tags may not use aggregates. Window functions (NTILE, RANK, PERCENT_RANK) rank a whole column and are for row formulas only.',
        'zh-CN': '公式在运行前会做类型检查：数字、文本、真/假、日期和日期时间不能混用（要把条件变成数字，可写 IF(条件, 1, 0)）。日期与日期时间混用时，日期按当天零点计算。错误会指出行号和列号。客户指标可以使用聚合函数（SUM(amount)），此时每个列都必须放在聚合函数里；标签等逐行公式不能使用聚合函数。窗口函数（NTILE、RANK、PERCENT_RANK）对整列排名，只能用于逐行公式。',
      },
    },
    {
      id: 'case',
      title: { en: 'CASE', 'zh-CN': 'CASE 语句' },
      body: {
        en: 'CASE WHEN condition THEN value … [ELSE value] END returns the value of the first true condition (NULL when none is true and there is no ELSE). CASE x WHEN a THEN … END compares x with each value.',
        'zh-CN': 'CASE WHEN 条件 THEN 值 … [ELSE 值] END 返回第一个成立的条件对应的值（都不成立且没有 ELSE 时为 NULL）。CASE x WHEN a THEN … END 把 x 依次与各个值比较。',
      },
    },
  ],
  functions: [
    fn('IF', 'logic', 'IF(condition, then, else)', 'The second argument when the condition is true, else the third (also when the condition is NULL).', '条件成立时返回第二个参数，否则（包括条件为 NULL）返回第三个参数。', 'IF(orders = 1, "new", "returning")', 'new for one-order customers', '只下过一单的客户为 new'),
    fn('IFS', 'logic', 'IFS(cond1, value1, cond2, value2, …, [else])', 'The value of the first true condition; an odd last argument is the default, otherwise NULL.', '返回第一个成立条件对应的值；参数个数为奇数时最后一个是默认值，否则默认为 NULL。', 'IFS(recency <= 30, "active", recency <= 90, "cooling", "churned")', 'a three-way cut of recency', '按最近购买天数分三档'),
    fn('COALESCE', 'logic', 'COALESCE(a, b, …)', 'The first argument that is not NULL.', '返回第一个非空的参数。', 'COALESCE(discount, 0)', '0 where discount is empty', 'discount 为空时取 0'),
    fn('ROUND', 'math', 'ROUND(x, [digits])', 'Rounds half away from zero to the given decimals (default 0; negative rounds to tens, hundreds …). Rounds the decimal you see: ROUND(1.005, 2) = 1.01, ROUND(-2.5) = -3.', '四舍五入（0.5 远离零进位），保留指定位小数（默认 0 位；负数表示十位、百位…）。按看到的十进制数取舍：ROUND(1.005, 2) = 1.01，ROUND(-2.5) = -3。', 'ROUND(revenue / orders, 2)', 'average order value in cents', '客单价，保留两位小数'),
    fn('FLOOR', 'math', 'FLOOR(x)', 'The largest whole number not above x.', '不大于 x 的最大整数。', 'FLOOR(-2.5)', '-3', '-3'),
    fn('CEIL', 'math', 'CEIL(x)', 'The smallest whole number not below x.', '不小于 x 的最小整数。', 'CEIL(days / 7)', 'weeks, counting a started week', '周数，不足一周按一周计'),
    fn('ABS', 'math', 'ABS(x)', 'The absolute value.', '绝对值。', 'ABS(-3)', '3', '3'),
    fn('SQRT', 'math', 'SQRT(x)', 'The square root; NULL for negative x.', '平方根；x 为负数时为 NULL。', 'SQRT(16)', '4', '4'),
    fn('POWER', 'math', 'POWER(x, y)', 'x to the power y; NULL when undefined (POWER(-8, 0.5)) or too large.', 'x 的 y 次方；无定义（如 POWER(-8, 0.5)）或溢出时为 NULL。', 'POWER(1.1, 3)', '1.331', '1.331'),
    fn('LN', 'math', 'LN(x)', 'The natural logarithm; NULL unless x > 0.', '自然对数；x ≤ 0 时为 NULL。', 'LN(1 + revenue)', 'log-scaled revenue', '对数化的消费额'),
    fn('LOG10', 'math', 'LOG10(x)', 'The base-10 logarithm; NULL unless x > 0.', '以 10 为底的对数；x ≤ 0 时为 NULL。', 'LOG10(1000)', '3', '3'),
    fn('LOG', 'math', 'LOG(x, base)', 'The logarithm of x in the given base; NULL unless x > 0 and base > 0, base ≠ 1. (There is no one-argument LOG: use LN or LOG10.)', '以 base 为底 x 的对数；需 x > 0、base > 0 且 base ≠ 1，否则为 NULL。（没有单参数 LOG，请用 LN 或 LOG10。）', 'LOG(8, 2)', '3', '3'),
    fn('EXP', 'math', 'EXP(x)', 'e to the power x; NULL when too large.', 'e 的 x 次方；溢出时为 NULL。', 'EXP(0)', '1', '1'),
    fn('MIN', 'math', 'MIN(a, b, …) · MIN(x)', 'With several arguments, the smallest, skipping NULLs. With one argument (metrics only), the smallest value of the group.', '多个参数时返回最小值（忽略 NULL）。只有一个参数时（仅限客户指标）返回该组的最小值。', 'MIN(recency, 365)', 'recency capped at 365', '最近购买天数，封顶 365'),
    fn('MAX', 'math', 'MAX(a, b, …) · MAX(x)', 'With several arguments, the largest, skipping NULLs. With one argument (metrics only), the largest value of the group.', '多个参数时返回最大值（忽略 NULL）。只有一个参数时（仅限客户指标）返回该组的最大值。', 'MAX(order_time)', 'the last order time of each customer', '每位客户的最后下单时间'),
    fn('LEFT', 'text', 'LEFT(text, n)', 'The first n characters.', '前 n 个字符。', 'LEFT("上海市浦东", 3)', '"上海市"', '“上海市”'),
    fn('RIGHT', 'text', 'RIGHT(text, n)', 'The last n characters.', '后 n 个字符。', 'RIGHT(phone, 4)', 'the last four digits', '手机号后四位'),
    fn('MID', 'text', 'MID(text, start, [length]) · SUBSTR(…)', 'Characters from position start (1 = first), at most length of them (default: to the end); NULL when start < 1 or length < 0.', '从第 start 个字符（1 为第一个）起取至多 length 个字符（默认取到末尾）；start < 1 或 length < 0 时为 NULL。', 'MID("2024-03-01", 6, 2)', '"03"', '“03”'),
    fn('LEN', 'text', 'LEN(text)', 'The number of characters (a Chinese character counts 1).', '字符个数（一个汉字算 1 个）。', 'LEN("客户")', '2', '2'),
    fn('UPPER', 'text', 'UPPER(text)', 'Latin letters a–z in upper case; other characters unchanged.', '把拉丁字母 a–z 转为大写，其他字符不变。', 'UPPER(channel)', '"APP" for "app"', '“app” 变为 “APP”'),
    fn('LOWER', 'text', 'LOWER(text)', 'Latin letters A–Z in lower case; other characters unchanged.', '把拉丁字母 A–Z 转为小写，其他字符不变。', 'LOWER("VIP")', '"vip"', '“vip”'),
    fn('TRIM', 'text', 'TRIM(text)', 'Removes spaces, tabs, line breaks and full-width spaces at both ends.', '去掉首尾的空格、制表符、换行和全角空格。', 'TRIM("  会员 ")', '"会员"', '“会员”'),
    fn('CONTAINS', 'text', 'CONTAINS(text, part)', 'True when text contains part (case-sensitive).', 'text 包含 part 时为真（区分大小写）。', 'CONTAINS(product, "奶粉")', 'true for milk-powder products', '商品名含“奶粉”时为真'),
    fn('STARTS_WITH', 'text', 'STARTS_WITH(text, prefix)', 'True when text starts with prefix.', 'text 以 prefix 开头时为真。', 'STARTS_WITH(sku, "A-")', 'true for A- SKUs', 'SKU 以 A- 开头时为真'),
    fn('ENDS_WITH', 'text', 'ENDS_WITH(text, suffix)', 'True when text ends with suffix.', 'text 以 suffix 结尾时为真。', 'ENDS_WITH(email, "@qq.com")', 'true for QQ mail', 'QQ 邮箱为真'),
    fn('REPLACE', 'text', 'REPLACE(text, from, to)', 'Replaces every occurrence of from with to (nothing happens when from is empty).', '把所有 from 替换为 to（from 为空时不变）。', 'REPLACE(city, "市", "")', '"上海" for "上海市"', '“上海市”变为“上海”'),
    fn('TEXT', 'text', 'TEXT(number, [digits]) · TEXT(date)', 'A number as text, rounded half away from zero to digits decimals (default 0, at most 10; NULL beyond 15 significant digits); a date as YYYY-MM-DD; a date-time as YYYY-MM-DD HH:MM:SS.', '把数字转为文本，按四舍五入（0.5 远离零）保留 digits 位小数（默认 0，最多 10；超过 15 位有效数字时为 NULL）；日期转为 YYYY-MM-DD，日期时间转为 YYYY-MM-DD HH:MM:SS。', 'TEXT(revenue, 2) & " 元"', '"1234.50 元"', '“1234.50 元”'),
    fn('DATE', 'date', 'DATE(year, month, day) · DATE("YYYY-MM-DD") · DATE(datetime)', 'A date from its parts (NULL if there is no such day), from text written exactly as YYYY-MM-DD (a mistyped literal is an error; other text from a column gives NULL), or the day of a date-time.', '由年、月、日组成日期（不存在的日期为 NULL），或由严格按 YYYY-MM-DD 书写的文本得到日期（公式里写错的日期会报错，列中不符合格式的文本得 NULL），或取日期时间所在的日期。', 'DATE(2024, 2, 29)', '2024-02-29', '2024-02-29'),
    fn('TODAY', 'date', 'TODAY()', 'The analysis date, the parameter as_of (never the computer clock, so results do not change overnight).', '分析日期，即参数 as_of（不取电脑时钟，所以结果不会隔天变化）。', 'DAYS(last_order, TODAY())', 'days since the last order', '距最后一次下单的天数'),
    fn('DAYS', 'date', 'DAYS(from, to)', 'Whole days from one date to another (to − from); date-times count by their calendar day.', '从 from 到 to 相差的整天数（to − from）；日期时间按所在日期计算。', 'DAYS(first_order, last_order)', 'the customer’s lifetime in days', '客户生命周期天数'),
    fn('WEEKS', 'date', 'WEEKS(from, to)', 'Whole weeks from one date to another (DAYS / 7, truncated toward zero).', '两个日期相差的整周数（DAYS / 7，向零取整）。', 'WEEKS(DATE(2024, 1, 1), DATE(2024, 1, 20))', '2', '2'),
    fn('YEAR', 'date', 'YEAR(date)', 'The year.', '年份。', 'YEAR(first_order)', 'the cohort year', '首单年份（同期群）'),
    fn('MONTH', 'date', 'MONTH(date)', 'The month, 1–12.', '月份，1–12。', 'MONTH(DATE("2024-03-01"))', '3', '3'),
    fn('DAY', 'date', 'DAY(date)', 'The day of the month, 1–31.', '当月第几天，1–31。', 'DAY(DATE("2024-03-15"))', '15', '15'),
    fn('WEEKDAY', 'date', 'WEEKDAY(date)', 'The day of the week, Monday = 1 … Sunday = 7.', '星期几，周一 = 1 … 周日 = 7。', 'WEEKDAY(order_time) >= 6', 'true for weekend orders', '周末下单为真'),
    fn('SUM', 'aggregate', 'SUM(x)', 'The total of the group’s values (NULL when it has none).', '组内数值之和（没有值时为 NULL）。', 'SUM(amount)', 'revenue per customer', '每位客户的消费额'),
    fn('AVG', 'aggregate', 'AVG(x)', 'The mean of the group’s values, NULLs skipped.', '组内数值的平均值，忽略 NULL。', 'AVG(amount)', 'average order value', '平均订单金额'),
    fn('COUNT', 'aggregate', 'COUNT() · COUNT(x)', 'The number of rows in the group, or of its values that are not NULL.', '组内行数；给出参数时为非空值的个数。', 'COUNT()', 'orders per customer', '每位客户的订单数'),
    fn('COUNT_DISTINCT', 'aggregate', 'COUNT_DISTINCT(x)', 'The number of different values in the group, NULL not counted.', '组内不同值的个数，不计 NULL。', 'COUNT_DISTINCT(category)', 'categories bought', '购买过的品类数'),
    fn('NTILE', 'window', 'NTILE(x, n)', 'Splits the rows into n groups of equal size by x, ascending (1 = smallest); ties are split by the id column. NULL for NULL x.', '按 x 从小到大把各行分成 n 个人数相等的组（1 为最小）；x 相同时按 id 列顺序拆分。x 为 NULL 时结果为 NULL。', 'NTILE(revenue, 10)', 'revenue decile 1–10', '消费额十分位 1–10'),
    fn('RANK', 'window', 'RANK(x)', 'The rank of x in its column, ascending: 1 + the number of rows with a smaller value (ties share a rank). NULL for NULL x.', 'x 在整列中的升序排名：比它小的行数 + 1（相同值名次相同）。x 为 NULL 时结果为 NULL。', 'RANK(-revenue)', '1 for the top spender', '消费最高的客户为 1'),
    fn('PERCENT_RANK', 'window', 'PERCENT_RANK(x)', '(RANK(x) − 1) / (rows − 1), from 0 to 1; 0 when there is one row. NULL for NULL x.', '(RANK(x) − 1) / (行数 − 1)，取值 0 到 1；只有一行时为 0。x 为 NULL 时结果为 NULL。', 'PERCENT_RANK(revenue) >= 0.8', 'true for the top fifth', '消费额前 20% 为真'),
  ],
};
