// Tinybird template language catalog (the Tornado-based templating of `%` SQL nodes).
// Hand-written from shared/reference/datafile-format.md §3.1 (VALID_FUNCTION_NAMES, type
// functions, helpers, methods, tags, reserved names) and the public Tinybird docs
// (template functions, query parameters). Descriptions are our own wording.
// Data only: completion, hover, signature help and diagnostics import these tables.

export type TemplateFunctionKind =
  /** Typed query parameter: `String(name, 'default', description=…)`. */
  | 'type'
  /** Tinybird helper (`defined`, `columns`, `sql_and`, …). */
  | 'helper'
  /** Python builtin exposed to templates (`len`, `min`, …). */
  | 'builtin';

export interface TemplateParameter {
  readonly name: string;
  /** Default shown in the signature (Python literal), when optional. */
  readonly default?: string;
  readonly optional: boolean;
  /** Passed by keyword (`description='…'`) rather than position. */
  readonly keywordOnly?: boolean;
  /** Accepts any number of `col__op=value` style keyword arguments. */
  readonly variadic?: boolean;
  readonly documentation: string;
}

export interface TemplateFunction {
  readonly name: string;
  readonly kind: TemplateFunctionKind;
  /** Signature label for signature help, e.g. `defined(param)`. */
  readonly signature: string;
  readonly parameters: readonly TemplateParameter[];
  /** One paragraph, Markdown. */
  readonly description: string;
  /** LSP snippet for completion. */
  readonly snippet: string;
  /** For alternate names (`TABLE` → `table`, `Integer` → `Int`). */
  readonly aliasOf?: string;
  /** For type functions: the ClickHouse type the value is validated/cast to. */
  readonly clickhouseType?: string;
  /** Short example. */
  readonly example?: string;
}

// ---------------------------------------------------------------------------------------------
// Type functions

/** The metadata keyword arguments shared by every type function. */
const TYPE_PARAMS_TAIL: readonly TemplateParameter[] = [
  {
    name: 'defined',
    default: 'True',
    optional: true,
    keywordOnly: true,
    documentation: 'With `defined=False` a missing parameter renders as `None` instead of failing with “Required parameter is not defined”.',
  },
  { name: 'required', default: 'None', optional: true, keywordOnly: true, documentation: 'Marks the parameter as required in the endpoint documentation (metadata only).' },
  { name: 'description', default: 'None', optional: true, keywordOnly: true, documentation: 'Text shown for the parameter in the generated API docs / OpenAPI spec (metadata only).' },
  { name: 'enum', default: 'None', optional: true, keywordOnly: true, documentation: 'List of allowed values advertised in the API docs, e.g. `enum=[\'a\', \'b\']` (metadata only).' },
  { name: 'example', default: 'None', optional: true, keywordOnly: true, documentation: 'Example value shown in the API docs (metadata only).' },
  { name: 'format', default: 'None', optional: true, keywordOnly: true, documentation: 'Format hint for the API docs, e.g. `date-time` (metadata only).' },
];

const TYPE_SIGNATURE_TAIL = 'default=None, defined=True, required=None, description=None, enum=None, example=None, format=None';

function typeFunction(name: string, clickhouseType: string, what: string, defaultSnippet: string, aliasOf?: string): TemplateFunction {
  return {
    name,
    kind: 'type',
    signature: `${name}(param, ${TYPE_SIGNATURE_TAIL})`,
    parameters: [
      { name: 'param', optional: false, documentation: 'Name of the query parameter (a bare identifier: the request’s `?param=` value).' },
      { name: 'default', default: 'None', optional: true, documentation: 'Value used when the request does not pass the parameter. Without it, a missing parameter is an error.' },
      ...TYPE_PARAMS_TAIL,
    ],
    description:
      `Declares the query parameter \`param\` as ${what} and renders its value as a SQL literal of type \`${clickhouseType}\`. ` +
      'The value is validated (a bad value fails with “Error validating … to type …”); when it is absent the `default` is used, and with neither the request fails unless `defined=False`. ' +
      'The keyword arguments only feed the endpoint documentation.',
    snippet: `${name}(\${1:param_name}, \${2:${defaultSnippet}})`,
    ...(aliasOf ? { aliasOf } : {}),
    clickhouseType,
    example: `{{ ${name}(param_name, ${defaultSnippet}) }}`,
  };
}

const INT_TYPES: readonly [string, string][] = [
  ['Int8', '8-bit signed integer'],
  ['Int16', '16-bit signed integer'],
  ['Int32', '32-bit signed integer'],
  ['Int64', '64-bit signed integer'],
  ['Int128', '128-bit signed integer'],
  ['Int256', '256-bit signed integer'],
  ['UInt8', '8-bit unsigned integer'],
  ['UInt16', '16-bit unsigned integer'],
  ['UInt32', '32-bit unsigned integer'],
  ['UInt64', '64-bit unsigned integer'],
  ['UInt128', '128-bit unsigned integer'],
  ['UInt256', '256-bit unsigned integer'],
];

const TYPE_FUNCTIONS: readonly TemplateFunction[] = [
  typeFunction('String', 'String', 'a string', "'default'"),
  typeFunction('Boolean', 'Bool', 'a boolean (`true`/`false`, `1`/`0`)', 'False'),
  typeFunction('DateTime', 'DateTime', 'a date and time (`YYYY-MM-DD hh:mm:ss`)', "'2024-01-01 00:00:00'"),
  typeFunction('DateTime64', 'DateTime64', 'a date and time with sub-second precision', "'2024-01-01 00:00:00.000'"),
  typeFunction('Date', 'Date', 'a calendar date (`YYYY-MM-DD`)', "'2024-01-01'"),
  typeFunction('Float32', 'Float32', 'a 32-bit floating-point number', '0.0'),
  typeFunction('Float64', 'Float64', 'a 64-bit floating-point number', '0.0'),
  ...INT_TYPES.map(([n, what]) => typeFunction(n, n, `a ${what}`, '0')),
  typeFunction('Int', 'Int32', 'an integer (same as `Int32`)', '0'),
  typeFunction('Integer', 'Int32', 'an integer (same as `Int32`)', '0', 'Int'),
  typeFunction('JSON', 'JSON', 'a JSON document', "'{}'"),
  {
    name: 'Array',
    kind: 'type',
    signature: `Array(param, type, ${TYPE_SIGNATURE_TAIL})`,
    parameters: [
      { name: 'param', optional: false, documentation: 'Name of the query parameter; the request passes a comma-separated list (`?param=a,b,c`).' },
      { name: 'type', optional: false, documentation: "Element type as a string: `'String'`, `'Int32'`, `'DateTime'`, … (any of the type functions)." },
      { name: 'default', default: 'None', optional: true, documentation: "Comma-separated default list, e.g. `default='a,b'`." },
      ...TYPE_PARAMS_TAIL,
    ],
    description:
      'Declares the query parameter `param` as a list: the request value is split on commas, each element is validated against `type`, and the result renders as a ClickHouse array literal (e.g. `[\'a\',\'b\']`), ready for `IN` or `has()`.',
    snippet: "Array(${1:param_name}, '${2|String,Int32,Int64,UInt32,Float64,Date,DateTime|}', default='${3:a,b}')",
    clickhouseType: 'Array(T)',
    example: "{{ Array(countries, 'String', default='ES,US') }}",
  },
];

// ---------------------------------------------------------------------------------------------
// Helper functions

const DATE_DIFF_PARAMS = (unitFormat: string): TemplateParameter[] => [
  { name: 'date_1', optional: false, documentation: 'First date / date-time (a string or parameter).' },
  { name: 'date_2', optional: false, documentation: 'Second date / date-time.' },
  { name: 'date_format', default: `'${unitFormat}'`, optional: true, documentation: 'strftime format both values are parsed with.' },
  { name: 'backup_date_format', default: 'None', optional: true, documentation: 'Second format tried when `date_format` does not match (e.g. a plain date).' },
  { name: 'none_if_error', default: 'False', optional: true, documentation: 'Return `None` instead of failing when a value cannot be parsed.' },
];

function dateDiff(unit: 'seconds' | 'minutes' | 'hours' | 'days'): TemplateFunction {
  const fmt = unit === 'days' ? '%Y-%m-%d' : '%Y-%m-%d %H:%M:%S';
  return {
    name: `date_diff_in_${unit}`,
    kind: 'helper',
    signature: `date_diff_in_${unit}(date_1, date_2, date_format='${fmt}', backup_date_format=None, none_if_error=False)`,
    parameters: DATE_DIFF_PARAMS(fmt),
    description: `Computes, at render time, the absolute difference in ${unit} between two dates or date-times. Handy to cap the time range an endpoint accepts, e.g. \`{% if date_diff_in_${unit}(start, end) > 30 %}{{ error('range too large') }}{% end %}\`.`,
    snippet: `date_diff_in_${unit}(\${1:date_1}, \${2:date_2})`,
  };
}

const HELPER_FUNCTIONS: readonly TemplateFunction[] = [
  {
    name: 'defined',
    kind: 'helper',
    signature: 'defined(param)',
    parameters: [{ name: 'param', optional: false, documentation: 'A query parameter name (bare identifier).' }],
    description: 'True when the request passed a value for `param`. Mostly used to make SQL fragments optional: `{% if defined(country) %} AND country = {{ String(country) }} {% end %}`.',
    snippet: 'defined(${1:param})',
  },
  {
    name: 'column',
    kind: 'helper',
    signature: 'column(name, default=None)',
    parameters: [
      { name: 'name', optional: false, documentation: 'Parameter or string holding the column name.' },
      { name: 'default', default: 'None', optional: true, documentation: 'Column used when `name` is not defined.' },
    ],
    description: 'Renders a column reference from a (user-supplied) name, quoted safely as an identifier. Typical in dynamic `ORDER BY` / `GROUP BY` clauses.',
    snippet: "column(${1:param}, '${2:default_column}')",
  },
  {
    name: 'columns',
    kind: 'helper',
    signature: 'columns(names, default=None, fn=None)',
    parameters: [
      { name: 'names', optional: false, documentation: 'Parameter or string with comma-separated column names.' },
      { name: 'default', default: 'None', optional: true, documentation: 'Comma-separated columns used when `names` is not defined.' },
      { name: 'fn', default: 'None', optional: true, documentation: 'Optional ClickHouse function name wrapped around every column.' },
    ],
    description: 'Renders a comma-separated list of safely quoted column references from a comma-separated string, e.g. for a selectable list of output columns.',
    snippet: "columns(${1:param}, '${2:a,b}')",
  },
  {
    name: 'symbol',
    kind: 'helper',
    signature: 'symbol(name)',
    parameters: [{ name: 'name', optional: false, documentation: 'Parameter or string to render as an identifier.' }],
    description: 'Renders a value as a back-quoted SQL identifier instead of a string literal, so it can be used as a column or table name.',
    snippet: 'symbol(${1:param})',
  },
  {
    name: 'table',
    kind: 'helper',
    signature: 'table(name)',
    parameters: [{ name: 'name', optional: false, documentation: 'Parameter or string with the data source / node name.' }],
    description: 'Renders a value as a table identifier, letting a template pick the data source or node it reads from.',
    snippet: 'table(${1:param})',
  },
  {
    name: 'TABLE',
    kind: 'helper',
    aliasOf: 'table',
    signature: 'TABLE(name)',
    parameters: [{ name: 'name', optional: false, documentation: 'Parameter or string with the data source / node name.' }],
    description: 'Upper-case alias of `table()`: renders a value as a table identifier.',
    snippet: 'TABLE(${1:param})',
  },
  {
    name: 'sql_and',
    kind: 'helper',
    signature: 'sql_and(column__op=value, …)',
    parameters: [
      {
        name: 'column__op',
        optional: false,
        variadic: true,
        documentation:
          'One keyword argument per condition: `column__in`, `column__not_in`, `column__gt`, `column__lt`, `column__gte`, `column__lte` (or just `column` for equality). The value is usually a typed parameter; undefined values are skipped.',
      },
    ],
    description:
      'Builds a `cond1 AND cond2 …` expression from keyword arguments, leaving out the conditions whose value is not defined. Renders `1` when nothing is left, so it fits directly after `WHERE`.',
    snippet: "sql_and(${1:column}__${2|in,not_in,gt,lt,gte,lte|}=${3:Array(param, 'String', defined=False)})",
  },
  {
    name: 'split_to_array',
    kind: 'helper',
    signature: "split_to_array(value, default='', separator=',')",
    parameters: [
      { name: 'value', optional: false, documentation: 'Parameter or string to split.' },
      { name: 'default', default: "''", optional: true, documentation: 'String used when `value` is not defined.' },
      { name: 'separator', default: "','", optional: true, documentation: 'Separator to split on.' },
    ],
    description: 'Splits a string into a Python list at render time, typically to iterate over it with `{% for %}` or to build SQL from each element.',
    snippet: "split_to_array(${1:param}, '${2}')",
  },
  {
    name: 'enumerate_with_last',
    kind: 'helper',
    signature: 'enumerate_with_last(iterable)',
    parameters: [{ name: 'iterable', optional: false, documentation: 'List to iterate over.' }],
    description: 'Iterates a list yielding `(is_last, item)` pairs, so a `{% for %}` loop can avoid a trailing separator: `{% for last, x in enumerate_with_last(items) %}{{x}}{% if not last %},{% end %}{% end %}`.',
    snippet: 'enumerate_with_last(${1:items})',
  },
  {
    name: 'day_diff',
    kind: 'helper',
    signature: 'day_diff(d0, d1, default=None)',
    parameters: [
      { name: 'd0', optional: false, documentation: 'First date (`YYYY-MM-DD`).' },
      { name: 'd1', optional: false, documentation: 'Second date.' },
      { name: 'default', default: 'None', optional: true, documentation: 'Value returned when a date is missing or invalid.' },
    ],
    description: 'Number of days between two dates, computed at render time. Older helper; `date_diff_in_days` offers format control.',
    snippet: 'day_diff(${1:start_date}, ${2:end_date})',
  },
  dateDiff('seconds'),
  dateDiff('minutes'),
  dateDiff('hours'),
  dateDiff('days'),
  {
    name: 'sql_unescape',
    kind: 'helper',
    signature: "sql_unescape(value, what='%')",
    parameters: [
      { name: 'value', optional: false, documentation: 'A (typed) parameter value.' },
      { name: 'what', default: "'%'", optional: true, documentation: 'Character to un-escape.' },
    ],
    description: "Removes the escaping Tinybird adds to a character (by default `%`), e.g. to let a user pass `LIKE` wildcards: `LIKE {{ sql_unescape(String(q), '%') }}`.",
    snippet: "sql_unescape(${1:String(param)}, '${2:%}')",
  },
  {
    name: 'error',
    kind: 'helper',
    signature: 'error(message, code=400)',
    parameters: [
      { name: 'message', optional: false, documentation: 'Error text returned to the caller.' },
      { name: 'code', default: '400', optional: true, documentation: 'HTTP status code of the response.' },
    ],
    description: 'Stops rendering and makes the endpoint answer with an error, e.g. to validate parameter combinations.',
    snippet: "error('${1:message}', ${2:400})",
  },
  {
    name: 'custom_error',
    kind: 'helper',
    signature: 'custom_error(error, code=400)',
    parameters: [
      { name: 'error', optional: false, documentation: 'Dictionary returned as the JSON error body.' },
      { name: 'code', default: '400', optional: true, documentation: 'HTTP status code of the response.' },
    ],
    description: 'Like `error()`, but the response body is the given dictionary, so clients get a structured error.',
    snippet: "custom_error({'error': '${1:message}'}, ${2:400})",
  },
  {
    name: 'max_threads',
    kind: 'helper',
    signature: 'max_threads(n)',
    parameters: [{ name: 'n', optional: false, documentation: 'Maximum number of threads.' }],
    description: 'Sets the ClickHouse `max_threads` setting for this query. Renders nothing in the SQL.',
    snippet: 'max_threads(${1:4})',
  },
  {
    name: 'backend_hint',
    kind: 'helper',
    signature: 'backend_hint(hint)',
    parameters: [{ name: 'hint', optional: false, documentation: 'Routing key (a string or parameter); `None` disables the hint.' }],
    description: 'Routes queries sharing the same hint to the same database replica, improving cache hit rates. Renders nothing in the SQL.',
    snippet: 'backend_hint(${1:param})',
  },
  {
    name: 'cache_ttl',
    kind: 'helper',
    signature: 'cache_ttl(ttl)',
    parameters: [{ name: 'ttl', optional: false, documentation: "Cache duration: `'5s'`, `'1m'`, `'5m'`, `'30m'` or `'1h'`." }],
    description: 'Caches the endpoint response for the given time so identical requests are served without running the query again.',
    snippet: "cache_ttl('${1|5s,1m,5m,30m,1h|}')",
  },
  {
    name: 'activate',
    kind: 'helper',
    signature: 'activate(feature)',
    parameters: [{ name: 'feature', optional: false, documentation: "`'analyzer'` or `'parallel_replicas'`." }],
    description: 'Turns on an optional ClickHouse feature for this query: the new query analyzer or parallel replicas.',
    snippet: "activate('${1|analyzer,parallel_replicas|}')",
  },
  {
    name: 'tb_secret',
    kind: 'helper',
    signature: 'tb_secret(name, default=None)',
    parameters: [
      { name: 'name', optional: false, documentation: 'Name of the workspace secret.' },
      { name: 'default', default: 'None', optional: true, documentation: 'Value used when the secret does not exist (e.g. locally).' },
    ],
    description: 'Inserts the value of a workspace secret, so credentials and environment-specific values stay out of the datafiles.',
    snippet: "tb_secret('${1:SECRET_NAME}')",
  },
  {
    name: 'tb_var',
    kind: 'helper',
    signature: 'tb_var(name, default=None)',
    parameters: [
      { name: 'name', optional: false, documentation: 'Name of the workspace variable.' },
      { name: 'default', default: 'None', optional: true, documentation: 'Value used when the variable does not exist.' },
    ],
    description: 'Inserts the value of a workspace environment variable (older name for secrets/variables).',
    snippet: "tb_var('${1:VAR_NAME}')",
  },
];

// ---------------------------------------------------------------------------------------------
// Python builtins allowed by the whitelist

const BUILTIN_FUNCTIONS: readonly TemplateFunction[] = [
  {
    name: 'len',
    kind: 'builtin',
    signature: 'len(value)',
    parameters: [{ name: 'value', optional: false, documentation: 'List or string.' }],
    description: 'Python `len`: number of elements of a list or characters of a string, evaluated at render time.',
    snippet: 'len(${1:value})',
  },
  {
    name: 'list',
    kind: 'builtin',
    signature: 'list(iterable)',
    parameters: [{ name: 'iterable', optional: false, documentation: 'Value to convert.' }],
    description: 'Python `list`: builds a list from any iterable at render time.',
    snippet: 'list(${1:value})',
  },
  {
    name: 'min',
    kind: 'builtin',
    signature: 'min(a, b, …)',
    parameters: [
      { name: 'a', optional: false, documentation: 'First value (or an iterable).' },
      { name: 'b', optional: true, variadic: true, documentation: 'Further values.' },
    ],
    description: 'Python `min`: smallest of its arguments, evaluated at render time (e.g. to cap a limit).',
    snippet: 'min(${1:a}, ${2:b})',
  },
  {
    name: 'max',
    kind: 'builtin',
    signature: 'max(a, b, …)',
    parameters: [
      { name: 'a', optional: false, documentation: 'First value (or an iterable).' },
      { name: 'b', optional: true, variadic: true, documentation: 'Further values.' },
    ],
    description: 'Python `max`: largest of its arguments, evaluated at render time.',
    snippet: 'max(${1:a}, ${2:b})',
  },
  {
    name: 'int',
    kind: 'builtin',
    signature: 'int(value)',
    parameters: [{ name: 'value', optional: false, documentation: 'Value to convert.' }],
    description: 'Python `int`: converts a value to an integer at render time (not a typed parameter; use `Int32()` for that).',
    snippet: 'int(${1:value})',
  },
  {
    name: 'float',
    kind: 'builtin',
    signature: 'float(value)',
    parameters: [{ name: 'value', optional: false, documentation: 'Value to convert.' }],
    description: 'Python `float`: converts a value to a float at render time (not a typed parameter; use `Float64()` for that).',
    snippet: 'float(${1:value})',
  },
];

/** Every function callable from a template, in the spirit of the CLI’s `VALID_FUNCTION_NAMES`. */
export const TEMPLATE_FUNCTIONS: readonly TemplateFunction[] = [...TYPE_FUNCTIONS, ...HELPER_FUNCTIONS, ...BUILTIN_FUNCTIONS];

/** The security whitelist of callable names (`check_valid_expr`), in the CLI's order. */
export const VALID_FUNCTION_NAMES: readonly string[] = [
  'Boolean', 'DateTime', 'DateTime64', 'Date', 'Float32', 'Float64',
  'Int8', 'Int16', 'Int32', 'Int64', 'Int128', 'Int256',
  'UInt8', 'UInt16', 'UInt32', 'UInt64', 'UInt128', 'UInt256',
  'String', 'Array', 'symbol', 'cache_ttl', 'error', 'custom_error', 'backend_hint', 'activate',
  'sql_unescape', 'max_threads', 'tb_secret', 'tb_var', 'Int', 'table', 'TABLE', 'len', 'list', 'min', 'max',
  'Integer', 'int', 'float', 'JSON', 'defined', 'column', 'columns', 'day_diff',
  'date_diff_in_seconds', 'date_diff_in_minutes', 'date_diff_in_hours', 'date_diff_in_days',
  'split_to_array', 'enumerate_with_last', 'sql_and',
];

/** Names accepted as a parameter type by `transform_type` (including the lower-case aliases). */
export const TEMPLATE_TYPE_NAMES: readonly string[] = [
  ...TYPE_FUNCTIONS.map((f) => f.name),
  'bool',
  'Symbol',
  'Column',
];

// ---------------------------------------------------------------------------------------------
// Methods

export interface TemplateMethod {
  readonly name: string;
  readonly signature: string;
  readonly description: string;
  readonly snippet: string;
}

/** The only method calls the whitelist allows (`x.split(',')`, `d.get('k')`, …). */
export const TEMPLATE_METHODS: readonly TemplateMethod[] = [
  { name: 'split', signature: "str.split(sep=None, maxsplit=-1)", description: 'Python `str.split`: splits a string into a list.', snippet: "split('${1:,}')" },
  { name: 'get', signature: 'dict.get(key, default=None)', description: 'Python `dict.get`: reads a key of a dictionary with a fallback value.', snippet: "get('${1:key}', ${2:None})" },
  { name: 'join', signature: 'str.join(iterable)', description: 'Python `str.join`: concatenates a list of strings with the receiver as separator.', snippet: 'join(${1:items})' },
  { name: 'replace', signature: 'str.replace(old, new, count=-1)', description: 'Python `str.replace`: substitutes occurrences of a substring.', snippet: "replace('${1:old}', '${2:new}')" },
];

// ---------------------------------------------------------------------------------------------
// Block tags

export interface TemplateBlockKeyword {
  readonly name: string;
  /** What follows the keyword inside `{% … %}`, e.g. `if <condition>`. */
  readonly syntax: string;
  readonly description: string;
  /** Opens a block that must be closed with `{% end %}`. */
  readonly opensBlock: boolean;
  /** Only valid inside another block (`elif`/`else` in `if`, `except`/`finally` in `try`, `break`/`continue` in loops). */
  readonly within?: readonly string[];
  /** Snippet of the whole tag (with `{% … %}` and the closing `{% end %}` where relevant). */
  readonly snippet: string;
  /** Snippet for the text after an already typed `{% `. */
  readonly innerSnippet: string;
}

export const TEMPLATE_BLOCK_KEYWORDS: readonly TemplateBlockKeyword[] = [
  {
    name: 'if',
    syntax: 'if <condition>',
    description: 'Includes the enclosed SQL only when the condition is true; closed by `{% end %}` (not `endif`).',
    opensBlock: true,
    snippet: '{% if ${1:defined(param)} %}\n\t$0\n{% end %}',
    innerSnippet: 'if ${1:defined(param)} %}\n\t$0\n{% end',
  },
  {
    name: 'elif',
    syntax: 'elif <condition>',
    description: 'Alternative branch of an `if` block, tried when the previous conditions were false.',
    opensBlock: false,
    within: ['if'],
    snippet: '{% elif ${1:condition} %}',
    innerSnippet: 'elif ${1:condition}',
  },
  {
    name: 'else',
    syntax: 'else',
    description: 'Fallback branch of an `if` block (or of a `for`/`while`/`try`).',
    opensBlock: false,
    within: ['if', 'for', 'while', 'try'],
    snippet: '{% else %}',
    innerSnippet: 'else',
  },
  {
    name: 'for',
    syntax: 'for <var> in <iterable>',
    description: 'Repeats the enclosed SQL for every element of a list, e.g. one condition per item of `split_to_array(param)`; closed by `{% end %}`.',
    opensBlock: true,
    snippet: '{% for ${1:item} in ${2:split_to_array(param)} %}\n\t$0\n{% end %}',
    innerSnippet: 'for ${1:item} in ${2:split_to_array(param)} %}\n\t$0\n{% end',
  },
  {
    name: 'while',
    syntax: 'while <condition>',
    description: 'Repeats the enclosed SQL while the condition holds; closed by `{% end %}`.',
    opensBlock: true,
    snippet: '{% while ${1:condition} %}\n\t$0\n{% end %}',
    innerSnippet: 'while ${1:condition} %}\n\t$0\n{% end',
  },
  {
    name: 'try',
    syntax: 'try',
    description: 'Renders the enclosed SQL, falling back to the `except` branch if rendering raises; closed by `{% end %}`.',
    opensBlock: true,
    snippet: '{% try %}\n\t$1\n{% except %}\n\t$0\n{% end %}',
    innerSnippet: 'try %}\n\t$1\n{% except %}\n\t$0\n{% end',
  },
  {
    name: 'except',
    syntax: 'except',
    description: 'Branch of a `try` block used when the `try` part raised an error.',
    opensBlock: false,
    within: ['try'],
    snippet: '{% except %}',
    innerSnippet: 'except',
  },
  {
    name: 'finally',
    syntax: 'finally',
    description: 'Branch of a `try` block that is always rendered.',
    opensBlock: false,
    within: ['try'],
    snippet: '{% finally %}',
    innerSnippet: 'finally',
  },
  {
    name: 'set',
    syntax: 'set <name> = <expression>',
    description: 'Assigns a template variable for the rest of the node, e.g. `{% set limit = min(Int32(limit, 10), 100) %}`. No `{% end %}`.',
    opensBlock: false,
    snippet: '{% set ${1:name} = ${2:value} %}',
    innerSnippet: 'set ${1:name} = ${2:value}',
  },
  {
    name: 'comment',
    syntax: 'comment <text>',
    description: 'A comment tag: ignored when rendering (and kept by `tb fmt`). No `{% end %}`.',
    opensBlock: false,
    snippet: '{% comment ${1:text} %}',
    innerSnippet: 'comment ${1:text}',
  },
  {
    name: 'end',
    syntax: 'end',
    description: 'Closes the innermost `if`, `for`, `while` or `try` block.',
    opensBlock: false,
    snippet: '{% end %}',
    innerSnippet: 'end',
  },
  {
    name: 'whitespace',
    syntax: 'whitespace <mode>',
    description: "Changes how whitespace in the template output is handled from here on: `all`, `single` or `oneline`.",
    opensBlock: false,
    snippet: '{% whitespace ${1|all,single,oneline|} %}',
    innerSnippet: 'whitespace ${1|all,single,oneline|}',
  },
  {
    name: 'break',
    syntax: 'break',
    description: 'Leaves the innermost `for` / `while` loop.',
    opensBlock: false,
    within: ['for', 'while'],
    snippet: '{% break %}',
    innerSnippet: 'break',
  },
  {
    name: 'continue',
    syntax: 'continue',
    description: 'Skips to the next iteration of the innermost `for` / `while` loop.',
    opensBlock: false,
    within: ['for', 'while'],
    snippet: '{% continue %}',
    innerSnippet: 'continue',
  },
];

export interface ForbiddenTemplateTag {
  readonly name: string;
  /** Why Tinybird rejects it (our wording). */
  readonly reason: string;
}

/** Tornado tags that the hardened Tinybird fork rejects, each with its own error. */
export const FORBIDDEN_TEMPLATE_TAGS: readonly ForbiddenTemplateTag[] = [
  { name: 'extends', reason: 'Template inheritance is not available in Tinybird templates.' },
  { name: 'include', reason: 'Template includes are not available; use the datafile `INCLUDE` keyword instead.' },
  { name: 'import', reason: 'Python imports are not allowed in templates.' },
  { name: 'from', reason: 'Python `from … import` is not allowed in templates.' },
  { name: 'autoescape', reason: 'Auto-escaping cannot be configured in Tinybird templates.' },
  { name: 'raw', reason: 'Raw (unescaped) output is not allowed in Tinybird templates.' },
  { name: 'module', reason: 'UI modules are not available in Tinybird templates.' },
  { name: 'apply', reason: 'Applying functions to template blocks is not allowed.' },
  { name: 'block', reason: 'Named blocks (template inheritance) are not available.' },
];

/** Query parameter names reserved by the API (`RESERVED_PARAM_NAMES`): a template must not declare them. */
export const RESERVED_PARAM_NAMES: readonly string[] = [
  '__tb__semver',
  'debug_source_tables',
  'debug',
  'explain',
  'finalize_aggregations',
  'output_format_json_quote_64bit_integers',
  'output_format_json_quote_denormals',
  'output_format_parquet_string_as_string',
  'pipeline',
  'playground',
  'q',
  'query_id',
  'release_replacements',
  'tag',
  'template_parameters',
  'token',
];

// ---------------------------------------------------------------------------------------------
// Lookups

const FUNCTION_MAP: ReadonlyMap<string, TemplateFunction> = new Map(TEMPLATE_FUNCTIONS.map((f) => [f.name, f]));

/** Exact-case lookup (template function names are case-sensitive: `String` ≠ `string`). */
export function templateFunction(name: string): TemplateFunction | undefined {
  return FUNCTION_MAP.get(name);
}
