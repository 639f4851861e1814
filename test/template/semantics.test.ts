// Behaviours the reference documents from running the engine ([RUN] in template-engine.md) beyond the goldens.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { TemplateError, fromJs, renderTemplate, templateParams } from '../../server/template';

function render(template: string, vars?: Record<string, unknown> | null, testMode = false): string {
  try {
    const variables = vars ? new Map(Object.entries(vars).map(([k, v]) => [k, fromJs(v)])) : null;
    return renderTemplate(template, { variables, testMode }).sql;
  } catch (e) {
    if (e instanceof TemplateError) return `${e.kind}: ${e.message}`;
    throw e;
  }
}

const cases: [string, Record<string, unknown> | null, boolean, string][] = [
  ['{{ Int32(x, 1) }}{% set x = 3 %}', {}, false, "SQLTemplateException: Template Syntax Error: cannot access local variable 'x' where it is not associated with a value"],
  ['{% set y = 3 %}{{y}}', { y: '7' }, false, '3'],
  ['{% if 1 %}{% set y = 3 %}{% end %}{{y}}', null, false, '3'],
  ['{% for x in [1,2] %}{% if x == 2 %}{% break %}{% end %}{% end %}', null, false, "SyntaxError: 'break' outside loop (<string>, line 2)"],
  ['{% for x in [1,2] %}{{x}}{% break %}{% end %}', null, false, '1'],
  ['{{ fromage + }}', null, false, 'ParseError: "from" is a forbidden word at <string>:1'],
  ['{% if 1 %}\nA\n{% end %}\n', null, false, '\nA\n\n'],
  ["  {{ 'a' }}  \n\t{{'b'}}", null, false, "  'a'  \n\t'b'"],
  ['a\n{{ \n }}', null, false, 'ParseError: Empty expression at <string>:3'],
  ['{%if\tx%}', null, false, "ParseError: unknown operator: 'if\\tx' at <string>:1"],
  ['{% if(x) %}', null, false, "ParseError: unknown operator: 'if(x)' at <string>:1"],
  ['{{{x}}}', { x: '1' }, false, "{'1'}"],
  ['{{{{x}}}}', { x: '1' }, false, "{{'1'}}"],
  ["SELECT '{%'", null, false, 'ParseError: Missing end block %} at <string>:1'],
  ["{{ '}}' }}", null, false, 'SyntaxError: unterminated string literal (detected at line 1) (<unknown>, line 1)'],
  ['{% for x in y %}\n\nabc', null, false, 'UnClosedIfError: Missing {% end %} block for if at line 1'],
  ['\n\n{% if x %}\n\nabc', null, false, 'UnClosedIfError: Missing {% end %} block for if at line 3'],
  ['line1\n{% block x %}\na\n{% end %}', null, false, 'ParseError: block is forbidden at <string>:4'],
  ['{% end if %}{% if 1 %}a{% end foo bar %}', null, false, 'ParseError: Extra {% end %} block at <string>:1'],
  ['{% if 1 %}a{% end foo bar %}', null, false, 'a'],
  ['{% comment anything %}x', null, false, 'x'],
  ['{{ x == 1 }}', null, false, "SQLTemplateException: Template Syntax Error: Invalid expression type: Compare(left=Name(id='x', ctx=Load()), ops=[Eq()], comparators=[Constant(value=1)])"],
  ['{{ range(3) }}', null, false, 'SQLTemplateException: Template Syntax Error: Invalid function name: range'],
  ['{{ x[-1] }}', null, false, 'SQLTemplateException: Template Syntax Error: Invalid Slice expression: UnaryOp(op=USub(), operand=Constant(value=1))'],
  ['{{ x.y }}', null, false, "SQLTemplateException: Template Syntax Error: Invalid expression type: Attribute(value=Name(id='x', ctx=Load()), attr='y', ctx=Load())"],
  ['{{ ~x }}', null, false, 'SQLTemplateException: Template Syntax Error: Invalid UnaryOp: Invert()'],
  ['{{ x.upper() }}', null, false, 'SQLTemplateException: Template Syntax Error: Invalid method name: upper'],
  ['{{String(id)}}', null, false, "'<built-in function id>'"],
  ['{% if defined(type) %}T{% end %}', null, false, 'T'],
  ['{{Int32(max, 1)}}', null, false, "SQLTemplateException: Template Syntax Error: Error validating '<built-in function max>' to type Int32"],
  ['{{ x * 3 }}', { x: 'ab' }, false, "'ababab'"],
  ['{{ x + 1 }}', { x: '3' }, false, "ValueError: can only concatenate str (not \"int\") to str"],
  ['{{ Int32(x) + 1 }}', { x: '5' }, false, '6'],
  ['{{ Float32(x) * 2 }}', { x: '5' }, false, '10.0'],
  ['{{ [Int32(x)] }}', { x: '1' }, false, '[1]'],
  ["{{Array(x,'Int32')}} {{x}}", { x: '1,2' }, false, '[1,2] [1, 2]'],
  ['{{Array(x)}} {{x}}', { x: "it's" }, false, "['it\\'s'] [\"it's\"]"],
  ["{{Array(x,'Boolean')}} {{x}}", { x: 'true,0' }, false, '[1,0] [1, 0]'],
  ['{{String(test)}} {{Int32(color)}}', { color: '1' }, false, 'SQLTemplateException: Template Syntax Error: Required parameter is not defined. Check the parameters test and color. Please provide a value or set a default value in the pipe code.'],
  ['{% for v in [1] %}{{String(y)}}{% end %}', null, false, 'SQLTemplateException: Template Syntax Error: Required parameter is not defined. Check the parameters v and y. Please provide a value or set a default value in the pipe code.'],
  ["{{ String(x, default=str(1)) }}", { x: 'a' }, false, "'a'"],
  ['{% if x > 5 %}a{% end %}', null, true, "ValueError: '>' not supported between instances of 'Placeholder' and 'int'. If you are using a dynamic parameter, you need to wrap it around a valid Data Type (e.g. Int8(placeholder))"],
  ['{% if x > 5 %}a{% end %}', { x: '3' }, false, "ValueError: '>' not supported between instances of 'str' and 'int'"],
  ['{% if whatever(y) %}a{% end %}', null, false, 'SQLTemplateException: Template Syntax Error: wrong syntax, you might be using a not valid function inside a control block'],
  ['{{ 1e16 }} {{ 0.00001 }} {{ 1e-7 }} {{ 0.1 + 0.2 }} {{ -0.0 }}', null, false, '1e+16 1e-05 1e-07 0.30000000000000004 -0.0'],
  ["{{ Float64(x) }}", { x: '123456789.123456789' }, false, "toFloat64('123456789.12345679')"],
  ["{{ Float64(x) }}", { x: '1e3' }, false, "toFloat64('1000.0')"],
  ["{{ Float32(x) }}", { x: '1e400' }, false, "toFloat32('inf')"],
  ["{{ Int32(x) }}", { x: '+5' }, false, "toInt32('5')"],
  ["{{ Int32(x) }}", { x: '5\n' }, false, "toInt32('5')"],
  ["{{ Int32(x) }}", { x: ' 5' }, false, "SQLTemplateException: Template Syntax Error: Error validating ' 5' to type Int32"],
  ["{{ UInt8(x) }}", { x: '+5' }, false, "SQLTemplateException: Template Syntax Error: Error validating '+5' to type UInt8"],
  ["{{ UInt128(x) }}", { x: '+5' }, false, "toUInt128('5')"],
  ["{{ UInt64(x) }}", { x: '18446744073709551615' }, false, "toUInt64('18446744073709551615')"],
  ["{{ DateTime(x) }}", { x: '2024-01-31 10:00:00xyz' }, false, "'2024-01-31 10:00:00xyz'"],
  ["{{ DateTime64(x) }}", { x: '2024-01-31 10:00:00' }, false, "SQLTemplateException: Template Syntax Error: Error validating '2024-01-31 10:00:00' to type DateTime64"],
  ["{{ Int(x) }}", { x: 'a' }, false, "SQLTemplateException: Template Syntax Error: Error validating 'a' to type Int32"],
  ["{{ Array(x, 'Int') }}", { x: '1,a' }, false, "SQLTemplateException: Template Syntax Error: Error validating 'a' to type Int32"],
  ["{{ Array(x, 'Symbol') }}", null, true, '[`\\`placeholder\\``,`\\`placeholder\\``]'],
  ["{{ columns(x, 'a, b ,c.d') }}", null, false, '`a`,`b`,`c`.`d`'],
  ['{{ column(x) }}', { x: 'json.a' }, false, '`json`.`a`'],
  ['{{ column(x) }}', { x: 5 }, false, "AttributeError: 'int' object has no attribute 'translate'"],
  ['{{ symbol(x) }}', { x: 'a`b' }, false, '`a\\`b`'],
  ['{{ table(x) }}', { x: '"table-name"' }, false, 'table-name'],
  ["{{ sql_unescape(x) }}", { x: "a'b" }, false, "'a'b'"],
  ["{{ split_to_array(x) }}", { x: ' a , b ' }, false, "['a', 'b']"],
  ["{{ len(Array(x)) }}", { x: 'a,b' }, false, '9'],
  ['{{ x }}', { x: "\0\r\b\t\x1a\n\"'\\%`é" }, false, "'\\0\\r\\b\\t\\z\\n\\\"\\'\\\\\\%\\`é'"],
  ['{{ Boolean(x) }}', { x: 'no' }, false, '1'],
  ['{{ Boolean(x) }}', { x: 'False' }, false, '0'],
  ['{{ Boolean(x, required=True) }}', { x: 'a' }, false, "ValueError: boolean() got an unexpected keyword argument 'required'"],
  ['{{ Int32() }}', null, false, 'SQLTemplateException: Template Syntax Error: one of the transform type functions is missing an argument'],
  ["{{ String(x, foo='a') }}", null, false, "ValueError: transform_type.<locals>._f() got an unexpected keyword argument 'foo'"],
  ['{% whitespace oneline %}a  \n  b', null, false, 'a b'],
  ['{{ x }}', null, true, "'__no_value__'"],
  ['{% for p in x %}{{p}}{% end %}', null, true, "'__no_value__''__no_value__''__no_value__'"],
  ['{{ len(x) }}', null, true, "ValueError: object of type 'Placeholder' has no len()"],
  ["{{ 'a' + x }}", null, true, 'ValueError: can only concatenate str (not "Placeholder") to str'],
  ["{{ tb_secret('s') }}", null, false, "SQLTemplateException: Template Syntax Error: Cannot access secret 's'. Check the secret exists in the Workspace and the token has the required scope."],
];

test('documented engine behaviours', () => {
  const failures: string[] = [];
  for (const [template, vars, testMode, want] of cases) {
    const got = render(template, vars, testMode);
    if (got !== want) failures.push(`${JSON.stringify(template)}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
  }
  assert.equal(failures.length, 0, failures.join('\n'));
});

test('declared parameters follow the breadth-first walk', () => {
  const names = (t: string) => templateParams(t).map((p) => `${p.name}:${p.type}`);
  assert.deepEqual(names('{{Int32(x, 1) + x}}'), ['x:String']);
  assert.deepEqual(names('{{x + Int32(x, 1)}}'), ['x:Int32']);
  assert.deepEqual(names('{{ x if y else z }}'), ['y:String', 'x:String', 'z:String']);
  assert.deepEqual(names("{{sql_and(a=x, b__in=Array(y, 'Int32'), c=Int32(z, 5))}}"), ['x:String', 'y:Array(Int32)', 'z:Int32']);
  assert.deepEqual(names('{{Int(x)}} {{symbol(z)}}'), []);
  assert.deepEqual(templateParams('{{Int64(z, 9007199254740993)}}')[0].default, '9007199254740993');
  assert.deepEqual(templateParams("{{String(x, 'a' + 'b')}}")[0].default, 'a');
  assert.throws(() => templateParams('{{defined([1])}}'), /"\[1\]" can not be used as a variable name/);
});

test('reserved parameter names are reported as warnings', () => {
  const r = renderTemplate("{{pipeline}} {{pipeline}} {{String(tag, 'a')}} {{debug}}", {
    variables: new Map([['pipeline', 'p'], ['debug', 'd']]),
  });
  assert.deepEqual(r.warnings, ['pipeline', 'pipeline', 'tag', 'debug']);
});
